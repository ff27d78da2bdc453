import ErrgenRuntime

/// The spec as every output sees it: built once, after validation, with every fact derived from
/// what the spec wrote (names, file names, anchors, status lines, titles, links, samples, metadata
/// with defaults applied, translations, retirement) defined here and nowhere else: stored where
/// every output needs it, made when read where only some do (a link, an anchor, a status line),
/// so that the build plugin's Swift-only run pays for none of those. The Swift
/// printer, the runtime table, docs, users' template contexts, fixtures and OpenAPI read it; the
/// tools that edit or compare spec files (`errgen diff`, translations) read the source model,
/// whose locations they report.
public struct ResolvedSpec: Sendable {
    /// What the spec wrote, with the locations diagnostics name.
    public let source: Spec
    public let catalogs: [ResolvedCatalog]

    public init(_ spec: Spec) {
        source = spec
        // Catalogs are independent: resolved side by side.
        catalogs = (try? parallelMap(spec.catalogs) { ResolvedCatalog($0) }) ?? spec.catalogs.map { ResolvedCatalog($0) }
    }
}

/// A catalog, resolved. The resolved types are classes: the outputs read them in place, without
/// copying an error's many fields for each use.
public final class ResolvedCatalog: Sendable {
    public let source: CatalogSpec
    /// The name in the spec (`RAWS`).
    public let name: String
    public let title: String
    public let summary: String?
    /// Markdown, as the spec wrote it.
    public let description: String?
    /// The Swift type (`RAWSError`): `swift-name`, else the name in UpperCamelCase ending in `Error`.
    public let typeName: String
    /// The docs page's and fixture file's name without extension (`raws`).
    public let fileName: String
    public let isHTTP: Bool
    public let codeType: Catalog.CodeType
    /// The formats, in the catalog's order of preference.
    public let formats: [FormatSpec]
    /// The format of a request without preference: `default-format`, else the first listed.
    public let defaultFormat: FormatSpec?
    /// What a request whose `Accept` fields exclude every format gets.
    public let notAcceptable: Catalog.NotAcceptable
    /// The namespace of the `xml` format, if it has one.
    public let xmlNamespace: String?
    /// The body shapes of the `json` and `xml` formats, if they give one.
    public let jsonShape: ShapeValue?
    public let xmlShape: ShapeValue?
    /// Where the catalog is documented (`documentation-url`).
    public let documentationURL: String?
    /// The languages (BCP 47), the default first: the spec's, or `en`.
    public let languages: [String]
    /// The parameters every error carries.
    public let parameters: [ResolvedParameter]
    public let metadataKeys: [ResolvedMetadataKey]
    public let errors: [ResolvedError]
    /// How much of the catalog each of its languages covers, the default first.
    public let coverage: [Coverage.Line]

    public init(_ catalog: CatalogSpec) {
        source = catalog
        name = catalog.name.value
        title = catalog.title
        summary = catalog.summary
        description = catalog.description
        typeName = catalog.swiftTypeName
        fileName = catalog.fileName
        isHTTP = catalog.isHTTP
        codeType = catalog.effectiveCodeType
        formats = catalog.formats
        defaultFormat = catalog.effectiveDefaultFormat
        notAcceptable = catalog.notAcceptable?.value ?? .error
        xmlNamespace = catalog.formats.first { $0.kind == .xml }?.namespace
        jsonShape = catalog.jsonShape
        xmlShape = catalog.xmlShape
        documentationURL = catalog.documentationURL?.value
        let languages = catalog.effectiveLanguages
        self.languages = languages
        let shared = catalog.parameters.map { ResolvedParameter($0, shared: true) }
        parameters = shared
        metadataKeys = catalog.metadata.map(ResolvedMetadataKey.init)
        let indexByCode = Dictionary(catalog.errors.enumerated().map { ($1.code.value, $0) }, uniquingKeysWith: { first, _ in first })
        errors = parallelIndices(catalog.errors.count) { index in
            ResolvedError(index: index, catalog: catalog, shared: shared, languages: languages, indexByCode: indexByCode)
        }
        coverage = Coverage.lines(catalog)
    }

    /// The format the runtime answers without a preference; `text` for a catalog without formats.
    public var runtimeDefaultFormat: FormatSpec.Kind { defaultFormat?.kind ?? formats.first?.kind ?? .text }

