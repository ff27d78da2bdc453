import ErrgenRuntime
import ErrgenSpec

/// A catalog as an OpenAPI 3.1 document of reusable components, to be `$ref`-ed from an API's own
/// document (see `Documentation/OpenAPI.md`):
///
/// - `components.schemas`: a schema per body format the catalog offers (`<Type>.json`,
///   `<Type>.problem-json`, `<Type>.xml`, `<Type>.problem-xml`, `<Type>.text`);
/// - `components.examples`: each error's body in each format, exactly as the runtime sends it for
///   the error's sample values;
/// - `components.responses`: a response per error (`<Type>.<case>`, with its headers and an
///   example per media type) and a response per status (`<Type>.404`) whose examples are every
///   error answering with it, for an operation that answers several of them.
///
/// A code is not an `enum` of the schemas: a client generated from them would refuse a code added
/// later, where errgen's own clients read it as an unknown error.
public enum OpenAPIProjection {
    /// The OpenAPI version written.
    public static let openAPIVersion = "3.1.0"

    /// The document of an HTTP catalog (a catalog without HTTP has no responses to project), its
    /// members in OpenAPI's order with errgen's comment near the top (where the writer looks for
    /// its marker before it removes a file no longer generated), every object below in key order.
    public static func document(_ spec: ResolvedCatalog, header: String, examples: CatalogExamples? = nil) -> OrderedJSON {
        let examples = examples ?? CatalogExamples(spec)
        let catalog = examples.catalog
        // Swift identifiers (ASCII letters, digits and `_`), which OpenAPI's component names allow.
        let type = spec.typeName
        var schemas: [String: JSONValue] = [:]
        for format in catalog.formats {
            schemas[schemaName(type, format)] = schema(format, spec: spec, catalog: catalog)
        }
        let names = spec.errors.map { type + "." + $0.swiftName }
        var exampleObjects: [String: JSONValue] = [:]
        var responses: [String: JSONValue] = [:]
        // Each error's example per format: its GET in that format.
        var errorExamples: [[(format: WireFormat, name: String)]] = []
        for (index, entry) in spec.errors.enumerated() {
            var named: [(format: WireFormat, name: String)] = []
            for exchange in examples.errors[index].exchanges where exchange.kind == .get {
                guard let format = exchange.response.format else { continue }
                let name = names[index] + "." + formatKey(format)
                named.append((format, name))
                exampleObjects[name] = .object([
                    "summary": .string("\(entry.code) as \(format.mediaType)"),
                    "value": exampleValue(exchange.response, format: format),
                ])
            }
            errorExamples.append(named)
            responses[names[index]] = .object(response(
                description: errorDescription(entry),
                headers: headers(of: [index], spec: spec, examples: examples),
                content: content(named.map { ($0.format, [(names[index], $0.name)]) }, type: type, catalog: catalog)))
        }
        // A response per status, its examples every error of that status (in spec order).
        let statuses = Dictionary(grouping: spec.errors.indices, by: { spec.errors[$0].status })
        for (status, indices) in statuses {
            let codes = indices.map { Markdown.code(spec.errors[$0].code) }.joined(separator: ", ")
            let statusLine = spec.errors[indices[0]].statusLine
            var byFormat: [(WireFormat, [(String, String)])] = []
            for format in catalog.formats {
                let named = indices.flatMap { index in
                    errorExamples[index].filter { $0.format == format }.map { (names[index], $0.name) }
                }
                if !named.isEmpty { byFormat.append((format, named)) }
            }
            responses["\(type).\(status)"] = .object(response(
                description: "\(statusLine): \(codes).",
                headers: headers(of: indices, spec: spec, examples: examples),
                content: content(byFormat, type: type, catalog: catalog)))
        }
        var info: [String: JSONValue] = [
            "title": .string(spec.title),
            // The document's own version: it holds components only, which an API's document places.
            "version": .string("1"),
        ]
        if let summary = spec.summary { info["summary"] = .string(summary) }
        if let description = spec.description { info["description"] = .string(Markdown.block(description)) }
        return .object([
            .init("openapi", .value(.string(openAPIVersion))),
            // The comment first: the writer looks for errgen's marker in a file's first 256 bytes.
            .init("x-errgen", .object([.init("comment", .value(.string(header))), .init("catalog", .value(.string(spec.name)))])),
            .init("info", .value(.object(info))),
            .init("components", .object([
                .init("schemas", .value(.object(schemas))),
                .init("responses", .value(.object(responses))),
                .init("examples", .value(.object(exampleObjects))),
            ])),
        ])
    }

    // MARK: Names

