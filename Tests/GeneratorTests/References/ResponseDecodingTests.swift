import AnyAPICatalogs
import EdgeCaseCatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Generated
import HTTPTypes
import InjectionCatalogs
import LanguageCatalogs
import Testing
import WideCatalog

/// A client reads every response the fixtures hold back into the typed error it came from: the
/// bundled, reference and injection catalogs, every JSON format (errgen's layout, problem+json,
/// body shapes) and text; unknown codes, empty bodies and malformed bodies answer as documented.
@Suite struct ResponseDecodingTests {
    /// Each compiled catalog with its fixture file.
    static let catalogs: [(fixture: String, type: any CatalogError.Type)] = [
        ("fixtures/raws.json", RAWSError.self), ("fixtures/restauth.json", RestAuthError.self),
        ("Tests/References/edge-cases/fixtures/edge-cases.json", EdgeCasesError.self),
        ("Tests/References/injection/fixtures/----catalog.json", InjectionError.self),
        ("Tests/References/injection/fixtures/shaped.json", InjectionErrorShaped.self),
        ("Tests/References/languages/fixtures/shop.json", ShopError.self),
        ("Tests/References/any-api/fixtures/aws.json", AWSError.self), ("Tests/References/any-api/fixtures/google.json", GoogleError.self),
        ("Tests/References/any-api/fixtures/s3.json", S3Error.self), ("Tests/References/any-api/fixtures/slack.json", SlackError.self),
        ("Tests/References/any-api/fixtures/twilio.json", TwilioError.self),
    ]

    @Test(arguments: catalogs.map(\.fixture))
    func everyFixtureResponseReadsBackAsItsError(_ fixture: String) throws {
        let type = try #require(Self.catalogs.first { $0.fixture == fixture }).type
        try Self.check(type, fixture: fixture)
    }

    static func check<E: CatalogError>(_ type: E.Type, fixture: String) throws {
        let file = try JSONDecoder().decode(Fixture.self, from: Data(try Paths.text(fixture).utf8))
        var decoded = 0
        for error in file.errors {
            let code = try #require(E.Code(wireCode: error.code.text), "\(fixture): \(error.code.text)")
            let expected = E(unchecked: code, arguments: error.parameters.map(\.value))
            for response in error.responses {
                var fields = HTTPFields()
                for header in response.headers { fields.append(HTTPField(name: HTTPField.Name(header[0])!, value: header[1])) }
                let head = HTTPResponse(status: .init(code: response.status), headerFields: fields)
                let body = Array(response.body.utf8)
                let what = "\(fixture): \(error.code.text), \(response.case) \(response.format ?? "-")"
                switch (response.case, response.format) {
                case ("head", _), (_, nil):
                    // No body: the status is all there is.
                    #expect(try E.decode(head, body: body) == .unknown(UnknownError(status: head.status, code: nil, message: nil)), "\(what)")
                case ("not-acceptable", _) where E.Code.catalog.notAcceptable == .error:
                    // The catalog's 406 error, with the values the runtime gave it (a catalog that
                    // never answers 406 answers in its default format, read as any other response).
                    guard case let .known(notAcceptable) = try E.decode(head, body: body) else {
                        Issue.record("\(what): not read as the 406 error")
                        continue
                    }
                    #expect(notAcceptable.statusCode == 406 && notAcceptable.body(in: WireFormat(rawValue: response.format!)!) == response.body, "\(what)")
                case (_, "xml"?), (_, "problem+xml"?):
                    // XML carries text: the error read back writes the same body again.
                    guard case let .known(read) = try E.decode(head, body: body) else {
                        Issue.record("\(what): not read as a known error")
                        continue
                    }
                    #expect(read.code == expected.code, "\(what)")
                    var request = HTTPRequest(method: .get, scheme: "https", authority: "api.example.com", path: "/")
                    for header in response.request.headers { request.headerFields.append(HTTPField(name: HTTPField.Name(header[0])!, value: header[1])) }
                    // Where XML replaced what it cannot hold in the message, a value read from the
                    // message alone (here an optional one) may not be found in it.
                    #expect(read.response(to: request).bodyText == response.body || response.body.contains("\u{FFFD}"), "\(what)")
                    decoded += 1
                case (_, "text"?):
                    // Text carries the message alone: it reads back as an error whose message it is.
                    switch try E.decode(head, body: body) {
                    case let .known(read):
                        #expect(read.statusCode == response.status, "\(what)")
                        #expect(read.message == response.body || response.case.hasPrefix("language"), "\(what)")
                        // Each value the message shows, as it was; one it never shows (a catalog
                        // parameter the text leaves out) absent, as the decoder's contract says.
                        if response.case == "get", read.code == expected.code {
                            #expect(zip(read.arguments, expected.arguments).allSatisfy { $0 == $1 || $0 == .absent }, "\(what)")
                        }
                    case let .unknown(unknown):
                        // A message in another language, or one that does not show every value.
                        #expect(unknown.message == response.body && (response.case.hasPrefix("language") || unknown.code == error.code.text), "\(what): \(unknown)")
                    }
                default:
                    #expect(try E.decode(head, body: body) == .known(expected), "\(what)")
                    decoded += 1
                }
            }
        }
        #expect(decoded > 0 || !E.catalog.formats.contains(where: { $0 == .json || $0 == .problemJSON }), "\(fixture): no JSON response read")
    }

