import Foundation
import Testing
@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift

/// Outputs are replaced atomically, proven without relying on when a kill lands:
///
/// - through `OutputWriter`'s probe (`OutputWriter.Probe`, reachable only from `@testable` code),
///   which stops a write at each of its moments (each file staged, all staged, each renamed) to
///   look at the disk there, which is what a kill at that moment would leave, and to make the
///   write fail there;
/// - through the real `errgen` binary, by file identity: a hard link to each old output keeps the
///   old bytes after `generate` (a write in place would change them through the link), and every
///   replaced output is a new inode while every unchanged one keeps its own.
@Suite struct AtomicWriteTests {
    // MARK: - Plans

    static let marker = "// \(OutputPlan.generatedFrom(spec: "errors.yaml"))Do not edit.\n"

    /// Two versions of a plan: three files change, one is new in a new folder, one stays the same,
    /// and version 1 has a file in an owned folder that version 2 no longer produces.
    static func plan(version: Int) -> OutputPlan {
        func file(_ path: String, _ text: String) -> OutputFile {
            // Some size, so that a file written in place would be seen half-written.
            OutputFile(path: path, contents: marker + String(repeating: "\(text) v\(version)\n", count: 2_000))
        }
        var files = [
            file("a/one.txt", "one"),
            file("a/two.txt", "two"),
            file("b/three.txt", "three"),
            OutputFile(path: "a/same.txt", contents: marker + "the same in every version\n"),
        ]
        files += version == 1 ? [file("a/retired.txt", "retired")] : [file("c/d/new.txt", "new")]
        return OutputPlan(files: files, ownedFolders: [.init(path: "a", fileExtensions: ["txt"])], generatedFrom: OutputPlan.generatedFrom(spec: "errors.yaml"))
    }

    static let old = plan(version: 1)
    static let new = plan(version: 2)
    /// The files version 2 writes, in the order they are renamed (path order).
    static let changed = ["a/one.txt", "a/two.txt", "b/three.txt", "c/d/new.txt"]

    /// The bytes of `path` in version `plan`, or nil when it has no such file.
    static func bytes(_ path: String, in plan: OutputPlan) -> Data? {
        plan.files.first { $0.path == path }.map { Data($0.bytes) }
    }

    /// Every output path either version has.
    static let paths = Set(old.files.map(\.path) + new.files.map(\.path)).sorted()

    /// A temporary file's name: `.`, then the destination's name, then errgen's suffix.
    static func isTemporary(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasPrefix(".") && name.contains(".errgen-") && name.hasSuffix(".tmp")
    }

    // MARK: - The probe's record

    /// Collects the moments a write reached, and what was wrong at each, from whichever thread
    /// reached them (files are staged in parallel; an expectation is recorded on the test's own
    /// thread, after the write).
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var moments: [OutputWriter.Probe.Moment] = []
        private var temporaryInodes: [String: UInt64] = [:]
        private var failures: [String] = []

        /// Records `moment`; returns how many moments of its kind were reached, this one included.
        @discardableResult
        func record(_ moment: OutputWriter.Probe.Moment) -> Int {
            lock.withLock {
                moments.append(moment)
                return moments.filter { Self.kind($0) == Self.kind(moment) }.count
            }
        }

        static func kind(_ moment: OutputWriter.Probe.Moment) -> Int {
            switch moment {
            case .staged: return 0
            case .stagingDone: return 1
            case .committed: return 2
            }
        }

        func staged(_ path: String, inode: UInt64) {
            lock.withLock { temporaryInodes[path] = inode }
        }

