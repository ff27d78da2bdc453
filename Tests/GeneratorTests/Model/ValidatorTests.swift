import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Testing

/// One test per rule of the spec format, each asserting the exact position and message a user sees.
@Suite struct ValidatorTests {
    /// A one-catalog spec around an `errors:` block (lines 1-6 are the frame; errors start on line 7,
    /// indented by two more spaces than given, so a key written at column 5 lands at column 7).
    func spec(_ errors: String, formats: String = "[json]", catalogExtra: String = "") -> String {
        let errors = errors.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return """
        errgen: 1
        catalogs:
          Shop:
            title: Shop
            formats: \(formats)\(catalogExtra)
            errors:
        \(errors)
        """
    }

    @Test func aValidSpecHasNoDiagnostics() throws {
        _ = try validSpec(spec("""
                NotFound:
                  status: 404
                  message: "No {thing} here."
                  parameters:
                    thing: string
            """))
    }

    @Test func unknownKeysSuggestTheNearestKnownOne() {
        #expect(diagnose(spec("""
                NotFound:
                  status: 404
                  mesage: Nothing.
                  message: Nothing.
            """)) == ["9:9: error: unknown key 'mesage' in error 'NotFound'; did you mean 'message'?"])
        #expect(diagnose("errgen: 1\ncatalog: {}\n") == [
            "1:1: error: the spec is missing the required key 'catalogs'",
            "2:1: error: unknown key 'catalog' in the spec; did you mean 'catalogs'?",
        ])
    }

    @Test func unknownKeysWithoutANearOneListTheKnownKeys() {
        #expect(diagnose(spec("    E:\n      status: 404\n      message: M\n      colour: red")) == [
            "10:9: error: unknown key 'colour' in error 'E' (expected one of: deprecated, description, documentation-url, headers, message, metadata, parameters, retired, since, status, swift-name, title, translations)"
        ])
    }

    @Test func wrongValueTypes() {
        #expect(diagnose(spec("""
                E:
                  status: "404"
                  message: [a, b]
            """)) == [
            "8:17: error: 'status' must be an integer, not a string (remove the quotes to make it an integer: 404)",
            "9:18: error: 'message' must be a string, not a sequence",
        ])
        #expect(diagnose(spec("    E:\n      status: 404\n      message: 42")) == [
            "9:18: error: 'message' must be a string, not an integer (quote it to make it a string: \"42\")"
        ])
        #expect(diagnose(spec("    E: 404")) == ["7:10: error: error 'E' must be a mapping, not an integer"])
    }

    @Test func missingRequiredKeys() {
        #expect(diagnose(spec("    E:\n      description: Nothing else.")) == [
            "7:7: error: error 'E' is missing the required key 'message'",
            "7:7: error: error 'E' is missing the required key 'status'",
        ])
        #expect(diagnose("errgen: 1\ncatalogs:\n  A:\n    errors: {E: {status: 400, message: M}}\n") == [
            "3:3: error: catalog 'A' is missing the required key 'formats'",
            "3:3: error: catalog 'A' is missing the required key 'title'",
        ])
    }

    @Test func duplicateWireCodes() {
        // The same key twice is caught by the loader; the same code written as a number and as a
        // string is caught by the validator.
        #expect(diagnose(spec("""
                404:
                  status: 404
                  message: A
                "404":
                  status: 404
                  message: B
            """)) == [
            "10:7: error: duplicate wire code '404' (first defined at 7:7)"
        ])
        let duplicateKey = diagnose(spec("""
                E:
                  status: 404
                  message: A
                E:
                  status: 404
                  message: B
            """))
        #expect(duplicateKey.count == 1)
        #expect(duplicateKey.first?.hasPrefix("10:7: error: duplicate key 'E'") == true)
    }

    @Test func swiftNamesThatCollideAfterDerivation() {
        #expect(diagnose(spec("""
                NotFound:
                  status: 404
                  message: A
                not-found:
                  status: 404
                  message: B
            """)) == [
            "10:7: error: errors 'NotFound' and 'not-found' both have the Swift case name 'notFound'; set 'swift-name' on one of them"
        ])
        #expect(diagnose(spec("""
                Catalog:
                  status: 400
                  message: A
            """)) == [
            "7:7: error: the Swift case name 'catalog' (derived from wire code 'Catalog') is a member every generated type has; set 'swift-name'"
        ])
        #expect(diagnose(spec("""
                E:
                  status: 400
                  message: "{a-b} {a_b}"
                  parameters: {a-b: string, a_b: string}
            """)) == [
            "10:35: error: parameters 'a-b' and 'a_b' both have the Swift name 'aB'"
        ])
    }

    @Test func catalogTypeNamesThatCollide() {
        let yaml = """
            errgen: 1
            catalogs:
              Shop:
                title: A
                formats: [json]
                errors: {E: {status: 400, message: M}}
              shop-error:
                title: B
                formats: [json]
                errors: {E: {status: 400, message: M}}
              Catalog:
                title: C
                formats: [json]
                errors: {E: {status: 400, message: M}}
            """
        #expect(diagnose(yaml) == [
            "7:3: error: catalogs 'Shop' and 'shop-error' both generate the Swift type 'ShopError'; set 'swift-name' on one of them",
            "11:3: error: the Swift type name 'CatalogError' of catalog 'Catalog' is taken by errgen's runtime or by Swift; set 'swift-name'",
        ])
    }

    @Test func catalogsWhoseOutputFilesCollide() {
        // `Shop` and `shop` name different Swift types but the same pages; `a.b` and `a-b` both
        // become `a-b`; `Index` would overwrite the docs index; `Orders`/`orders` types differ in
        // case only, one file on macOS.
        let yaml = """
            errgen: 1
            catalogs:
              Shop:
                title: A
                formats: [json]
                errors: {E: {status: 400, message: M}}
              shop:
                title: B
                swift-name: ShopErrorsToo
                formats: [json]
                errors: {E: {status: 400, message: M}}
              a.b: {title: C, formats: [json], errors: {E: {status: 400, message: M}}}
              a-b: {title: D, swift-name: Other, formats: [json], errors: {E: {status: 400, message: M}}}
              Index: {title: E, formats: [json], errors: {E: {status: 400, message: M}}}
              ReadMe: {title: F, formats: [json], errors: {E: {status: 400, message: M}}}
              Orders: {title: G, swift-name: OrderError, formats: [json], errors: {E: {status: 400, message: M}}}
              orders-x: {title: H, swift-name: ORDERERROR, formats: [json], errors: {E: {status: 400, message: M}}}
            """
        #expect(diagnose(yaml) == [
            "7:3: error: catalogs 'Shop' and 'shop' would both write the pages shop.md and shop.html and the fixture shop.json; rename one of them",
            "13:3: error: catalogs 'a.b' and 'a-b' would both write the pages a-b.md and a-b.html and the fixture a-b.json; rename one of them",
            "14:3: error: catalog 'Index' would write the pages index.md and index.html, whose names the docs index takes (README.md, index.html); rename the catalog",
            "15:3: error: catalog 'ReadMe' would write the pages readme.md and readme.html, whose names the docs index takes (README.md, index.html); rename the catalog",
            "17:36: error: the Swift types 'OrderError' and 'ORDERERROR' differ only in case, so their files would be one file on a case-insensitive file system; set 'swift-name' on one of them",
        ])
    }

    @Test func swiftKeywordsAreEscapedNotRefused() throws {
        let parsed = try validSpec(spec("""
                default:
                  status: 400
                  message: "{in}"
                  parameters: {in: string}
            """))
        let entry = try #require(parsed.catalogs.first?.errors.first)
        #expect(entry.swiftCaseName == "default")
        #expect(SwiftNames.escaped(entry.swiftCaseName) == "`default`")
    }

    @Test func statusesOutsideTheErrorRange() {
        #expect(diagnose(spec("    E:\n      status: 302\n      message: M\n    F:\n      status: 600\n      message: M")) == [
            "8:17: error: status 302 is not an error status (400-599)",
            "11:17: error: status 600 is not an error status (400-599)",
        ])
    }

    @Test func placeholdersWithoutADeclaredParameter() {
        #expect(diagnose(spec("""
                E:
                  status: 400
                  message: Hello {nmae}!
                  parameters:
                    name: string
            """)) == [
            "9:24: error: placeholder '{nmae}' has no declared parameter; did you mean '{name}'?",
            "11:11: error: parameter 'name' is never used in the message, the headers or a body shape of error 'E'",
        ])
        #expect(diagnose(spec("    E:\n      status: 400\n      message: 'Hi {who}'")) == [
            "9:22: error: placeholder '{who}' has no declared parameter (declare it under 'parameters')"
        ])
    }

    @Test func declaredParametersTheMessageNeverUses() {
        #expect(diagnose(spec("""
                E:
                  status: 400
                  message: Static.
                  parameters:
                    id: integer
            """)) == ["11:11: error: parameter 'id' is never used in the message, the headers or a body shape of error 'E'"])
        // A parameter used only in a header is used.
        #expect(diagnose(spec("""
                E:
                  status: 405
                  message: Static.
                  parameters: {allow: string}
                  headers: {Allow: "{allow}"}
            """)).isEmpty)
    }

    @Test func emptyMessages() {
        #expect(diagnose(spec("    E:\n      status: 400\n      message: ''")) == [
            "9:18: error: the message of error 'E' is empty"
        ])
        #expect(diagnose(spec("    E:\n      status: 400\n      message: '  '")) == [
            "9:18: error: the message of error 'E' is empty"
        ])
    }

    @Test func malformedTemplates() {
        #expect(diagnose(spec("    E:\n      status: 400\n      message: a { b")) == [
            "9:20: error: unclosed '{' in template (write '{{' for a literal brace)"
        ])
        #expect(diagnose(spec("    E:\n      status: 400\n      message: a } b")) == [
            "9:20: error: unmatched '}' in template (write '}}' for a literal brace)"
        ])
        #expect(diagnose(spec("    E:\n      status: 400\n      message: 'a {} b {x y}'")) == [
            "9:21: error: empty placeholder '{}'",
            "9:26: error: '{x y}' is not a valid placeholder: a parameter name starts with a letter and holds only letters, digits, '-' and '_'",
        ])
    }

    @Test func unknownWireFormats() {
        #expect(diagnose(spec("    E: {status: 400, message: M}", formats: "[json, jsno, yaml]")) == [
            "5:21: error: unknown wire format 'jsno'; did you mean 'json'?",
            "5:27: error: unknown wire format 'yaml' (expected one of: text, json, xml, problem+json, problem+xml)",
        ])
        #expect(diagnose(spec("    E: {status: 400, message: M}", formats: "[json, json]")) == [
            "5:21: error: wire format 'json' is listed twice (first at 5:15)"
        ])
        #expect(diagnose(spec("    E: {status: 400, message: M}", formats: "[{type: json, namespace: urn:x}]")) == [
            "5:39: error: 'namespace' applies only to the xml format"
        ])
        #expect(diagnose(spec("    E: {status: 400, message: M}", formats: "[]")) == [
            "5:14: error: catalog 'Shop' must offer at least one wire format"
        ])
    }

    @Test func defaultFormatMustBeOffered() {
        #expect(diagnose(spec("    E: {status: 400, message: M}", catalogExtra: "\n    default-format: xml")) == [
            "6:21: error: default format 'xml' is not among the catalog's formats (json)"
        ])
    }

    @Test func parameterTypesAndExamples() {
        #expect(diagnose(spec("""
                E:
                  status: 400
                  message: "{a} {b}"
                  parameters:
                    a: strng
                    b: {type: integer, example: ten}
            """)) == [
            "11:14: error: unknown parameter type 'strng'; did you mean 'string'?",
            "12:39: error: example 'ten' is not a valid integer",
        ])
    }

    @Test func headers() {
        #expect(diagnose(spec("""
                E:
                  status: 429
                  message: Slow.
                  headers:
                    Content-Type: text/html
                    "Bad Header": x
                    Retry-After: "1"
                    retry-after: "2"
            """)) == [
            "11:11: error: header 'Content-Type' is set by the runtime from the chosen wire format and may not be given",
            "12:11: error: 'Bad Header' is not a valid HTTP header name",
            "14:11: error: header 'retry-after' is given twice (first at 13:11)",
        ])
    }

    /// A carriage return, a line feed or a NUL in a header value is refused, each on its own.
    @Test(arguments: ["\\r", "\\n", "\\0"])
    func headerValuesHoldNoLineBreakOrNUL(_ escape: String) {
        #expect(diagnose(spec("""
                E:
                  status: 429
                  message: Slow.
                  headers:
                    Retry-After: "1\(escape)2"
            """)) == ["11:24: error: the value of header 'Retry-After' contains a line break or NUL"])
    }

    /// Header names are compared without case, whichever of the two is written in capitals.
    @Test func aHeaderGivenTwiceInAnotherCase() {
        #expect(diagnose(spec("""
                E:
                  status: 429
                  message: Slow.
                  headers:
                    retry-after: "1"
                    Retry-After: "2"
            """)) == ["12:11: error: header 'Retry-After' is given twice (first at 11:11)"])
    }

    @Test func explicitSwiftNamesMustBeIdentifiers() {
        #expect(diagnose(spec("    E: {status: 400, message: M, swift-name: 'not valid'}")) == [
            "7:48: error: 'not valid' is not a valid Swift case name"
        ])
    }

    @Test func formatVersion() {
        #expect(diagnose("errgen: 2\ncatalogs: {A: {title: A, formats: [json], errors: {E: {status: 400, message: M}}}}\n") == [
            "1:9: error: unsupported spec format version 2 (this errgen reads version 1)"
        ])
    }

    @Test func everyProblemIsReportedInOneRunSortedByPosition() {
        let found = diagnose(spec("""
                B:
                  status: 700
                  message: "{x}"
                A:
                  status: 200
                  mesage: M
            """, formats: "[yaml]"))
        #expect(found == [
            "5:15: error: unknown wire format 'yaml' (expected one of: text, json, xml, problem+json, problem+xml)",
            "8:17: error: status 700 is not an error status (400-599)",
            "9:19: error: placeholder '{x}' has no declared parameter (declare it under 'parameters')",
            "10:7: error: error 'A' is missing the required key 'message'",
            "11:17: error: status 200 is not an error status (400-599); a catalog whose errors travel with a success status says 'allow-success-status: true'",
            "12:9: error: unknown key 'mesage' in error 'A'; did you mean 'message'?",
        ])
    }

    @Test func documentationURLsAndTitles() {
        #expect(diagnose(spec("    E: {status: 400, message: M, title: ' '}", catalogExtra: "\n    documentation-url: docs/errors#top")) == [
            "6:24: error: 'documentation-url' must be an absolute URL without a fragment (errgen adds '#' and the error's anchor), of a scheme that runs nothing (not javascript:, vbscript: or data:)",
            "8:43: error: the title of error 'E' is empty",
        ])
        #expect(diagnose(spec("    E: {status: 400, message: M}", catalogExtra: "\n    documentation-url: https://example.com/errors")).isEmpty)
        #expect(diagnose("errgen: 1\ncatalogs:\n  A: {title: \"\\u2029 \", formats: [json], errors: {E: {status: 400, message: M}}}\n") == [
            "3:14: error: the title of catalog 'A' is empty",
        ])
    }

    @Test func parametersMayNotTakeTheNamesOfBodyMembers() {
        #expect(diagnose(spec("""
                E:
                  status: 400
                  message: "{status} {type}"
                  parameters: {status: integer, type: string}
            """, formats: "[problem+json, json]", catalogExtra: "\n    parameters: {details: string}")) == [
            "6:18: error: catalog parameter 'details' would clash with the 'details' member of the json and xml bodies",
            "11:22: error: parameter 'status' would clash with the 'status' member of problem details (RFC 9457)",
            "11:39: error: parameter 'type' would clash with the 'type' member of problem details (RFC 9457)",
        ])
    }

    /// Each member problem details use themselves, as an error's parameter.
    @Test(arguments: ["type", "title", "status", "detail", "instance", "code"])
    func noParameterTakesTheNameOfAProblemDetailsMember(_ name: String) {
        #expect(diagnose(spec("""
                E:
                  status: 400
                  message: "{\(name)}"
                  parameters: {\(name): string}
            """, formats: "[problem+json]")) == [
            "10:22: error: parameter '\(name)' would clash with the '\(name)' member of problem details (RFC 9457)"
        ])
    }

    /// Each member the json and xml bodies use themselves, as a catalog parameter.
    @Test(arguments: ["code", "message", "details"])
    func noCatalogParameterTakesTheNameOfAJSONOrXMLMember(_ name: String) {
        #expect(diagnose(spec("    E: {status: 400, message: M}", formats: "[xml]", catalogExtra: "\n    parameters: {\(name): string}")) == [
            "6:18: error: catalog parameter '\(name)' would clash with the '\(name)' member of the json and xml bodies"
        ])
    }
}