    @Test func anUnknownCodeKeepsStatusCodeAndMessage() throws {
        func head(_ type: String) -> HTTPResponse { HTTPResponse(status: .conflict, headerFields: [.contentType: type]) }
        #expect(try RestAuthError.decode(head("application/json"), body: Array(#"{"code":"gone-fishing","message":"Back soon."}"#.utf8))
            == .unknown(UnknownError(status: .conflict, code: "gone-fishing", message: "Back soon.")))
        #expect(try TwilioError.decode(head("application/json"), body: Array(#"{"code":99999,"message":"New.","more_info":"x","status":409}"#.utf8))
            == .unknown(UnknownError(status: .conflict, code: "99999", message: "New.")))
        #expect(try SlackError.decode(head("application/json; charset=utf-8"), body: Array(#"{"ok":false,"error":"new_error"}"#.utf8))
            == .unknown(UnknownError(status: .conflict, code: "new_error", message: nil)))
        #expect(try RestAuthError.decode(head("text/plain; charset=utf-8"), body: Array("Something else.".utf8))
            == .unknown(UnknownError(status: .conflict, code: nil, message: "Something else.")))
        // A shape's code inside text: AWS's "com.example#<code>".
        #expect(try AWSError.decode(head("application/json"), body: Array(#"{"__type":"com.example#ThrottlingException","message":"Rate exceeded."}"#.utf8))
            == .known(.throttlingException))
    }

    @Test func valuesAreTypedAndChecked() throws {
        let head = HTTPResponse(status: .badRequest, headerFields: [.contentType: "application/json"])
        let read = try GoogleError.decode(head, body: Array(#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"t","reason":"UNSUPPORTED_API_VERSION","domain":"d","metadata":{"version":3,"supported":[1,2]}}]}}"#.utf8))
        #expect(read == .known(.unsupportedApiVersion(version: 3, supported: [1, 2])))
        #expect(throws: ResponseDecodingError.mismatchedValues(code: "UNSUPPORTED_API_VERSION", reason: "parameter 'supported' is not a [integer]")) {
            try GoogleError.decode(head, body: Array(#"{"error":{"code":400,"message":"m","details":[{"reason":"UNSUPPORTED_API_VERSION","metadata":{"version":3,"supported":[1,"2"]}}]}}"#.utf8))
        }
        #expect(throws: ResponseDecodingError.mismatchedValues(code: "service-not-allowed-from-address", reason: "parameter 'ip-address' is missing")) {
            try RestAuthError.decode(HTTPResponse(status: .unauthorized, headerFields: [.contentType: "application/json"]),
                body: Array(#"{"code":"service-not-allowed-from-address","message":"m","details":{"service":"s"}}"#.utf8))
        }
        #expect(throws: ResponseDecodingError.mismatchedValues(code: "service-not-allowed-from-address", reason: "parameter 'service' is not a string")) {
            try RestAuthError.decode(HTTPResponse(status: .unauthorized, headerFields: [.contentType: "application/json"]),
                body: Array(#"{"code":"service-not-allowed-from-address","message":"m","details":{"service":1,"ip-address":"a"}}"#.utf8))
        }
    }

    @Test(arguments: [
        (#"{"code":"x""#, "not JSON: the end of the body in an object at byte 11"),
        (#"{"code":"x"} trailing"#, "not JSON: text after the JSON value at byte 13"),
        ("\u{FEFF}{}", "not JSON: a value expected at byte 0"),
        (#"{"code":"\ud800"}"#, "not JSON: a lone surrogate at byte 15"),
        (String(repeating: "[", count: 100), "not JSON: values nested deeper than 64 at byte 64"),
        (#"["code"]"#, "not a JSON object"),
    ])
    func malformedBodiesAreRefusedWithAReason(_ body: String, _ reason: String) {
        #expect(throws: ResponseDecodingError.malformedBody(reason)) {
            try RestAuthError.decode(HTTPResponse(status: .badRequest, headerFields: [.contentType: "application/json"]), body: Array(body.utf8))
        }
    }

    @Test(arguments: [
        ("<!DOCTYPE error [<!ENTITY lol \"lol\">]><error/>", "not XML: a document type declaration (refused: it could define entities) at byte 0"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><error/>", "not XML: a document type declaration (refused: it could define entities) at byte 22"),
        ("<error xmlns=\"http://rambla.be/raws/ns-metadata/1.0\"><code>&lol;</code></error>", "not XML: an unknown reference '&lol;' in element 'code'"),
        ("<error xmlns=\"http://rambla.be/raws/ns-metadata/1.0\"><code>x</kode></error>", "not XML: '</kode>' closes '<code>' at byte 66"),
        ("<error xmlns=\"urn:other\"><code>NoSuchUser</code></error>", "not an error of this catalog: the root is 'error' in urn:other, not 'error' in http://rambla.be/raws/ns-metadata/1.0"),
        ("<error xmlns=\"http://rambla.be/raws/ns-metadata/1.0\"><code>&#0;</code></error>", "not XML: an unknown reference '&#0;' in element 'code'"),
        (String(repeating: "<a>", count: 100), "not XML: elements nested deeper than 64 at byte 192"),
        ("<:/>", "not XML: a malformed name ':' at byte 4"),
        ("<a:>x</a:>", "not XML: a malformed name 'a:' at byte 4"),
        ("<error xmlns=\"http://rambla.be/raws/ns-metadata/1.0\"><code>&#x+41;</code></error>", "not XML: an unknown reference '&#x+41;' in element 'code'"),
        ("<r" + (0..<300).map { " xmlns:p\($0)=\"u\"" }.joined() + "/>", "not XML: more than 256 namespace declarations at byte 4394"),
        ("<error", "not XML: an unterminated start tag at byte 6"),
    ])
    func malformedXMLIsRefusedWithAReason(_ body: String, _ reason: String) {
        #expect(throws: ResponseDecodingError.malformedBody(reason)) {
            try RAWSError.decode(HTTPResponse(status: .notFound, headerFields: [.contentType: "application/xml"]), body: Array(body.utf8))
        }
    }

    @Test func xmlValuesAreReadAsTheirTypes() throws {
        let head = HTTPResponse(status: .methodNotAllowed, headerFields: [.contentType: "application/xml"])
        let error = S3Error.methodNotAllowed(method: "PUT", resourceType: "OBJECT", allowedMethods: ["GET", "HEAD"], requestId: "r&1", hostId: "h")
        #expect(try S3Error.decode(head, body: Array(error.body(in: .xml).utf8)) == .known(error))
        let problem = HTTPResponse(status: .methodNotAllowed, headerFields: [.contentType: "application/problem+xml"])
        #expect(try S3Error.decode(problem, body: Array(error.body(in: .problemXML).utf8)) == .known(error))
        // An empty list is no element at all, and reads back as empty.
        let none = S3Error.methodNotAllowed(method: "PUT", resourceType: "OBJECT", allowedMethods: [], requestId: "r", hostId: "h")
        #expect(try S3Error.decode(head, body: Array(none.body(in: .xml).utf8)) == .known(none))
        let large = S3Error.entityTooLarge(proposedSize: .max, maxSizeAllowed: 5, requestId: "r", hostId: "h")
        #expect(try S3Error.decode(head, body: Array(large.body(in: .xml).utf8)) == .known(large))
        // A CDATA section and character references are text like any other.
        let body = #"<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>m</Message><Key><![CDATA[a<b]]>&#x26;c</Key><RequestId>r</RequestId><HostId>h</HostId></Error>"#
        #expect(try S3Error.decode(head, body: Array(body.utf8)) == .known(.noSuchKey(key: "a<b&c", requestId: "r", hostId: "h")))
    }

    /// What servers other than errgen's write, and every reader must take: upper-case hex in a
    /// JSON escape (RFC 8259 §7), `&apos;` and `&quot;` (XML's predefined entities), CR LF inside
    /// XML text (one line break: XML 1.0 §2.11), a media type in any case (RFC 9110 §8.3.1).
    @Test func bodiesAsOtherServersWriteThemAreRead() throws {
        let json = HTTPResponse(status: .conflict, headerFields: [.contentType: "application/json"])
        #expect(try RestAuthError.decode(json, body: Array(#"{"code":"gone","message":"caf\u00E9 \u00e9 \uD83D\uDE00"}"#.utf8))
            == .unknown(UnknownError(status: .conflict, code: "gone", message: "café é 😀")))
        let shouted = HTTPResponse(status: .unauthorized, headerFields: [.contentType: "Application/JSON; Charset=UTF-8"])
        let error = RestAuthError.serviceNotAllowedFromAddress(service: "s", ipAddress: "192.0.2.1")
        #expect(try RestAuthError.decode(shouted, body: Array(error.body(in: .json).utf8)) == .known(error))
        let text = HTTPResponse(status: .unauthorized, headerFields: [.contentType: "TEXT/Plain;charset=utf-8"])
        #expect(try RestAuthError.decode(text, body: Array(error.message.utf8)) == .known(error))
        let xml = HTTPResponse(status: .notFound, headerFields: [.contentType: "application/xml"])
        func s3(_ key: String) -> String {
            "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>m</Message><Key>\(key)</Key><RequestId>r</RequestId><HostId>h</HostId></Error>"
        }
        #expect(try S3Error.decode(xml, body: Array(s3("bob&apos;s &quot;file&quot;").utf8)) == .known(.noSuchKey(key: "bob's \"file\"", requestId: "r", hostId: "h")))
        #expect(try S3Error.decode(xml, body: Array(s3("a\r\nb\rc").utf8)) == .known(.noSuchKey(key: "a\nb\nc", requestId: "r", hostId: "h")))
        // A line break at the very end of a text, and of an attribute value.
        #expect(try S3Error.decode(xml, body: Array(s3("a\r").utf8)) == .known(.noSuchKey(key: "a\n", requestId: "r", hostId: "h")))
        #expect(try S3Error.decode(xml, body: Array(s3("a\r\n").utf8)) == .known(.noSuchKey(key: "a\n", requestId: "r", hostId: "h")))
    }

    /// Numbers as other servers write them: an exponent in either case and with either sign
    /// (RFC 8259 §6; Python's json writes `1e+20`), read as the number it is.
    @Test func jsonNumbersWithAnExponentAreRead() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json]
                errors:
                  X: {status: 400, message: "Ratio {ratio}.", parameters: {ratio: number}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        let head = HTTPResponse(status: .badRequest, headerFields: [.contentType: "application/json"])
        let written = catalog.body(entry: 0, arguments: [.number(0.125)], format: .json)
        #expect(written.contains(":0.125"), "\(written)")
        for (text, value) in [("1.5E+3", 1500.0), ("2e-2", 0.02), ("-1E2", -100.0), ("3e0", 3.0)] {
            let body = written.replacingOccurrences(of: ":0.125", with: ":" + text)
            let read = try catalog.decode(head, body: Array(body.utf8))
            #expect(read.index == 0 && read.arguments == [.number(value)], "\(text): \(read)")
        }
        #expect(throws: ResponseDecodingError.self) {
            try catalog.decode(head, body: Array(written.replacingOccurrences(of: ":0.125", with: ":1e").utf8))
        }
    }

    /// Attributes as other servers write them (XML 1.0 §2.3, §3.3.3): blanks around `=`, either
    /// quote, and a tab or line break written as itself in a value, which reads as a space (a
    /// character reference keeps it).
    @Test func xmlAttributesAsOtherServersWriteThemAreRead() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats:
                  - type: xml
                    body: {Error: {"@id": "{request-id}", Code: "{code}"}}
                errors:
                  X: {status: 400, message: "Bad.", parameters: {request-id: string}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        let head = HTTPResponse(status: .badRequest, headerFields: [.contentType: "application/xml"])
        func read(_ attribute: String) throws -> [ArgumentValue] {
            try catalog.decode(head, body: Array("<?xml version=\"1.0\"?>\n<Error \(attribute)><Code>X</Code></Error>".utf8)).arguments
        }
        #expect(try read(#"id="r-1""#) == [.string("r-1")])
        #expect(try read("id = \"r-1\"") == [.string("r-1")])
        #expect(try read("id\t=\n'r-1'") == [.string("r-1")])
        #expect(try read("id=\"a\tb\nc\"") == [.string("a b c")])
        #expect(try read(#"id="a&#10;b&#9;c""#) == [.string("a\nb\tc")])
        #expect(try read("id=\"a\r\"") == [.string("a ")])
    }

    /// A text body is matched against the templates of the response's status only: an error of
    /// another status whose template would take any text (`{detail}`) does not answer for it.
    @Test func aTextBodyIsReadAsAnErrorOfTheResponsesStatus() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [text]
                errors:
                  BadRequest: {status: 400, message: "{detail}", parameters: {detail: string}}
                  NoSuchUser: {status: 404, message: "No such user: {name}.", parameters: {name: string}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        func read(_ status: HTTPResponse.Status, _ text: String) throws -> DecodedResponse {
            try catalog.decode(HTTPResponse(status: status, headerFields: [.contentType: "text/plain; charset=utf-8"]), body: Array(text.utf8))
        }
        #expect(try read(.notFound, "No such user: bob.") == DecodedResponse(index: 1, code: "NoSuchUser", message: "No such user: bob.", arguments: [.string("bob")]))
        #expect(try read(.badRequest, "No such user: bob.") == DecodedResponse(index: 0, code: "BadRequest", message: "No such user: bob.", arguments: [.string("No such user: bob.")]))
    }

    @Test func anAbsentValueStaysAbsentWhereItsPlaceIsEmpty() throws {
        // A body shape writes null for it, errgen's layout leaves its member out: neither is read
        // from the message, whose section shows its text for none.
        let head = HTTPResponse(status: .ok, headerFields: [.contentType: "application/json"])
        #expect(try SlackError.decode(head, body: Array(SlackError.missingScope().body(in: .json).utf8)) == .known(.missingScope()))
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json, problem+json, xml, problem+xml]
                errors:
                  X: {status: 403, message: "{reason?Denied: {reason}|Denied: none}", parameters: {reason: {type: string, optional: true}}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        for format in catalog.formats {
            let body = catalog.body(entry: 0, arguments: [.absent], format: format)
            let read = try catalog.decode(HTTPResponse(status: .forbidden, headerFields: [.contentType: format.mediaType]), body: Array(body.utf8))
            #expect(read == DecodedResponse(index: 0, code: "X", message: "Denied: none", arguments: [.absent]), "\(format)")
        }
    }

    @Test func matchingATextAgainstTemplatesIsBounded() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [text]
                errors:
                  A: {status: 400, message: "{a} {b}!", parameters: {a: string, b: string}}
                  B: {status: 400, message: "{a} {b} {c}!", parameters: {a: string, b: string, c: string}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        let text = String(repeating: "a ", count: 8_192)
        let read = try catalog.decode(HTTPResponse(status: .badRequest, headerFields: [.contentType: "text/plain"]), body: Array(text.utf8))
        #expect(read == DecodedResponse(index: nil, code: nil, message: text, arguments: []))
        let fits = try catalog.decode(HTTPResponse(status: .badRequest, headerFields: [.contentType: "text/plain"]), body: Array("x y z!".utf8))
        #expect(fits == DecodedResponse(index: 0, code: "A", message: "x y z!", arguments: [.string("x"), .string("y z")]))
    }

    @Test func hostileBodiesAreRefusedBeforeTheyCost() throws {
        let head = HTTPResponse(status: .badRequest, headerFields: [.contentType: "application/json"])
        // A 100 MB body is refused by its size, unread.
        let huge = [UInt8](repeating: 0x20, count: 100 << 20)
        #expect(throws: ResponseDecodingError.tooLarge(size: 100 << 20, limit: 1 << 20)) { try RestAuthError.decode(head, body: huge) }
        // Invalid UTF-8 inside a string.
        #expect(throws: ResponseDecodingError.malformedBody("not JSON: a string that is not UTF-8 at byte 15")) {
            try RestAuthError.decode(head, body: Array(#"{"message":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        }
        #expect(throws: ResponseDecodingError.malformedBody("not UTF-8")) {
            try RestAuthError.decode(HTTPResponse(status: .unauthorized, headerFields: [.contentType: "text/plain"]), body: [0xFF, 0xFE])
        }
        #expect(throws: ResponseDecodingError.unsupportedMediaType("text/html")) {
            try RestAuthError.decode(HTTPResponse(status: .unauthorized, headerFields: [.contentType: "text/html"]), body: Array("<p>".utf8))
        }
        // Bodies made to be slow to read are read in one pass: many attributes, many '&'.
        let xml = HTTPResponse(status: .notFound, headerFields: [.contentType: "application/xml"])
        let attributes = "<error" + (0..<20_000).map { " a\($0)=\"\"" }.joined() + " a0=\"\"/>"
        #expect(throws: ResponseDecodingError.malformedBody("not XML: attribute 'a0' given twice at byte \(attributes.utf8.count - 2)")) {
            try RAWSError.decode(xml, body: Array(attributes.utf8))
        }
        let ampersands = "<error xmlns=\"http://rambla.be/raws/ns-metadata/1.0\"><code>" + String(repeating: "&", count: 200_000) + "</code></error>"
        #expect(throws: ResponseDecodingError.malformedBody("not XML: an unterminated reference in element 'code'")) {
            try RAWSError.decode(xml, body: Array(ampersands.utf8))
        }
        // A long text that fits no template gives up quickly and keeps the message.
        let long = String(repeating: "a", count: 20_000)
        #expect(try RestAuthError.decode(HTTPResponse(status: .unauthorized, headerFields: [.contentType: "text/plain"]), body: Array(long.utf8))
            == .unknown(UnknownError(status: .unauthorized, code: nil, message: long)))
    }
}

/// A fixture file as far as the decoding test reads it.
private struct Fixture: Decodable {
    struct Code: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
            } else {
                text = String(try container.decode(Int.self))
            }
        }
    }

    /// A sample as JSON has it.
    enum Sample: Decodable {
        case bool(Bool), int(Int), unsigned(UInt64), double(Double), string(String), list([Sample]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let b = try? container.decode(Bool.self) { self = .bool(b) }
            else if let n = try? container.decode(Int.self) { self = .int(n) }
            else if let n = try? container.decode(UInt64.self) { self = .unsigned(n) }
            else if let x = try? container.decode(Double.self) { self = .double(x) }
            else if let s = try? container.decode(String.self) { self = .string(s) }
            else { self = .list(try container.decode([Sample].self)) }
        }

        func value(_ type: String) -> ArgumentValue {
            switch (self, type) {
            case let (.bool(b), _): return .boolean(b)
            case let (.int(n), "unsigned"): return .unsigned(UInt64(n))
            case let (.int(n), "number"): return .number(Double(n))
            case let (.int(n), _): return .integer(n)
            case let (.unsigned(n), _): return .unsigned(n)
            case let (.double(x), _): return .number(x)
            case let (.string(s), _): return .string(s)
            case let (.list(items), _): return .list(items.map { $0.value(type) })
            case (.null, _): return .absent
            }
        }
    }

    struct Parameter: Decodable {
        var type: String
        var sample: Sample
        var value: ArgumentValue { sample.value(type) }
    }

    struct Request: Decodable {
        var headers: [[String]]
    }

    struct Response: Decodable {
        var request: Request
        var `case`: String
        var format: String?
        var status: Int
        var headers: [[String]]
        var body: String
    }

    struct Error: Decodable {
        var code: Code
        var parameters: [Parameter]
        var responses: [Response]
    }

    var errors: [Error]
}
