import Foundation
import Testing

/// A run asked for one spec's outputs touches nothing else: in a folder whose
/// `errgen-config.yaml` writes Swift, docs, fixtures, OpenAPI documents and Java files from its
/// spec, a run for another spec either is refused before it reads anything (a config found, not
/// named, is its own spec's), or writes exactly the outputs it names; and a run that applies the
/// config to another spec on purpose removes none of the first spec's files. Every file outside
/// what a run writes keeps its bytes, inode and modification time.
@Suite struct ForeignSpecTests {
    /// A copy of this repository's config, spec and Java templates, generated once.
    static func project(in folder: URL) throws {
        let fm = FileManager.default
        let templates = try fm.contentsOfDirectory(atPath: Paths.url("Examples/java/templates").path).sorted().map { "Examples/java/templates/\($0)" }
        for path in ["errgen-config.yaml", "spec/errors.yaml"] + templates {
            let target = folder.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: Paths.url(path), to: target)
        }
        try fm.createDirectory(at: folder.appendingPathComponent("other"), withIntermediateDirectories: true)
        try fm.copyItem(at: Paths.url("Tests/References/languages/errors.yaml"), to: folder.appendingPathComponent("other/errors.yaml"))
        let first = try CLI.run(["generate", "-q"], in: folder)
        try #require(first.status == 0, "\(first.stderr)")
    }

    static let outputs = ["--swift-output", "A", "--docs-output", "B", "--fixtures-output", "C"]

    @Test func anotherSpecWithAConfigFoundInTheFolderIsRefusedAndNothingIsTouched() throws {
        try withTemporaryFolder { folder in
            try Self.project(in: folder)
            let before = DiskState(folder)
            // The files of the config's outputs that the other spec does not produce.
            for path in ["openapi/raws.openapi.json", "openapi/restauth.openapi.json", "Examples/java/src/errgen/example/RAWSError.java",
                "Examples/java/src/errgen/example/RestAuthError.java", "Sources/Generated/RAWSError.swift", "docs/raws.md", "fixtures/raws.json"] {
                #expect(before.files[path] != nil, "\(path) was not generated")
            }
            for command in ["generate", "check"] {
                let refused = try CLI.run([command, "--spec", "other/errors.yaml"] + Self.outputs, in: folder)
                #expect(refused.status == 1, "\(command)")
                #expect(refused.stdout == "")
                #expect(refused.stderr == """
                    errgen: error: --spec other/errors.yaml is not the spec of errgen-config.yaml (spec/errors.yaml), which is in the current folder \
                    and whose outputs are that spec's; pass --no-config to leave the config out (and name the outputs), or --config \
                    errgen-config.yaml to write its outputs from other/errors.yaml

                    """, "\(command)")
                before.expectSame(as: DiskState(folder), after: command)
            }
            // The same spec, spelled otherwise, is the config's.
            let same = try CLI.run(["check", "--spec", "./spec/../spec/errors.yaml"], in: folder)
            #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
            // Commands that write none of the config's outputs read another spec as before.
            #expect(try CLI.run(["validate", "--spec", "other/errors.yaml"], in: folder).status == 0)
            before.expectSame(as: DiskState(folder), after: "check and validate")
        }
    }

    @Test func withoutTheConfigOnlyTheNamedOutputsAreWritten() throws {
        try withTemporaryFolder { folder in
            try Self.project(in: folder)
            let before = DiskState(folder)
            let run = try CLI.run(["generate", "-q", "--no-config", "--spec", "other/errors.yaml"] + Self.outputs, in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let after = DiskState(folder)
            let added = Set(after.files.keys).subtracting(before.files.keys).sorted()
            #expect(added == ["A/ShopError.swift", "B/README.md", "B/index.html", "B/shop.html", "B/shop.md", "C/shop.json"])
            var kept = after
            for path in added { kept.files[path] = nil }
            kept.folders.subtract(["A", "B", "C"])
            before.expectSame(as: kept, after: "generate --no-config")
            // --config and --no-config together are a contradiction, refused before anything is read.
            let both = try CLI.run(["generate", "--config", "errgen-config.yaml", "--no-config"], in: folder)
            #expect(both.status == 1 && both.stderr == "errgen: error: --config and --no-config contradict each other\n")
        }
    }

    @Test func aConfigAppliedToAnotherSpecOnPurposeRemovesNoneOfTheFirstSpecsFiles() throws {
        try withTemporaryFolder { folder in
            try Self.project(in: folder)
            let before = DiskState(folder)
            let run = try CLI.run(["generate", "--config", "errgen-config.yaml", "--spec", "other/errors.yaml"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("removed "), "\(run.stdout)")
            let after = DiskState(folder)
            // Files generated from spec/errors.yaml that the other spec does not produce: kept as they were.
            let first = before.files.keys.filter { path in
                ["RAWS", "raws", "RestAuth", "restauth"].contains { path.contains($0) }
            }
            #expect(first.count >= 10)
            for path in first { #expect(after.files[path] == before.files[path], "\(path) was touched") }
            // Its own orphans still go: with the spec's second version, the first's files are its own.
            let again = try CLI.run(["generate", "-q"], in: folder)
            #expect(again.status == 0)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("spec/errors.yaml"))
            try FileManager.default.copyItem(at: folder.appendingPathComponent("other/errors.yaml"), to: folder.appendingPathComponent("spec/errors.yaml"))
            let replaced = try CLI.run(["generate"], in: folder)
            #expect(replaced.status == 0)
            for path in ["openapi/raws.openapi.json", "Sources/Generated/RestAuthError.swift", "docs/raws.md", "Examples/java/src/errgen/example/RAWSError.java"] {
                #expect(replaced.stdout.contains("removed \(path)\n"), "\(path): \(replaced.stdout)")
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path))
            }
        }
    }
}
