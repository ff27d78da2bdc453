/// Reads the entries of one YAML mapping by key, reporting wrong types and missing keys as it goes,
/// and unknown keys (with a did-you-mean) when `finish()` is called.
struct MappingReader {
    let node: YAMLNode
    let pairs: [YAMLPair]
    /// What the mapping is, for messages: "catalog 'RAWS'", "error 'InvalidURI'".
    let what: String
    let file: String
    /// The keys asked for, in order (the known keys, for suggestions), and which pairs they found.
    /// Mappings hold a handful of keys, so arrays beat hashing here.
    private var asked: [String] = []
    private var found: [Bool]

    /// Where a missing required key is reported: the key naming the mapping (a catalog's name, an
    /// error's wire code), else the mapping itself.
    let ownerLocation: SourceLocation

    /// `nil` (after reporting) when `node` is not a mapping. `key` is the location of the key
    /// whose value the mapping is, if it has one.
    init?(_ node: YAMLNode, what: String, file: String, key: SourceLocation? = nil, diagnostics: inout DiagnosticCollector) {
        guard let pairs = node.mapping else {
            diagnostics.error("\(what) must be a mapping, not \(node.kindDescription)", file: file, at: node.location)
            return nil
        }
        self.node = node
        ownerLocation = key ?? node.location
        self.pairs = pairs
        self.what = what
        self.file = file
        found = Array(repeating: false, count: pairs.count)
    }

    /// The value node for `key`, marking the key as known.
    mutating func node(_ key: String, required: Bool = false, diagnostics: inout DiagnosticCollector) -> YAMLNode? {
        if !asked.contains(key) { asked.append(key) }
        if let index = pairs.firstIndex(where: { $0.key.scalar?.value == key }) {
            found[index] = true
            return pairs[index].value
        }
        if required {
            diagnostics.error("\(what) is missing the required key '\(key)'", file: file, at: ownerLocation)
        }
        return nil
    }

    package mutating func string(_ key: String, required: Bool = false, diagnostics: inout DiagnosticCollector) -> Located<String>? {
        guard let value = node(key, required: required, diagnostics: &diagnostics) else { return nil }
        return Self.string(value, key: key, file: file, diagnostics: &diagnostics)
    }

    package mutating func int(_ key: String, required: Bool = false, diagnostics: inout DiagnosticCollector) -> Located<Int>? {
        guard let value = node(key, required: required, diagnostics: &diagnostics) else { return nil }
        if let scalar = value.scalar, case let .int(n) = scalar.resolved {
            return Located(n, at: value.location)
        }
        var hint = ""
        if let scalar = value.scalar, case .string = scalar.resolved, Int(scalar.value) != nil {
            hint = " (remove the quotes to make it an integer: \(scalar.value))"
        }
        diagnostics.error("'\(key)' must be an integer, not \(value.kindDescription)\(hint)", file: file, at: value.location)
        return nil
    }

    /// A string value: a scalar that the core schema reads as a string.
    package static func string(_ value: YAMLNode, key: String, file: String, diagnostics: inout DiagnosticCollector) -> Located<String>? {
        if let scalar = value.scalar, case let .string(s) = scalar.resolved {
            return Located(s, at: value.location)
        }
        var hint = ""
        if let scalar = value.scalar, scalar.resolved != .null {
            hint = " (quote it to make it a string: \"\(scalar.value)\")"
        }
        diagnostics.error("'\(key)' must be a string, not \(value.kindDescription)\(hint)", file: file, at: value.location)
        return nil
    }

    /// Reports every key that was never asked for.
    func finish(diagnostics: inout DiagnosticCollector) {
        for (index, pair) in pairs.enumerated() where !found[index] {
            guard let key = pair.key.scalar?.value else {
                diagnostics.error("keys of \(what) must be strings", file: file, at: pair.key.location)
                continue
            }
            let known = asked.sorted()
            var message = "unknown key '\(key)' in \(what)"
            if let suggestion = Spelling.suggestion(for: key, among: known) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += " (expected one of: \(known.joined(separator: ", ")))"
            }
            diagnostics.error(message, file: file, at: pair.key.location)
        }
    }
}

/// Did-you-mean suggestions by edit distance.
public enum Spelling {
    /// The closest candidate within a distance that makes it a plausible typo, if any. Words and
    /// candidate lists beyond human size get no suggestion, so hostile specs stay fast to check.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        guard word.utf8.count <= 64, candidates.count <= 256 else { return nil }
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates where abs(candidate.count - word.count) <= limit && candidate.utf8.count <= 64 {
            let d = distance(word.lowercased(), candidate.lowercased())
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    /// Edit distance over Unicode scalars in which swapping two neighbours counts as one edit
    /// (optimal string alignment), since transposed letters are the commonest typo.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