    /// The name of a format in component names (`problem-json`: `+` is not allowed there).
    package static func formatKey(_ format: WireFormat) -> String {
        format.rawValue.replacingOccurrences(of: "+", with: "-")
    }

    static func schemaName(_ type: String, _ format: WireFormat) -> String { type + "." + formatKey(format) }

    // MARK: Responses

    static func response(description: String, headers: [String: JSONValue], content: [String: JSONValue]) -> [String: JSONValue] {
        var response: [String: JSONValue] = ["description": .string(description)]
        if !headers.isEmpty { response["headers"] = .object(headers) }
        if !content.isEmpty { response["content"] = .object(content) }
        return response
    }

    static func errorDescription(_ entry: ResolvedError) -> String {
        var text = Markdown.code(entry.code) + ": " + Markdown.code(entry.message.source)
        if let description = entry.description { text += "\n\n" + Markdown.block(description) }
        if let deprecation = entry.deprecation { text += "\n\nDeprecated: " + Markdown.text(deprecation.message) }
        return text
    }

    /// The media types of the formats with their examples (`(response name, example name)`).
    static func content(_ formats: [(WireFormat, [(String, String)])], type: String, catalog: Catalog) -> [String: JSONValue] {
        var content: [String: JSONValue] = [:]
        for (format, named) in formats {
            var examples: [String: JSONValue] = [:]
            for (response, example) in named {
                examples[String(response.dropFirst(type.count + 1))] = .object(["$ref": .string("#/components/examples/" + example)])
            }
            content[format.mediaType] = .object([
                "schema": .object(["$ref": .string("#/components/schemas/" + schemaName(type, format))]),
                "examples": .object(examples),
            ])
        }
        return content
    }

    /// The headers the errors send besides `Content-Type` and `Content-Length`, as the runtime
    /// sends them with each error's GET in every format (the spec's headers, `Vary` where the
    /// answer was negotiated, `Content-Language` in a catalog of several languages): each with
    /// the value the first error sends as its example, `required` when every error of `indices`
    /// sends it. Names are compared as HTTP compares them, without regard to case; a spec's header
    /// is described by its template.
    static func headers(of indices: [Int], spec: ResolvedCatalog, examples: CatalogExamples) -> [String: JSONValue] {
        var order: [String] = []
        var found: [String: (name: String, value: String, count: Int)] = [:]
        var templates: [String: String] = [:]
        var responses = 0
        for index in indices {
            for header in spec.errors[index].headers where templates[header.name.value.lowercased()] == nil {
                templates[header.name.value.lowercased()] = header.value.value.source
            }
            for exchange in examples.errors[index].exchanges where exchange.kind == .get {
                responses += 1
                var seen: Set<String> = []
                for (name, value) in exchange.response.fieldPairs {
                    let key = name.lowercased()
                    guard key != "content-type", key != "content-length", seen.insert(key).inserted else { continue }
                    if let first = found[key] {
                        found[key]!.count = first.count + 1
                    } else {
                        found[key] = (name, value, 1)
                        order.append(key)
                    }
                }
            }
        }
        var headers: [String: JSONValue] = [:]
        for key in order {
            let header = found[key]!
            let description: String
            switch key {
            case "vary": description = "The request's fields the answer was negotiated on."
            case "content-language": description = "The language of the message, negotiated from `Accept-Language`."
            default: description = templates[key].map { "The spec's " + Markdown.code($0) + "." } ?? "Sent by the runtime."
            }
            var object: [String: JSONValue] = [
                "description": .string(description),
                "schema": .object(["type": .string("string")]),
                "example": .string(header.value),
            ]
            if header.count == responses { object["required"] = .bool(true) }
            headers[header.name] = .object(object)
        }
        return headers
    }

    /// A response body as an example's value: the JSON formats' bodies as they are sent (their
    /// members in wire order), the others as text.
    static func exampleValue(_ response: ErrorResponse, format: WireFormat) -> JSONValue {
        switch format {
        case .json, .problemJSON: return .written(response.body)
        case .text, .xml, .problemXML: return .string(response.bodyText)
        }
    }

    // MARK: Schemas

