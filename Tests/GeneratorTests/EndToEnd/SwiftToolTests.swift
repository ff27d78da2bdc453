import Foundation
import Testing

/// `errgen-swift`, the build plugin's tool: built from the spec's stages and the Swift printer
/// alone, it writes the same Swift as `errgen` for the same options, checks it, and refuses any
/// other output instead of writing less than asked.
@Suite struct SwiftToolTests {
    static var tool: URL { CLI.executable.deletingLastPathComponent().appendingPathComponent("errgen-swift") }

    @Test func itWritesWhatErrgenWritesAndChecksIt() throws {
        try withTemporaryFolder { folder in
            try Paths.text("Tests/References/languages/errors.yaml").write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let options = ["--no-config", "--spec", "errors.yaml", "--only", "swift", "--regenerate-command", "swift build"]
            let written = try CLI.run(["generate", "--swift-output", "tool"] + options, in: folder, executable: Self.tool)
            #expect(written.status == 0, "\(written.stderr)")
            #expect(written.stdout == "wrote tool/ShopError.swift\nerrgen: 1 file from errors.yaml: 1 written, 0 unchanged, 0 removed\n")
            let reference = try CLI.run(["generate", "-q", "--swift-output", "cli"] + options, in: folder)
            #expect(reference.status == 0, "\(reference.stderr)")
            let mine = try Data(contentsOf: folder.appendingPathComponent("tool/ShopError.swift"))
            #expect(mine == (try Data(contentsOf: folder.appendingPathComponent("cli/ShopError.swift"))))
            let check = try CLI.run(["check", "--swift-output", "tool"] + options, in: folder, executable: Self.tool)
            #expect(check.status == 0 && check.stdout == "errgen: all 1 outputs of errors.yaml are up to date\n", "\(check.stdout)")
        }
    }

    @Test func anyOtherOutputIsRefusedAndNothingIsWritten() throws {
        try withTemporaryFolder { folder in
            try Paths.text("Tests/References/languages/errors.yaml").write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            // Without a config and without --only, the docs and fixtures are on by default.
            let refused = try CLI.run(["generate", "--no-config", "--spec", "errors.yaml"], in: folder, executable: Self.tool)
            #expect(refused.status == 1)
            #expect(refused.stderr == "errgen: error: this tool writes Swift only, not the docs; run errgen itself, or pass --only swift\nerrgen: 1 error; nothing was written\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["errors.yaml"])
            // A spec error is reported at its place, as errgen reports it.
            try "errgen: 1\ncatalogs:\n  A:\n    title: A\n    formats: [json]\n    errors:\n      X: {status: 709, message: M}\n"
                .write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let broken = try CLI.run(["generate", "--no-config", "--spec", "errors.yaml", "--only", "swift"], in: folder, executable: Self.tool)
            #expect(broken.status == 1)
            #expect(broken.stderr.hasPrefix("errors.yaml:7:19: error: status 709 is not an error status (400-599)\n"), "\(broken.stderr)")
        }
    }
}
