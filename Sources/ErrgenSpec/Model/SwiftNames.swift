/// How spec names become Swift identifiers.
public enum SwiftNames {
    /// `InvalidURI` → `invalidURI`, `ip-address` → `ipAddress`, `ERR_DUP_KEY` → `errDupKey`,
    /// `1045` → `_1045`. The result may be a keyword: see `escaped(_:)`.
    public static func lowerCamel(_ name: String) -> String {
        lowerCamel(name, strippingPrefixes: [], acronyms: [])
    }

    /// `lowerCamel(_:)` under a catalog's naming rules: the first of `prefixes` the name starts
    /// with is dropped (unless nothing would be left), and a word that is one of `acronyms`
    /// (compared ignoring case) is written as the list writes it, or in lower case at the start:
    /// with `ER_` and `SQL`, `ER_BAD_SQL_QUERY` → `badSQLQuery`, `ER_SQL_ERROR` → `sqlError`.
    public static func lowerCamel(_ name: String, strippingPrefixes prefixes: [String], acronyms: [String]) -> String {
        var name = name
        if let prefix = prefixes.first(where: { name.hasPrefix($0) && name.count > $0.count }) {
            name = String(name.dropFirst(prefix.count))
        }
        let spelled = acronyms.isEmpty ? [:] : Dictionary(acronyms.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let words = normalizedWords(name)
        guard let first = words.first else { return "_" }
        var out = first.lowercased()
        for word in words.dropFirst() { out += spelled.isEmpty ? capitalized(word) : spelled[word.lowercased()] ?? capitalized(word) }
        if let scalar = out.unicodeScalars.first, scalar.isASCIIDigit { out = "_" + out }
        return out
    }

    /// `RAWS` → `RAWS`, `rest-auth` → `RestAuth`.
    public static func upperCamel(_ name: String) -> String {
        let words = normalizedWords(name)
        guard !words.isEmpty else { return "_" }
        var out = words.map(capitalized).joined()
        if let scalar = out.unicodeScalars.first, scalar.isASCIIDigit { out = "_" + out }
        return out
    }

    /// The identifier as it must be written in Swift source: keywords in backticks.
    public static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// The name as an argument label at a call site, where only `inout`, `var` and `let` need backticks.
    public static func argumentLabel(_ identifier: String) -> String {
        ["inout", "var", "let"].contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// A local variable name for a value: the name itself, or with a trailing `_` where the name
    /// is a keyword or one the generated code uses for something else.
    public static func localName(_ identifier: String) -> String {
        keywords.contains(identifier) || generatedLocals.contains(identifier) ? identifier + "_" : identifier
    }

    /// Names generated code declares or reads inside its functions.
    static let generatedLocals: Set<String> = ["arguments", "code", "value", "factory", "lhs", "rhs", "hasher", "Self"]

    /// Whether `name` is usable as a Swift identifier (ASCII letters, digits and `_`, not starting with a digit).
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// Words of a name: split at anything that is not an ASCII letter or digit, and at case changes
    /// that start a new word (`InvalidURI` → `Invalid`, `URI`; `URLError` → `URL`, `Error`).
    static func splitWords(_ name: String) -> [String] {
        // Only ASCII letters and digits make words, so the work is done on bytes.
        func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(name.utf8)
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for (i, b) in bytes.enumerated() {
            guard isUpper(b) || isLower(b) || isDigit(b) else {
                flush()
                continue
            }
            if !current.isEmpty, isUpper(b) {
                let previous = current[current.count - 1]
                let nextIsLower = i + 1 < bytes.count && isLower(bytes[i + 1])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) { flush() }
            }
            current.append(b)
        }
        flush()
        return words
    }

    /// The words of a name. A name written all in capitals with separators (`ERR_DUP_KEY`) is
    /// taken as ordinary words (`err`, `dup`, `key`); otherwise initialisms keep their case
    /// (`InvalidURI` → `Invalid`, `URI`), and so does a single all-capitals word (`RAWS`).
    static func normalizedWords(_ name: String) -> [String] {
        let words = splitWords(name)
        let shouting = words.count > 1 && !name.contains(where: \.isLowercase)
        return shouting ? words.map { $0.lowercased() } : words
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Swift's reserved words, which must be escaped with backticks when used as identifiers.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias",
        "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await",
        "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
    ]
}
