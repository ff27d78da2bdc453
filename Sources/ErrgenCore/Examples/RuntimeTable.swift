import ErrgenRuntime

/// The runtime's view of a catalog, built from the spec: the same table the generated Swift
/// carries, so examples in docs and fixtures are exactly what the runtime sends.
public enum RuntimeTable {
    /// The table line of an error (see `Catalog.init` in ErrgenRuntime), before Swift escaping.
    public static func line(_ entry: ErrorSpec) -> String {
        var fields = [
            entry.code.value, entry.swiftCaseName, String(entry.status.value), entry.message.value.source,
            parameterList(entry.parameters), entry.problemTitle,
        ]
        for header in entry.headers {
            fields.append(header.name.value + ": " + header.value.value.source)
        }
        return fields.map(escaped).joined(separator: "\t")
    }

    /// Shared or own parameters as the table writes them: `name:type,…`.
    public static func parameterList(_ parameters: [ParameterSpec]) -> String {
        parameters.map { "\($0.name.value):\($0.kind.rawValue)" }.joined(separator: ",")
    }

    /// The runtime catalog of a spec catalog.
    public static func catalog(_ spec: CatalogSpec) -> Catalog {
        Catalog(
            name: spec.name.value, title: spec.title, formats: spec.formats.map(\.kind),
            defaultFormat: spec.effectiveDefaultFormat?.kind ?? spec.formats.first?.kind ?? .text,
            xmlNamespace: spec.formats.first { $0.kind == .xml }?.namespace,
            documentationURL: spec.documentationURL?.value, parameters: parameterList(spec.parameters),
            table: spec.errors.map(line).joined(separator: "\n"))
    }

    /// The table's own escapes, so that a field never holds a raw tab or line break.
    static func escaped(_ field: String) -> String {
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

extension ParameterSpec {
    /// A sample value in its wire form: the spec's example, else one of the parameter's type.
    public var sample: String {
        if let example { return example }
        switch kind {
        case .string: return "sample-\(name.value)"
        case .integer: return "42"
        case .number: return "2.5"
        case .boolean: return "true"
        }
    }

    /// The sample as a typed value.
    public var sampleValue: ArgumentValue { kind.parse(sample) ?? .string(sample) }
}

/// The runtime table of a catalog and the examples of all its errors, computed once (in
/// parallel) and shared by the docs and the fixtures.
public struct CatalogExamples: Sendable {
    public var catalog: Catalog
    public var errors: [ErrorExamples]

    public init(_ spec: CatalogSpec) {
        let catalog = RuntimeTable.catalog(spec)
        self.catalog = catalog
        errors = parallelIndices(spec.errors.count) { ErrorExamples(index: $0, spec: spec, catalog: catalog) }
    }
}

/// What docs and fixtures show of one error: its sample values and the responses the runtime
/// sends for them.
public struct ErrorExamples: Sendable {
    /// An example exchange: the request and the runtime's whole response.
    public struct Exchange: Sendable {
        public enum Case: String, Sendable { case get, head, notAcceptable = "not-acceptable" }

        public var kind: Case
        public var method: String
        public var requestHeaders: [(name: String, value: String)]
        public var response: ErrorResponse
    }

    public var arguments: [ArgumentValue]
    public var sampleMessage: String
    public var sampleHeaders: [(name: String, value: String)]
    /// A GET per offered format, in the catalog's order, then a HEAD and a request nothing satisfies.
    public var exchanges: [Exchange]

    /// The media type no catalog offers, for the 406 example.
    public static let unavailableMediaType = "application/vnd.errgen.unavailable"

    public init(index: Int, spec: CatalogSpec, catalog: Catalog) {
        let entry = spec.errors[index]
        let arguments = (entry.parameters + spec.parameters).map(\.sampleValue)
        let runtimeEntry = catalog.entries[index]
        self.arguments = arguments
        sampleMessage = runtimeEntry.message.render(arguments)
        sampleHeaders = runtimeEntry.headers.map { ($0.name, Catalog.fieldValue($0.value.render(arguments))) }
        var exchanges: [Exchange] = []
        func exchange(_ kind: Exchange.Case, _ method: HTTPMethodName, accept: String?) {
            var fields = HTTPFieldsBuilder()
            if let accept { fields.add("Accept", accept) }
            let request = fields.request(method: method)
            exchanges.append(
                Exchange(
                    kind: kind, method: method.rawValue, requestHeaders: accept.map { [("Accept", $0)] } ?? [],
                    response: catalog.response(entry: index, arguments: arguments, to: request)))
        }
        for format in catalog.formats { exchange(.get, .get, accept: format.contentType) }
        exchange(.head, .head, accept: nil)
        exchange(.notAcceptable, .get, accept: Self.unavailableMediaType)
        self.exchanges = exchanges
    }
}
