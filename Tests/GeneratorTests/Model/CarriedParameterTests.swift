import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import HTTPTypes
import Testing

/// A parameter that a response carries nowhere (not in the body, the message or a header) is
/// said at its line, unless it is `server-only`; a client reads it as absent in every body kind,
/// and reads it from the message where the body leaves it to the message.
@Suite struct CarriedParameterTests {
    /// A catalog `K` of one error `E` with a required parameter `scope`.
    func spec(_ formats: String, message: String = "Denied.", parameter: String = "string", headers: String = "") -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
            formats:
        \(formats.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            errors:
              E:
                status: 403
                message: "\(message)"
                parameters: {scope: \(parameter)}\(headers)

        """
    }

    @Test func aParameterNoResponseCarriesIsSaidAtItsLine() {
        // Slack's missing_scope: the message shows the scope, the json body (without the message) does not.
        let warning = "warning: parameter 'scope' of 'E' goes out in no json response (not in the body, the message or a header): a client reading one cannot read it back, and gets it absent; carry it, or mark it 'server-only: true'"
        #expect(diagnose(spec(#"- {type: json, body: {ok: false, error: "{code}"}}"#, message: "Needs {scope}.")) == ["11:22: " + warning])
        // Text carries the message alone: a parameter the json shape names goes out in no text response.
        #expect(diagnose(spec(#"- {type: json, body: {error: "{code}", scope: "{scope}"}}"# + "\n- text"))
            == ["12:22: " + warning.replacingOccurrences(of: "json", with: "text")])
        // Carried: by errgen's own layouts, the shape, the message with {message}, a header.
        #expect(diagnose(spec("- json\n- xml\n- problem+json", message: "Needs {scope}.")) == [])
        #expect(diagnose(spec(#"- {type: json, body: {error: "{code}", scope: "{scope}"}}"#)) == [])
        #expect(diagnose(spec(#"- {type: json, body: {error: "{code}", text: "{message}"}}"#, message: "Needs {scope}.")) == [])
        #expect(diagnose(spec("- text", headers: "\n        headers: {X-Scope: \"{scope}\"}")) == [])
        #expect(diagnose(spec("- text", message: "Needs {scope}.")) == [])
        // The server's own: said so, and not warned about.
        #expect(diagnose(spec(#"- {type: json, body: {ok: false, error: "{code}"}}"#, parameter: "{type: string, server-only: true}")) == [])
        #expect(diagnose(spec("- text", message: "Needs {scope}.", parameter: "{type: string, server-only: maybe}")) == ["11:57: error: 'server-only' must be true or false, not a string"])
    }

    /// The response of the catalog's only error read back by the runtime alone.
    func read(_ yaml: String, contentType: String, body: String) throws -> DecodedResponse {
        let (spec, _) = Generator.check(bytes: Array(yaml.utf8), file: "errors.yaml")
        let catalog = RuntimeTable.catalog(try #require(spec).catalogs[0])
        var fields = HTTPFields()
        fields[.contentType] = contentType
        return try catalog.decode(HTTPResponse(status: .forbidden, headerFields: fields), body: Array(body.utf8))
    }

    @Test(arguments: [
        (#"- {type: json, body: {ok: false, error: "{code}"}}"#, "application/json", #"{"ok":false,"error":"E"}"#),
        (#"- {type: xml, body: {Error: {Code: "{code}"}}}"#, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n    <Code>E</Code>\n</Error>\n"),
        ("- text", "text/plain; charset=utf-8", "Denied."),
    ])
    func aParameterTheResponseDoesNotCarryReadsAsAbsent(_ format: String, _ contentType: String, _ body: String) throws {
        let decoded = try read(spec(format, parameter: "{type: string, server-only: true}"), contentType: contentType, body: body)
        #expect(decoded.index == 0 && decoded.arguments == [.absent])
    }

    @Test func aParameterTheBodyLeavesToTheMessageIsReadFromIt() throws {
        let yaml = spec(#"- {type: json, body: {error: "{code}", text: "{message}"}}"#, message: "Needs {scope}.")
        let decoded = try read(yaml, contentType: "application/json", body: #"{"error":"E","text":"Needs chat:write."}"#)
        #expect(decoded.index == 0 && decoded.arguments == [.string("chat:write")])
        // A body whose message never shows the parameter: absent, not a malformed body.
        let silent = spec(#"- {type: json, body: {error: "{code}", text: "{message}"}}"#, parameter: "{type: string, server-only: true}")
        let quiet = try read(silent, contentType: "application/json", body: #"{"error":"E","text":"Denied."}"#)
        #expect(quiet.index == 0 && quiet.arguments == [.absent] && quiet.message == "Denied.")
        // errgen's own layout has a place for every parameter: one it lacks is a malformed body.
        #expect(throws: ResponseDecodingError.self) {
            try read(spec("- json", message: "Needs {scope}."), contentType: "application/json", body: #"{"code":"E","message":"Needs x.","details":{}}"#)
        }
    }
}
