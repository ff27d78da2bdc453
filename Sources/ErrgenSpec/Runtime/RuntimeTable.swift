@_spi(ErrgenGenerated) import ErrgenRuntime
import HTTPTypes

/// The runtime's view of a catalog, built from the spec: the table the generated Swift carries,
/// written and read back with the runtime's own `CatalogTable`, so examples in docs and fixtures
/// are exactly what the runtime sends.
public enum RuntimeTable {
    /// The table row of an error; metadata placeholders in its header values are filled in here,
    /// since an error's metadata never changes.
    package static func row(_ entry: ErrorSpec, in catalog: CatalogSpec) -> CatalogTable.Row {
        var metadata: [String: String] = [:]
        if !catalog.metadata.isEmpty {
            for (key, value) in zip(catalog.metadata, catalog.metadataValues(of: entry)) {
                if let value { metadata[key.name.value] = value.description }
            }
        }
        return CatalogTable.Row(
            wireCode: entry.code.value, swiftName: entry.swiftCaseName, status: entry.status.value,
            message: entry.message.value.source, parameters: parameters(entry.parameters), title: entry.problemTitle,
            headers: entry.headers.map { ($0.name.value, metadata.isEmpty ? $0.value.value.source : $0.value.value.filling(metadata)) })
    }

    /// Parameters as the runtime knows them.
    public static func parameters(_ parameters: [ParameterSpec]) -> [Catalog.Entry.Parameter] {
        parameters.map { Catalog.Entry.Parameter(name: $0.name.value, kind: $0.kind, isOptional: $0.isOptional, isList: $0.isList) }
    }

    /// The table lines of a catalog's errors (after the version line).
    public static func lines(_ spec: CatalogSpec) -> [String] {
        let shared = parameters(spec.parameters)
        return spec.errors.map { CatalogTable.line(row($0, in: spec), shared: shared) }
    }

    /// The translation table of each language after the default (see `CatalogTable.translationText`),
    /// empty for a catalog of one language.
    public static func translationTexts(_ spec: CatalogSpec) -> [String] {
        spec.effectiveLanguages.dropFirst().map { language in
            CatalogTable.translationText(spec.errors.map { error in
                error.translation(language).map { ($0.message.value.source, $0.title?.value) }
            })
        }
    }

    /// The runtime catalog of a spec catalog: its table lines written and read as the runtime
    /// reads the generated table.
    public static func catalog(_ spec: CatalogSpec) -> Catalog {
        let shared = parameters(spec.parameters)
        let name = spec.name.value
        let entries = spec.errors.map { error -> Catalog.Entry in
            var entry = CatalogTable.entry(line: ArraySlice(CatalogTable.line(row(error, in: spec), shared: shared).utf8), shared: shared, catalog: name)
            entry.metadata = spec.metadataValues(of: error)
            entry.documentationLink = error.documentationURL?.value
            return entry
        }
        return Catalog(
            name: name, title: spec.title, formats: spec.formats.map(\.kind),
            defaultFormat: spec.effectiveDefaultFormat?.kind ?? spec.formats.first?.kind ?? .text,
            xmlNamespace: spec.formats.first { $0.kind == .xml }?.namespace,
            documentationURL: spec.documentationURL?.value, sharedParameters: shared, entries: entries,
            languages: spec.effectiveLanguages,
            translations: translationTexts(spec).map { CatalogTable.translations($0, entries: entries, catalog: name) },
            metadataKeys: metadataKeys(spec), codeType: spec.effectiveCodeType, isHTTP: spec.isHTTP, jsonShape: jsonShape(spec),
            xmlShape: xmlShape(spec))
    }

    /// The runtime's steps for the catalog's json body shape, if it has one.
    public static func jsonShape(_ spec: CatalogSpec) -> JSONShape? {
        spec.jsonShape.map { ShapeCompiler.compile($0, metadataKeys: Set(spec.metadata.map(\.name.value))) }
    }

