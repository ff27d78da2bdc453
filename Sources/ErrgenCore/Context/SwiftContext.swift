/// What the Swift template of one catalog receives. Every string is ready to paste into Swift
/// source: names are escaped where needed and literals are complete literals.
///
/// Templates see the properties by these names (see README, "Templates").
public struct SwiftCatalogContext: Sendable {
    /// The first line of the file: what generated it, from which spec, how to regenerate it.
    public var header: String
    /// The generated type, `RAWSError`.
    public var typeName: String
    /// Doc-comment lines for the type, each either empty or starting with a space.
    public var docLines: [String]
    public var cases: [SwiftCaseContext]
    /// The cases without parameters (grouped in switches).
    public var payloadlessCases: [SwiftCaseContext]
    public var hasPayloadlessCases: Bool
    /// The cases marked deprecated.
    public var deprecatedCases: [SwiftCaseContext]
    public var hasDeprecatedCases: Bool
    /// Swift string literals.
    public var nameLiteral: String
    public var titleLiteral: String
    /// Runtime `FormatSpec` case names, in order of preference.
    public var formats: [String]
    public var defaultFormat: String
    /// A string literal, or `nil`.
    public var xmlNamespaceLiteral: String
    /// The shared parameters as a literal of `name:type` items.
    public var sharedParametersLiteral: String
    /// The lines of the catalog table, escaped for a multi-line string literal.
    public var tableLines: [String]
}

public struct SwiftCaseContext: Sendable {
    /// The case name as written in a declaration or after a dot (keywords in backticks).
    public var name: String
    /// The wire code as a Swift string literal.
    public var wireCodeLiteral: String
    public var status: Int
    public var docLines: [String]
    public var parameters: [SwiftParameterContext]
    public var hasParameters: Bool
    public var deprecated: Bool
    /// `, message: "…"` for `@available`, or empty.
    public var deprecationArgument: String
}

public struct SwiftParameterContext: Sendable {
    /// The argument label in the case declaration (keywords in backticks).
    public var label: String
    /// The argument label at a call site (only `inout`, `var` and `let` need backticks there).
    public var callLabel: String
    /// The name a pattern binds the value to.
    public var binding: String
    /// `String`, `Int`, `Double` or `Bool`.
    public var swiftType: String
    /// The runtime's `ArgumentValue` case and `ArgumentList` accessor: `string`, `integer`, `number`, `boolean`.
    public var kind: String
    /// The spec name as a Swift string literal.
    public var nameLiteral: String
}

/// Builds template contexts from a validated spec.
public enum ContextBuilder {
    public static func swiftCatalog(_ catalog: CatalogSpec, header: String) -> SwiftCatalogContext {
        var cases: [SwiftCaseContext] = []
        for entry in catalog.errors {
            let name = SwiftNames.escaped(entry.swiftCaseName)
            var doc = SwiftLiteral.docLines(entry.message.value.source)
            doc.append("")
            doc.append(" Wire code `\(entry.code.value)`, HTTP status \(entry.status.value).")
            if let description = entry.description, !description.isEmpty {
                doc.append("")
                doc += SwiftLiteral.docLines(description)
            }
            let all = entry.parameters + catalog.parameters
            if !all.isEmpty {
                doc.append("")
                doc.append(" - Parameters:")
                for parameter in all {
                    var line = " \(parameter.swiftName): "
                    line += parameter.description.map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") } ?? "The `\(parameter.name.value)` value."
                    doc += SwiftLiteral.docLines("   -" + line)
                }
            }
            let parameters = all.map { parameter in
                SwiftParameterContext(
                    label: SwiftNames.escaped(parameter.swiftName), callLabel: SwiftNames.argumentLabel(parameter.swiftName),
                    binding: SwiftNames.localName(parameter.swiftName),
                    swiftType: parameter.kind.swiftType, kind: parameter.kind.rawValue,
                    nameLiteral: SwiftLiteral.string(parameter.name.value))
            }
            var deprecationArgument = ""
            if let message = entry.deprecation?.message, !message.isEmpty {
                deprecationArgument = ", message: " + SwiftLiteral.string(message)
            }
            cases.append(
                SwiftCaseContext(
                    name: name, wireCodeLiteral: SwiftLiteral.string(entry.code.value), status: entry.status.value,
                    docLines: doc, parameters: parameters, hasParameters: !parameters.isEmpty,
                    deprecated: entry.deprecation != nil, deprecationArgument: deprecationArgument))
        }

        var typeDoc = SwiftLiteral.docLines(catalog.title)
        if let summary = catalog.summary, !summary.isEmpty {
            typeDoc.append("")
            typeDoc += SwiftLiteral.docLines(summary)
        }
        if let description = catalog.description, !description.isEmpty {
            typeDoc.append("")
            typeDoc += SwiftLiteral.docLines(description)
        }

        let formats = catalog.formats.map { runtimeFormatCase($0.kind) }
        let namespace = catalog.formats.first { $0.kind == .xml }?.namespace
        let payloadless = cases.filter { !$0.hasParameters }
        let deprecated = cases.filter(\.deprecated)
        return SwiftCatalogContext(
            header: header, typeName: catalog.swiftTypeName, docLines: typeDoc, cases: cases,
            payloadlessCases: payloadless, hasPayloadlessCases: !payloadless.isEmpty,
            deprecatedCases: deprecated, hasDeprecatedCases: !deprecated.isEmpty,
            nameLiteral: SwiftLiteral.string(catalog.name.value), titleLiteral: SwiftLiteral.string(catalog.title),
            formats: formats, defaultFormat: catalog.effectiveDefaultFormat.map { runtimeFormatCase($0.kind) } ?? formats.first ?? "text",
            xmlNamespaceLiteral: namespace.map(SwiftLiteral.string) ?? "nil",
            sharedParametersLiteral: SwiftLiteral.string(parameterList(catalog.parameters)),
            tableLines: catalog.errors.map(tableLine))
    }

    static func runtimeFormatCase(_ kind: FormatSpec.Kind) -> String {
        switch kind {
        case .text: return "text"
        case .json: return "json"
        case .xml: return "xml"
        case .problemJSON: return "problemJSON"
        }
    }

    static func parameterList(_ parameters: [ParameterSpec]) -> String {
        parameters.map { "\($0.name.value):\($0.kind.rawValue)" }.joined(separator: ",")
    }

    /// One line of the runtime catalog table (see `Catalog.init` in ErrgenRuntime), escaped for a
    /// Swift multi-line string literal.
    static func tableLine(_ entry: ErrorSpec) -> String {
        var fields = [entry.code.value, String(entry.status.value), entry.message.value.source, parameterList(entry.parameters)]
        for header in entry.headers {
            fields.append(header.name.value + ": " + header.value.value.source)
        }
        let line = fields.map(tableEscaped).joined(separator: "\t")
        return SwiftLiteral.escaped(line)
    }

    /// The table's own escapes, so that a field never holds a raw tab or line break.
    static func tableEscaped(_ field: String) -> String {
        var out = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
