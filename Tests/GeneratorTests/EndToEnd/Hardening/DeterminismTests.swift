import Foundation
import Testing

/// Two runs that differ in locale, time zone and the order files were created in write the same
/// bytes.
@Suite struct DeterminismTests {
    /// The environment of a run: this process's, with a locale and time zone of its own.
    static func environment(locale: String, timeZone: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = locale
        environment["LANG"] = locale
        environment["TZ"] = timeZone
        return environment
    }

    /// Copies errgen's templates into `folder`, creating the files in the given order.
    static func writeTemplates(to folder: URL, reversed: Bool) throws {
        let source = Paths.url("Templates")
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: source.path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".mustache") { files.append(path) }
        }
        files.sort()
        if reversed { files.reverse() }
        for path in files {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent(path), to: target)
        }
    }

    @Test(arguments: ["spec/errors.yaml", "Tests/References/edge-cases/errors.yaml"])
    func runsInDifferentLocalesTimeZonesAndFileOrdersWriteTheSameBytes(spec: String) throws {
        try withTemporaryFolder { folder in
            let runs = [
                ("C", "UTC", false),
                ("tr_TR.UTF-8", "Pacific/Chatham", true),
            ]
            var snapshots: [FolderSnapshot] = []
            for (index, (locale, timeZone, reversed)) in runs.enumerated() {
                let run = folder.appendingPathComponent("run\(index)")
                try Self.writeTemplates(to: run.appendingPathComponent("templates"), reversed: reversed)
                let out = run.appendingPathComponent("out")
                let outcome = try CLI.run(
                    ["generate", "-q", "--spec", Paths.url(spec).path, "--templates", "templates",
                     "--swift-output", "out/swift", "--docs-output", "out/docs", "--fixtures-output", "out/fixtures"],
                    in: run, environment: Self.environment(locale: locale, timeZone: timeZone))
                #expect(outcome.status == 0, "\(outcome.stderr)")
                snapshots.append(FolderSnapshot(out))
            }
            #expect(!snapshots[0].files.isEmpty)
            #expect(snapshots[0].files.keys.sorted() == snapshots[1].files.keys.sorted())
            for (path, entry) in snapshots[0].files {
                #expect(entry.bytes == snapshots[1].files[path]?.bytes, "\(path) differs between the runs")
            }
        }
    }
}
