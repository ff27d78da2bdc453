import EdgeCaseCatalogs
import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Generated
import HTTPTypes
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every error of a catalog, created with the sample values of its parameters.
func sampleErrors<E: CatalogError>(_ type: E.Type, spec: CatalogSpec) -> [E] {
    spec.errors.compactMap { entry in
        let samples = Dictionary(uniqueKeysWithValues: (entry.parameters + spec.parameters).map { ($0.name.value, sampleValue($0)) })
        return E(wireCode: entry.code.value, arguments: samples)
    }
}

/// A response as text: status line, header fields, a blank line, the body.
func transcript(_ response: ErrorResponse) -> String {
    var out = "\(response.head.status.code) \(response.head.status.reasonPhrase)\n"
    for field in response.head.headerFields { out += "\(field.name): \(field.value)\n" }
    out += "\n" + response.bodyText
    return out
}

func request(_ method: HTTPRequest.Method = .get, accept: String? = nil) -> HTTPRequest {
    var fields = HTTPFields()
    if let accept { fields[.accept] = accept }
    return HTTPRequest(method: method, scheme: "https", authority: "example.com", path: "/x", headerFields: fields)
}

/// Every error of the bundled catalogs in every format it offers, compared with reference
/// transcripts in `Tests/References/responses/` (re-record with `Tests/record`).
@Suite struct ResponseTests {
    func referenceTranscripts<E: CatalogError>(_ type: E.Type, catalog name: String, spec: Spec) throws -> String {
        let catalog = try #require(spec.catalogs.first { $0.name.value == name })
        let errors = sampleErrors(E.self, spec: catalog)
        #expect(errors.count == catalog.errors.count)
        var out = ""
        for error in errors {
            for format in E.catalog.formats {
                out += "=== \(error.wireCode) in \(format.rawValue)\n" + transcript(error.response(in: format)) + "\n"
            }
        }
        if let first = errors.first {
            out += "=== \(first.wireCode), HEAD\n" + transcript(first.response(to: request(.head))) + "\n"
            out += "=== \(first.wireCode), Accept: image/png\n" + transcript(first.response(to: request(accept: "image/png"))) + "\n"
        }
        return out
    }

    func compare(_ actual: String, with path: String) throws {
        if Recording.isOn {
            try FileManager.default.createDirectory(at: Paths.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: Paths.url(path), atomically: true, encoding: .utf8)
            return
        }
        let expected = try Paths.text(path)
        if expected != actual {
            Issue.record("\(path) differs:\n\(LineDiff.unified(old: expected, new: actual, oldName: path, newName: "actual"))\n\(Recording.hint)")
        }
    }

    @Test func rawsResponsesEqualTheReference() throws {
        try compare(try referenceTranscripts(RAWSError.self, catalog: "RAWS", spec: bundledSpec()), with: "Tests/References/responses/RAWS.txt")
    }

    @Test func restAuthResponsesEqualTheReference() throws {
        try compare(try referenceTranscripts(RestAuthError.self, catalog: "RestAuth", spec: bundledSpec()), with: "Tests/References/responses/RestAuth.txt")
    }

    @Test func edgeCaseResponsesEqualTheReference() throws {
        let spec = try validSpec(try Paths.text("Tests/References/edge-cases/errors.yaml"))
        try compare(try referenceTranscripts(EdgeCasesError.self, catalog: "edge-cases", spec: spec), with: "Tests/References/responses/edge-cases.txt")
    }

