import AnyAPICatalogs
import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import HTTPTypes
import Testing

/// Catalogs unlike the seeds: without HTTP (`http: false`), with integer codes
/// (`code-type: integer`), with errors that answer with a success status (`allow-success-status`).
@Suite struct CatalogKindTests {
    func catalog(_ lines: String, errors: String) -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
        \(lines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            errors:
        \(errors.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))

        """
    }

    // MARK: Without HTTP

    @Test func aCatalogWithoutHTTPHasNoStatusesFormatsOrHeaders() {
        #expect(diagnose(catalog("http: false", errors: "E: {message: M}")) == [])
        #expect(diagnose(catalog("http: false\nformats: [json]\ndefault-format: json\nallow-success-status: true", errors: "E: {status: 400, message: M, headers: {X: y}}")) == [
            "6:14: error: a catalog without HTTP ('http: false') has no wire formats",
            "7:21: error: a catalog without HTTP ('http: false') has no wire formats",
            "8:27: error: a catalog without HTTP has no statuses; 'allow-success-status' is for a catalog with HTTP",
            "10:19: error: the errors of a catalog without HTTP ('http: false') have no status",
            "10:46: error: the errors of catalog 'K', which has no HTTP ('http: false'), have no headers",
        ])
        #expect(diagnose(catalog("http: no", errors: "E: {message: M}")) == [
            "5:11: error: 'http' must be true or false, not a string"
        ])
    }

    @Test func aSharedErrorHasAStatusWhereItsCatalogHasHTTP() {
        let spec = """
            errgen: 1
            shared-errors:
              gone: {message: Gone.}
              lost: {status: 404, message: Lost.}
            catalogs:
              Web: {title: Web, formats: [json], include: [gone, lost]}
              DB: {title: DB, http: false, include: [gone, lost]}

