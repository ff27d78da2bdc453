import ErrgenRuntime

extension CatalogSpec {
    /// The Swift type generated for the catalog: `swift-name`, else the catalog name in UpperCamelCase
    /// followed by `Error` (`RAWS` → `RAWSError`).
    public var swiftTypeName: String {
        if let swiftName { return swiftName.value }
        let base = SwiftNames.upperCamel(name.value)
        return base.hasSuffix("Error") ? base : base + "Error"
    }
}

extension ErrorSpec {
    /// The case name: `swift-name`, else the wire code in lowerCamelCase (`InvalidURI` → `invalidURI`).
    /// Not escaped: a keyword stays a keyword here.
    public var swiftCaseName: String { swiftName?.value ?? derivedSwiftName }
}

extension ErrorSpec {
    /// The summary problem details give as `title`: the spec's `title`, else the message when it has
    /// no placeholders (it is then the same for every occurrence), else the status's reason phrase.
    public var problemTitle: String {
        if let title { return title.value }
        if message.value.placeholderNames.isEmpty { return message.value.render { _ in "" } }
        return StatusPhrase.of(status.value) ?? "Error \(status.value)"
    }
}

/// Names the generated code declares itself, which a case or type may not take.
public enum GeneratedNames {
    /// Members every generated catalog type has, besides its cases.
    public static let reservedMembers: Set<String> = [
        "catalog", "allCodes", "allCases", "init", "self", "Self", "Type", "Protocol", "Code", "rawValue",
        "entry", "name", "wireCode", "status", "description", "debugDescription",
    ]

    /// Instance members every generated catalog type has; a parameter with one of these names gets
    /// no typed property.
    public static let reservedInstanceMembers: Set<String> = [
        "code", "arguments", "wireCode", "status", "message", "description", "parameters", "headers",
        "hashValue", "debugDescription", "localizedDescription",
    ]

    /// Members every generated `Code` has besides `reservedMembers`; a metadata key with one of
    /// these names gets no property.
    public static let reservedCodeMembers: Set<String> = ["metadata", "hashValue", "hash", "allCases"]

    /// Types of the runtime library that generated code names.
    public static let reservedTypes: Set<String> = [
        "CatalogError", "CatalogCode", "CatalogSpec", "ArgumentValue", "ArgumentList", "ErrgenRuntime",
        "String", "Int", "Double", "Bool", "Error", "Sendable", "Hashable", "Hasher",
    ]
}
