import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `errgen bundle-openapi`: an API's document with errgen's components copied in, so that a tool
/// that reads one file sees them; every reference it cannot follow named where it is written.
@Suite struct OpenAPIBundlerTests {
    /// Files in memory, by path.
    static func bundle(_ files: [String: String], _ path: String = "api.yaml") -> (OrderedJSON?, [String]) {
        var bundler = OpenAPIBundler { path in
            guard let text = files[path] else { throw DiagnosticError(.error("cannot read the file", file: path)) }
            return Array(text.utf8)
        }
        do {
            return (try bundler.bundle(path), [])
        } catch {
            return (nil, error.diagnostics.map(\.description))
        }
    }

    static let errors = """
        {"openapi": "3.1.0", "info": {"title": "Errors", "version": "1"},
         "components": {
           "schemas": {"E.json": {"type": "object", "properties": {"code": {"type": "string"}}}},
           "examples": {"E.a.json": {"value": {"code": "a"}}},
           "responses": {
             "E.404": {"description": "404", "content": {"application/json": {
               "schema": {"$ref": "#/components/schemas/E.json"},
               "examples": {"a": {"$ref": "#/components/examples/E.a.json"}}}}},
             "E.400": {"description": "400", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/E.json"}}}}
           }}}
        """

    static let api = """
        openapi: 3.1.0
        info: {title: API, version: "2"}
        paths:
          /things/{id}:
            get:
              operationId: getThing
              responses:
                "200":
                  description: A thing.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Thing"}
                "404": {$ref: "errors/e.openapi.json#/components/responses/E.404"}
                "400": {$ref: "./errors/../errors/e.openapi.json#/components/responses/E.400"}
        components:
          schemas:
            Thing: {type: object, properties: {count: {type: integer}, ok: {type: boolean}, ratio: {type: number}, none: {type: "null"}, quoted: "1"}}
        """

    @Test func referencedComponentsAreCopiedInWithWhatTheyReferTo() throws {
        let (bundle, diagnostics) = Self.bundle(["api.yaml": Self.api, "errors/e.openapi.json": Self.errors])
        #expect(diagnostics == [])
        let document = try #require(bundle)
        let text = String(decoding: document.bytes, as: UTF8.self)
        // The document's order is kept; references into the other file are internal now.
        #expect(text.hasPrefix("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\n    \"title\": \"API\",\n    \"version\": \"2\"\n  },\n  \"paths\": {"))
        #expect(text.contains("\"404\": {\n            \"$ref\": \"#/components/responses/E.404\"\n          }"))
        #expect(text.contains("\"$ref\": \"#/components/responses/E.400\""))
        #expect(!text.contains("e.openapi.json"))
        // The document's own components first, then the copied ones, in the order first referred to.
        guard case let .object(kinds)? = document["components"] else { Issue.record("no components"); return }
        #expect(kinds.map(\.key) == ["schemas", "responses", "examples"])
        guard case let .object(schemas)? = document["components"]?["schemas"] else { Issue.record("no schemas"); return }
        #expect(schemas.map(\.key) == ["Thing", "E.json"])
        guard case let .object(responses)? = document["components"]?["responses"] else { Issue.record("no responses"); return }
        #expect(responses.map(\.key) == ["E.404", "E.400"])
        // YAML's scalars as JSON's: a number stays a number, a quoted one a string.
        #expect(text.contains("\"quoted\": \"1\""))
        #expect(document["components"]?["schemas"]?["E.json"] != nil)
        #expect(document["components"]?["examples"]?["E.a.json"]?["value"] == .object([.init("code", .value(.string("a")))]))
    }