    static func schema(_ format: WireFormat, spec: ResolvedCatalog, catalog: Catalog) -> JSONValue {
        let code: JSONValue = spec.codeType == .integer
            ? .object(["type": .string("integer"), "description": .string("The error's code.")])
            : .object(["type": .string("string"), "description": .string("The error's code.")])
        let shared = spec.parameters.map { ($0.name, parameterSchema($0)) }
        let sharedRequired = spec.parameters.filter { !$0.isOptional }.map(\.name)
        // An empty list is no element in XML.
        let xmlRequired = spec.parameters.filter { !$0.isOptional && !$0.isList }.map(\.name)
        switch format {
        case .text:
            return .object(["type": .string("string"), "description": .string("The error's message.")])
        case .json:
            if let shape = spec.jsonShape {
                var schema = shapeSchema(shape, spec: spec)
                if case var .object(members) = schema {
                    members["description"] = .string("An error in the API's own shape.")
                    schema = .object(members)
                }
                return schema
            }
            var properties: [String: JSONValue] = ["code": code, "message": .object(["type": .string("string"), "description": .string("The error's message.")])]
            for (name, schema) in shared { properties[name] = schema }
            properties["details"] = .object([
                "type": .string("object"),
                "description": .string("The error's own parameters, by name; left out when the error has none."),
                "additionalProperties": .bool(true),
            ])
            return .object([
                "type": .string("object"),
                "description": .string("An error: its code, its message, the catalog's parameters and the error's own in `details`."),
                "required": .array((["code", "message"] + sharedRequired).map(JSONValue.string)),
                "properties": .object(properties),
            ])
        case .problemJSON:
            return .object([
                "type": .string("object"),
                "description": .string("RFC 9457 problem details; every parameter of the error is an extension member."),
                "required": .array(["title", "status", "detail", "code"].map(JSONValue.string)),
                "properties": .object([
                    "type": .object(["type": .string("string"), "format": .string("uri-reference"), "description": .string("The error's documentation; left out (meaning `about:blank`) without one.")]),
                    "title": .object(["type": .string("string")]),
                    "status": .object(["type": .string("integer")]),
                    "detail": .object(["type": .string("string"), "description": .string("The error's message.")]),
                    "code": code,
                ]),
                "additionalProperties": .bool(true),
            ])
        case .xml:
            if spec.xmlShape != nil {
                return .object(["type": .string("string"), "description": .string("An XML document in the API's own layout (see the examples).")])
            }
            var properties: [String: JSONValue] = ["code": code, "message": .object(["type": .string("string")])]
            for (name, schema) in shared { properties[name] = schema }
            properties["details"] = .object([
                "type": .string("object"),
                "description": .string("An element per parameter of the error's own; left out when it has none."),
                "additionalProperties": .bool(true),
            ])
            var xml: [String: JSONValue] = ["name": .string("error")]
            if let namespace = catalog.xmlNamespace { xml["namespace"] = .string(namespace) }
            return .object([
                "type": .string("object"),
                "description": .string("An `error` document: its code, its message, the catalog's parameters and the error's own in `details`."),
                "required": .array((["code", "message"] + xmlRequired).map(JSONValue.string)),
                "properties": .object(properties),
                "xml": .object(xml),
            ])
        case .problemXML:
            return .object([
                "type": .string("object"),
                "description": .string("RFC 9457 problem details in XML; every parameter of the error is an element."),
                "required": .array(["title", "status", "detail", "code"].map(JSONValue.string)),
                "properties": .object([
                    "type": .object(["type": .string("string"), "format": .string("uri-reference")]),
                    "title": .object(["type": .string("string")]),
                    "status": .object(["type": .string("integer")]),
                    "detail": .object(["type": .string("string")]),
                    "code": code,
                ]),
                "additionalProperties": .bool(true),
                "xml": .object(["name": .string("problem"), "namespace": .string("urn:ietf:rfc:7807")]),
            ])
        }
    }

    /// The JSON Schema of a parameter's values.
    static func parameterSchema(_ parameter: ResolvedParameter) -> JSONValue {
        var schema = kindSchema(parameter.kind, list: parameter.isList)
        if let description = parameter.description, case var .object(members) = schema {
            members["description"] = .string(description)
            schema = .object(members)
        }
        return schema
    }

    static func kindSchema(_ kind: ParameterKind, list: Bool) -> JSONValue {
        let item: JSONValue
        switch kind {
        case .string: item = .object(["type": .string("string")])
        case .integer: item = .object(["type": .string("integer"), "format": .string("int64")])
        case .unsigned: item = .object(["type": .string("integer"), "minimum": .int(0)])
        // A number that is not finite is written `null`.
        case .number: item = .object(["type": .array([.string("number"), .string("null")]), "format": .string("double")])
        case .boolean: item = .object(["type": .string("boolean")])
        }
        return list ? .object(["type": .string("array"), "items": item]) : item
    }

