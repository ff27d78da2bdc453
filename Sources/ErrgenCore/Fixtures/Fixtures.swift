import ErrgenRuntime
import ErrgenSpec

/// The fixture file of a catalog: everything another language's test suite needs to check its
/// own client or server against the spec (see `schemas/errgen-fixtures.schema.json`).
public enum FixtureBuilder {
    /// The fixture format version.
    public static let version = 1

    public static func fixture(_ spec: ResolvedCatalog, header: String, examples: CatalogExamples? = nil) -> JSONValue {
        let examples = examples ?? CatalogExamples(spec)
        let catalog = examples.catalog
        // Each error's object, written as text at its depth in the document
        // (`errors` is a member of the top object, its elements 4 spaces deep). The shared
        // parameters are the same in every error: written once.
        let shared = spec.parameters.map { parameter in
            var writer = JSONWriter(indent: 8)
            write(parameter, to: &writer)
            return writer.out
        }
        let errors = spec.errors.map { error in
            JSONValue.written(self.error(error, spec: spec, shared: shared, examples: examples.errors[error.index], catalog: catalog))
        }
        return .object([
            "$comment": .string(header),
            "errgen": .int(version),
            "catalog": .object([
                "name": .string(spec.name),
                "title": .string(spec.title),
                "formats": .array(catalog.formats.map { format in
                    .object([
                        "format": .string(format.rawValue), "mediaType": .string(format.mediaType),
                        "contentType": .string(format.contentType),
                        "body": spec.body(of: format)?.json ?? .null,
                    ])
                }),
                "defaultFormat": spec.isHTTP ? .string(catalog.defaultFormat.rawValue) : .null,
                "notAcceptable": .string(spec.notAcceptable.rawValue),
                "http": .bool(spec.isHTTP),
                "codeType": .string(spec.codeType.rawValue),
                "xmlNamespace": .optional(catalog.xmlNamespace),
                "documentationURL": .optional(catalog.documentationURL),
                "languages": .array(catalog.languages.map(JSONValue.string)),
                "metadata": .array(spec.metadataKeys.map { key in
                    .object([
                        "default": key.defaultValue.map(JSONValue.init) ?? .null,
                        "description": .optional(key.description),
                        "name": .string(key.name),
                        "optional": .bool(key.isOptional),
                        "type": .string(key.kind.rawValue),
                    ])
                }),
                // Elements of `catalog.parameters`, 6 spaces deep.
                "parameters": .array(spec.parameters.map { parameter in
                    var writer = JSONWriter(indent: 6)
                    write(parameter, to: &writer)
                    return .written(writer.out)
                }),
            ]),
            "errors": .array(errors),
        ])
    }

    /// A parameter's object.
    static func write(_ parameter: ResolvedParameter, to w: inout JSONWriter) {
        w.object { w in
            w.key("description"); w.optional(parameter.description)
            // A list of values of `type` (`type: [string]` in the spec).
            w.key("list"); w.bool(parameter.isList)
            w.key("name"); w.string(parameter.name)
            w.key("optional"); w.bool(parameter.isOptional)
            w.key("sample"); w.value(JSONValue(parameter.sampleValue))
            w.key("shared"); w.bool(parameter.shared)
            w.key("type"); w.string(parameter.kind.rawValue)
        }
    }

