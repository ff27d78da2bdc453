import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// How much of a catalog is translated (`validate --coverage`), and languages required complete
/// (`require-translations` in the config, `--require-translations` on the command line).
@Suite struct CoverageTests {
    static let spec = "Tests/References/languages/errors.yaml"

    @Test func validatePrintsTheCoverageOfEveryLanguage() throws {
        let outcome = try CLI.run(["validate", "--spec", Self.spec, "--coverage"], in: Paths.root)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == """
            Shop: en (default) 4 of 4 errors
            Shop: de 2 of 4 errors (50%), missing: NotAcceptable, Busy
            Shop: fr-CA 3 of 4 errors (75%), missing: Busy
            errgen: Tests/References/languages/errors.yaml is valid: 1 catalog, 4 errors

            """)
    }

    @Test func aRequiredLanguageMustBeComplete() throws {
        let outcome = try CLI.run(["validate", "--spec", Self.spec, "--require-translations", "fr-CA"], in: Paths.root)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "\(Self.spec):38:7: error: error 'Busy' has no 'fr-CA' translation, which 'require-translations' requires\n")
    }

    @Test func everyLanguageIsRequiredWithAStar() throws {
        let outcome = try CLI.run(["validate", "--spec", Self.spec, "--require-translations", "*"], in: Paths.root)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == [
            "\(Self.spec):31:7:", "\(Self.spec):38:7:", "\(Self.spec):38:7:",
        ])
    }

    @Test func aRequiredLanguageNoCatalogHasIsAnError() throws {
        let outcome = try CLI.run(["validate", "--spec", Self.spec, "--require-translations", "ja"], in: Paths.root)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "\(Self.spec): error: 'require-translations' names 'ja', which is not a language of any catalog\n")
        let malformed = try CLI.run(["validate", "--spec", Self.spec, "--require-translations", "de_DE"], in: Paths.root)
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("--require-translations: 'de_DE' is not a well-formed BCP 47 language tag"))
    }

    /// From the config, generate refuses too, and writes nothing.
    @Test func theConfigsRequirementStopsGenerate() throws {
        try withTemporaryFolder { folder in
            let spec = try String(contentsOf: Paths.url(Self.spec), encoding: .utf8)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("spec"), withIntermediateDirectories: true)
            try spec.write(to: folder.appendingPathComponent("spec/errors.yaml"), atomically: true, encoding: .utf8)
            try "require-translations: [de]\n".write(to: folder.appendingPathComponent("errgen-config.yaml"), atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["generate"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stderr == """
                spec/errors.yaml:31:7: error: error 'NotAcceptable' has no 'de' translation, which 'require-translations' requires
                spec/errors.yaml:38:7: error: error 'Busy' has no 'de' translation, which 'require-translations' requires
                errgen: 2 errors; nothing was written

                """)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Sources").path))
        }
    }

    @Test func theConfigKeyIsASequenceOfTags() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("errgen-config.yaml").path
            try "require-translations: de\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: DiagnosticError.self) { try ErrgenConfig.load(path: path) }
            try "require-translations: [de, 'fr CA']\n".write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try ErrgenConfig.load(path: path)
                Issue.record("accepted")
            } catch let error as DiagnosticError {
                #expect(error.diagnostics.map(\.message) == [
                    "'fr CA' is not a well-formed BCP 47 language tag: subtag 'fr ca' holds a character other than ASCII letters and digits"
                ])
            }
        }
    }
}
