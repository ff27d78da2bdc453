import ErrgenRuntime

/// What the Swift file template receives: the file's first line and its catalogs (one, or every
/// catalog of the spec when they go into one file).
public struct SwiftFileContext: Sendable {
    public var header: String
    public var catalogs: [SwiftCatalogContext]
}

/// What the Swift template of a shard file receives: factories of errors whose catalogs are
/// declared in another file, so that a large catalog compiles in parallel.
public struct SwiftShardContext: Sendable {
    public var header: String
    public var blocks: [SwiftFactoryBlock]
}

/// The factories of some errors of one catalog.
public struct SwiftFactoryBlock: Sendable {
    public var typeName: String
    public var factories: ArraySlice<SwiftErrorContext>
}

/// What the Swift template of one catalog receives. Every string is ready to paste into Swift
/// source: names are escaped where needed and literals are complete literals.
///
/// Templates see the properties by these names (see README, "Templates").
public struct SwiftCatalogContext: Sendable {
    /// The generated type, `RAWSError`.
    public var typeName: String
    /// Doc-comment lines for the type, each either empty or starting with a space.
    public var docLines: [String]
    public var errors: [SwiftErrorContext]
    /// The errors whose factories this file declares (the rest are in shard files).
    public var factories: ArraySlice<SwiftErrorContext>
    public var hasFactories: Bool
    /// Typed properties for the catalog's parameter names.
    public var accessors: [SwiftAccessorContext]
    public var hasAccessors: Bool
    /// Swift string literals.
    public var nameLiteral: String
    public var titleLiteral: String
    /// Runtime `WireFormat` case names, in order of preference.
    public var formats: [String]
    public var defaultFormat: String
    /// A string literal, or `nil`.
    public var xmlNamespaceLiteral: String
    /// A string literal, or `nil`.
    public var documentationURLLiteral: String
    /// The shared parameters as a literal of `name:type` items.
    public var sharedParametersLiteral: String
    /// The lines of the catalog table, escaped for a multi-line string literal.
    public var tableLines: [String]
}

public struct SwiftErrorContext: Sendable {
    /// The name of the factory and of the code constant (keywords in backticks).
    public var name: String
    /// The error's index: its code's raw value.
    public var index: Int
    public var docLines: [String]
    /// One line for the code constant's doc comment.
    public var codeDoc: String
    public var parameters: [SwiftParameterContext]
    public var hasParameters: Bool
    public var deprecated: Bool
    /// `, message: "…"` for `@available`, or empty.
    public var deprecationArgument: String
}

public struct SwiftParameterContext: Sendable {
    /// The argument label and, where it differs, the local name: `reason`, `in in_`.
    public var labelAndName: String
    /// The name the value has inside the function.
    public var binding: String
    /// `String`, `Int`, `Double` or `Bool`.
    public var swiftType: String
    /// The runtime's `ArgumentValue` case: `string`, `integer`, `number`, `boolean`.
    public var kind: String
    /// The spec name as a Swift string literal.
    public var nameLiteral: String
}

public struct SwiftAccessorContext: Sendable {
    /// The property name.
    public var name: String
    /// The spec name, for the doc comment.
    public var specName: String
    public var nameLiteral: String
    /// The property's type without `?`: `String`, …, or `ArgumentValue` where errors disagree.
    public var swiftType: String
    /// What turns the `ArgumentValue?` into the property's type: `?.stringValue`, … or empty.
    public var conversion: String
}

