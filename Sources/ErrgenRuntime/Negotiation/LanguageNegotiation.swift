/// The language of a response: `Accept-Language` (RFC 9110 §12.5.4) matched against a catalog's
/// languages with RFC 4647's lookup, which never fails: when nothing matches, the catalog's
/// default language (its first) answers. There is no 406 for language.
///
/// The ranges are tried from the highest weight down (equal weights in the order written). For
/// each range, lookup (RFC 4647 §3.4) tries the range itself, then the range with its last subtag
/// removed, and so on (`de-CH-1996` → `de-CH` → `de`; `fr-CA-u-ca-gregory` → … → `fr-CA`); the
/// first of those that a catalog language equals (ignoring case) answers. When none does, a catalog language that the range is a prefix of answers (`fr` → `fr-CA`), so a
/// client asking for a language is not answered in another because the catalog's tag is more
/// precise. `*` stands for the default language. A range of weight 0 excludes every language it
/// matches as a prefix (`de;q=0` excludes `de` and `de-AT`) from all the other ranges. A field
/// that does not parse counts as no preference at all (RFC 9110 lets a server ignore it).
public enum LanguageNegotiation {
    /// One element of `Accept-Language`: a language range (`de-CH`, `*`) and its weight in thousandths.
    public struct LanguageRange: Sendable, Hashable {
        /// Lowercased subtags; `["*"]` for the wildcard.
        public var subtags: [String]
        public var weight: Int

        public var isWildcard: Bool { subtags == ["*"] }
    }

    /// The index in `available` of the language to answer in: see the type's description. The
    /// first of `available` is the default.
    public static func choose(acceptLanguage fields: [String], available: [String]) -> Int {
        guard available.count > 1, let ranges = parse(fields), !ranges.isEmpty else { return 0 }
        let tags = available.map { $0.lowercased().split(separator: "-").map(String.init) }
        let excluded = tags.indices.filter { index in
            ranges.contains { $0.weight == 0 && ($0.isWildcard ? false : isPrefix($0.subtags, of: tags[index])) }
        }
        let allowed = { (index: Int) in !excluded.contains(index) }
        // Stable: equal weights keep the order they were written in.
        let ordered = ranges.enumerated().filter { $0.element.weight > 0 }
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .map(\.element)
        for range in ordered {
            if range.isWildcard {
                if let index = tags.indices.first(where: allowed) { return index }
                continue
            }
            if let index = lookup(range.subtags, in: tags, allowed: allowed) { return index }
            if let index = tags.indices.first(where: { allowed($0) && isPrefix(range.subtags, of: tags[$0]) }) { return index }
        }
        return 0
    }

    /// The index in `available` of the language a single tag asks for (`message(in:)`): lookup,
    /// then a catalog language the tag is a prefix of; nil when neither matches.
    public static func lookup(_ tag: String, in available: [String]) -> Int? {
        let wanted = tag.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard !wanted.contains(where: \.isEmpty) else { return nil }
        let tags = available.map { $0.lowercased().split(separator: "-").map(String.init) }
        if let index = lookup(wanted, in: tags, allowed: { _ in true }) { return index }
        return tags.indices.first { isPrefix(wanted, of: tags[$0]) }
    }

    /// RFC 4647 §3.4: the range, then shorter and shorter prefixes of it.
    static func lookup(_ range: [String], in tags: [[String]], allowed: (Int) -> Bool) -> Int? {
        var candidate = range[...]
        while !candidate.isEmpty {
            if let index = tags.indices.first(where: { allowed($0) && tags[$0].elementsEqual(candidate) }) { return index }
            // (RFC 4647 also drops a single-letter subtag left at the end; a catalog's tags are
            // well-formed and never end in one, so such a candidate matches nothing anyway.)
            candidate = candidate.dropLast()
        }
        return nil
    }

    static func isPrefix(_ range: [String], of tag: [String]) -> Bool {
        range.count <= tag.count && tag.starts(with: range)
    }

    /// The ranges of the `Accept-Language` fields, or nil when any element is malformed:
    /// `language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"`, each with an optional weight
    /// `;q=qvalue`. At most 64 ranges are read (a longer field counts as no preference).
    public static func parse(_ fields: [String]) -> [LanguageRange]? {
        var ranges: [LanguageRange] = []
        for field in fields {
            let bytes = Array(field.utf8)
            var valid = true
            HeaderSyntax.forEachElement(in: bytes) { range in
                guard ranges.count < 64, let parsed = element(bytes[range]) else {
                    valid = false
                    return false
                }
                ranges.append(parsed)
                return true
            }
            if !valid { return nil }
        }
        return ranges
    }

    static func element(_ bytes: ArraySlice<UInt8>) -> LanguageRange? {
        let parts = bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        let rangeText = String(decoding: parts[0], as: UTF8.self).trimmingBlanks()
        var weight = 1000
        for parameter in parts.dropFirst() {
            let text = String(decoding: parameter, as: UTF8.self).trimmingBlanks()
            guard text.count > 2, text.utf8.first.map({ $0 | 0x20 }) == UInt8(ascii: "q"), text.utf8.dropFirst().first == UInt8(ascii: "="),
                let q = HeaderSyntax.qvalue(String(text.dropFirst(2)))
            else { return nil }
            weight = q
        }
        if rangeText == "*" { return LanguageRange(subtags: ["*"], weight: weight) }
        let subtags = rangeText.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (1...8).contains(first.utf8.count), first.utf8.allSatisfy(isAlpha) else { return nil }
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.utf8.count), subtag.utf8.allSatisfy({ isAlpha($0) || isDigit($0) }) else { return nil }
        }
        return LanguageRange(subtags: subtags.map { $0.lowercased() }, weight: weight)
    }

    static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}

extension String {
    /// The string without the spaces and tabs around it.
    fileprivate func trimmingBlanks() -> String {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
