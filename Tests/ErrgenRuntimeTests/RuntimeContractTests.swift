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
