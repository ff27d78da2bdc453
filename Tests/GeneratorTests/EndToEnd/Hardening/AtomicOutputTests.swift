import Foundation
import Testing

/// errgen killed at any moment leaves every output either as it was or as the new run makes it,
/// and the next run finishes the job and leaves no temporary files.
///
/// The kills land where they land; the test reports where (before, during or after writing) and
/// requires some to land during writing. `AtomicWriteTests` proves the same deterministically,
/// at each moment of a write.
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

    enum Landing: String, CaseIterable {
        case beforeWriting = "before writing"
        case whileStaging = "while staging"
        case whileCommitting = "while renaming or removing"
        case afterWriting = "after writing"
    }

    /// The temporary files a killed run left in the outputs.
    static func temporaries(_ folder: URL) -> [String] {
        FolderSnapshot(folder.appendingPathComponent("out")).files.keys.filter { ($0.split(separator: "/").last ?? "").hasPrefix(".") }
    }

    /// Whether `folder` holds an errgen temporary file, read with plain system calls: this polls
    /// as fast as it can while a run writes.
    static func hasTemporary(in folder: String) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let found = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let name = raw.prefix { $0 != 0 }
                return name.first == UInt8(ascii: ".") && name.count > 4 && String(decoding: name, as: UTF8.self).hasSuffix(".tmp")
            }
            if found { return true }
        }
        return false
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

            // Where each kill landed, judged from what it left: before writing (every output
            // old, no temporary file), while staging (temporary files, every output old), while
            // renaming or removing (some outputs new, others old), or after writing (every output new).
            var landings: [Landing: Int] = [:]
            func killRun(at moment: String, _ wait: (Process) -> Void) throws {
                try fm.removeItem(at: folder.appendingPathComponent("out"))
                try fm.copyItem(at: pristine, to: folder.appendingPathComponent("out"))
                let process = Process()
                process.executableURL = CLI.executable
                process.arguments = Self.arguments
                process.currentDirectoryURL = folder
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                wait(process)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()

                let now = Self.outputs(folder)
                var oldCount = 0, newCount = 0
                for path in Set(old.keys).union(new.keys).union(now.keys).sorted() {
                    let state = now[path]
                    let isOld = state == old[path], isNew = state == new[path]
                    #expect(isOld || isNew, "after a kill \(moment), \(path) is neither its old nor its new version")
                    if isOld && !isNew { oldCount += 1 }
                    if isNew && !isOld { newCount += 1 }
                }
                let staged = !Self.temporaries(folder).isEmpty
                let landing: Landing =
                    newCount == 0 ? (staged ? .whileStaging : .beforeWriting) : oldCount == 0 && !staged ? .afterWriting : .whileCommitting
                landings[landing, default: 0] += 1
            }

            // Kills spread over the whole run, with seeded jitter.
            var generator = SplitMix64(seed: 7)
            for attempt in 0..<12 {
                let fraction = (Double(attempt) + Double(generator.next() % 1000) / 1000) / 12
                try killRun(at: "at \(Int(fraction * 100))% of the run") { _ in usleep(useconds_t(full.seconds * 1.1 * fraction * 1_000_000)) }
            }
            // Kills aimed at the writing itself, which takes a small part of the run: each sent
            // when the first temporary file appears, or a little later.
            let folders = ["swift", "docs", "fixtures"].map { folder.appendingPathComponent("out/\($0)").path }
            for attempt in 0..<8 {
                let delay = attempt * 400
                try killRun(at: "\(delay) µs after a temporary file appeared") { process in
                    let deadline = Date().addingTimeInterval(full.seconds * 3 + 5)
                    while process.isRunning, Date() < deadline {
                        if folders.contains(where: { Self.hasTemporary(in: $0) }) {
                            usleep(useconds_t(delay))
                            return
                        }
                    }
                }
            }
            let midWrite = landings[.whileStaging, default: 0] + landings[.whileCommitting, default: 0]
            let report = Landing.allCases.map { "\(landings[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
            print("AtomicOutputTests: 20 kills: \(report); \(midWrite) landed while outputs were being written")
            // The guarantee is about kills during writing: at least one must have landed there.
            #expect(midWrite > 0, "no kill landed while outputs were being written (\(report)): the test proved nothing about them")

            // The next complete run finishes the job and sweeps the killed runs' temporary files.
            let finish = try CLI.run(Self.arguments, in: folder)
            #expect(finish.status == 0, "\(finish.stderr)")
            #expect(Self.outputs(folder) == new)
            let leftovers = FolderSnapshot(folder.appendingPathComponent("out")).files.keys.filter { $0.contains("/.") }
            #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers.sorted())")
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
