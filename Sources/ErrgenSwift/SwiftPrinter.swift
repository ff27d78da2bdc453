@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec

/// Writes the Swift of a spec's catalogs: a type per catalog conforming to `CatalogError`, a
/// `Code` enum with a case per error, a factory per error, typed parameter accessors, and the
/// catalog table the runtime reads (see `CatalogTable` and `GeneratedCodeVersion2`).
///
/// Generated code is written to compile in any module: every type it names from the runtime or
/// the standard library is qualified (`ErrgenRuntime.CatalogError`, `Swift.String`), so a user's
/// own `Catalog` or `String` cannot take its place.
///
/// A catalog's parts are printed once (its errors in parallel) and shared by the files that hold
/// them: the main file (types, and some or all factories) and shard files (more factories), so
/// that the compiler works on a large catalog's files in parallel.
public struct SwiftPrinter: Sendable {
    public var access: SwiftAccess
    /// The first line of every file, a comment: what generated it, from which spec, how to regenerate.
    public var header: String

    public init(access: SwiftAccess = .public, header: String) {
        self.access = access
        self.header = header
    }

    /// The printed parts of one catalog.
    public struct CatalogParts: Sendable {
        public var typeName: String
        /// Doc comment, the type and its `Code` enum.
        var declaration: [UInt8]
        /// Each error's factory, at one level of indentation.
        var factories: [[UInt8]]
        /// The `Code` conformances, the parameter accessors and the catalog table.
        var extensions: [UInt8]

        public var errorCount: Int { factories.count }
    }

    /// Part of a catalog that a file holds: its factories in `factories`.
    public struct Slice: Sendable {
        public var parts: CatalogParts
        public var factories: Range<Int>

        public init(_ parts: CatalogParts, factories: Range<Int>) {
            self.parts = parts
            self.factories = factories
        }
    }