/// Builds template contexts from a validated spec.
public enum ContextBuilder {
    public static func swiftCatalog(_ catalog: CatalogSpec) -> SwiftCatalogContext {
        // Each error's context depends on that error alone: built in parallel chunks.
        let errors = parallelIndices(catalog.errors.count) { index -> SwiftErrorContext in
            let entry = catalog.errors[index]
            let all = entry.parameters + catalog.parameters
            var doc = SwiftLiteral.docLines(entry.message.value.source)
            doc.append("")
            doc += SwiftLiteral.docLines("Wire code `\(entry.code.value)`, HTTP status \(entry.status.value).")
            if let description = entry.description, !description.isEmpty {
                doc.append("")
                doc += SwiftLiteral.docLines(description)
            }
            if !all.isEmpty {
                doc.append("")
                doc.append(" - Parameters:")
                for parameter in all {
                    let text = parameter.description.map(oneLine) ?? "The `\(parameter.name.value)` value."
                    doc += SwiftLiteral.docLines("   - \(parameter.swiftName): \(text)")
                }
            }
            var deprecationArgument = ""
            if let message = entry.deprecation?.message, !message.isEmpty {
                deprecationArgument = ", message: " + SwiftLiteral.string(message)
            }
            let codeDoc = SwiftLiteral.docLines("`\(entry.code.value)` (\(entry.status.value)): \(entry.message.value.source)")
                .map { $0.trimmingPrefix(" ") }.joined(separator: " ")
            return SwiftErrorContext(
                name: SwiftNames.escaped(entry.swiftCaseName), index: index, docLines: doc, codeDoc: codeDoc,
                parameters: all.map(parameterContext), hasParameters: !all.isEmpty,
                deprecated: entry.deprecation != nil, deprecationArgument: deprecationArgument)
        }

        var typeDoc = SwiftLiteral.docLines(catalog.title)
        for text in [catalog.summary, catalog.description] {
            if let text, !text.isEmpty {
                typeDoc.append("")
                typeDoc += SwiftLiteral.docLines(text)
            }
        }

        let formats = catalog.formats.map { runtimeFormatCase($0.kind) }
        let namespace = catalog.formats.first { $0.kind == .xml }?.namespace
        let accessors = accessorContexts(catalog)
        return SwiftCatalogContext(
            typeName: catalog.swiftTypeName, docLines: typeDoc, errors: errors, factories: errors[...], hasFactories: !errors.isEmpty,
            accessors: accessors, hasAccessors: !accessors.isEmpty,
            nameLiteral: SwiftLiteral.string(catalog.name.value), titleLiteral: SwiftLiteral.string(catalog.title),
            formats: formats,
            defaultFormat: catalog.effectiveDefaultFormat.map { runtimeFormatCase($0.kind) } ?? formats.first ?? "text",
            xmlNamespaceLiteral: namespace.map(SwiftLiteral.string) ?? "nil",
            documentationURLLiteral: catalog.documentationURL.map { SwiftLiteral.string($0.value) } ?? "nil",
            sharedParametersLiteral: SwiftLiteral.string(RuntimeTable.parameterList(catalog.parameters)),
            tableLines: parallelIndices(catalog.errors.count) { tableLine(catalog.errors[$0]) })
    }

    /// Text on one line: runs of line breaks become one space.
    static func oneLine(_ text: String) -> String {
        // Every line break has one of these bytes (LF, VT, FF, CR; NEL, LS and PS start with C2 or E2).
        guard text.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) else { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func parameterContext(_ parameter: ParameterSpec) -> SwiftParameterContext {
        let label = SwiftNames.argumentLabel(parameter.swiftName)
        let binding = SwiftNames.localName(parameter.swiftName)
        return SwiftParameterContext(
            labelAndName: label == binding ? label : "\(label) \(binding)", binding: binding,
            swiftType: parameter.kind.swiftType, kind: parameter.kind.rawValue,
            nameLiteral: SwiftLiteral.string(parameter.name.value))
    }

    /// A typed property per parameter name of the catalog, in order of first use; where errors
    /// give one name different types, the property is an `ArgumentValue`. Names that are keywords
    /// or members of every catalog type get no property (the `[parameter:]` subscript reads them).
    static func accessorContexts(_ catalog: CatalogSpec) -> [SwiftAccessorContext] {
        var order: [String] = []
        var kinds: [String: Set<ParameterSpec.Kind>] = [:]
        var specNames: [String: String] = [:]
        for parameter in catalog.errors.flatMap(\.parameters) + catalog.parameters {
            let name = parameter.swiftName
            if kinds[name] == nil {
                order.append(name)
                specNames[name] = parameter.name.value
            }
            kinds[name, default: []].insert(parameter.kind)
        }
        return order.compactMap { name in
            guard !SwiftNames.keywords.contains(name), !GeneratedNames.reservedInstanceMembers.contains(name),
                let specName = specNames[name], let kindSet = kinds[name]
            else { return nil }
            let kind = kindSet.count == 1 ? kindSet.first : nil
            return SwiftAccessorContext(
                name: name, specName: specName, nameLiteral: SwiftLiteral.string(specName),
                swiftType: kind?.swiftType ?? "ArgumentValue", conversion: kind.map { "?.\($0.rawValue)Value" } ?? "")
        }
    }

    static func runtimeFormatCase(_ kind: FormatSpec.Kind) -> String {
        switch kind {
        case .text: return "text"
        case .json: return "json"
        case .xml: return "xml"
        case .problemJSON: return "problemJSON"
        }
    }

    /// One line of the runtime catalog table, escaped for a Swift multi-line string literal.
    static func tableLine(_ entry: ErrorSpec) -> String {
        SwiftLiteral.escaped(RuntimeTable.line(entry))
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
