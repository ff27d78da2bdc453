import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `schemas/errgen-spec.schema.json` agrees with what the validator accepts: the keys of every kind
/// of object, the required ones, the wire formats, the parameter types and the format version.
/// The validator is asked black-box, through the diagnostics a user sees.
@Suite struct SchemaTests {
    /// A key far from every real key, so the validator lists the keys it knows instead of
    /// suggesting one.
    static let unknownKey = "zzyzx-quuxplugh"

    /// The kinds of objects in a spec: where the schema describes each, and a spec with `{extra}`
    /// spliced into that object (`{extra}` is an indented line of the object's own keys).
    struct Kind: CustomStringConvertible, Sendable {
        var name: String
        var schemaPath: [String]
        var spec: String
        var description: String { name }

        /// The spec with `lines` added to this object, indented as its keys are.
        func spec(adding lines: String) -> String { spec.replacingOccurrences(of: "{extra}", with: lines) }
    }

    static let kinds: [Kind] = [
        Kind(name: "the spec", schemaPath: [], spec: """
            errgen: 1
            catalogs:
              Shop:
                title: Shop
                formats: [json]
                errors:
                  E: {status: 400, message: M}
            {extra}
            """),
        Kind(name: "catalog", schemaPath: ["$defs", "catalog"], spec: """
            errgen: 1
            catalogs:
              Shop:
                title: Shop
                formats: [json]
                errors:
                  E: {status: 400, message: M}
                {extra}
            """),
        Kind(name: "wire format", schemaPath: ["$defs", "formatObject"], spec: """
            errgen: 1
            catalogs:
              Shop:
                title: Shop
                formats:
                  - type: xml
                    {extra}
                errors:
                  E: {status: 400, message: M}
            """),
        Kind(name: "parameter", schemaPath: ["$defs", "parameterObject"], spec: """
            errgen: 1
            catalogs:
              Shop:
                title: Shop
                formats: [json]
                parameters:
                  request-id:
                    type: string
                    {extra}
                errors:
                  E: {status: 400, message: M}
            """),
        Kind(name: "error", schemaPath: ["$defs", "error"], spec: """
            errgen: 1
            catalogs:
              Shop:
                title: Shop
                formats: [json]
                errors:
                  E:
                    status: 400
                    message: M
                    {extra}
            """),
    ]

    /// The same objects, each empty (`{}`) where the others are complete.
    static let emptyObjects: [String: String] = [
        "the spec": "{}\n",
        "catalog": "errgen: 1\ncatalogs:\n  Shop: {}\n",
        "wire format": "errgen: 1\ncatalogs:\n  Shop:\n    title: Shop\n    formats: [{}]\n    errors: {E: {status: 400, message: M}}\n",
        "parameter": "errgen: 1\ncatalogs:\n  Shop:\n    title: Shop\n    formats: [json]\n    parameters: {p: {}}\n    errors: {E: {status: 400, message: M}}\n",
        "error": "errgen: 1\ncatalogs:\n  Shop:\n    title: Shop\n    formats: [json]\n    errors:\n      E: {}\n",
    ]

    func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Paths.url("schemas/errgen-spec.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The subschema at `path` (keys of nested objects).
    func subschema(_ path: [String]) throws -> [String: Any] {
        var node = try schema()
        for key in path {
            node = try #require(node[key] as? [String: Any], "no \(key) in the schema at \(path)")
        }
        return node
    }

    /// The keys the validator knows in an object, from its message about an unknown key there.
    func knownKeys(_ kind: Kind) throws -> Set<String> {
        let diagnostics = diagnose(kind.spec(adding: "\(Self.unknownKey): 1"))
        let message = try #require(
            diagnostics.first { $0.contains("unknown key '\(Self.unknownKey)'") },
            "no diagnostic about the unknown key in \(kind): \(diagnostics)")
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let start = try #require(message.range(of: "(expected one of: "), "no list of known keys in: \(message)")
        let list = try #require(message[start.upperBound...].split(separator: ")").first)
        return Set(list.components(separatedBy: ", "))
    }

    @Test func theFrameOfEveryKindIsValid() {
        for kind in Self.kinds {
            #expect(diagnose(kind.spec(adding: "")) == [], "\(kind)")
        }
    }

    @Test(arguments: kinds)
    func propertiesAreTheKeysTheValidatorKnows(_ kind: Kind) throws {
        let properties = try #require(try subschema(kind.schemaPath)["properties"] as? [String: Any])
        let known = try knownKeys(kind)
        #expect(Set(properties.keys) == known)
        #expect(try subschema(kind.schemaPath)["additionalProperties"] as? Bool == false, "unknown keys are errors")
    }