    @Test func theRAWSDocumentIsThePagesDocument() {
        let error = RAWSError.resourceNotAccessible(reason: "User 'monty' doesn't have access to the home directory of the requested path (= /no_access).")
        #expect(error.body(in: .xml) == """
            <?xml version="1.0"?>
            <error xmlns="http://rambla.be/raws/ns-metadata/1.0">
                <code>ResourceNotAccessible</code>
                <message>You are not allowed to access this resource.</message>
                <reason>User 'monty' doesn't have access to the home directory of the requested path (= /no_access).</reason>
            </error>

            """)
        let response = error.response(to: request())
        #expect(response.head.status.code == 403)
        #expect(response.head.headerFields[.contentType] == "application/xml")
        #expect(response.head.headerFields[.contentLength] == String(response.body.count))
    }

    @Test func restAuthBodiesAreItsMessages() {
        let error = RestAuthError.noServiceAllowedFromAddress(ipAddress: "192.0.2.7")
        let text = error.response(to: request())
        #expect(text.bodyText == "no service allowed to authenticate from 192.0.2.7")
        #expect(text.head.headerFields[.contentType] == "text/plain; charset=utf-8")
        #expect(text.head.headerFields[.vary] == "Accept")
        let json = error.response(to: request(accept: "application/json"))
        #expect(json.bodyText == #"{"code":"no-service-allowed-from-address","message":"no service allowed to authenticate from 192.0.2.7","details":{"ip-address":"192.0.2.7"}}"#)
        #expect(json.head.headerFields[.contentType] == "application/json")
    }

    @Test func headHasTheHeadersOfGetAndNoBody() {
        for error in [RAWSError.noSuchDir(reason: "no /x"), RAWSError.methodNotAllowed(allow: "GET", reason: "r")] {
            let get = error.response(to: request(.get))
            let head = error.response(to: request(.head))
            #expect(head.body.isEmpty)
            #expect(head.head == get.head)
            #expect(head.head.headerFields[.contentLength] == String(get.body.count))
        }
        let notAcceptableHead = RestAuthError.authenticationRequired.response(to: request(.head, accept: "application/xml"))
        #expect(notAcceptableHead.head.status.code == 406)
        #expect(notAcceptableHead.body.isEmpty)
        #expect(Int(notAcceptableHead.head.headerFields[.contentLength] ?? "") ?? 0 > 0)
    }

    @Test func perErrorHeaders() {
        let challenge = RestAuthError.authenticationRequired.response(to: request())
        #expect(challenge.head.status.code == 401)
        #expect(challenge.head.headerFields[.wwwAuthenticate] == #"Basic realm="RestAuth""#)
        let allow = RAWSError.methodNotAllowed(allow: "GET, HEAD", reason: "DELETE is not supported here.").response(to: request())
        #expect(allow.head.headerFields[.allow] == "GET, HEAD")
        // A parameter value cannot add a header field.
        let injected = RAWSError.methodNotAllowed(allow: "GET\r\nSet-Cookie: a=b", reason: "r").response(to: request())
        #expect(injected.head.headerFields[.setCookie] == nil)
        #expect(injected.head.headerFields[.allow] == "GET  Set-Cookie: a=b")
    }

    @Test func nothingAcceptableAnswers406InTheDefaultFormat() {
        let restAuth = RestAuthError.unknownWebserverUser.response(to: request(accept: "application/xml"))
        #expect(restAuth.head.status.code == 406)
        #expect(restAuth.bodyText == "The requested content type is unknown to RestAuth.")
        #expect(restAuth.head.headerFields[.vary] == "Accept")
        let raws = RAWSError.internalError(reason: "r").response(to: request(accept: "application/json"))
        #expect(raws.head.status.code == 406)
        #expect(raws.bodyText.contains("<code>ResponsetTypeNotAcceptable</code>"))
        #expect(raws.bodyText.contains("<reason>None of the media types the request accepts (application/json) is available; available: application/xml.</reason>"))
        // A hostile Accept header is data in the body, escaped for its syntax.
        let hostile = RAWSError.internalError(reason: "r").response(to: request(accept: "text/x&y'z"))
        #expect(hostile.head.status.code == 406)
        #expect(hostile.bodyText.contains("(text/x&amp;y'z)"))
        // A malformed Accept header counts as none: the default format, not a 406.
        #expect(RAWSError.internalError(reason: "r").response(to: request(accept: "text/</reason>")).head.status.code == 500)
    }

    @Test func problemDetailsLinkTheDocumentation() throws {
        let error = EdgeCasesError._1045(user: "monty", host: "db", usingPassword: true, traceId: "t-1")
        let body = error.body(in: .problemJSON)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "https://errors.example.com/edge-cases#1045")
        #expect(object["title"] as? String == "Unauthorized")
        #expect(object["status"] as? Int == 401)
        #expect(object["detail"] as? String == "Access denied for user 'monty'@'db' (using password: true)")
        #expect(object["code"] as? String == "1045")
        #expect(object["using-password"] as? Bool == true)
        #expect(object["trace-id"] as? String == "t-1")
        #expect(error.response(to: request(accept: "application/problem+json")).head.headerFields[.contentType] == "application/problem+json")
    }
}

/// Hostile parameter values in every format, parsed back by real parsers.
@Suite struct HostileValueTests {
    static let hostile: [String] = [
        "<", "&", "]]>", "\"quoted\" 'single'", "</reason><code>Forged</code>", "<![CDATA[x]]>", "<!-- c -->", "-->",
        "a\u{0}b", "\u{1}\u{7}\u{1B}\u{7F}", "tab\there", "line\nbreak", "cr\rlf\r\n", "\u{E9}\u{4E2D}\u{6587}",
        "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{200F}rtl\u{202E}", "\u{2028}\u{2029}", "\u{FFFE}\u{FFFF}\u{FFFD}",
        "back\\slash", "{placeholder}", "", " leading and trailing ",
    ]

    /// What XML 1.0 can carry of a string: every character outside its `Char` production becomes U+FFFD.
    static func xmlCarried(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return scalar
            default: return "\u{FFFD}"
            }
        }))
    }

    @Test(arguments: hostile)
    func xmlCarriesTheValue(_ value: String) throws {
        let error = RAWSError.methodNotAllowed(allow: value, reason: value)
        let elements = try XMLElements.parse(error.body(in: .xml))
        #expect(elements["reason"] == Self.xmlCarried(value))
        #expect(elements["allow"] == Self.xmlCarried(value))
        #expect(elements["code"] == "MethodNotAllowed")
        #expect(elements.keys.sorted() == ["allow", "code", "details", "error", "message", "reason"])  // nothing forged
    }

    @Test(arguments: hostile)
    func jsonCarriesTheValueExactly(_ value: String) throws {
        let error = RestAuthError.serviceNotAllowedFromAddress(service: value, ipAddress: value)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(error.body(in: .json).utf8)) as? [String: Any])
        #expect(object["code"] as? String == "service-not-allowed-from-address")
        #expect(object["message"] as? String == "\(value) is not allowed to authenticate from \(value)")
        let details = try #require(object["details"] as? [String: Any])
        #expect(details["service"] as? String == value)
        #expect(details["ip-address"] as? String == value)
    }

    @Test(arguments: hostile)
    func problemJSONCarriesTheValueExactly(_ value: String) throws {
        let error = EdgeCasesError.outOfRange(in: 1.5, min: 0, max: 1, self: value, traceId: value)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(error.body(in: .problemJSON).utf8)) as? [String: Any])
        #expect(object["self"] as? String == value)
        #expect(object["trace-id"] as? String == value)
        #expect(object["in"] as? Double == 1.5)
    }

    @Test(arguments: hostile)
    func textIsTheMessageItself(_ value: String) {
        #expect(RestAuthError.noServiceAllowedFromAddress(ipAddress: value).body(in: .text) == "no service allowed to authenticate from \(value)")
    }

    @Test func numbersJSONCannotCarryBecomeNull() throws {
        let body = EdgeCasesError.outOfRange(in: .infinity, min: 0, max: 1, self: "s", traceId: "t").body(in: .problemJSON)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(object["in"] is NSNull)
    }
}

/// The text of every element of a document, by name, read with Foundation's XMLParser.
final class XMLElements: NSObject, XMLParserDelegate {
    var texts: [String: String] = [:]
    /// The attributes of every element, by element name.
    var attributes: [String: [String: String]] = [:]
    /// Every element in document order with its own text (repeated elements each once).
    var sequence: [(name: String, text: String)] = []
    var current: [String] = []
    var open: [Int] = []
    var failure: Error?

    static func parse(_ document: String) throws -> [String: String] {
        try read(document).texts
    }

    /// The parsed document's texts and attributes.
    static func read(_ document: String) throws -> XMLElements {
        let delegate = XMLElements()
        let parser = XMLParser(data: Data(document.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        guard parser.parse() else {
            throw parser.parserError ?? delegate.failure ?? CocoaError(.coderReadCorrupt)
        }
        return delegate
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        current.append(name)
        open.append(sequence.count)
        sequence.append((name, ""))
        texts[name] = texts[name] ?? ""
        self.attributes[name] = attributes
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let name = current.last { texts[name, default: ""] += string }
        if let index = open.last { sequence[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current.removeLast()
        open.removeLast()
    }
}
