import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// Spec names that are Swift keywords, or names the generated code uses for its own locals, are
/// escaped or renamed where Swift needs it, never refused: the generated catalog compiles and a
/// caller passes every argument by its label.
@Suite struct KeywordNameTests {
    static let yaml = """
        errgen: 1
        catalogs:
          Keywords:
            title: Keywords
            formats: [json]
            errors:
              default:
                status: 400
                message: "{let} {var} {inout} {in} {self} {func} {value} {code} {arguments} {factory} {lhs} {hasher}"
                parameters:
                  let: string
                  var: string
                  inout: string
                  in: integer
                  self: string
                  func: boolean
                  value: string
                  code: string
                  arguments: string
                  factory: string
                  lhs: string
                  hasher: string

        """

    /// What a caller writes (Swift wants `inout` in backticks at a call site, `let` and `var` not).
    static let use = """
        @_spi(ErrgenGenerated) import ErrgenRuntime

        func raise() -> KeywordsError {
            .default(
                let: "l", var: "v", `inout`: "i", in: 1, self: "s", func: true, value: "x", code: "c", arguments: "a",
                factory: "f", lhs: "h", hasher: "r")
        }

        """

    @Test func keywordAndLocalNamesCompileAndAreCalledByTheirLabels() throws {
        try withTemporaryFolder { folder in
            let specURL = folder.appendingPathComponent("errors.yaml")
            try Self.yaml.write(to: specURL, atomically: true, encoding: .utf8)
            let useURL = folder.appendingPathComponent("Use.swift")
            try Self.use.write(to: useURL, atomically: true, encoding: .utf8)
            var config = ErrgenConfig(root: folder)
            config.spec = "errors.yaml"
            config.swiftOutput = "Swift"
            config.docsOutput = nil
            config.fixturesOutput = nil
            let result = Generator(config: config).run()
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            let plan = try #require(result.plan)
            _ = try OutputWriter.write(plan, root: folder)
            let generated = plan.files.map { folder.appendingPathComponent($0.path) }
            let outcome = try ContractTests.typecheck(generated + [useURL])
            #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
            #expect(!outcome.stderr.contains("warning:"), "\(outcome.stderr)")
        }
    }
}
