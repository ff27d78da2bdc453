import ErrgenRuntime

extension CatalogSpec {
    /// The name of the catalog's docs and fixture files, without extension: the catalog name in
    /// lower case, every character but ASCII letters, digits, `-` and `_` replaced by `-`.
    public var fileName: String { Catalog.anchor(forWireCode: name.value) }
}

/// The fixture file of a catalog: everything another language's test suite needs to check its
/// own client or server against the spec (see `schemas/errgen-fixtures.schema.json`).
public enum FixtureBuilder {
    /// The fixture format version.
    public static let version = 1

    public static func fixture(_ spec: CatalogSpec, header: String, examples: CatalogExamples? = nil) -> JSONValue {
        let examples = examples ?? CatalogExamples(spec)
        let catalog = examples.catalog
        // Each error's object, written as text in parallel at its depth in the document
        // (`errors` is a member of the top object, its elements 4 spaces deep).
        let errors = parallelIndices(spec.errors.count) { index in
            JSONValue.written(error(index, spec: spec, catalog: catalog, examples: examples.errors[index]).text(indent: 4))
        }
        return .object([
            "$comment": .string(header),
            "errgen": .int(version),
            "catalog": .object([
                "name": .string(spec.name.value),
                "title": .string(spec.title),
                "formats": .array(catalog.formats.map { format in
                    .object([
                        "format": .string(format.rawValue), "mediaType": .string(format.mediaType),
                        "contentType": .string(format.contentType),
                    ])
                }),
                "defaultFormat": .string(catalog.defaultFormat.rawValue),
                "xmlNamespace": .optional(catalog.xmlNamespace),
                "documentationURL": .optional(catalog.documentationURL),
                "parameters": .array(spec.parameters.map { parameter($0, shared: true) }),
            ]),
            "errors": .array(errors),
        ])
    }

    static func parameter(_ parameter: ParameterSpec, shared: Bool) -> JSONValue {
        .object([
            "name": .string(parameter.name.value),
            "type": .string(parameter.kind.rawValue),
            "shared": .bool(shared),
            "description": .optional(parameter.description),
            "sample": JSONValue(parameter.sampleValue),
        ])
    }

    static func error(_ index: Int, spec: CatalogSpec, catalog: Catalog, examples: ErrorExamples) -> JSONValue {
        let entry = spec.errors[index]
        let parameters = entry.parameters.map { parameter($0, shared: false) } + spec.parameters.map { parameter($0, shared: true) }
        let headers = zip(entry.headers, examples.sampleHeaders).map { header, sample in
            JSONValue.object([
                "name": .string(header.name.value), "value": .string(header.value.value.source),
                "sampleValue": .string(sample.value),
            ])
        }
        return .object([
            "code": .string(entry.code.value),
            "swiftName": .string(entry.swiftCaseName),
            "status": .int(entry.status.value),
            "reasonPhrase": .string(StatusPhrase.of(entry.status.value) ?? ""),
            "title": .string(entry.problemTitle),
            "message": .string(entry.message.value.source),
            "sampleMessage": .string(examples.sampleMessage),
            "description": .optional(entry.description),
            "deprecated": entry.deprecation.map { .object(["message": .string($0.message)]) } ?? .null,
            "parameters": .array(parameters),
            "headers": .array(headers),
            "responses": .array(examples.exchanges.map(exchange)),
        ])
    }

    static func exchange(_ exchange: ErrorExamples.Exchange) -> JSONValue {
        let response = exchange.response
        return .object([
            "case": .string(exchange.kind.rawValue),
            "format": .optional(response.format?.rawValue),
            "request": .object([
                "method": .string(exchange.method),
                "headers": .array(exchange.requestHeaders.map { .array([.string($0.name), .string($0.value)]) }),
            ]),
            "status": .int(response.head.status.code),
            "reasonPhrase": .string(response.head.status.reasonPhrase),
            "headers": .array(response.fieldPairs.map { .array([.string($0.name), .string($0.value)]) }),
            "body": .string(response.bodyText),
        ])
    }
}
