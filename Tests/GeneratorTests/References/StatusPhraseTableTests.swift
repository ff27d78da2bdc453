import EdgeCaseCatalogs
import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import Foundation
import Generated
import Testing
import WideCatalog

/// The reason phrase of every error status, against a table kept here, so that a wrong phrase
/// fails without any material from outside the repository (`StatusPhraseTests` also checks the
/// corpus `../shared/corpora/http-status.csv`, which holds RFC 9110's statuses only).
@Suite struct StatusPhraseTableTests {
    /// The IANA HTTP Status Code Registry's phrases for 400-599, from the documents the runtime
    /// follows: RFC 9110 §15.5 and §15.6, RFC 4918 (422 was renamed by RFC 9110; 423, 424, 507),
    /// RFC 5842 (508), RFC 6585 (428, 429, 431, 511), RFC 7725 (451) and RFC 8470 (425).
    /// Every other status in 400-599 has no phrase: 418 is "(Unused)", 506 (RFC 2295) and 510
    /// (RFC 2774, obsoleted) are experimental, the rest are unassigned.
    static let expected: [Int: String] = [
        400: "Bad Request",
        401: "Unauthorized",
        402: "Payment Required",
        403: "Forbidden",
        404: "Not Found",
        405: "Method Not Allowed",
        406: "Not Acceptable",
        407: "Proxy Authentication Required",
        408: "Request Timeout",
        409: "Conflict",
        410: "Gone",
        411: "Length Required",
        412: "Precondition Failed",
        413: "Content Too Large",
        414: "URI Too Long",
        415: "Unsupported Media Type",
        416: "Range Not Satisfiable",
        417: "Expectation Failed",
        421: "Misdirected Request",
        422: "Unprocessable Content",
        423: "Locked",
        424: "Failed Dependency",
        425: "Too Early",
        426: "Upgrade Required",
        428: "Precondition Required",
        429: "Too Many Requests",
        431: "Request Header Fields Too Large",
        451: "Unavailable For Legal Reasons",
        500: "Internal Server Error",
        501: "Not Implemented",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
        505: "HTTP Version Not Supported",
        507: "Insufficient Storage",
        508: "Loop Detected",
        511: "Network Authentication Required",
    ]

    /// Every status from 400 to 599, one test case each, so a failure names its status.
    @Test(arguments: 400...599)
    func phraseOfEveryErrorStatus(_ status: Int) {
        #expect(StatusPhrase.of(status) == Self.expected[status], "status \(status)")
    }

    /// Outside 400-599 the runtime knows no phrase (no error has such a status).
    @Test(arguments: [Int.min, -1, 0, 100, 200, 204, 302, 399, 600, 999, Int.max])
    func noPhraseOutsideTheErrorStatuses(_ status: Int) {
        #expect(StatusPhrase.of(status) == nil, "status \(status)")
    }

    /// The success statuses a catalog may answer with (`allow-success-status`): IANA's 2xx, from
    /// RFC 9110 §15.3, RFC 4918 (207), RFC 5842 (208) and RFC 3229 (226).
    static let success: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
        205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
    ]

    /// On the status line every status errgen can send has its phrase: 2xx too (`200 OK`), while
    /// titles stay with the error statuses' (an error is not titled "OK").
    @Test(arguments: 100...599)
    func theStatusLineCarriesThePhraseOfEveryStatusErrgenSends(_ status: Int) {
        #expect(StatusPhrase.reason(status) == (Self.expected[status] ?? Self.success[status]), "status \(status)")
    }

    @Test func aSuccessStatusAnswersWithItsPhraseAndTitlesStayErrors() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              Chat:
                title: Chat
                allow-success-status: true
                formats: [json, problem+json]
                errors:
                  channel_not_found: {status: 200, message: "Channel {name} not found.", parameters: {name: string}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        let response = catalog.response(entry: 0, arguments: [.string("x")], in: .json)
        #expect(response.head.status.code == 200 && response.head.status.reasonPhrase == "OK")
        #expect(catalog.entries[0].title == "Error 200")
    }

    @Test func theTableHasEveryRegisteredErrorStatus() {
        #expect(Self.expected.count == 37)
        #expect(Self.expected.keys.allSatisfy { (400...599).contains($0) })
    }

    /// The phrase goes on the wire: the status line of every response of every compiled catalog
    /// (their errors cover 400 to 500, registered or not).
    @Test func responsesCarryThePhrase() {
        var statuses = Set<Int>()
        for catalog in [RAWSError.catalog, RestAuthError.catalog, WideError.catalog, EdgeCasesError.catalog] {
            for (index, entry) in catalog.entries.enumerated() {
                let response = catalog.response(entry: index, arguments: [], in: catalog.defaultFormat)
                #expect(response.head.status.code == entry.status)
                #expect(response.head.status.reasonPhrase == Self.expected[entry.status] ?? "", "\(catalog.name) \(entry.wireCode): status \(entry.status)")
                statuses.insert(entry.status)
            }
        }
        #expect(statuses.isSuperset(of: 400...500))
    }

    /// The corpus, when present (and in CI, where it must be): every row of 400-599 that is not
    /// "(Unused)" agrees with the table here, so the table cannot drift from RFC 9110.
    @Test(.needs(StatusPhraseTests.table))
    func theTableAgreesWithTheCorpus() throws {
        let rows = try String(contentsOf: SharedMaterial.require(StatusPhraseTests.table), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        var checked = 0, successes = 0
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields.count >= 2, let code = Int(fields[0]), (200...299).contains(code) {
                #expect(Self.success[code] == fields[1], "\(code)")
                successes += 1
            }
            guard fields.count >= 2, let code = Int(fields[0]), (400...599).contains(code) else { continue }
            if fields[1].hasPrefix("(") {
                #expect(Self.expected[code] == nil, "\(code) is \(fields[1]) in the corpus")
            } else {
                #expect(Self.expected[code] == fields[1], "\(code)")
                checked += 1
            }
        }
        #expect(checked == 27)
        #expect(successes == 7)
    }
}
