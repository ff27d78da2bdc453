import Generated
import Testing

@_spi(ErrgenGenerated) @testable import ErrgenRuntime

/// The runtime's side of the contract with generated code (see `GeneratedCodeVersion2`): the
/// table's version, derived titles, and the layout of `Code` enums that `CaseIndex` relies on.
/// (`ContractTests` in GeneratorTests holds errgen's side: the written table read back, generated
/// code compiled against this runtime.)
@Suite struct RuntimeContractTests {
    @Test func theTableStartsWithItsVersion() {
        #expect(CatalogTable.versionLine == "errgen-table 2")
        #expect(CatalogTable.text([], shared: []) == "errgen-table 2")
        #expect(CatalogTable.entries("errgen-table 2", shared: [], catalog: "Empty").isEmpty)
    }

    /// A table written for another contract (an older errgen wrote `errgen-table 1`, or no
    /// version line at all) is never read as if it were this one: the program stops, saying to
    /// regenerate the catalog.
    @Test func aTableOfAnotherContractStopsTheProgramSayingToRegenerate() async throws {
        // An exit test's body runs in a process of its own and captures nothing: one per table.
        let older = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CatalogTable.entries("errgen-table 1\nE\te\t400\tM\t\t", shared: [], catalog: "Old")
        }
        let unversioned = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CatalogTable.entries("E\te\t400\tM\t\t", shared: [], catalog: "Old")
        }
        for result in [older, unversioned] {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("the catalog table of Old starts with"), "\(stderr)")
            #expect(stderr.contains("regenerate the catalog with the errgen of this ErrgenRuntime"), "\(stderr)")
        }
    }

    @Test func derivedTitlesAreTheMessageOrTheReasonPhrase() {
        #expect(Catalog.derivedTitle(message: .init(segments: [.text("Gone for good.")]), status: 410) == "Gone for good.")
        #expect(Catalog.derivedTitle(message: .init(segments: [.text("No "), .argument(0)]), status: 404) == "Not Found")
        #expect(Catalog.derivedTitle(message: .init(segments: [.argument(0)]), status: 499) == "Error 499")
        #expect(Catalog.derivedTitle(message: .init(segments: []), status: 400) == "")
    }

    // MARK: The layout

    @Test func enumSizesAreTheSmallestIntegerThatHoldsTheCases() {
        #expect([0, 1, 2, 256, 257, 65_536, 65_537].map(CaseIndex.size(forCaseCount:)) == [0, 0, 1, 1, 2, 2, 4])
    }

    @Test func theLayoutCheckNamesWhatIsWrong() {
        typealias Code = RAWSError.Code
        #expect(CaseIndex.layoutProblem(of: Code.self, case: Code.allCases.last, at: Code.allCases.count - 1, count: Code.allCases.count) == nil)
        #expect(CaseIndex.layoutProblem(of: Code.self, case: nil, at: -1, count: Code.allCases.count) == nil)
        #expect(CaseIndex.layoutProblem(of: Code.self, case: Code.allCases.last, at: 3, count: Code.allCases.count)?.contains("a case expected at 3 found at 23") == true)
        #expect(CaseIndex.layoutProblem(of: Code.self, case: nil, at: -1, count: 300)?.contains("1 bytes for 300 errors") == true)
    }
}