            """
        #expect(diagnose(spec) == [
            "3:3: error: shared error 'gone' has no status, which catalog 'Web' answers with over HTTP",
            "4:18: error: the errors of catalog 'DB', which has no HTTP ('http: false'), have no status",
        ])
    }

    @Test func theGeneratedTypeOfACatalogWithoutHTTPIsACodedError() {
        let error = PostgreSQLError.uniqueViolation(constraint: "users_email_key")
        #expect(error.message == #"duplicate key value violates unique constraint "users_email_key""#)
        #expect(error.message(in: "de") == "doppelter Schlüsselwert verletzt Unique-Constraint »users_email_key«")
        #expect(String(describing: error) == #"23505: duplicate key value violates unique constraint "users_email_key""#)
        #expect(error.code.condition == "unique_violation" && error.code.class == "23")
        #expect(PostgreSQLError.Code(wireCode: "40P01") == .deadlockDetected)
        #expect(!PostgreSQLError.catalog.isHTTP && PostgreSQLError.catalog.formats.isEmpty)
        #expect(PostgreSQLError.catalog.entries.allSatisfy { $0.status == 0 })
        // A CodedError that is not a CatalogError: it has no status or responses to call.
        #expect(!((error as Any) is any CatalogError))
        func matches(_ thrown: any Error) -> Bool {
            if case PostgreSQLError.deadlockDetected = thrown { return true }
            return false
        }
        #expect(matches(PostgreSQLError.deadlockDetected) && !matches(error))
    }

    // MARK: Integer codes

    @Test(arguments: [
        ("20404", nil), ("-1", nil), ("0", nil), ("9223372036854775807", nil),
        ("020404", "is not written as the integer is (no '+', no leading zero): write '20404'"),
        ("+5", "is not written as the integer is (no '+', no leading zero): write '5'"),
        ("-0", "is not written as the integer is (no '+', no leading zero): write '0'"),
        ("20404a", "is not an integer, which the catalog's 'code-type: integer' requires"),
        ("18446744073709551615", "is out of range: an integer code fits in 64 bits (-9223372036854775808 to 9223372036854775807)"),
    ] as [(String, String?)])
    func integerCodesAreCanonicalAndFit(_ code: String, _ problem: String?) {
        let diagnostics = diagnose(catalog("code-type: integer\nformats: [json]", errors: "\"\(code)\": {status: 400, message: M, swift-name: e}"))
        #expect(diagnostics == (problem.map { ["8:7: error: wire code '\(code)' \($0)"] } ?? []))
    }

    @Test func integerCodesAreNumbersInJSONBodiesAndFoundFromAnInt() throws {
        let error = TwilioError._20404(resource: "/Calls/CA1")
        #expect(error.code.integerWireCode == 20404)
        #expect(TwilioError.Code(wireCode: 20404) == ._20404)
        #expect(TwilioError.Code(wireCode: -1) == .negative)
        #expect(TwilioError.Code(wireCode: 404) == nil)
        #expect(TwilioError.catalog.codeType == .integer)
        // Its json body is Twilio's shape (BodyShapeTests); problem details carry the code as a number too.
        #expect(error.body(in: .json).hasPrefix(#"{"code":20404,"#))
        let problem = error.body(in: .problemJSON)
        #expect(problem.contains(#","code":20404,"#) && problem.contains(#""type":"https://www.twilio.com/docs/errors/20404""#))
        #expect(TwilioError.negative.body(in: .json).hasPrefix(#"{"code":-1,"#))
        #expect(error.body(in: .xml).contains("<code>20404</code>"))
        // A catalog of string codes finds none from an Int.
        #expect(SlackError.Code(wireCode: 200) == nil && SlackError.Code.ratelimited.integerWireCode == nil)
    }

    // MARK: Evolution

    @Test func theDiffReportsACatalogThatChangedKind() throws {
        let old = try validSpec(catalog("formats: [{type: json, body: {e: \"{code}\"}}]\nallow-success-status: true", errors: "\"1\": {status: 200, message: M}"))
        let new = try validSpec(catalog("code-type: integer\nformats: [json]", errors: "\"1\": {status: 400, message: M}"))
        let kinds = SpecDiff(old: old, new: new).changes.map(\.kind)
        #expect(kinds == ["code-type-changed", "body-shape-changed", "success-status-disallowed", "status-changed"])
        let database = try validSpec(catalog("http: false", errors: "\"1\": {message: M}"))
        #expect(SpecDiff(old: new, new: database).changes.map(\.kind).contains("http-changed"))
        // The same shape written otherwise is no change.
        let reformatted = try validSpec(catalog("formats:\n  - type: json\n    body:\n      e: '{code}'\nallow-success-status: true", errors: "\"1\": {status: 200, message: M}"))
        #expect(SpecDiff(old: old, new: reformatted).changes.isEmpty)
    }

    // MARK: Parameters

    @Test func aParameterNameWithTwoTypesIsAWarningNamingBothPlaces() {
        #expect(diagnose(catalog("formats: [json]", errors: """
            A: {status: 400, message: "{n}", parameters: {n: string}}
            B: {status: 400, message: "{n}", parameters: {n: integer}}
            C: {status: 400, message: "{n}", parameters: {n: boolean}}
            """)) == [
                "8:53: warning: parameter 'n' is an integer here but a string in error 'A' (at 7:53), so the property 'n' of KError is an untyped ArgumentValue?; give them one type, or different names"
            ])
    }

    @Test func anIntegerExampleBeyond64BitsIsOutOfRangeNotMalformed() {
        #expect(diagnose(catalog("formats: [json]", errors: #"A: {status: 400, message: "{n}", parameters: {n: {type: integer, example: "18446744073709551615"}}}"#)) == [
            "7:81: error: example '18446744073709551615' is out of range: an integer parameter holds a 64-bit integer (-9223372036854775808 to 9223372036854775807); 'type: unsigned' holds it (0 to 18446744073709551615)"
        ])
        #expect(diagnose(catalog("formats: [json]", errors: #"A: {status: 400, message: "{n}", parameters: {n: {type: integer, example: "12a"}}}"#)) == [
            "7:81: error: example '12a' is not a valid integer"
        ])
    }

    // MARK: Success statuses

    @Test func aSuccessStatusOnlyWhereTheCatalogAllowsIt() {
        #expect(diagnose(catalog("formats: [json]", errors: "E: {status: 200, message: M}")) == [
            "7:19: error: status 200 is not an error status (400-599); a catalog whose errors travel with a success status says 'allow-success-status: true'"
        ])
        #expect(diagnose(catalog("formats: [json]\nallow-success-status: true", errors: "E: {status: 200, message: M}")) == [])
        #expect(diagnose(catalog("formats: [json]\nallow-success-status: true", errors: "E: {status: 302, message: M}")) == [
            "8:19: error: status 302 is neither a success status (200-299, which 'allow-success-status' permits) nor an error status (400-599)"
        ])
    }

    @Test func anErrorWithASuccessStatusAnswersWithIt() {
        var fields = HTTPFields()
        fields[.accept] = "application/json"
        let response = SlackError.channelNotFound.response(to: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/", headerFields: fields))
        #expect(response.head.status.code == 200)
        #expect(response.bodyText == #"{"ok":false,"error":"channel_not_found"}"#)
    }

    /// `not-acceptable: default-format` reaches the generated catalog: Slack's answers JSON to a
    /// request that accepts only HTML, as Slack does; a catalog without it answers 406.
    @Test func aCatalogThatNeverAnswers406SaysSoInItsGeneratedTable() {
        var fields = HTTPFields()
        fields[.accept] = "text/html"
        let request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/", headerFields: fields)
        #expect(SlackError.Code.catalog.notAcceptable == .defaultFormat)
        let response = SlackError.channelNotFound.response(to: request)
        #expect(response.head.status.code == 200 && response.format == .json)
        #expect(TwilioError.Code.catalog.notAcceptable == .error)
        #expect(TwilioError._20404(resource: "/Calls/CA1").response(to: request).head.status.code == 406)
        #expect(diagnose(catalog("formats: [json]\nnot-acceptable: default-format", errors: "E: {status: 406, message: \"{n}\", parameters: {n: integer}}")) == [])
        #expect(diagnose(catalog("formats: [json]", errors: "E: {status: 406, message: \"{n}\", parameters: {n: integer}}")).count == 1)
    }
}
