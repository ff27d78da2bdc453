@_spi(ErrgenGenerated) import ErrgenRuntime
import HTTPTypes

/// The runtime's view of a catalog, built from the spec: the table the generated Swift carries,
/// written and read back with the runtime's own `CatalogTable`, so examples in docs and fixtures
/// are exactly what the runtime sends.
public enum RuntimeTable {
    /// The table row of an error; metadata placeholders in its header values are filled in here,
    /// since an error's metadata never changes.
    package static func row(_ error: ResolvedError, in catalog: ResolvedCatalog) -> CatalogTable.Row {
        var metadata: [String: String] = [:]
        for (key, value) in zip(catalog.metadataKeys, error.metadata) {
            if let value { metadata[key.name] = value.description }
        }
        return CatalogTable.Row(
            wireCode: error.code, swiftName: error.swiftName, status: error.status,
            message: error.message.source, parameters: parameters(error.parameters.prefix(error.ownParameterCount)), title: error.title,
            headers: error.headers.map { ($0.name.value, metadata.isEmpty ? $0.value.value.source : $0.value.value.filling(metadata)) })
    }

    /// Parameters as the runtime knows them.
    public static func parameters(_ parameters: some Sequence<ResolvedParameter>) -> [Catalog.Entry.Parameter] {
        parameters.map(\.runtime)
    }

    /// The table lines of a catalog's errors (after the version line).
    public static func lines(_ catalog: ResolvedCatalog) -> [String] {
        let shared = parameters(catalog.parameters)
        return catalog.errors.map { CatalogTable.line(row($0, in: catalog), shared: shared) }
    }

    /// The translation table of each language after the default (see `CatalogTable.translationText`),
    /// empty for a catalog of one language.
    public static func translationTexts(_ catalog: ResolvedCatalog) -> [String] {
        catalog.languages.indices.dropFirst().map { language in
            CatalogTable.translationText(catalog.errors.map { error in
                error.translation(languageIndex: language).map { ($0.message.source, $0.ownTitle) }
            })
        }
    }

    /// The runtime catalog of a spec catalog: its table lines written and read as the runtime
    /// reads the generated table.
    public static func catalog(_ catalog: ResolvedCatalog) -> Catalog {
        let shared = parameters(catalog.parameters)
        let name = catalog.name
        let entries = catalog.errors.map { error -> Catalog.Entry in
            var entry = CatalogTable.entry(line: ArraySlice(CatalogTable.line(row(error, in: catalog), shared: shared).utf8), shared: shared, catalog: name)
            entry.metadata = error.metadata
            entry.documentationLink = error.ownDocumentationLink
            return entry
        }
        return Catalog(
            name: name, title: catalog.title, formats: catalog.formats.map(\.kind), defaultFormat: catalog.runtimeDefaultFormat,
            xmlNamespace: catalog.xmlNamespace, documentationURL: catalog.documentationURL, sharedParameters: shared, entries: entries,
            languages: catalog.languages,
            translations: translationTexts(catalog).map { CatalogTable.translations($0, entries: entries, catalog: name) },
            metadataKeys: metadataKeys(catalog), codeType: catalog.codeType, isHTTP: catalog.isHTTP, jsonShape: jsonShape(catalog),
            xmlShape: xmlShape(catalog), notAcceptable: catalog.notAcceptable)
    }

    /// The runtime catalog of a catalog of the source model.
    public static func catalog(_ spec: CatalogSpec) -> Catalog { catalog(ResolvedCatalog(spec)) }

    /// The runtime's steps for the catalog's json body shape, if it has one.
    public static func jsonShape(_ catalog: ResolvedCatalog) -> JSONShape? {
        catalog.jsonShape.map { ShapeCompiler.compile($0, metadataKeys: Set(catalog.metadataKeys.map(\.name))) }
    }

    /// The runtime's steps for the catalog's xml body layout, if it has one.
    public static func xmlShape(_ catalog: ResolvedCatalog) -> XMLShape? {
        catalog.xmlShape.map { ShapeCompiler.compileXML($0, namespace: catalog.xmlNamespace, metadataKeys: Set(catalog.metadataKeys.map(\.name))) }
    }

    /// The metadata keys as the runtime knows them.
    public static func metadataKeys(_ catalog: ResolvedCatalog) -> [Catalog.MetadataKey] {
        catalog.metadataKeys.map(\.runtime)
    }

    /// The metadata table of a catalog (see `CatalogTable.metadataText`).
    public static func metadataText(_ catalog: ResolvedCatalog) -> String {
        CatalogTable.metadataText(catalog.errors.map(\.metadata))
    }
}

/// The runtime table of a catalog and the examples of all its errors, computed once and shared
/// by the docs and the fixtures.
public struct CatalogExamples: Sendable {
    public var catalog: Catalog
    public var errors: [ErrorExamples]

    public init(_ spec: ResolvedCatalog) {
        let catalog = RuntimeTable.catalog(spec)
        self.catalog = catalog
        let requests = ErrorExamples.Requests(catalog)
        errors = spec.errors.map { ErrorExamples($0, catalog: catalog, requests: requests) }
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

    init(_ error: ResolvedError, catalog: Catalog, requests: Requests) {
        let index = error.index
        let arguments = error.parameters.map(\.sampleValue)
        let runtimeEntry = catalog.entries[index]
        self.arguments = arguments
        sampleMessage = runtimeEntry.message.render(arguments)
        absentMessage = error.hasAbsentParameters
            ? runtimeEntry.message.render(zip(error.parameters, arguments).map { $0.isOptional ? .absent : $0.isList ? .list([]) : $1 }) : nil
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