    @Test func aDocumentWithoutOutsideReferencesIsWrittenAsItIs() throws {
        let (bundle, diagnostics) = Self.bundle(["api.yaml": "openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n"])
        #expect(diagnostics == [])
        #expect(bundle.map { String(decoding: $0.bytes, as: UTF8.self) } == """
            {
              "openapi": "3.1.0",
              "info": {
                "title": "A",
                "version": "1"
              },
              "paths": {}
            }

            """)
    }

    @Test func aComponentThatRefersToItselfIsCopiedOnce() throws {
        let errors = """
            {"components": {"schemas": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}}}}
            """
        let api = "openapi: 3.1.0\ninfo: {title: A, version: '1'}\ncomponents:\n  schemas:\n    List: {$ref: 'e.json#/components/schemas/Node'}\n"
        let (bundle, diagnostics) = Self.bundle(["api.yaml": api, "e.json": errors])
        #expect(diagnostics == [])
        let text = try #require(bundle.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(text.components(separatedBy: "\"Node\": {").count == 2)
        #expect(text.contains("\"$ref\": \"#/components/schemas/Node\""))
    }

    @Test func aReferenceBackIntoTheDocumentIsMadeInternal() throws {
        let errors = """
            {"components": {"schemas": {"E": {"properties": {"thing": {"$ref": "api.yaml#/components/schemas/Thing"}}}}}}
            """
        let api = "openapi: 3.1.0\ninfo: {title: A, version: '1'}\ncomponents:\n  schemas:\n    Thing: {type: string}\n    Error: {$ref: 'e.json#/components/schemas/E'}\n"
        let (bundle, diagnostics) = Self.bundle(["api.yaml": api, "e.json": errors])
        #expect(diagnostics == [])
        #expect(bundle.map { String(decoding: $0.bytes, as: UTF8.self) }?.contains("\"$ref\": \"#/components/schemas/Thing\"") == true)
    }

    @Test(arguments: [
        ("missing file", "{$ref: 'nowhere.json#/components/responses/E.404'}",
         ["api.yaml:4:15: error: 'nowhere.json#/components/responses/E.404' refers to nowhere.json, which cannot be read: cannot read the file"]),
        ("missing component", "{$ref: 'errors/e.openapi.json#/components/responses/E.500'}",
         ["api.yaml:4:15: error: errors/e.openapi.json has no components.responses.E.500"]),
        ("not a component", "{$ref: 'errors/e.openapi.json#/info'}",
         ["api.yaml:4:15: error: 'errors/e.openapi.json#/info' must name a component of the other document (#/components/<kind>/<name>)"]),
        ("on the web", "{$ref: 'https://example.com/e.json#/components/responses/E.404'}",
         ["api.yaml:4:15: error: 'https://example.com/e.json#/components/responses/E.404' refers to a document on the web; errgen bundles files only"]),
        ("the document's own name", "{$ref: 'errors/e.openapi.json#/components/responses/Own'}",
         ["api.yaml:4:15: error: components.responses.Own of errors/e.openapi.json has the name of one of the document's own components"]),
    ])
    func aReferenceThatCannotBeFollowedIsNamedWhereItIsWritten(_ what: String, _ reference: String, _ expected: [String]) {
        let api = "openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\nx-use: \(reference)\ncomponents:\n  responses:\n    Own: {description: Mine}\n"
        let errors = Self.errors.replacingOccurrences(of: "\"E.400\"", with: "\"Own\"")
        let (bundle, diagnostics) = Self.bundle(["api.yaml": api, "errors/e.openapi.json": errors])
        #expect(bundle == nil, "\(what)")
        #expect(diagnostics == expected, "\(what)")
    }

    @Test func twoDocumentsCannotGiveOneNameToTwoComponents() {
        let api = """
            openapi: 3.1.0
            info: {title: A, version: '1'}
            components:
              schemas:
                A: {$ref: 'a.json#/components/schemas/E'}
                B: {$ref: 'b.json#/components/schemas/E'}
            """
        let other = "{\"components\": {\"schemas\": {\"E\": {\"type\": \"string\"}}}}"
        let (bundle, diagnostics) = Self.bundle(["api.yaml": api, "a.json": other, "b.json": other])
        #expect(bundle == nil)
        #expect(diagnostics == ["api.yaml:6:15: error: components.schemas.E would be copied from two documents: a.json#/components/schemas/E and b.json#/components/schemas/E"])
    }

    @Test func aDocumentThatIsNotYAMLIsAnError() {
        let (bundle, diagnostics) = Self.bundle(["api.yaml": "openapi: [3.1.0\n"])
        #expect(bundle == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("api.yaml:") == true)
        let (list, listDiagnostics) = Self.bundle(["api.yaml": "- openapi\n"])
        #expect(list == nil)
        #expect(listDiagnostics == ["api.yaml:1:1: error: an OpenAPI document must be a mapping"])
    }

    /// errgen's JSON is read as JSON: a U+0085 in a string stays (YAML would fold it into a
    /// space), an integer beyond 64 bits stays exact, a surrogate pair is one character.
    @Test func jsonIsReadExactly() throws {
        let errors = #"{"components": {"examples": {"X": {"value": {"text": "a\u0085b \ud83d\ude00", "big": 18446744073709551615, "x": 1.50}}}}}"#
        let api = "openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\nx-use: {$ref: 'e.json#/components/examples/X'}\n"
        let (bundle, diagnostics) = Self.bundle(["api.yaml": api, "e.json": errors])
        #expect(diagnostics == [])
        let text = try #require(bundle.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(text.contains("\"text\": \"a\u{85}b \u{1F600}\""))
        #expect(text.contains("\"big\": 18446744073709551615"))
        #expect(text.contains("\"x\": 1.50"))
        let (_, broken) = Self.bundle(["api.yaml": api, "e.json": "{\n  \"components\": [1,,2]\n}"])
        #expect(broken == ["e.json:2:20: error: not JSON: a value expected"])
    }

    @Test func referencesArePercentDecodedAndTheDocumentsPathNormalized() throws {
        let errors = #"{"components": {"schemas": {"A B": {"properties": {"t": {"$ref": "api.yaml#/components/schemas/T"}}}}}}"#
        let api = "openapi: 3.1.0\ninfo: {title: A, version: '1'}\ncomponents:\n  schemas:\n    T: {type: string}\n    U: {$ref: 'e%2Ejson#/components/schemas/A%20B'}\n"
        var bundler = OpenAPIBundler { path in
            guard let text = ["api.yaml": api, "e.json": errors][path] else { throw DiagnosticError(.error("cannot read the file", file: path)) }
            return Array(text.utf8)
        }
        let text = String(decoding: try bundler.bundle("./api.yaml").bytes, as: UTF8.self)
        #expect(text.contains("\"$ref\": \"#/components/schemas/A B\""))
        #expect(text.contains("\"$ref\": \"#/components/schemas/T\""))
    }

    @Test func whatCannotBeBundledIsAnError() {
        let other = #"{"components": {"schemas": {"E": {"type": "string"}}}}"#
        let use = "x-use: {$ref: 'e.json#/components/schemas/E'}\n"
        let (_, notString) = Self.bundle(["api.yaml": "openapi: 3.1.0\nx-use: {$ref: 7}\n"])
        #expect(notString == ["api.yaml:2:15: error: a '$ref' must be a string"])
        let (_, twice) = Self.bundle(["api.yaml": "openapi: 3.1.0\nx: {1: a, '1': b}\n"])
        #expect(twice == ["api.yaml:2:11: error: the key '1' appears twice in one mapping"])
        let (_, notMapping) = Self.bundle(["api.yaml": "openapi: 3.1.0\n" + use + "components:\n  schemas: [1]\n", "e.json": other])
        #expect(notMapping == ["api.yaml:4:12: error: 'components.schemas' must be a mapping"])
        // An empty kind takes the copied components.
        let (empty, none) = Self.bundle(["api.yaml": "openapi: 3.1.0\n" + use + "components:\n  schemas:\n", "e.json": other])
        #expect(none == [])
        #expect(empty?["components"]?["schemas"]?["E"] != nil)
        let (_, percent) = Self.bundle(["api.yaml": "openapi: 3.1.0\nx-use: {$ref: 'e.json#/components/schemas/%zz'}\n"])
        #expect(percent == ["api.yaml:2:15: error: 'e.json#/components/schemas/%zz' is not a well-formed reference (a '%' that starts no escape)"])
    }

    /// A long chain of components, each referring to the next, is copied without deep recursion.
    @Test func aLongChainOfReferences() throws {
        let count = 20_000
        var schemas: [String] = []
        for index in 0..<count {
            schemas.append(index == count - 1 ? "\"S\(index)\": {\"type\": \"string\"}" : "\"S\(index)\": {\"$ref\": \"#/components/schemas/S\(index + 1)\"}")
        }
        let errors = "{\"components\": {\"schemas\": {" + schemas.joined(separator: ", ") + "}}}"
        let api = "openapi: 3.1.0\nx-use: {$ref: 'e.json#/components/schemas/S0'}\n"
        let (bundle, diagnostics) = Self.bundle(["api.yaml": api, "e.json": errors])
        #expect(diagnostics == [])
        guard case let .object(copied)? = bundle?["components"]?["schemas"] else { Issue.record("no schemas"); return }
        #expect(copied.count == count)
    }

    @Test func paths() {
        #expect(OpenAPIBundler.join("api.yaml", "e.json") == "e.json")
        #expect(OpenAPIBundler.join("specs/api.yaml", "../errors/e.json") == "errors/e.json")
        #expect(OpenAPIBundler.join("specs/api.yaml", "./e.json") == "specs/e.json")
        #expect(OpenAPIBundler.join("api.yaml", "../e.json") == "../e.json")
        #expect(OpenAPIBundler.join("/work/api.yaml", "e.json") == "/work/e.json")
        #expect(OpenAPIBundler.join("api.yaml", "/abs/e.json") == "/abs/e.json")
    }

    /// The command: writes the bundle in one step, and with `--check` only compares.
    @Test func theCommandWritesTheBundleAndChecksIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("errors"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.api.write(to: folder.appendingPathComponent("api.yaml"), atomically: true, encoding: .utf8)
        try Self.errors.write(to: folder.appendingPathComponent("errors/e.openapi.json"), atomically: true, encoding: .utf8)
        let stale = try CLI.run(["bundle-openapi", "api.yaml", "--output", "openapi.json", "--check"], in: folder)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("openapi.json is not the bundle of api.yaml"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("openapi.json").path))
        let written = try CLI.run(["bundle-openapi", "api.yaml", "--output", "openapi.json"], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        let (expected, _) = Self.bundle(["api.yaml": Self.api, "errors/e.openapi.json": Self.errors])
        #expect(try Data(contentsOf: folder.appendingPathComponent("openapi.json")) == Data(try #require(expected).bytes))
        #expect(try CLI.run(["bundle-openapi", "api.yaml", "-o", "openapi.json", "--check"], in: folder).status == 0)
        // A reference that cannot be followed: the diagnostic, and the bundle as it was.
        try (Self.api + "\nx-broken: {$ref: 'errors/none.json#/components/schemas/X'}\n").write(
            to: folder.appendingPathComponent("api.yaml"), atomically: true, encoding: .utf8)
        let broken = try CLI.run(["bundle-openapi", "api.yaml", "--output", "openapi.json"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("api.yaml:18:18: error: 'errors/none.json#/components/schemas/X' refers to errors/none.json, which cannot be read: not a file errgen can read"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("openapi.json")) == Data(try #require(expected).bytes))
    }
}