    /// A file declaring these catalogs, with the given factories of each.
    public func file(_ catalogs: [Slice]) -> [UInt8] {
        var out = prelude()
        for slice in catalogs {
            let parts = slice.parts
            out.append(UInt8(ascii: "\n"))
            out += parts.declaration
            if !slice.factories.isEmpty {
                out += Array("\n// MARK: - Errors\n\n".utf8)
                appendFactories(slice, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
            out += parts.extensions
        }
        return out
    }

    /// A file of more factories of catalogs declared in another file.
    public func shard(_ blocks: [Slice]) -> [UInt8] {
        var out = prelude()
        for block in blocks {
            out += Array("\n// MARK: - Errors of \(block.parts.typeName)\n\n".utf8)
            appendFactories(block, to: &out)
        }
        return out
    }

    private func prelude() -> [UInt8] {
        var p = CodePrinter()
        p.line(header)
        p.line("// swift-format-ignore-file")
        p.line("// swiftlint:disable all")
        p.line()
        p.line("@_spi(ErrgenGenerated) import ErrgenRuntime")
        return p.bytes
    }

    private func appendFactories(_ slice: Slice, to out: inout [UInt8]) {
        out += Array("extension \(slice.parts.typeName) {\n".utf8)
        for index in slice.factories {
            if index != slice.factories.lowerBound { out.append(UInt8(ascii: "\n")) }
            out += slice.parts.factories[index]
        }
        out += Array("}\n".utf8)
    }

    // MARK: Parts

    /// Prints a catalog's parts; each error's case and factory depend on that error alone and are
    /// printed in parallel chunks.
    public func parts(_ catalog: ResolvedCatalog) -> CatalogParts {
        let errors = parallelIndices(catalog.errors.count) { index in
            (enumCase: enumCase(catalog.errors[index], http: catalog.isHTTP), factory: factory(catalog.errors[index], catalog: catalog))
        }
        let typeName = catalog.typeName
        let a = access.modifier

        var p = CodePrinter()
        var typeDoc = SwiftLiteral.docLines(catalog.title)
        for text in [catalog.summary, catalog.description] {
            if let text, !text.isEmpty {
                typeDoc.append("")
                typeDoc += SwiftLiteral.docLines(text)
            }
        }
        p.doc(typeDoc)
        // A catalog without HTTP has errors without statuses or responses.
        p.block("\(a)struct \(typeName): ErrgenRuntime.\(catalog.isHTTP ? "CatalogError" : "CodedError")") { p in
            p.line("/// Which error this is.")
            p.line("\(a)let code: Code")
            p.line("/// The parameter values: the error's own, then the catalog's, in spec order.")
            p.line("\(a)let arguments: [ErrgenRuntime.ArgumentValue]")
            p.line()
            p.block("\(access.generatedOnlyModifier)init(unchecked code: Code, arguments: [ErrgenRuntime.ArgumentValue])") { p in
                p.line("self.code = code")
                p.line("self.arguments = arguments")
            }
            p.line()
            // The factories make their error through these, one per list of parameter types: a
            // factory's body is then a call with its arguments as they are, where an array literal
            // of values and an initializer call in each of thousands of factories doubled the
            // catalog's compile time (Documentation/Performance.md).
            var makers: [String: [ResolvedParameter]] = [:]
            for error in catalog.errors { makers[Self.makerName(error.parameters)] = error.parameters }
            for (name, all) in makers.sorted(by: { $0.key < $1.key }) {
                let parameters = all.enumerated().map { index, parameter in
                    "_ v\(index): " + Self.qualified(parameter.type) + (parameter.isOptional ? "?" : "")
                }
                let values = all.enumerated().map { index, parameter in Self.value(of: parameter, named: "v\(index)") }
                p.line(
                    "static func \(name)(_ code: Code\(parameters.map { ", " + $0 }.joined())) -> Self { "
                        + "Self(unchecked: code, arguments: [\(values.joined(separator: ", "))]) }")
            }
            p.line()
            p.line("/// The errors of the catalog without their parameters, a case per error in spec order.")
            p.block("\(a)enum Code: ErrgenRuntime.\(catalog.isHTTP ? "CatalogCode" : "ErrorCode")") { p in
                for error in errors { p.append(printed: error.enumCase) }
            }
        }
        return CatalogParts(
            typeName: typeName, declaration: p.bytes, factories: errors.map(\.factory), extensions: extensions(catalog, typeName: typeName))
    }

    /// The case of an error in the `Code` enum.
    private func enumCase(_ entry: ResolvedError, http: Bool) -> [UInt8] {
        var p = CodePrinter(level: 2)
        let status = http ? " (\(entry.status))" : ""
        let summary = SwiftLiteral.docLines("`\(entry.code)`\(status): \(entry.message.source)")
            .map { $0.trimmingPrefix(" ") }.joined(separator: " ")
        p.line("/// " + summary)
        if let deprecation = deprecationAttribute(entry) { p.line(deprecation) }
        p.line("case " + SwiftNames.escaped(entry.swiftName))
        return p.bytes
    }

    /// The static function (or property, without parameters) that makes an error.
    private func factory(_ entry: ResolvedError, catalog: ResolvedCatalog) -> [UInt8] {
        let all = entry.parameters
        var doc = SwiftLiteral.docLines(entry.message.source)
        doc.append("")
        doc += SwiftLiteral.docLines(
            catalog.isHTTP ? "Wire code `\(entry.code)`, HTTP status \(entry.status)." : "Code `\(entry.code)`.")
        if let description = entry.description, !description.isEmpty {
            doc.append("")
            doc += SwiftLiteral.docLines(description)
        }
        if !all.isEmpty {
            doc.append("")
            doc.append(" - Parameters:")
            for parameter in all {
                let text = parameter.description.map(Self.oneLine) ?? "The `\(parameter.name)` value."
                doc += SwiftLiteral.docLines("   - \(parameter.swiftName): \(text)")
            }
        }
        var p = CodePrinter(level: 1)
        p.doc(doc)
        if let deprecation = deprecationAttribute(entry) ?? retirementAttribute(entry, catalog: catalog) { p.line(deprecation) }
        let name = SwiftNames.escaped(entry.swiftName)
        let a = access.modifier
        if all.isEmpty {
            p.line("\(a)static var \(name): Self { \(Self.makerName([]))(.\(name)) }")
        } else {
            let parameters = all.map { parameter -> String in
                let label = SwiftNames.argumentLabel(parameter.swiftName)
                let binding = SwiftNames.localName(parameter.swiftName)
                // An optional parameter may be left out: nil, `ArgumentValue.absent` at run time.
                return (label == binding ? label : "\(label) \(binding)") + ": " + Self.qualified(parameter.type)
                    + (parameter.isOptional ? "? = nil" : "")
            }
            let arguments = all.map { SwiftNames.localName($0.swiftName) }
            p.block("\(a)static func \(name)(\(parameters.joined(separator: ", "))) -> Self") { p in
                p.line("\(Self.makerName(all))(.\(name), \(arguments.joined(separator: ", ")))")
            }
        }
        return p.bytes
    }

    /// A retired error's factory is deprecated (a server should no longer make it); its `Code`
    /// case is not, so a client can match it without a warning.
    private func retirementAttribute(_ entry: ResolvedError, catalog: ResolvedCatalog) -> String? {
        guard let retirement = entry.retirement else { return nil }
        var message = "retired in \(retirement.version.value)"
        if let reason = retirement.reason, !reason.isEmpty { message += ": " + Self.oneLine(reason) }
        if let other = entry.replacementIndex {
            message += " Use .\(catalog.errors[other].swiftName) instead."
        }
        return "@available(*, deprecated, message: \(SwiftLiteral.string(message)))"
    }

    private func deprecationAttribute(_ entry: ResolvedError) -> String? {
        guard let deprecation = entry.deprecation else { return nil }
        guard !deprecation.message.isEmpty else { return "@available(*, deprecated)" }
        return "@available(*, deprecated, message: \(SwiftLiteral.string(deprecation.message)))"
    }

    /// The `Code` conformances, the typed parameter accessors and the catalog table.
    private func extensions(_ catalog: ResolvedCatalog, typeName: String) -> [UInt8] {
        let a = access.modifier
        var p = CodePrinter()
        p.line("// MARK: - Codes")
        p.line()
        p.block("extension \(typeName).Code") { p in
            p.line("// Written out, so the compiler derives nothing with a switch over the cases.")
            p.line("\(a)static func == (lhs: Self, rhs: Self) -> Swift.Bool { lhs.rawValue == rhs.rawValue }")
            p.line()
            p.line("\(a)func hash(into hasher: inout Swift.Hasher) { hasher.combine(rawValue) }")
        }
        let accessors = Self.accessors(catalog)
        if !accessors.isEmpty {
            p.line()
            p.line("// MARK: - Parameters")
            p.line()
            p.block("extension \(typeName)") { p in
                for accessor in accessors {
                    let name = SwiftLiteral.string(accessor.specName)
                    switch accessor.access {
                    case let .shared(index, type):
                        p.line("/// The `\(accessor.specName)` parameter, which every error of the catalog carries.")
                        let value = type.isList ? "listValue!.compactMap(\\.\(type.kind.rawValue)Value)" : "\(type.kind.rawValue)Value!"
                        p.line("\(a)var \(accessor.name): \(Self.qualified(type)) { self[sharedParameter: \(index)].\(value) }")
                    case let .own(type?):
                        p.line("/// The `\(accessor.specName)` parameter, when the error has it.")
                        let value = type.isList ? "listValue?.compactMap(\\.\(type.kind.rawValue)Value)" : "\(type.kind.rawValue)Value"
                        p.line("\(a)var \(accessor.name): \(Self.qualified(type))? { self[parameter: \(name)]?.\(value) }")
                    case .own(nil):
                        p.line("/// The `\(accessor.specName)` parameter, when the error has it (its type differs between errors).")
                        p.line("\(a)var \(accessor.name): ErrgenRuntime.ArgumentValue? { self[parameter: \(name)] }")
                    }
                }
            }
        }
        let metadataKeys = catalog.metadataKeys.enumerated().filter { _, key in
            !GeneratedNames.reservedMembers.contains(key.swiftName) && !GeneratedNames.reservedCodeMembers.contains(key.swiftName)
        }
        if !metadataKeys.isEmpty {
            p.line()
            p.line("// MARK: - Metadata")
            p.line()
            p.block("extension \(typeName).Code") { p in
                for (index, key) in metadataKeys {
                    if index != metadataKeys.first?.offset { p.line() }
                    var doc = SwiftLiteral.docLines(key.description.map(Self.oneLine) ?? "The `\(key.name)` metadata of the error.")
                    if key.isOptional { doc += SwiftLiteral.docLines("`nil` when the error states none.") }
                    p.doc(doc)
                    let value = "Self.catalog.entries[rawValue].metadata[\(index)]"
                    let name = SwiftNames.escaped(key.swiftName)
                    if key.isOptional {
                        p.line("\(a)var \(name): \(Self.qualified(key.kind))? { \(value)?.\(key.kind.rawValue)Value }")
                    } else {
                        p.line("\(a)var \(name): \(Self.qualified(key.kind)) { \(value)!.\(key.kind.rawValue)Value! }")
                    }
                }
            }
        }
        p.line()
        p.line("// MARK: - Catalog table")
        p.line()
        p.block("extension \(typeName).Code") { p in
            p.line("/// Everything the runtime knows about the catalog's errors, read from the table below on first use.")
            p.line("\(a)static let catalog = ErrgenRuntime.Catalog(")
            p.indented { p in
                p.line("generatedCode: ErrgenRuntime.GeneratedCodeVersion2.self,")
                p.line("code: Self.self,")
                // A case that is not deprecated (naming a deprecated one would warn) and its index:
                // the runtime checks that the enum is laid out as it reads it.
                if let index = catalog.errors.lastIndex(where: { $0.deprecation == nil }) {
                    p.line("checking: .\(SwiftNames.escaped(catalog.errors[index].swiftName)), at: \(index),")
                } else {
                    p.line("checking: nil, at: -1,")
                }
                p.line("name: \(SwiftLiteral.string(catalog.name)),")
                p.line("title: \(SwiftLiteral.string(catalog.title)),")
                let formats = catalog.formats.map { "." + Self.formatCase($0.kind) }
                p.line("formats: [\(formats.joined(separator: ", "))],")
                p.line("defaultFormat: .\(Self.formatCase(catalog.runtimeDefaultFormat)),")
                p.line("xmlNamespace: \(catalog.xmlNamespace.map(SwiftLiteral.string) ?? "nil"),")
                p.line("documentationURL: \(catalog.documentationURL.map(SwiftLiteral.string) ?? "nil"),")
                p.line("parameters: \(SwiftLiteral.string(CatalogTable.parameterList(RuntimeTable.parameters(catalog.parameters)))),")
                let translations = RuntimeTable.translationTexts(catalog)
                let hasMetadata = !catalog.metadataKeys.isEmpty
                // The arguments after the tables, each only where it is not the default.
                var trailing: [String] = []
                if catalog.codeType == .integer { trailing.append("codeType: .integer") }
                if !catalog.isHTTP { trailing.append("http: false") }
                if catalog.notAcceptable != .error { trailing.append("notAcceptable: .\(Self.notAcceptableCase(catalog.notAcceptable))") }
                // A multi-line string argument per line-based table: the json body shape's and the
                // xml body shape's steps (see `JSONShape.program`, `XMLShape.program`), the errors'
                // own documentation links (a line per error, empty where it has none).
                func lines(_ label: String, _ lines: [String]) -> String {
                    ([label + ": \"\"\""] + lines.map { $0.isEmpty ? "" : "    " + SwiftLiteral.escaped($0) } + ["    \"\"\""]).joined(separator: "\n")
                }
                if let shape = RuntimeTable.jsonShape(catalog) {
                    trailing.append(lines("jsonBody", shape.program.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
                }
                if let shape = RuntimeTable.xmlShape(catalog) {
                    trailing.append(lines("xmlBody", shape.program.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
                }
                if catalog.errors.contains(where: { $0.ownDocumentationLink != nil }) {
                    trailing.append(lines("documentationLinks", catalog.errors.map { CatalogTable.escaped($0.ownDocumentationLink ?? "") }))
                }
                p.line("table: \"\"\"")
                p.indented { p in
                    p.line(CatalogTable.versionLine)
                    for line in RuntimeTable.lines(catalog) { p.line(SwiftLiteral.escaped(line)) }
                    p.line("\"\"\"" + (translations.isEmpty && !hasMetadata && trailing.isEmpty ? "" : ","))
                }
                if !translations.isEmpty {
                    // One table per language after the default: a line per error, empty where it
                    // has no translation (see `CatalogTable.translationText`).
                    p.line("languages: \(SwiftLiteral.string(catalog.languages.joined(separator: ","))),")
                    p.line("translations: [")
                    p.indented { p in
                        for (language, text) in zip(catalog.languages.dropFirst(), translations) {
                            p.line("// \(language)")
                            p.line("\"\"\"")
                            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { p.line(SwiftLiteral.escaped(String(line))) }
                            p.line("\"\"\",")
                        }
                    }
                    p.line("]" + (hasMetadata || !trailing.isEmpty ? "," : ""))
                }
                if hasMetadata {
                    // A line per error, a field per key (see `CatalogTable.metadataText`).
                    p.line("metadataKeys: \(SwiftLiteral.string(CatalogTable.metadataKeyList(RuntimeTable.metadataKeys(catalog)))),")
                    p.line("metadata: \"\"\"")
                    p.indented { p in
                        for line in RuntimeTable.metadataText(catalog).split(separator: "\n", omittingEmptySubsequences: false) {
                            p.line(SwiftLiteral.escaped(String(line)))
                        }
                        p.line("\"\"\"" + (trailing.isEmpty ? "" : ","))
                    }
                }
                for (index, argument) in trailing.enumerated() {
                    let lines = argument.split(separator: "\n", omittingEmptySubsequences: false)
                    for (number, line) in lines.enumerated() {
                        p.line(String(line) + (number == lines.count - 1 && index != trailing.count - 1 ? "," : ""))
                    }
                }
            }
            p.line(")")
        }
        return p.bytes
    }

    // MARK: Names and types

    struct Accessor {
        enum Access {
            /// A catalog parameter: every error has it, at this index among the shared ones.
            case shared(Int, ParameterType)
            /// Errors' own parameter, of one type (or of several: `nil`).
            case own(ParameterType?)
        }

        var name: String
        var specName: String
        var access: Access
    }

    /// A typed property per parameter name of the catalog, in order of first use: optional for
    /// errors' own parameters (an error may lack it; where errors give one name different types,
    /// the property is an `ArgumentValue`), not optional for the catalog's shared ones. Names that
    /// are keywords or members of every catalog type get no property (`[parameter:]` reads them).
    static func accessors(_ catalog: ResolvedCatalog) -> [Accessor] {
        var order: [String] = []
        var kinds: [String: Set<ParameterType>] = [:]
        var specNames: [String: String] = [:]
        for parameter in catalog.errors.flatMap({ $0.parameters.prefix($0.ownParameterCount) }) {
            let name = parameter.swiftName
            if kinds[name] == nil {
                order.append(name)
                specNames[name] = parameter.name
            }
            kinds[name, default: []].insert(parameter.type)
        }
        func usable(_ name: String) -> Bool {
            !SwiftNames.keywords.contains(name) && !GeneratedNames.reservedInstanceMembers.contains(name)
        }
        let own = order.compactMap { name -> Accessor? in
            guard usable(name), let specName = specNames[name], let kindSet = kinds[name] else { return nil }
            return Accessor(name: name, specName: specName, access: .own(kindSet.count == 1 ? kindSet.first : nil))
        }
        let shared = catalog.parameters.enumerated().compactMap { index, parameter -> Accessor? in
            guard usable(parameter.swiftName) else { return nil }
            return Accessor(name: parameter.swiftName, specName: parameter.name, access: .shared(index, parameter.type))
        }
        return own + shared
    }

    /// The standard library type of a parameter, qualified.
    /// The name of the helper that makes an error of these parameters' types: `_make` and a
    /// letter per parameter (its type's first letter), after `l` for a list, before `o` for an
    /// optional one: `_make_s_i_s`, `_make_lso`; `_make` without parameters.
    static func makerName(_ parameters: [ResolvedParameter]) -> String {
        "_make" + parameters.map { "_" + ($0.isList ? "l" : "") + String($0.kind.rawValue.prefix(1)) + ($0.isOptional ? "o" : "") }.joined()
    }

    /// The `ArgumentValue` of a parameter's Swift value named `local`: an optional one left out
    /// (nil) is `.absent`.
    static func value(of parameter: ResolvedParameter, named local: String) -> String {
        let kind = parameter.kind.rawValue
        switch (parameter.isOptional, parameter.isList) {
        case (false, false): return ".\(kind)(\(local))"
        case (true, false): return "\(local).map(ErrgenRuntime.ArgumentValue.\(kind)) ?? .absent"
        case (false, true): return ".list(\(local).map(ErrgenRuntime.ArgumentValue.\(kind)))"
        case (true, true): return "\(local).map { .list($0.map(ErrgenRuntime.ArgumentValue.\(kind))) } ?? .absent"
        }
    }

    static func qualified(_ kind: ParameterKind) -> String {
        "Swift." + kind.swiftType
    }

    /// The standard library type of a parameter, qualified; an array for a list.
    static func qualified(_ type: ParameterType) -> String {
        type.isList ? "[" + qualified(type.kind) + "]" : qualified(type.kind)
    }

    static func notAcceptableCase(_ answer: Catalog.NotAcceptable) -> String {
        switch answer {
        case .error: return "error"
        case .defaultFormat: return "defaultFormat"
        }
    }

    static func formatCase(_ kind: FormatSpec.Kind) -> String {
        switch kind {
        case .text: return "text"
        case .json: return "json"
        case .xml: return "xml"
        case .problemJSON: return "problemJSON"
        case .problemXML: return "problemXML"
        }
    }

    /// Text on one line: runs of line breaks become one space.
    static func oneLine(_ text: String) -> String {
        // Every line break has one of these bytes (LF, VT, FF, CR; NEL, LS and PS start with C2 or E2).
        guard text.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) else { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