    /// Whether any error is retired.
    public var hasRetired: Bool { errors.contains { $0.retirement != nil } }

    /// The body shape the catalog declares for a format, if any.
    public func body(of kind: FormatSpec.Kind) -> ShapeValue? { formats.first { $0.kind == kind }?.body }
}

/// An error, resolved.
public final class ResolvedError: Sendable {
    public let source: ErrorSpec
    /// Its position in the catalog, from 0.
    public let index: Int
    /// The wire code, exactly as sent.
    public let code: String
    /// The case name (`swift-name`, else the code in lowerCamelCase); not escaped.
    public let swiftName: String
    /// The HTTP status; 0 in a catalog without HTTP.
    public let status: Int
    /// RFC 9110's reason phrase of the status (`Not Found`); empty for a status it does not name.
    public var reasonPhrase: String { StatusPhrase.reason(status) ?? "" }
    /// `404 Not Found`, or the number alone for a status without a phrase.
    public var statusLine: String {
        let phrase = reasonPhrase
        return phrase.isEmpty ? String(status) : "\(status) \(phrase)"
    }
    /// The fragment of the error's section in the docs pages (`nosuchuser`).
    public var anchor: String { Catalog.anchor(forWireCode: code) }
    public let message: MessageTemplate
    /// Problem details' title: `title`, else the message when it has no placeholders, else the
    /// status's phrase.
    public let title: String
    public let description: String?
    /// The error's own parameters, then the catalog's.
    public let parameters: [ResolvedParameter]
    /// How many of `parameters` are the error's own.
    public let ownParameterCount: Int
    public let headers: [HeaderSpec]
    /// A value per metadata key of the catalog, in its order: the error's, else the key's default,
    /// else none.
    public let metadata: [ArgumentValue?]
    /// The translations, in the catalog's order of languages.
    public let translations: [ResolvedTranslation]
    /// The error's own `documentation-url`.
    public let ownDocumentationLink: String?
    /// The catalog's `documentation-url`, which makes the error's link where it has none.
    private let catalogDocumentationURL: String?
    /// Where the error is documented: its own link, else the catalog's URL made into the error's
    /// (made when read: the Swift output never needs it).
    public var documentationLink: String? {
        ownDocumentationLink ?? catalogDocumentationURL.map { Catalog.documentationLink(base: $0, wireCode: code) }
    }
    public let deprecation: Deprecation?
    public let retirement: Retirement?
    /// The error sent instead of a retired one, by its index in the catalog.
    public let replacementIndex: Int?
    /// The version that first sent the error (`since:`).
    public let since: String?

    init(index: Int, catalog: CatalogSpec, shared: [ResolvedParameter], languages: [String], indexByCode: [String: Int]) {
        let entry = catalog.errors[index]
        source = entry
        self.index = index
        code = entry.code.value
        swiftName = entry.swiftCaseName
        status = entry.status.value
        message = entry.message.value
        let title = entry.problemTitle
        self.title = title
        description = entry.description
        parameters = entry.parameters.map { ResolvedParameter($0, shared: false) } + shared
        ownParameterCount = entry.parameters.count
        headers = entry.headers
        metadata = catalog.metadata.isEmpty ? [] : catalog.metadataValues(of: entry)
        translations = languages.indices.dropFirst().compactMap { languageIndex in
            entry.translation(languages[languageIndex]).map { ResolvedTranslation($0, languageIndex: languageIndex, errorTitle: title) }
        }
        ownDocumentationLink = entry.documentationURL?.value
        catalogDocumentationURL = catalog.documentationURL?.value
        deprecation = entry.deprecation
        retirement = entry.retirement
        replacementIndex = entry.retirement?.replacement.flatMap { indexByCode[$0.value] }
        since = entry.since?.value
    }

    /// The translation into a language of the catalog, by its index in `languages`.
    public func translation(languageIndex: Int) -> ResolvedTranslation? {
        translations.first { $0.languageIndex == languageIndex }
    }

    /// Whether the error has parameters that may be absent or empty (optional ones, lists).
    public var hasAbsentParameters: Bool { parameters.contains { $0.isOptional || $0.isList } }
}

