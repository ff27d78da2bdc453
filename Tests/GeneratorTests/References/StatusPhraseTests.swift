import AnyAPICatalogs
import ErrgenRuntime
import Foundation
import Generated
import HTTPTypes
import Testing

@Suite struct StatusPhraseTests {
    static let table = "corpora/http-status.csv"

    /// The corpus, where present; `StatusPhraseTableTests` checks every status against a table
    /// kept in the repository, so this holds without the corpus too.
    @Test(.needs(table))
    func errorStatusesHaveRFC9110sReasonPhrases() throws {
        let rows = try String(contentsOf: SharedMaterial.require(Self.table), encoding: .utf8).split(separator: "\n").dropFirst()
        var checked = 0
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let code = Int(fields[0]), (400...599).contains(code), !fields[1].hasPrefix("(") else { continue }
            #expect(StatusPhrase.of(code) == fields[1], "\(code)")
            checked += 1
        }
        #expect(checked == 27)
    }

    @Test func unregisteredStatusesHaveNone() {
        #expect(StatusPhrase.of(499) == nil)
        #expect(StatusPhrase.of(429) == "Too Many Requests")
    }
}

/// An error's status is swift-http-types' `HTTPResponse.Status`, as frameworks take it, and its
/// number is `statusCode`.
@Suite struct StatusTypeTests {
    @Test func theStatusIsHTTPTypesStatusWithItsReasonPhrase() {
        let error = RAWSError.noSuchUser(reason: "r")
        #expect(error.status == .notFound && error.status == 404 && error.statusCode == 404)
        #expect(error.status.reasonPhrase == "Not Found" && error.status.kind == .clientError)
        #expect(error.code.status == .notFound && error.code.statusCode == 404)
        // The response carries the same status, reason phrase included.
        let response = error.response(to: HTTPRequest(method: .get, scheme: "https", authority: "x", path: "/"))
        #expect(response.head.status == error.status && response.head.status.reasonPhrase == error.status.reasonPhrase)
        #expect(String(describing: error) == "NoSuchUser (404): The specified user does not exist.")
        // A success status, for the catalogs that allow one.
        #expect(SlackError.channelNotFound.status == .ok && SlackError.channelNotFound.statusCode == 200)
    }
}
