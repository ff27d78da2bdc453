@_spi(ErrgenGenerated) import ErrgenRuntime
import HTTPTypes
import Testing

/// What a catalog answers a request whose `Accept` excludes every format it offers: a 406 (its
/// first 406 error, else a 406 without a body), or, with `not-acceptable: default-format`, the
/// answer in the default format, exactly as a request without `Accept` gets it.
@Suite struct NotAcceptableAnswerTests {
    static func catalog(_ answer: Catalog.NotAcceptable, formats: [WireFormat], with406: Bool = false) -> Catalog {
        var rows = [
            CatalogTable.Row(
                wireCode: "channel_not_found", swiftName: "channelNotFound", status: 200, message: "Value passed for channel was invalid.",
                parameters: [], title: "", headers: [("Retry-After", "30")]),
        ]
        if with406 {
            rows.append(CatalogTable.Row(
                wireCode: "unacceptable", swiftName: "unacceptable", status: 406, message: "Cannot answer {accept}.",
                parameters: [Catalog.Entry.Parameter(name: "accept", kind: .string, isOptional: false, isList: false)], title: "",
                headers: []))
        }
        let entries = CatalogTable.entries(CatalogTable.text(rows, shared: []), shared: [], catalog: "Slack")
        return Catalog(
            name: "Slack", title: "Slack", formats: formats, defaultFormat: formats[0], xmlNamespace: nil, documentationURL: nil,
            sharedParameters: [], entries: entries, notAcceptable: answer)
    }

    static func request(accept: String?, method: HTTPRequest.Method = .get) -> HTTPRequest {
        var fields = HTTPFields()
        if let accept { fields[.accept] = accept }
        return HTTPRequest(method: method, scheme: "https", authority: "slack.example", path: "/api/chat.postMessage", headerFields: fields)
    }

    @Test(arguments: [[WireFormat.json], [.json, .xml]])
    func aCatalogThatNeverAnswers406AnswersAsWithoutAccept(_ formats: [WireFormat]) {
        let catalog = Self.catalog(.defaultFormat, formats: formats, with406: true)
        for method in [HTTPRequest.Method.get, .head] {
            let plain = catalog.response(entry: 0, arguments: [], to: Self.request(accept: nil, method: method))
            for accept in ["text/html", "application/vnd.errgen.unavailable", "application/json;q=0, application/xml;q=0"] {
                let answer = catalog.response(entry: 0, arguments: [], to: Self.request(accept: accept, method: method))
                #expect(answer == plain, "\(accept): \(answer.head.status)")
                #expect(answer.head.status.code == 200 && answer.format == .json)
            }
        }
        // What the request accepts still decides among the formats the catalog has.
        if formats.count > 1 {
            #expect(catalog.response(entry: 0, arguments: [], to: Self.request(accept: "application/xml")).format == .xml)
        }
    }

    @Test func aCatalogThatAnswers406StillDoes() {
        let refused = Self.catalog(.error, formats: [.json]).response(entry: 0, arguments: [], to: Self.request(accept: "text/html"))
        #expect(refused.head.status.code == 406 && refused.body.isEmpty && refused.format == nil)
        let withError = Self.catalog(.error, formats: [.json], with406: true).response(entry: 0, arguments: [], to: Self.request(accept: "text/html"))
        #expect(withError.head.status.code == 406 && withError.bodyText.contains("Cannot answer text/html."))
        #expect(Catalog.NotAcceptable.allCases.map(\.rawValue) == ["error", "default-format"])
    }
}
