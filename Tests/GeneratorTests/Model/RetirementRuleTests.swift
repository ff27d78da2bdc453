import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Testing

/// `retired` and `since`: an error no longer sent stays in the spec, and its rules.
@Suite struct RetirementRuleTests {
    /// A catalog with a sent error (`SoldOut`, line 7) and `Gone`, whose keys start on line 11.
    func spec(_ gone: String) -> String {
        """
        errgen: 1
        catalogs:
          Shop:
            title: Shop
            formats: [json]
            errors:
              SoldOut:
                status: 409
                message: Sold out.
              Gone:
                status: 410
                message: Gone.
        \(gone.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n"))

        """
    }

    @Test func aRetiredErrorWithItsVersionReasonAndReplacement() throws {
        let spec = try validSpec(spec("""
            since: "1.0"
            retired:
              in: "2.0"
              reason: Merged into SoldOut.
              replacement: SoldOut
            """))
        let gone = spec.catalogs[0].errors[1]
        #expect(gone.since?.value == "1.0")
        #expect(gone.retirement?.version.value == "2.0")
        #expect(gone.retirement?.reason == "Merged into SoldOut.")
        #expect(gone.retirement?.replacement?.value == "SoldOut")
    }

    @Test func theVersionIsRequiredAndAString() {
        #expect(diagnose(spec("retired: {reason: x}")) == ["13:18: error: 'retired' of error 'Gone' is missing the required key 'in'"])
        #expect(diagnose(spec("retired: {in: 2.0}")) == [
            "13:23: error: 'in' must be a string, not a number (quote it to make it a string: \"2.0\")"
        ])
        #expect(diagnose(spec("since: \" \"")) == ["13:16: error: a version is one line of text, not empty"])
    }

    @Test func retiredAndDeprecatedAreExclusive() {
        #expect(diagnose(spec("""
            deprecated: true
            retired: {in: "2.0"}
            """)) == ["14:18: error: error 'Gone' is both retired (no longer sent) and deprecated (still sent, discouraged); keep one"])
    }

    @Test func theReplacementIsAnotherErrorOfTheCatalogThatIsSent() {
        #expect(diagnose(spec(#"retired: {in: "2.0", replacement: SoldOot}"#)) == [
            "13:43: error: the replacement 'SoldOot' is not an error of catalog 'Shop'; did you mean 'SoldOut'?"
        ])
        #expect(diagnose(spec(#"retired: {in: "2.0", replacement: Gone}"#)) == ["13:43: error: error 'Gone' cannot replace itself"])
    }

    @Test func aRetiredReplacementIsRefused() {
        let text = spec(#"retired: {in: "2.0", replacement: SoldOut}"#)
            .replacingOccurrences(of: "        message: Sold out.\n", with: "        message: Sold out.\n        retired: {in: \"1.5\"}\n")
        #expect(diagnose(text) == ["14:43: error: the replacement 'SoldOut' is retired too; name the error that is sent instead"])
    }

    @Test func unknownKeysOfRetired() {
        #expect(diagnose(spec(#"retired: {in: "2.0", replacment: SoldOut}"#)) == [
            "13:30: error: unknown key 'replacment' in 'retired' of error 'Gone'; did you mean 'replacement'?"
        ])
    }
}
