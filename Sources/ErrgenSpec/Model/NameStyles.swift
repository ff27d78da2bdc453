/// A name in the cases other languages write identifiers in, for custom templates: built from the
/// same words as the Swift names (`SwiftNames`), so `InvalidURI` is `INVALID_URI`, `invalid_uri`,
/// `InvalidURI` and `invalidURI`. A result never starts with a digit (`_1045`) and is never empty
/// (`_`); it is not escaped for any language's keywords.
public enum NameStyles {
    /// `INVALID_URI`, `IP_ADDRESS`: constants in Java, Kotlin, C, Python.
    public static func upperSnake(_ name: String) -> String {
        joined(SwiftNames.normalizedWords(name).map { $0.uppercased() }, separator: "_")
    }

    /// `invalid_uri`, `ip_address`: Python, Rust and Ruby names.
    public static func lowerSnake(_ name: String) -> String {
        joined(SwiftNames.normalizedWords(name).map { $0.lowercased() }, separator: "_")
    }

    /// `InvalidURI`, `IpAddress`: type names.
    public static func upperCamel(_ name: String) -> String { SwiftNames.upperCamel(name) }

    /// `invalidURI`, `ipAddress`: members in Java, Kotlin, JavaScript.
    public static func lowerCamel(_ name: String) -> String { SwiftNames.lowerCamel(name) }

    private static func joined(_ words: [String], separator: String) -> String {
        guard !words.isEmpty else { return "_" }
        let out = words.joined(separator: separator)
        if let first = out.unicodeScalars.first, first.isASCIIDigit { return "_" + out }
        return out
    }
}
