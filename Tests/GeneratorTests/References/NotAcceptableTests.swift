import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import HTTPTypes
import Testing

/// What a catalog answers when the `Accept` fields exclude every format it offers, on a catalog
/// where the bundled ones cannot tell the rules apart: its default format is not the first one
/// listed, and it has two errors with status 406.
@Suite struct NotAcceptableTests {
    static let yaml = """
        errgen: 1
        catalogs:
          Shop:
            title: Shop
            formats: [json, text]
            default-format: text
            errors:
              Gone:
                status: 410
                message: Gone.
              NotAcceptable:
                status: 406
                message: "Cannot answer: {why}"
                parameters:
                  why: string
              AlsoNotAcceptable:
                status: 406
                message: The second error with status 406.

        """

    static func catalog() throws -> Catalog {
        RuntimeTable.catalog(try #require(try validSpec(yaml).catalogs.first))
    }

    /// The catalog's first error with status 406, in its default format, saying what was asked
    /// for and what is available, with `Vary: Accept`.
    @Test(arguments: [HTTPRequest.Method.get, .head])
    func theFirst406ErrorAnswersInTheDefaultFormat(_ method: HTTPRequest.Method) throws {
        let catalog = try Self.catalog()
        let response = catalog.response(entry: 0, arguments: [], to: request(method, accept: "application/xml"))
        let body = "Cannot answer: None of the media types the request accepts (application/xml) is available; available: application/json, text/plain."
        #expect(response.head.status.code == 406)
        #expect(response.format == .text)
        #expect(response.head.headerFields[.contentType] == "text/plain; charset=utf-8")
        #expect(response.head.headerFields[.contentLength] == String(body.utf8.count))
        #expect(response.head.headerFields[.vary] == "Accept")
        #expect(response.bodyText == (method == .head ? "" : body))
    }

    /// Without a usable preference, the default format answers, not the first one listed.
    @Test(arguments: [nil, "", "text/</x>"])
    func noPreferenceMeansTheDefaultFormat(_ accept: String?) throws {
        let response = try Self.catalog().response(entry: 0, arguments: [], to: request(accept: accept))
        #expect(response.head.status.code == 410)
        #expect(response.format == .text)
        #expect(response.bodyText == "Gone.")
    }
}

/// What each parameter of a catalog's 406 error receives, by its name.
@Suite struct NotAcceptableParameterTests {
    static let yaml = """
        errgen: 1
        catalogs:
          Shop:
            title: Shop
            formats: [json, text]
            errors:
              NotAcceptable:
                status: 406
                message: "Cannot answer {accept}; this API speaks {available}. {why}"
                parameters:
                  accept: string
                  available: string
                  why: string

        """

    @Test func acceptAvailableAndAnyOtherName() throws {
        let catalog = RuntimeTable.catalog(try #require(try validSpec(Self.yaml).catalogs.first))
        let response = catalog.response(entry: 0, arguments: [], to: request(accept: "application/pdf, image/*;q=0.5"))
        #expect(response.head.status.code == 406)
        let why = "None of the media types the request accepts (application/pdf, image/*;q=0.5) is available; available: application/json, text/plain."
        #expect(response.bodyText == #"{"code":"NotAcceptable","message":"Cannot answer application/pdf, image/*;q=0.5; this API speaks application/json, text/plain. "#
            + why + #"","details":{"accept":"application/pdf, image/*;q=0.5","available":"application/json, text/plain","why":""# + why + #""}}"#)
    }

    /// The runtime fills them in with text, so each must be a string.
    @Test func theParametersMustBeStrings() {
        let spec = Self.yaml.replacingOccurrences(of: "available: string", with: "available: integer")
        #expect(diagnose(spec) == [
            "12:11: error: parameter 'available' of 'NotAcceptable', the catalog's first error with status 406, must be a string: when no format is acceptable the runtime fills it in (accept: the request's Accept field, available: the catalog's media types, as a list where it is [string], any other name: a sentence saying both)"
        ])
    }
}
