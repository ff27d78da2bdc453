import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Testing

/// A small feature at a time: a catalog fragment in, and beside it the fragment of each output it
/// must produce (lines that appear together, in order, in the generated file), so that a feature's
/// test reads as what the spec says and what errgen writes for it, without a whole reference case
/// to re-record. The whole files stay checked by `ReferenceTests`.
@Suite struct SnippetReferenceTests {
    /// The outputs of a one-catalog spec whose catalog `Snip` is `catalog` (YAML, indented as a
    /// catalog's keys, without indentation of its own).
    struct Outputs {
        var swift: String
        var fixture: String
        var docs: String
        var diagnostics: [String]
    }

    static func generate(_ catalog: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Outputs {
        let yaml = "errgen: 1\ncatalogs:\n  Snip:\n    title: Snippet\n" + catalog.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") + "\n"
        let (spec, diagnostics) = Generator.check(bytes: Array(yaml.utf8), file: "errors.yaml")
        let spec2 = try #require(spec, "\(diagnostics.map(\.description))", sourceLocation: sourceLocation)
        let resolved = try #require(ResolvedSpec(spec2).catalogs.first, sourceLocation: sourceLocation)
        let printer = SwiftPrinter(header: "// h")
        let swift = String(decoding: printer.file([SwiftPrinter.Slice(printer.parts(resolved), factories: 0..<resolved.errors.count)]), as: UTF8.self)
        let examples = CatalogExamples(resolved)
        let fixture = String(decoding: FixtureBuilder.fixture(resolved, header: "h", examples: examples).bytes, as: UTF8.self)
        let renderer = try TemplateRenderer(.defaults)
        let docs = try renderer.render("docs/catalog.md", ContextBuilder.docsCatalog(resolved, header: "h", examples: examples))
        return Outputs(swift: swift, fixture: fixture, docs: docs, diagnostics: diagnostics.map(\.description))
    }

    /// Whether `text` holds `snippet`'s lines together and in order (each line compared without
    /// its leading and trailing white space, so a snippet need not repeat the output's indentation).
    static func expectSnippet(_ snippet: String, in text: String, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        func lines(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let wanted = lines(snippet).filter { !$0.isEmpty }
        let have = lines(text)
        let found = have.indices.contains { start in
            start + wanted.count <= have.count && Array(have[start..<start + wanted.count]) == wanted
        }
        #expect(found, "\(what) lacks the lines:\n\(snippet)\n--- in ---\n\(text)", sourceLocation: sourceLocation)
    }

    static func expectAbsent(_ line: String, in text: String, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!text.contains(line), "\(what) holds \(line)", sourceLocation: sourceLocation)
    }

    @Test func aCatalogThatNeverAnswers406() throws {
        let outputs = try Self.generate("""
            formats: [json]
            not-acceptable: default-format
            errors:
              Missing: {status: 404, message: Not found.}
            """)
        Self.expectSnippet("""
            ""\",
            notAcceptable: .defaultFormat
            )
            """, in: outputs.swift, "the Swift")
        Self.expectSnippet(#""notAcceptable": "default-format","#, in: outputs.fixture, "the fixture")
        Self.expectSnippet("""
            "case": "not-acceptable",
            "format": "json",
            """, in: outputs.fixture, "the fixture")
        Self.expectSnippet(
            "Formats: `application/json` (default). A request that accepts none of them is answered in the default format, never with 406.",
            in: outputs.docs, "the page")
    }

    @Test func aCatalogThatAnswers406SaysNothingOfIt() throws {
        let outputs = try Self.generate("""
            formats: [json]
            errors:
              Missing: {status: 404, message: Not found.}
            """)
        Self.expectAbsent("notAcceptable:", in: outputs.swift, "the Swift")
        Self.expectSnippet(#""notAcceptable": "error","#, in: outputs.fixture, "the fixture")
        Self.expectSnippet("""
            "reasonPhrase": "Not Acceptable",
            """, in: outputs.fixture, "the fixture")
        Self.expectAbsent("never with 406", in: outputs.docs, "the page")
    }

    @Test func aRetiredErrorNamesTheOneSentInstead() throws {
        let outputs = try Self.generate("""
            formats: [json]
            errors:
              Old:
                status: 410
                message: Gone.
                retired: {in: "2.0", reason: Split in two., replacement: New}
              New: {status: 404, message: Not found.}
            """)
        Self.expectSnippet("""
            /// Wire code `Old`, HTTP status 410.
            @available(*, deprecated, message: "retired in 2.0: Split in two. Use .new instead.")
            public static var old: Self { _make(.old) }
            """, in: outputs.swift, "the Swift")
        Self.expectSnippet("""
            "retired": {
            "in": "2.0",
            "reason": "Split in two.",
            "replacement": "New"
            },
            """, in: outputs.fixture, "the fixture")
    }

    @Test func anOptionalParameterDefaultsToNil() throws {
        let outputs = try Self.generate("""
            formats: [json]
            errors:
              Busy:
                status: 503
                message: "Busy{retry? for {retry} seconds}."
                parameters: {retry: {type: integer, optional: true, example: "30"}}
            """)
        Self.expectSnippet("""
            public static func busy(retry: Swift.Int? = nil) -> Self {
            _make_io(.busy, retry)
            }
            """, in: outputs.swift, "the Swift")
        Self.expectSnippet("""
            "absentMessage": "Busy.",
            """, in: outputs.fixture, "the fixture")
        Self.expectSnippet("""
            "sampleMessage": "Busy for 30 seconds.",
            """, in: outputs.fixture, "the fixture")
    }

    @Test func integerCodesAreNumbersInTheFixture() throws {
        let outputs = try Self.generate("""
            formats: [json]
            code-type: integer
            errors:
              "20404": {status: 404, message: Not found., swift-name: notFound}
            """)
        Self.expectSnippet("""
            "code": 20404,
            """, in: outputs.fixture, "the fixture")
        Self.expectSnippet("""
            codeType: .integer
            """, in: outputs.swift, "the Swift")
        Self.expectSnippet("case notFound", in: outputs.swift, "the Swift")
    }

    @Test func aCatalogWithoutHTTPIsACodedError() throws {
        let outputs = try Self.generate("""
            http: false
            errors:
              Duplicate: {message: Duplicate key.}
            """)
        Self.expectSnippet("public struct SnipError: ErrgenRuntime.CodedError {", in: outputs.swift, "the Swift")
        Self.expectSnippet("/// Code `Duplicate`.", in: outputs.swift, "the Swift")
        Self.expectSnippet("""
            "http": false,
            """, in: outputs.fixture, "the fixture")
        Self.expectSnippet("""
            "responses": [],
            """, in: outputs.fixture, "the fixture")
    }

    @Test func aBodyShapeLeavesOutWhatIsMissingOrSaysNull() throws {
        let outputs = try Self.generate("""
            formats:
              - type: json
                body: {ok: false, error: "{code}", needed: "{needed}", hint: "{needed|null}", meta: {scope: "{needed}"}}
            errors:
              missing_scope:
                status: 403
                message: "Missing{needed? {needed}|}."
                parameters: {needed: {type: string, optional: true, example: "chat:write"}}
            """)
        Self.expectSnippet("""
            kneeded
            vp:needed
            khint
            np:needed
            """, in: outputs.swift, "the Swift")
        Self.expectSnippet(#""body": "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\",\"hint\":\"chat:write\",\"meta\":{\"scope\":\"chat:write\"}}","#, in: outputs.fixture, "the fixture")
        Self.expectSnippet(#""hint": "{needed|null}","#, in: outputs.fixture, "the fixture")
    }

    @Test func metadataIsAPropertyOfTheCode() throws {
        let outputs = try Self.generate("""
            formats: [json]
            metadata:
              retryable: {type: boolean, default: false, description: Whether trying again can succeed.}
            errors:
              Busy: {status: 503, message: Busy., metadata: {retryable: true}}
              Missing: {status: 404, message: Not found.}
            """)
        Self.expectSnippet("""
            /// Whether trying again can succeed.
            public var retryable: Swift.Bool { Self.catalog.entries[rawValue].metadata[0]!.booleanValue! }
            """, in: outputs.swift, "the Swift")
        Self.expectSnippet("""
            "metadata": {
            "retryable": true
            },
            """, in: outputs.fixture, "the fixture")
        Self.expectSnippet("| `retryable` | boolean | `false` | Whether trying again can succeed. |", in: outputs.docs, "the page")
    }
}
