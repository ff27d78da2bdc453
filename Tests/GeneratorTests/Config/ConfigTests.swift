import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

@Suite struct ConfigTests {
    func write(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("errgen-config.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyKeyIsReadAndPathsAreRelativeToTheFile() throws {
        let path = try write("""
            spec: api/errors.yaml
            templates: my-templates
            access: package
            docs-page-size: 200
            regenerate-command: make errors
            outputs:
              swift: Sources/APIErrors

            """)
        let config = try ErrgenConfig.load(path: path)
        #expect(config.access == .package)
        #expect(config.docsPageSize == 200)
        #expect(config.regenerateCommand == "make errors" && config.regenerateCommandIsGiven)
        #expect(config.spec == "api/errors.yaml")
        #expect(config.templates == "my-templates")
        #expect(config.swiftOutput == "Sources/APIErrors")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        #expect(config.url(config.spec).path == folder.appendingPathComponent("api/errors.yaml").path)
    }

    @Test func defaultsWithoutAFile() {
        let config = ErrgenConfig(root: URL(fileURLWithPath: "/tmp"))
        #expect(config.spec == "spec/errors.yaml")
        #expect(config.swiftOutput == "Sources/Generated")
        #expect(config.templates == nil)
        #expect(config.regenerateCommand == "errgen generate")
        #expect(!config.regenerateCommandIsGiven)
    }

    @Test func unknownKeysAndWrongTypesAreErrors() throws {
        let path = try write("spec: 3\noutput:\n  swift: x\n")
        #expect(throws: DiagnosticError.self) { try ErrgenConfig.load(path: path) }
        do {
            _ = try ErrgenConfig.load(path: path)
        } catch {
            #expect(error.diagnostics.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
                "1:7: 'spec' must be a string, not an integer (quote it to make it a string: \"3\")",
                "2:1: unknown key 'output' in the config; did you mean 'outputs'?",
            ])
        }
    }

    @Test func valuesOutsideTheirRangeAreErrorsAtTheirPosition() throws {
        let path = try write("docs-page-size: 0\naccess: open\nregenerate-command: \"a\\nb\"\n")
        do {
            _ = try ErrgenConfig.load(path: path)
            Issue.record("the config was accepted")
        } catch {
            #expect(error.diagnostics.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
                "1:17: 'docs-page-size' must be 1 or more, not 0",
                "2:9: 'access' must be one of 'public', 'package', 'internal', not 'open'",
                "3:21: 'regenerate-command' must be one line, without control characters",
            ])
        }
    }

    @Test func outputFoldersCannotLeaveTheConfigsFolder() throws {
        let path = try write("""
            outputs:
              swift: ../../elsewhere
              docs: /etc/errgen
              fixtures: a/./b/../../../c
            """)
        do {
            _ = try ErrgenConfig.load(path: path)
            Issue.record("a config writing outside its folder was accepted")
        } catch {
            #expect(error.diagnostics.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
                "2:10: the output folder '../../elsewhere' leaves the config's folder; outputs are written only below it",
                "3:9: the output folder '/etc/errgen' must be relative to the config's folder, not absolute (give an absolute folder on the command line instead)",
                "4:13: the output folder 'a/./b/../../../c' leaves the config's folder; outputs are written only below it",
            ])
        }
        // Climbing down and back up inside the folder is fine.
        let inside = try ErrgenConfig.load(path: try write("outputs:\n  docs: api/../docs/./errors\n"))
        #expect(inside.docsOutput == "api/../docs/./errors")
    }
}

@Suite struct CommandLinePathTests {
    @Test func relativePathsAreRebasedOnTheConfigsFolder() {
        var config = ErrgenConfig(root: URL(fileURLWithPath: "/repo/Sources/API"))
        config.spec = "errors.yaml"
        let cwd = URL(fileURLWithPath: "/repo")
        #expect(config.relativeToRoot("Sources/API/errors.yaml", from: cwd) == "errors.yaml")
        #expect(config.relativeToRoot("docs/API", from: cwd) == "/repo/docs/API")
        #expect(config.relativeToRoot("/abs/errors.yaml", from: cwd) == "/abs/errors.yaml")
        #expect(config.relativeToRoot("Sources/API", from: cwd) == ".")
    }
}
