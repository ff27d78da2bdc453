import AnyAPICatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// JSON bodies in an API's own shape (`formats: [{type: json, body: …}]`).
@Suite struct BodyShapeTests {
    /// A catalog `K` whose json body is `body` (on line 7) and whose errors are `errors` (from line 12).
    func spec(body: String, errors: String, catalog lines: String = "") -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
            formats:
              - type: json
                body: \(body)
            metadata: {product: string, tier: {type: string, optional: true}}
        \(lines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            parameters: {request-id: string}
            errors:
        \(errors.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))

        """
    }

    let errors = """
        A: {status: 404, message: "No {item}.", parameters: {item: string}, metadata: {product: P}}
        B: {status: 409, message: "Only {left} left.", parameters: {left: integer}, metadata: {product: Q, tier: gold}}
        """

    func bodies(_ yaml: String) throws -> [String] {
        let spec = try validSpec(yaml)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        return catalog.entries.indices.map { index in
            let arguments = ResolvedCatalog(spec.catalogs[0]).errors[index].parameters.map(\.sampleValue)
            return catalog.body(entry: index, arguments: arguments, format: .json)
        }
    }

    @Test func aWholePlaceholderKeepsItsTypeAndIsLeftOutWhereAbsent() throws {
        let bodies = try bodies(spec(
            body: #"{ok: false, error: "{code}", status: "{status}", left: "{left}", tier: "{tier}", all: "{parameters}", meta: "{metadata}", n: 1.5, list: [true, null]}"#,
            errors: errors))
        #expect(bodies == [
            #"{"ok":false,"error":"A","status":404,"all":{"item":"sample-item","request-id":"sample-request-id"},"meta":{"product":"P"},"n":1.5,"list":[true,null]}"#,
            #"{"ok":false,"error":"B","status":409,"left":42,"tier":"gold","all":{"left":42,"request-id":"sample-request-id"},"meta":{"product":"Q","tier":"gold"},"n":1.5,"list":[true,null]}"#,
        ])
    }

    @Test func aPlaceholderInsideAStringIsTextEscapedForJSON() throws {
        let bodies = try bodies(spec(body: #"{text: "{code}/{product}: \"{message}\" {{literal}} #{request-id}"}"#, errors: errors))
        #expect(bodies[0] == #"{"text":"A/P: \"No sample-item.\" {literal} #sample-request-id"}"#)
    }

    @Test func hostileValuesStayData() throws {
        let spec = try validSpec(spec(body: #"{"<\/script>\u2028\"": "{request-id} and {message}", raw: "{item}"}"#, errors: errors))
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        let hostile = "\"},\"x\":1,\"\\\u{0}\u{2028}</script>"
        let body = catalog.body(entry: 0, arguments: [.string(hostile), .string(hostile)], format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(object == ["</script>\u{2028}\"": "\(hostile) and No \(hostile).", "raw": hostile])
        #expect(!body.contains("\u{2028}") && !body.contains("\u{0}"))
    }

    @Test func placeholdersAreKnownAndOnlyWholeWhereAValueMayBeAbsent() {
        #expect(diagnose(spec(body: #"{a: "{cod}", b: "x{parameters}", c: "x{tier}", d: "x{left}", e: "{documentation}", f: "{zzzzzz}"}"#, errors: errors)) == [
            "7:20: error: unknown placeholder '{cod}' in the body shape; did you mean '{code}'?",
            "7:33: error: '{parameters}' is an object: it can only be a whole string (\"{parameters}\"), not part of one",
            "7:53: error: metadata key 'tier' is optional, so some errors have no value: it can only be a whole string (\"{tier}\", left out where absent), not part of one",
            "7:67: error: parameter 'left' belongs to some errors only: it can only be a whole string (\"{left}\", left out where absent), not part of one",
            "7:80: error: '{documentation}' is the error's documentation link, but catalog 'K' has no 'documentation-url' and no error has one",
            "7:102: error: unknown placeholder '{zzzzzz}' in the body shape (expected one of: code, message, status, title, documentation, parameters, metadata, or a parameter or metadata key of the catalog)",
        ])
        #expect(diagnose(spec(body: "{n: .inf}", errors: errors)) == ["7:19: error: '.inf' is not a JSON number (JSON numbers are finite)"])
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [{type: text, body: {a: b}}]
                errors: {E: {status: 400, message: M, parameters: {status: string}}}
            """).contains("5:34: error: 'body' applies only to the json and xml formats (a body in the API's own shape)"))
        // A parameter named like one of the shape's own placeholders would be ambiguous.
        #expect(diagnose(spec(body: #"{a: "{code}"}"#, errors: #"E: {status: 400, message: "{status}", parameters: {status: string}, metadata: {product: P}}"#)) == [
            "12:58: error: 'status' names the body shape's own '{status}'; rename the parameter"
        ])
    }

    @Test func theDocumentationLinkMayBeATemplateOverTheCode() throws {
        let error = TwilioError._20404(resource: "/Calls/CA1")
        #expect(TwilioError.catalog.documentationLink(for: error.code.entry) == "https://www.twilio.com/docs/errors/20404")
        #expect(error.body(in: .json) == #"{"code":20404,"message":"The requested resource /Calls/CA1 was not found.","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#)
        #expect(error.body(in: .problemJSON).hasPrefix(#"{"type":"https://www.twilio.com/docs/errors/20404","#))
        let catalog = Catalog(
            name: "L", title: "L", formats: [.json], defaultFormat: .json, xmlNamespace: nil, documentationURL: "https://x.example/e/{code}?v=1",
            sharedParameters: [], entries: [])
        let entry = CatalogTable.entry(line: ArraySlice("a b/ü\ta\t400\tM\t\t".utf8), shared: [], catalog: "L")
        #expect(catalog.documentationLink(for: entry) == "https://x.example/e/a%20b%2F%C3%BC?v=1")
    }

    @Test func anErrorsOwnDocumentationLinkWins() throws {
        let own = """
            A: {status: 404, message: "No {item}.", parameters: {item: string}, metadata: {product: P}, documentation-url: "https://help.example/a#x"}
            B: {status: 409, message: "Only {left} left.", parameters: {left: integer}, metadata: {product: Q}}
            """
        // Without a catalog URL, only A has a link: whole placeholders only, left out for B (null with `|null`).
        let bodies = try bodies(spec(body: #"{more: "{documentation}"}"#, errors: own))
        #expect(bodies == [#"{"more":"https://help.example/a#x"}"#, "{}"])
        #expect(try self.bodies(spec(body: #"{more: "{documentation|null}"}"#, errors: own)) == [#"{"more":"https://help.example/a#x"}"#, #"{"more":null}"#])
        #expect(diagnose(spec(body: #"{more: "see {documentation}"}"#, errors: own)) == [
            "7:27: error: '{documentation}' is the error's documentation link, but catalog 'K' has no 'documentation-url', so some errors have none: it can only be a whole string (\"{documentation}\", left out where absent), not part of one"
        ])
        // With one, A's own link wins and B's is made from the catalog's URL, in problem details too.
        let linked = try validSpec(spec(body: #"{more: "{documentation}"}"#, errors: own, catalog: "documentation-url: https://docs.example/k"))
        let catalog = RuntimeTable.catalog(linked.catalogs[0])
        #expect(catalog.documentationLink(for: catalog.entries[0]) == "https://help.example/a#x")
        #expect(catalog.documentationLink(for: catalog.entries[1]) == "https://docs.example/k#b")
        #expect(diagnose(spec(body: "{a: 1}", errors: #"E: {status: 400, message: M, metadata: {product: P}, documentation-url: "help page"}"#))
            == ["12:79: error: 'documentation-url' of error 'E' must be an absolute URL (https://…), of a scheme that runs nothing (not javascript:, vbscript: or data:)"])
        // A link the HTML docs would turn into a script is refused, for an error and for a catalog.
        #expect(diagnose(spec(body: "{a: 1}", errors: #"E: {status: 400, message: M, metadata: {product: P}, documentation-url: "JavaScript:alert(1)"}"#)).count == 1)
        #expect(diagnose(spec(body: "{a: 1}", errors: #"E: {status: 400, message: M, metadata: {product: P}}"#, catalog: "documentation-url: \"data:text/html,x\""))
            .first?.contains("of a scheme that runs nothing") == true)
    }

    /// Slack's bodies as Slack's documentation shows them (docs.slack.dev, "Web API": evaluating
    /// responses, errors and scopes), written compact: a member whose value the error has none of
    /// is left out, and an object left empty by that too.
    @Test func slacksBodiesAreSlacks() throws {
        #expect(SlackError.channelNotFound.body(in: .json) == #"{"ok":false,"error":"channel_not_found"}"#)
        #expect(SlackError.missingScope(needed: "chat:write", provided: "channels:read,users:read").body(in: .json)
            == #"{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read,users:read"}"#)
        #expect(SlackError.missingScope(needed: "chat:write", provided: nil).body(in: .json) == #"{"ok":false,"error":"missing_scope","needed":"chat:write"}"#)
        #expect(SlackError.invalidArguments(messages: ["[ERROR] missing required field: channel"]).body(in: .json)
            == #"{"ok":false,"error":"invalid_arguments","response_metadata":{"messages":["[ERROR] missing required field: channel"]}}"#)
        #expect(SlackError.ratelimited.body(in: .json) == #"{"ok":false,"error":"ratelimited"}"#)
        // And a client reads each back as the error it is, what the body leaves out absent.
        for error in [SlackError.missingScope(needed: "chat:write", provided: nil), .missingScope(needed: nil, provided: nil), .channelNotFound] {
            let response = error.response(in: .json)
            #expect(try SlackError.decode(response.head, body: response.body) == .known(error))
        }
    }

    /// `"{name|null}"` asks for null where the value is missing; an element of a list is left out
    /// as a member is; an object or list the omissions leave empty goes too; the root stays.
    @Test func whatIsMissingIsLeftOutOrNull() throws {
        let shape = #"{a: "{note|null}", b: "{note}", list: ["{note}", 1], only: ["{note}"], nested: {deep: {x: "{note}"}}, kept: {}, code: "{code}"}"#
        let parsed = try validSpec(spec(body: shape, errors: #"E: {status: 400, message: M, metadata: {product: P}, parameters: {note: {type: string, optional: true}}}"#))
        let catalog = RuntimeTable.catalog(parsed.catalogs[0])
        #expect(catalog.body(entry: 0, arguments: [.absent, .string("r")], format: .json) == #"{"a":null,"list":[1],"kept":{},"code":"E"}"#)
        #expect(catalog.body(entry: 0, arguments: [.string("n"), .string("r")], format: .json)
            == #"{"a":"n","b":"n","list":["n",1],"only":["n"],"nested":{"deep":{"x":"n"}},"kept":{},"code":"E"}"#)
        // The root is written even when everything in it is left out.
        let bare = try validSpec(spec(body: #"{b: "{note}"}"#, errors: #"E: {status: 400, message: M, metadata: {product: P}, parameters: {note: {type: string, optional: true}}}"#))
        #expect(RuntimeTable.catalog(bare.catalogs[0]).body(entry: 0, arguments: [.absent, .string("r")], format: .json) == "{}")
        // `|null` is for a whole placeholder of a json body.
        #expect(diagnose(spec(body: #"{a: "id {note|null}"}"#, errors: errors)).first?.contains("'|null' asks for null where a whole placeholder has no value") == true)
        #expect(diagnose(spec(body: #"{a: "{note|nul}"}"#, errors: errors)).isEmpty == false)
    }

    @Test func theShapesOfRealAPIs() {
        #expect(GoogleError.rateLimitExceeded(quota: "reads", limit: 60).body(in: .json)
            == #"{"error":{"code":429,"message":"Quota reads exceeded: at most 60 requests a minute.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"example.googleapis.com","metadata":{"quota":"reads","limit":60}}]}}"#)
        #expect(AWSError.throttlingException.body(in: .json) == #"{"__type":"com.example#ThrottlingException","message":"Rate exceeded."}"#)
    }

    @Test func theProgramGeneratedCodeCarriesReadsBack() throws {
        let spec = try validSpec(spec(body: #"{a: ["{code}", "x{status}y", "{tier}", "\\\t"]}"#, errors: errors))
        let shape = try #require(RuntimeTable.jsonShape(ResolvedCatalog(spec.catalogs[0])))
        #expect(JSONShape(program: shape.program, catalog: "K") == shape)
        #expect(shape.root == .object([
            .init(key: "a", value: .array([
                .value(.code, orNull: false), .string([.text("x"), .hole(.status), .text("y")]), .value(.metadataKey("tier"), orNull: false),
                .string([.text(#"\\\t"#)]),
            ])),
        ]))
    }
}