    @Test(arguments: kinds)
    func requiredKeysAreTheOnesTheValidatorRequires(_ kind: Kind) throws {
        let diagnostics = diagnose(try #require(Self.emptyObjects[kind.name]))
        let pattern = "missing the required key '"
        let missing = diagnostics.compactMap { line -> String? in
            guard let range = line.range(of: pattern) else { return nil }
            return line[range.upperBound...].split(separator: "'").first.map(String.init)
        }
        #expect(!missing.isEmpty, "\(diagnostics)")
        let required = try self.required(kind)
        #expect(Set(required) == Set(missing), "\(kind): \(diagnostics)")
        #expect(required.count == Set(required).count)
    }

    @Test func everyRequiredKeyIsReportedWhenItAloneIsMissing() throws {
        // The complete objects of `kinds`, each with one required key taken out.
        let objects: [(kind: String, spec: String, key: String)] = [
            ("the spec", "catalogs: {Shop: {title: Shop, formats: [json], errors: {E: {status: 400, message: M}}}}\n", "errgen"),
            ("the spec", "errgen: 1\n", "catalogs"),
            ("catalog", "errgen: 1\ncatalogs: {Shop: {formats: [json], errors: {E: {status: 400, message: M}}}}\n", "title"),
            ("catalog", "errgen: 1\ncatalogs: {Shop: {title: Shop, errors: {E: {status: 400, message: M}}}}\n", "formats"),
            ("catalog", "errgen: 1\ncatalogs: {Shop: {title: Shop, formats: [json]}}\n", "errors"),
            ("wire format", "errgen: 1\ncatalogs: {Shop: {title: Shop, formats: [{namespace: 'urn:x'}], errors: {E: {status: 400, message: M}}}}\n", "type"),
            ("parameter", "errgen: 1\ncatalogs: {Shop: {title: Shop, formats: [json], parameters: {p: {description: D}}, errors: {E: {status: 400, message: M}}}}\n", "type"),
            ("error", "errgen: 1\ncatalogs: {Shop: {title: Shop, formats: [json], errors: {E: {message: M}}}}\n", "status"),
            ("error", "errgen: 1\ncatalogs: {Shop: {title: Shop, formats: [json], errors: {E: {status: 400}}}}\n", "message"),
        ]
        var covered: [String: Set<String>] = [:]
        for object in objects {
            let diagnostics = diagnose(object.spec)
            #expect(diagnostics.contains { $0.contains("is missing the required key '\(object.key)'") }, "\(object.kind) without \(object.key): \(diagnostics)")
            covered[object.kind, default: []].insert(object.key)
        }
        for kind in Self.kinds {
            #expect(Set(try required(kind)) == covered[kind.name] ?? [], "\(kind)")
        }
    }

    /// The keys an object of `kind` must have: its `required`, and where an `anyOf` requires one
    /// of several keys (a catalog's `errors` or `include`), the first, which the validator names
    /// when none is given.
    /// A catalog with HTTP (the default, the schema's `else`) also requires its `formats` and its
    /// errors' `status`.
    func required(_ kind: Kind) throws -> [String] {
        let schema = try subschema(kind.schemaPath)
        let required = try #require(schema["required"] as? [String])
        let alternatives = (schema["anyOf"] as? [[String: Any]] ?? []).compactMap { ($0["required"] as? [String])?.first }
        let withHTTP = try subschema(["$defs", "catalog"])["else"] as? [String: Any] ?? [:]
        switch kind.name {
        case "catalog":
            return required + alternatives.prefix(1) + (withHTTP["required"] as? [String] ?? [])
        case "error":
            let errors = ((withHTTP["properties"] as? [String: Any])?["errors"] as? [String: Any])?["additionalProperties"] as? [String: Any]
            return required + (errors?["required"] as? [String] ?? [])
        default:
            return required + alternatives.prefix(1)
        }
    }

    @Test func formatsAreTheRuntimesWireFormats() throws {
        let formats = try #require(try subschema(["$defs", "formatName"])["enum"] as? [String])
        #expect(formats == WireFormat.allCases.map(\.rawValue))
    }

    @Test func parameterTypesAreTheRuntimesKinds() throws {
        let types = try #require(try subschema(["$defs", "parameterType"])["enum"] as? [String])
        #expect(types == ParameterKind.allCases.map(\.rawValue))
    }

    @Test func theVersionIsTheOneErrgenReads() throws {
        let errgen = try #require(try subschema(["properties", "errgen"])["const"] as? Int)
        #expect([errgen] == SpecDecoder.supportedVersions)
    }

    @Test func theSchemaNamesItself() throws {
        let schema = try schema()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["$id"] as? String == "https://errgen.dev/schemas/errgen-spec.schema.json")
        #expect((schema["title"] as? String)?.isEmpty == false)
    }

    @Test func everyPropertyIsDescribed() throws {
        for kind in Self.kinds {
            let properties = try #require(try subschema(kind.schemaPath)["properties"] as? [String: Any])
            for (key, value) in properties {
                let description = (value as? [String: Any])?["description"] as? String
                #expect(description?.isEmpty == false, "\(kind).\(key) has no description")
            }
        }
    }
}