/// An error's message in another language.
public struct ResolvedTranslation: Sendable {
    public let language: String
    /// The language's index in the catalog's `languages` (1 or more).
    public let languageIndex: Int
    public let message: MessageTemplate
    /// The `title` the translation gives, if any.
    public let ownTitle: String?
    /// Problem details' title in the language: its own, else the translated message when it has
    /// no placeholders, else the error's title.
    public let title: String

    init(_ translation: TranslationSpec, languageIndex: Int, errorTitle: String) {
        language = translation.language.value
        self.languageIndex = languageIndex
        message = translation.message.value
        ownTitle = translation.title?.value
        title = ownTitle ?? (message.placeholderNames.isEmpty ? message.render { $0 } : errorTitle)
    }
}

/// A parameter of an error or of its catalog, resolved.
public final class ResolvedParameter: Sendable {
    public let source: ParameterSpec
    /// As the spec and the placeholders write it (`ip-address`).
    public let name: String
    /// The Swift argument label (`ipAddress`).
    public let swiftName: String
    public let kind: ParameterKind
    public let isList: Bool
    public let isOptional: Bool
    /// `string`, `[integer]`, …
    public let typeName: String
    public let description: String?
    /// Whether the catalog declares it (every error carries it).
    public let shared: Bool
    /// A sample value in its wire form: the spec's example, else one of the type; for a list, its
    /// items' text as a message shows them (`sampleItems` joined by `, `).
    public let sample: String
    /// The sample as a typed value.
    public let sampleValue: ArgumentValue

    init(_ parameter: ParameterSpec, shared: Bool) {
        source = parameter
        name = parameter.name.value
        swiftName = parameter.swiftName
        kind = parameter.kind
        isList = parameter.isList
        isOptional = parameter.isOptional
        typeName = parameter.typeName
        description = parameter.description
        self.shared = shared
        let sample = ParameterSample(parameter)
        self.sample = sample.text
        sampleValue = sample.value
    }

    /// The type, and whether it is a list.
    public var type: ParameterType { ParameterType(kind: kind, isList: isList) }

    /// The parameter as the runtime knows it.
    public var runtime: Catalog.Entry.Parameter { Catalog.Entry.Parameter(name: name, kind: kind, isOptional: isOptional, isList: isList) }
}

/// A metadata key of a catalog, resolved.
public final class ResolvedMetadataKey: Sendable {
    public let source: MetadataKeySpec
    /// As the spec writes it (`log-level`).
    public let name: String
    /// The property on the generated `Code` (`logLevel`).
    public let swiftName: String
    public let kind: ParameterKind
    public let isOptional: Bool
    public let description: String?
    /// The value of an error that states none.
    public let defaultValue: ArgumentValue?

    init(_ key: MetadataKeySpec) {
        source = key
        name = key.name.value
        swiftName = key.swiftName
        kind = key.kind
        isOptional = key.isOptional
        description = key.description
        defaultValue = key.typedDefault
    }

    /// The key as the runtime knows it.
    public var runtime: Catalog.MetadataKey { Catalog.MetadataKey(name: name, kind: kind, isOptional: isOptional) }
}

/// The sample of a parameter: what docs, fixtures and examples show it carrying.
struct ParameterSample {
    var text: String
    var value: ArgumentValue

    init(_ parameter: ParameterSpec) {
        let name = parameter.name.value
        if parameter.isList {
            let items = parameter.exampleItems ?? [Self.sample(of: parameter.kind, name: name, item: 1), Self.sample(of: parameter.kind, name: name, item: 2)]
            text = items.joined(separator: ", ")
            value = .list(items.map { parameter.kind.parse($0) ?? .string($0) })
        } else {
            let sample = parameter.example ?? Self.sample(of: parameter.kind, name: name, item: 0)
            text = sample
            value = parameter.kind.parse(sample) ?? .string(sample)
        }
    }

    /// A sample of a type; `item` numbers the items of a list's sample (0 outside a list).
    static func sample(of kind: ParameterKind, name: String, item: Int) -> String {
        switch kind {
        case .string: return item == 0 ? "sample-\(name)" : "sample-\(name)-\(item)"
        case .integer: return String(41 + max(item, 1))
        case .number: return item == 2 ? "3.5" : "2.5"
        case .boolean: return item == 2 ? "false" : "true"
        case .unsigned: return String(6 + max(item, 1))
        }
    }
}
