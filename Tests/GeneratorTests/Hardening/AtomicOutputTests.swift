import Foundation
import Testing

/// errgen killed at any moment leaves every output either as it was or as the new run makes it,
/// and the next run finishes the job and leaves no temporary files.
@Suite struct AtomicOutputTests {
    /// A spec with two catalogs of `errors` errors each; `version` changes every message, so every
    /// output differs between versions. Version 1 also has a catalog version 2 drops, whose files
    /// the second run removes.
    static func spec(version: Int, errors: Int) -> String {
        var text = "errgen: 1\ncatalogs:\n"
        let catalogs = version == 1 ? ["orders", "payments", "legacy"] : ["orders", "payments"]
        for catalog in catalogs {
            text += "  \(catalog):\n    title: \(catalog) v\(version)\n    formats: [json, xml, problem+json]\n    errors:\n"
            for index in 0..<errors {
                text += "      E\(index):\n        status: \(400 + index % 100)\n"
                text += "        message: \"Version \(version) of error \(index) for {item}\"\n"
                text += "        description: The \(index)th error of \(catalog), version \(version).\n"
                text += "        parameters: {item: string}\n"
            }
        }
        return text
    }

    static let arguments = ["generate", "-q", "--spec", "errors.yaml", "--swift-output", "out/swift", "--docs-output", "out/docs", "--fixtures-output", "out/fixtures"]

    /// The outputs, without the temporary files a killed run may leave.
    static func outputs(_ folder: URL) -> [String: Data] {
        FolderSnapshot(folder.appendingPathComponent("out")).files
            .filter { !($0.key.split(separator: "/").last ?? "").hasPrefix(".") }
            .mapValues(\.bytes)
    }

    @Test func aRunKilledAtAnyMomentLeavesEachOutputOldOrNew() throws {
        try withTemporaryFolder { folder in
            let fm = FileManager.default
            let spec = folder.appendingPathComponent("errors.yaml")
            let pristine = folder.appendingPathComponent("old-out")
            // The old outputs, kept aside to restore before every kill.
            try Self.spec(version: 1, errors: 600).write(to: spec, atomically: true, encoding: .utf8)
            #expect(try CLI.run(Self.arguments, in: folder).status == 0)
            let old = Self.outputs(folder)
            try fm.copyItem(at: folder.appendingPathComponent("out"), to: pristine)
            // The new outputs, and how long writing them takes.
            try Self.spec(version: 2, errors: 600).write(to: spec, atomically: true, encoding: .utf8)
            let full = try CLI.run(Self.arguments, in: folder)
            #expect(full.status == 0, "\(full.stderr)")
            let new = Self.outputs(folder)
            #expect(Set(old.keys) != Set(new.keys) && old.keys.contains { old[$0] != new[$0] && new[$0] != nil })

            var generator = SplitMix64(seed: 7)
            var states: [String: Int] = [:]
            for attempt in 0..<12 {
                try fm.removeItem(at: folder.appendingPathComponent("out"))
                try fm.copyItem(at: pristine, to: folder.appendingPathComponent("out"))
                // Spread the kills over the whole run, with seeded jitter.
                let fraction = (Double(attempt) + Double(generator.next() % 1000) / 1000) / 12
                let process = Process()
                process.executableURL = CLI.executable
                process.arguments = Self.arguments
                process.currentDirectoryURL = folder
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(useconds_t(full.seconds * 1.1 * fraction * 1_000_000))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()

                let now = Self.outputs(folder)
                var oldCount = 0, newCount = 0
                for path in Set(old.keys).union(new.keys).union(now.keys).sorted() {
                    let state = now[path]
                    let isOld = state == old[path], isNew = state == new[path]
                    #expect(isOld || isNew, "after a kill at \(Int(fraction * 100))% of the run, \(path) is neither its old nor its new version")
                    if isOld && !isNew { oldCount += 1 }
                    if isNew && !isOld { newCount += 1 }
                }
                let kind = newCount == 0 ? "all old" : oldCount == 0 ? "all new" : "part new"
                states[kind, default: 0] += 1
            }
            // The next complete run finishes the job and sweeps the killed runs' temporary files.
            let finish = try CLI.run(Self.arguments, in: folder)
            #expect(finish.status == 0, "\(finish.stderr)")
            #expect(Self.outputs(folder) == new)
            let leftovers = FolderSnapshot(folder.appendingPathComponent("out")).files.keys.filter { $0.contains("/.") }
            #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers.sorted())")
            print("AtomicOutputTests: states after 12 kills: \(states.sorted { $0.key < $1.key })")
        }
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same numbers on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