        /// Notes a failure when `condition` does not hold.
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition {
                let text = message()
                lock.withLock { failures.append(text) }
            }
        }

        var all: [OutputWriter.Probe.Moment] { lock.withLock { moments } }
        var problems: [String] { lock.withLock { failures } }
        func inode(ofTemporaryFor path: String) -> UInt64? { lock.withLock { temporaryInodes[path] } }

        var stagedPaths: [String] {
            all.compactMap { if case let .staged(path, _) = $0 { return path } else { return nil } }
        }

        var committedPaths: [String] {
            all.compactMap { if case let .committed(path) = $0 { return path } else { return nil } }
        }
    }

    struct InjectedFault: Error, Equatable {
        var moment: String
    }

    static func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// What is wrong with the outputs on disk if any is not its version 1 or its version 2
    /// (absent counts as the version that has no such file): all a kill at this moment may leave.
    static func outputsNeitherOldNorNew(in root: URL) -> [String] {
        paths.filter { path in
            let now = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            return now != bytes(path, in: old) && now != bytes(path, in: new)
        }
    }

    // MARK: - Staging, then renaming

    @Test func everyFileIsStagedInFullBesideItsDestinationBeforeAnyIsRenamed() throws {
        try withTemporaryFolder { root in
            _ = try OutputWriter.write(Self.old, root: root)
            let before = DiskState(root)
            let recorder = Recorder()
            let probe = OutputWriter.Probe { moment in
                recorder.record(moment)
                let check = recorder.check
                switch moment {
                case let .staged(path, temporary):
                    let destination = root.appendingPathComponent(path)
                    // Beside its destination (the same folder, so the same file system and rename
                    // replaces in one step), under a name of its own.
                    check(temporary.deletingLastPathComponent().standardizedFileURL.path
                        == destination.deletingLastPathComponent().standardizedFileURL.path, "\(path) staged in another folder")
                    check(temporary.lastPathComponent != destination.lastPathComponent, "\(path) staged onto itself")
                    check(Self.isTemporary(temporary.path), "\(temporary.lastPathComponent) is not a temporary file's name")
                    // In full, while the destination still holds its old version.
                    check(FileManager.default.contents(atPath: temporary.path) == Self.bytes(path, in: Self.new), "\(path) staged incompletely")
                    check(FileManager.default.contents(atPath: destination.path) == Self.bytes(path, in: Self.old), "\(path) changed while staging")
                    if let inode = Self.inode(temporary) { recorder.staged(path, inode: inode) }
                    // Other files are being staged meanwhile: only the outputs are looked at.
                    let torn = Self.outputsNeitherOldNorNew(in: root)
                    check(torn.isEmpty, "with \(path) staged, \(torn) neither old nor new")
                case .stagingDone:
                    check(Set(recorder.stagedPaths) == Set(Self.changed), "staged: \(recorder.stagedPaths)")
                    for path in Self.paths {
                        let now = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
                        check(now == Self.bytes(path, in: Self.old), "\(path) changed before any rename")
                    }
                    let temporaries = DiskState(root).files.keys.filter(Self.isTemporary)
                    check(temporaries.count == Self.changed.count, "staged files on disk: \(temporaries.sorted())")
                case let .committed(path):
                    let destination = root.appendingPathComponent(path)
                    check(FileManager.default.contents(atPath: destination.path) == Self.bytes(path, in: Self.new), "\(path) is not its new version once renamed")
                    // The very file that was staged: renamed, not copied.
                    check(Self.inode(destination) != nil && Self.inode(destination) == recorder.inode(ofTemporaryFor: path), "\(path) is not its staged file")
                    // Files renamed so far are new, the others still old.
                    let done = Set(recorder.committedPaths)
                    for other in Self.changed {
                        let now = FileManager.default.contents(atPath: root.appendingPathComponent(other).path)
                        check(now == Self.bytes(other, in: done.contains(other) ? Self.new : Self.old), "\(other) after renaming \(path)")
                    }
                    let torn = Self.outputsNeitherOldNorNew(in: root)
                    check(torn.isEmpty, "with \(path) renamed, \(torn) neither old nor new")
                }
            }
            let report = try OutputWriter.write(Self.new, root: root, probe: probe)
            #expect(recorder.problems.isEmpty, "\(recorder.problems.joined(separator: "\n"))")

            // Every moment reached, in order: all staged, then the renames one by one.
            let moments = recorder.all
            #expect(moments.count == 2 * Self.changed.count + 1, "\(moments)")
            let doneIndex = moments.firstIndex(of: .stagingDone)
            #expect(doneIndex == Self.changed.count, "staging must end before the first rename: \(moments)")
            #expect(recorder.committedPaths == Self.changed)
            #expect(report.written == Self.changed)
            #expect(report.unchanged == ["a/same.txt"])
            #expect(report.removed == ["a/retired.txt"])

            let after = DiskState(root)
            #expect(after.files.keys.filter(Self.isTemporary).isEmpty)
            #expect(after.files["a/same.txt"] == before.files["a/same.txt"], "an unchanged file was touched")
            for path in Self.changed {
                #expect(after.files[path]?.bytes == Self.bytes(path, in: Self.new))
                #expect(before.files[path] == nil || after.files[path]?.inode != before.files[path]?.inode, "\(path) was written in place")
            }
        }
    }

    /// A write stopped at each moment by a failure: until the first rename nothing on disk
    /// changes at all (not a byte, inode or modification time; folders it created are removed);
    /// after it, the files renamed so far are new and the rest old. No temporary file is left, and
    /// the next write completes the job.
    @Test(arguments: ["staged 1", "staged 4", "staging done", "renamed 1", "renamed 2", "renamed 4"])
    func aFailureAtAnyMomentLeavesEveryOutputOldOrNew(_ where_: String) throws {
        try withTemporaryFolder { root in
            _ = try OutputWriter.write(Self.old, root: root)
            let before = DiskState(root)
            let recorder = Recorder()
            let probe = OutputWriter.Probe { moment in
                let count = recorder.record(moment)
                let reached: String
                switch moment {
                case .staged: reached = "staged \(count)"
                case .stagingDone: reached = "staging done"
                case .committed: reached = "renamed \(count)"
                }
                if reached == where_ { throw InjectedFault(moment: where_) }
            }
            #expect(throws: InjectedFault(moment: where_)) { try OutputWriter.write(Self.new, root: root, probe: probe) }

            let after = DiskState(root)
            #expect(after.files.keys.filter(Self.isTemporary).isEmpty, "temporary files left: \(after.files.keys.filter(Self.isTemporary).sorted())")
            #expect(Self.outputsNeitherOldNorNew(in: root).isEmpty, "after a failure at \(where_)")
            if where_.hasPrefix("renamed") {
                let renamed = Int(where_.split(separator: " ").last!)!
                for (index, path) in Self.changed.enumerated() {
                    #expect(after.files[path]?.bytes == (index < renamed ? Self.bytes(path, in: Self.new) : Self.bytes(path, in: Self.old)), "\(path)")
                }
                #expect(after.files["a/same.txt"] == before.files["a/same.txt"])
            } else {
                before.expectSame(as: after, after: "a write that failed at \(where_)")
            }

            // The next write finishes the job.
            let report = try OutputWriter.write(Self.new, root: root)
            #expect(DiskState(root).files.mapValues(\.bytes) == Dictionary(uniqueKeysWithValues: Self.new.files.map { ($0.path, Data($0.bytes)) }))
            #expect(report.removed == ["a/retired.txt"])
        }
    }

    // MARK: - The real binary: file identity

    /// `generate` replaces each changed output by a new file and leaves the old one's bytes alone:
    /// a hard link made to every output beforehand still holds the old version afterwards. An
    /// output written in place (opened and truncated, or copied over) changes through the link.
    @Test func generateReplacesOutputsAndNeverWritesIntoThem() throws {
        try withTemporaryFolder { folder in
            let fm = FileManager.default
            let spec = folder.appendingPathComponent("errors.yaml")
            try AtomicOutputTests.spec(version: 1, errors: 40).write(to: spec, atomically: true, encoding: .utf8)
            #expect(try CLI.run(AtomicOutputTests.arguments, in: folder).status == 0)
            let before = DiskState(folder.appendingPathComponent("out"))
            let links = folder.appendingPathComponent("links")
            try fm.createDirectory(at: links, withIntermediateDirectories: false)
            for (index, path) in before.files.keys.sorted().enumerated() {
                try fm.linkItem(at: folder.appendingPathComponent("out/" + path), to: links.appendingPathComponent("\(index)"))
            }
            // Version 2 changes most outputs and drops a catalog, whose outputs are removed.
            try AtomicOutputTests.spec(version: 2, errors: 40).write(to: spec, atomically: true, encoding: .utf8)
            let run = try CLI.run(AtomicOutputTests.arguments, in: folder)
            #expect(run.status == 0, "\(run.stderr)")

            let after = DiskState(folder.appendingPathComponent("out"))
            var replaced = 0
            for (index, path) in before.files.keys.sorted().enumerated() {
                let link = try Data(contentsOf: links.appendingPathComponent("\(index)"))
                #expect(link == before.files[path]?.bytes, "\(path) was written in place: the old file's bytes changed")
                guard let now = after.files[path] else { continue }  // removed: its catalog was dropped
                if now.bytes != before.files[path]?.bytes {
                    replaced += 1
                    #expect(now.inode != before.files[path]?.inode, "\(path) changed but kept its inode")
                } else {
                    #expect(now == before.files[path], "\(path) is unchanged but was touched")
                }
            }
            #expect(replaced >= 6, "version 2 must change most outputs; \(replaced) changed")
            #expect(after.files.keys.filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }.isEmpty)
        }
    }
}
