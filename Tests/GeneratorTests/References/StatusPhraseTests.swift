import ErrgenRuntime
import Foundation
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