    /// An error's object as text 4 spaces deep (an element of the top object's `errors`), its
    /// members in key order.
    static func error(_ entry: ResolvedError, spec: ResolvedCatalog, shared: [[UInt8]], examples: ErrorExamples, catalog runtime: Catalog) -> [UInt8] {
        let index = entry.index
        var w = JSONWriter(indent: 4, capacity: 4_096)
        w.object { w in
            // Where the error has optional parameters, its message without them (sections' `|` text).
            w.key("absentMessage"); w.optional(examples.absentMessage)
            w.key("code")
            // A catalog of integer codes has canonical decimal ones (the validator's rule): numbers as written.
            if spec.codeType == .integer, let number = Int(entry.code) { w.int(number) } else { w.string(entry.code) }
            w.key("deprecated")
            if let deprecation = entry.deprecation {
                w.object { w in w.key("message"); w.string(deprecation.message) }
            } else {
                w.null()
            }
            w.key("description"); w.optional(entry.description)
            // Where the error is documented: its own link, else the catalog's (the problem type).
            w.key("documentation"); w.optional(entry.documentationLink)
            w.key("headers")
            w.array { w in
                for (header, sample) in zip(entry.headers, examples.sampleHeaders) {
                    w.item()
                    w.object { w in
                        w.key("name"); w.string(header.name.value)
                        w.key("sampleValue"); w.string(sample.value)
                        w.key("value"); w.string(header.value.value.source)
                    }
                }
            }
            w.key("message"); w.string(entry.message.source)
            w.key("metadata")
            w.object { w in
                // Keys sorted, as everywhere in the file; a key without a value is left out.
                for (key, value) in zip(spec.metadataKeys, entry.metadata).sorted(by: { $0.0.name < $1.0.name }) {
                    guard let value else { continue }
                    w.key(key.name)
                    w.value(JSONValue(value))
                }
            }
            w.key("parameters")
            w.array { w in
                for parameter in entry.parameters.prefix(entry.ownParameterCount) {
                    w.item()
                    write(parameter, to: &w)
                }
                for text in shared {
                    w.item()
                    w.written(text)
                }
            }
            w.key("reasonPhrase"); w.string(entry.reasonPhrase)
            w.key("responses")
            w.array { w in
                for exchange in examples.exchanges {
                    w.item()
                    write(exchange, to: &w)
                }
            }
            w.key("retired")
            if let retirement = entry.retirement {
                w.object { w in
                    w.key("in"); w.string(retirement.version.value)
                    w.key("reason"); w.optional(retirement.reason)
                    w.key("replacement"); w.optional(retirement.replacement?.value)
                }
            } else {
                w.null()
            }
            w.key("sampleMessage"); w.string(examples.sampleMessage)
            w.key("since"); w.optional(entry.since)
            w.key("status")
            if spec.isHTTP { w.int(entry.status) } else { w.null() }
            w.key("swiftName"); w.string(entry.swiftName)
            w.key("title"); w.string(entry.title)
            w.key("translations")
            w.object { w in
                // Keys sorted, as everywhere in the file.
                for (offset, language) in runtime.languages.enumerated().dropFirst().sorted(by: { $0.element < $1.element }) {
                    guard let sample = examples.translatedSampleMessages[offset - 1], let translation = entry.translation(languageIndex: offset) else { continue }
                    w.key(language)
                    w.object { w in
                        w.key("message"); w.string(translation.message.source)
                        w.key("sampleMessage"); w.string(sample)
                        w.key("title"); w.string(runtime.entry(index, language: offset).title)
                    }
                }
            }
        }
        return w.out
    }

    static func write(_ exchange: ErrorExamples.Exchange, to w: inout JSONWriter) {
        let response = exchange.response
        func pairs(_ pairs: [(name: String, value: String)], to w: inout JSONWriter) {
            w.array { w in
                for pair in pairs {
                    w.item()
                    w.array { w in
                        w.item(); w.string(pair.name)
                        w.item(); w.string(pair.value)
                    }
                }
            }
        }
        w.object { w in
            w.key("body"); w.string(response.bodyText)
            w.key("case"); w.string(exchange.kind.rawValue)
            w.key("format"); w.optional(response.format?.rawValue)
            w.key("headers"); pairs(response.fieldPairs, to: &w)
            w.key("reasonPhrase"); w.string(response.head.status.reasonPhrase)
            w.key("request")
            w.object { w in
                w.key("headers"); pairs(exchange.requestHeaders, to: &w)
                w.key("method"); w.string(exchange.method)
            }
            w.key("status"); w.int(response.head.status.code)
        }
    }
}