    /// The runtime's steps for the catalog's xml body layout, if it has one.
    public static func xmlShape(_ spec: CatalogSpec) -> XMLShape? {
        spec.xmlShape.map {
            ShapeCompiler.compileXML($0, namespace: spec.formats.first { $0.kind == .xml }?.namespace, metadataKeys: Set(spec.metadata.map(\.name.value)))
        }
    }

    /// The metadata keys as the runtime knows them.
    public static func metadataKeys(_ spec: CatalogSpec) -> [Catalog.MetadataKey] {
        spec.metadata.map { Catalog.MetadataKey(name: $0.name.value, kind: $0.kind, isOptional: $0.isOptional) }
    }

    /// The metadata table of a catalog (see `CatalogTable.metadataText`).
    public static func metadataText(_ spec: CatalogSpec) -> String {
        CatalogTable.metadataText(spec.errors.map(spec.metadataValues(of:)))
    }
}

extension ParameterSpec {
    /// A sample value in its wire form: the spec's example, else one of the parameter's type; for
    /// a list, its items' text as a message shows them (`sampleItems` joined by `, `).
    public var sample: String {
        if isList { return sampleItems.joined(separator: ", ") }
        if let example { return example }
        return Self.sample(of: kind, name: name.value, item: 0)
    }

    /// A list parameter's sample items: the spec's example, else two of the items' type.
    public var sampleItems: [String] {
        exampleItems ?? [Self.sample(of: kind, name: name.value, item: 1), Self.sample(of: kind, name: name.value, item: 2)]
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

    /// The sample as a typed value.
    public var sampleValue: ArgumentValue {
        if isList { return .list(sampleItems.map { kind.parse($0) ?? .string($0) }) }
        return kind.parse(sample) ?? .string(sample)
    }
}

/// The runtime table of a catalog and the examples of all its errors, computed once and shared
/// by the docs and the fixtures.
public struct CatalogExamples: Sendable {
    public var catalog: Catalog
    public var errors: [ErrorExamples]

    public init(_ spec: CatalogSpec) {
        let catalog = RuntimeTable.catalog(spec)
        self.catalog = catalog
        let requests = ErrorExamples.Requests(catalog)
        errors = spec.errors.indices.map { ErrorExamples(index: $0, spec: spec, catalog: catalog, requests: requests) }
    }
}

/// What docs and fixtures show of one error: its sample values and the responses the runtime
/// sends for them.
public struct ErrorExamples: Sendable {
    /// An example exchange: the request and the runtime's whole response.
    public struct Exchange: Sendable {
        public enum Case: String, Sendable, CaseIterable {
            case get, head, notAcceptable = "not-acceptable", language
            /// `Accept` whose written order and weights disagree.
            case acceptWeights = "accept-weights"
            /// `Accept` that excludes the default format with `q=0` and accepts anything else.
            case acceptExcludes = "accept-excludes"
            /// `Accept: */*`.
            case acceptAny = "accept-any"
            /// `Accept: type/*`.
            case acceptTypeRange = "accept-type-range"
            /// `Accept-Language` whose written order and weights disagree.
            case languageWeights = "language-weights"
            /// `Accept-Language` with a regional tag the catalog lacks, whose language it has.
            case languageFallback = "language-fallback"
            /// `Accept-Language` with a language the catalog lacks: the default one answers.
            case languageUnlisted = "language-unlisted"
            /// `Accept-Language: *`.
            case languageAny = "language-any"
            /// `Accept-Language` that excludes the default language with `q=0`, then `*`.
            case languageExcludes = "language-excludes"
        }

        public var kind: Case
        public var method: String
        public var requestHeaders: [(name: String, value: String)]
        public var response: ErrorResponse
    }