    /// The schema of a body shape: its objects' members required unless a body may leave them
    /// out (a whole placeholder whose value an error may not have, an object or array all of whose
    /// members or elements may be left out), literal strings and numbers as constants, a whole
    /// placeholder typed by what it names (`null` too where the shape asks for null, `|null`, and
    /// the value may be missing), a placeholder inside a string a string.
    static func shapeSchema(_ shape: ShapeValue, spec: ResolvedCatalog) -> JSONValue {
        switch shape {
        case let .object(members):
            var properties: [String: JSONValue] = [:]
            var required: [JSONValue] = []
            for member in members where properties[member.key.value] == nil {
                properties[member.key.value] = shapeSchema(member.value, spec: spec)
                if !mayBeLeftOut(member.value, spec: spec) { required.append(.string(member.key.value)) }
            }
            return .object(["type": .string("object"), "properties": .object(properties), "required": .array(required)])
        case let .array(items):
            // Where an element may be left out, the others move up: positions say nothing.
            if items.contains(where: { mayBeLeftOut($0, spec: spec) }) {
                return .object([
                    "type": .string("array"), "maxItems": .int(items.count),
                    "items": .object(["anyOf": .array(items.map { shapeSchema($0, spec: spec) })]),
                ])
            }
            return .object(["type": .string("array"), "prefixItems": .array(items.map { shapeSchema($0, spec: spec) })])
        case let .string(template):
            let segments = template.value.segments
            if segments.count == 1, case let .placeholder(name, _) = segments[0] { return placeholder(name, spec: spec).schema }
            // Literal text, its `{{` and `}}` read as the braces they stand for.
            let texts = segments.compactMap { segment -> String? in
                if case let .text(text) = segment { return text }
                return nil
            }
            if texts.count == segments.count {
                return .object(["type": .string("string"), "const": .string(texts.joined())])
            }
            return .object(["type": .string("string")])
        case let .orNull(template):
            guard case let .placeholder(name, _)? = template.value.segments.first else { return .object([:]) }
            let (schema, missing) = placeholder(name, spec: spec)
            guard missing, case var .object(members) = schema, case let .string(type)? = members["type"] else { return schema }
            members["type"] = .array([.string(type), .string("null")])
            return .object(members)
        case let .number(text):
            return .object(["type": .string("number"), "const": Int(text).map(JSONValue.int) ?? Double(text).map(JSONValue.double) ?? .null])
        case let .bool(b): return .object(["type": .string("boolean"), "const": .bool(b)])
        case .null: return .object(["type": .string("null")])
        }
    }

    /// Whether a body may leave a part of the shape out (see `JSONShape`).
    static func mayBeLeftOut(_ shape: ShapeValue, spec: ResolvedCatalog) -> Bool {
        switch shape {
        case let .object(members): return !members.isEmpty && members.allSatisfy { mayBeLeftOut($0.value, spec: spec) }
        case let .array(items): return !items.isEmpty && items.allSatisfy { mayBeLeftOut($0, spec: spec) }
        case let .string(template):
            guard template.value.segments.count == 1, case let .placeholder(name, _) = template.value.segments[0] else { return false }
            return placeholder(name, spec: spec).mayBeMissing
        case .orNull, .number, .bool, .null: return false
        }
    }

    /// What a whole placeholder of a shape holds where it has a value, and whether an error may
    /// have none (an optional parameter, or one only some errors have; an optional metadata key;
    /// a documentation link in a catalog without `documentation-url`).
    static func placeholder(_ name: String, spec: ResolvedCatalog) -> (schema: JSONValue, mayBeMissing: Bool) {
        switch ShapePlaceholder(rawValue: name) {
        case .code?: return (.object(["type": .string(spec.codeType == .integer ? "integer" : "string")]), false)
        case .message?, .title?: return (.object(["type": .string("string")]), false)
        case .status?: return (.object(["type": .string("integer")]), false)
        case .documentation?:
            return (.object(["type": .string("string")]), spec.documentationURL == nil && spec.errors.contains { $0.ownDocumentationLink == nil })
        case .parameters?, .metadata?: return (.object(["type": .string("object"), "additionalProperties": .bool(true)]), false)
        case nil: break
        }
        if let key = spec.metadataKeys.first(where: { $0.name == name }) {
            return (kindSchema(key.kind, list: false), key.isOptional)
        }
        // A parameter: of the catalog, or of some errors only (missing in the others).
        if let parameter = spec.parameters.first(where: { $0.name == name }) {
            return (parameterSchema(parameter), parameter.isOptional)
        }
        let uses = spec.errors.map { $0.parameters.prefix($0.ownParameterCount).first { $0.name == name } }
        let types = Set(uses.compactMap { $0.map { kindSchema($0.kind, list: $0.isList) } })
        let everywhere = uses.allSatisfy { $0.map { !$0.isOptional } ?? false }
        // Errors that give the name different types (the validator warns): any value.
        guard types.count == 1, let first = uses.lazy.compactMap({ $0 }).first else { return (.object([:]), !everywhere) }
        return (parameterSchema(first), !everywhere)
    }
}