    public var arguments: [ArgumentValue]
    public var sampleMessage: String
    /// The message with every optional parameter absent and every list empty (the others at their
    /// samples); nil for an error without optional or list parameters.
    public var absentMessage: String?
    /// The sample message in each language after the default, where the error is translated.
    public var translatedSampleMessages: [String?]
    public var sampleHeaders: [(name: String, value: String)]
    /// A GET per offered format, in the catalog's order, then a HEAD and a request nothing
    /// satisfies; in a catalog of several languages, then a GET per language after the default,
    /// asking for it with `Accept-Language`. Then the requests that need weighing: in a catalog of
    /// several formats, `Accept` fields (`NegotiationRequests.accept`); in a catalog of several
    /// languages, `Accept-Language` fields (`NegotiationRequests.acceptLanguage`).
    public var exchanges: [Exchange]

    /// The media type no catalog offers, for the 406 example.
    public static let unavailableMediaType = "application/vnd.errgen.unavailable"

    /// The example requests of a catalog and how the runtime answers each, the same for every
    /// error: negotiated once, and the 406 response (which does not depend on the error) made once.
    struct Requests: Sendable {
        struct Request: Sendable {
            var kind: Exchange.Case
            var method: HTTPRequest.Method
            var headers: [(name: String, value: String)]
            var answer: Catalog.Answer
            var language: Int
            var notAcceptable: ErrorResponse?
        }

        var all: [Request] = []

        init(_ catalog: Catalog) {
            // A catalog without HTTP answers no request.
            guard catalog.isHTTP else { return }
            func add(_ kind: Exchange.Case, _ method: HTTPMethodName, accept: String?, language: String? = nil) {
                var fields = HTTPFieldsBuilder()
                if let accept { fields.add("Accept", accept) }
                if let language { fields.add("Accept-Language", language) }
                let request = fields.request(method: method)
                let answer = catalog.answer(to: request)
                var notAcceptable: ErrorResponse?
                let languageIndex = catalog.language(for: request)
                if case let .notAcceptable(accept) = answer {
                    notAcceptable = catalog.notAcceptableResponse(accept: accept, method: request.method, language: languageIndex)
                }
                let headers = (accept.map { [("Accept", $0)] } ?? []) + (language.map { [("Accept-Language", $0)] } ?? [])
                all.append(Request(kind: kind, method: request.method, headers: headers, answer: answer, language: languageIndex, notAcceptable: notAcceptable))
            }
            for format in catalog.formats { add(.get, .get, accept: format.contentType) }
            add(.head, .head, accept: nil)
            add(.notAcceptable, .get, accept: ErrorExamples.unavailableMediaType)
            for language in catalog.languages.dropFirst() { add(.language, .get, accept: nil, language: language) }
            for (kind, accept) in NegotiationRequests.accept(catalog) { add(kind, .get, accept: accept) }
            for (kind, tags) in NegotiationRequests.acceptLanguage(catalog.languages) { add(kind, .get, accept: nil, language: tags) }
        }
    }

    init(index: Int, spec: CatalogSpec, catalog: Catalog, requests: Requests) {
        let entry = spec.errors[index]
        let arguments = (entry.parameters + spec.parameters).map(\.sampleValue)
        let runtimeEntry = catalog.entries[index]
        self.arguments = arguments
        sampleMessage = runtimeEntry.message.render(arguments)
        let all = entry.parameters + spec.parameters
        absentMessage = all.contains(where: { $0.isOptional || $0.isList })
            ? runtimeEntry.message.render(zip(all, arguments).map { $0.isOptional ? .absent : $0.isList ? .list([]) : $1 }) : nil
        translatedSampleMessages = catalog.languages.indices.dropFirst().map { language in
            catalog.isTranslated(index, language: language) ? catalog.entry(index, language: language).message.render(arguments) : nil
        }
        sampleHeaders = runtimeEntry.headers.map { ($0.name, Catalog.fieldValue($0.value.render(arguments))) }
        exchanges = requests.all.map { request in
            // As `Catalog.response(entry:arguments:to:)` answers.
            let response: ErrorResponse
            switch request.answer {
            case let .format(format):
                response = catalog.response(entry: index, arguments: arguments, in: format, method: request.method, language: request.language)
            case .notAcceptable: response = request.notAcceptable!
            }
            return Exchange(kind: request.kind, method: request.method.rawValue, requestHeaders: request.headers, response: response)
        }
    }
}
