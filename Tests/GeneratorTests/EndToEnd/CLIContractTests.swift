import Foundation
import Testing

/// The contract of `errgen generate`, `check` and `validate` on a valid spec, as CI and the build
/// rely on it: for outputs that are up to date, stale, missing or orphaned (alone and together),
/// each command's exit status, exactly what it prints on standard output and standard error, and
/// which files it touches: `check` and `validate` none, `generate` only those that differ, each
/// replaced (a new inode) and every other file left as it was (same inode, bytes and modification
/// time). After `generate`, `check` passes.
@Suite struct CLIContractTests {
    static let spec = """
        errgen: 1
        catalogs:
          Orders:
            title: Orders
            formats: [json, xml]
            errors:
              NotFound:
                status: 404
                message: Order {id} was not found.
                parameters: {id: string}
              Locked:
                status: 409
                message: The order is locked.
          Payments:
            title: Payments
            formats: [json]
            errors:
              Declined:
                status: 402
                message: The payment was declined.

        """

    /// The same spec without the Payments catalog.
    static var specWithoutPayments: String {
        String(spec[..<spec.range(of: "  Payments:")!.lowerBound])
    }

    static let outputOptions = ["--swift-output", "out/swift", "--docs-output", "out/docs", "--fixtures-output", "out/fixtures"]
    static let generate = ["generate", "--spec", "errors.yaml"] + outputOptions
    static let check = ["check", "--spec", "errors.yaml"] + outputOptions
    static let validate = ["validate", "--spec", "errors.yaml"] + outputOptions
    /// What the generated files' first line and `check` name: the command with the options that
    /// change what is written.
    static let regenerate = (["errgen", "generate", "--spec", "errors.yaml"] + outputOptions).joined(separator: " ")

    /// What a case expects `check` to report about one file.
    enum Drift: Hashable, Comparable {
        case stale(String)
        case missing(String)
        case orphaned(String)

        var path: String {
            switch self {
            case let .stale(path), let .missing(path), let .orphaned(path): return path
            }
        }

        /// The line `check` prints first for it.
        var line: String {
            switch self {
            case let .stale(path): return "\(path): out of date"
            case let .missing(path): return "\(path): missing"
            case let .orphaned(path): return "\(path): generated earlier but no longer produced by the spec"
            }
        }

        /// `check` lists stale and missing files by path, then orphaned ones folder by folder in
        /// the order of the outputs (Swift, docs, fixtures), by name in each.
        static func < (a: Drift, b: Drift) -> Bool {
            func rank(_ d: Drift) -> Int {
                guard case .orphaned = d else { return 0 }
                return ["out/swift/", "out/docs/", "out/fixtures/"].firstIndex { d.path.hasPrefix($0) }.map { $0 + 1 } ?? 4
            }
            return (rank(a), a.path) < (rank(b), b.path)
        }
    }

    /// A state of the outputs, made from up-to-date ones, and the drifts `check` must find in it.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var make: @Sendable (_ folder: URL, _ outputs: [String]) throws -> Set<Drift>
        var testDescription: String { name }
    }

    /// The first generated output below `folder` (relative to the run's folder) with `suffix`.
    static func pick(_ outputs: [String], in folder: String, suffix: String) -> String {
        outputs.first { $0.hasPrefix(folder + "/") && $0.hasSuffix(suffix) }!
    }

    static func append(_ text: String, to path: String, in folder: URL) throws {
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    static func remove(_ path: String, in folder: URL) throws {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
    }

    /// A copy of a generated file under a name the spec does not produce: an orphan.
    static func orphan(of path: String, named name: String, in folder: URL) throws -> String {
        let target = (path as NSString).deletingLastPathComponent + "/" + name
        try FileManager.default.copyItem(at: folder.appendingPathComponent(path), to: folder.appendingPathComponent(target))
        return target
    }

    static let cases: [Case] = [
        Case(name: "up to date") { _, _ in [] },
        Case(name: "stale Swift file") { folder, outputs in
            let path = pick(outputs, in: "out/swift", suffix: ".swift")
            try append("// edited\n", to: path, in: folder)
            return [.stale(path)]
        },
        Case(name: "stale page") { folder, outputs in
            let path = pick(outputs, in: "out/docs", suffix: ".md")
            try append("edited\n", to: path, in: folder)
            return [.stale(path)]
        },
        Case(name: "stale fixture, one byte changed in place") { folder, outputs in
            let path = pick(outputs, in: "out/fixtures", suffix: ".json")
            let url = folder.appendingPathComponent(path)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: url)
            return [.stale(path)]
        },
        Case(name: "stale: emptied") { folder, outputs in
            let path = pick(outputs, in: "out/docs", suffix: ".html")
            try Data().write(to: folder.appendingPathComponent(path))
            return [.stale(path)]
        },
        Case(name: "missing Swift file") { folder, outputs in
            let path = pick(outputs, in: "out/swift", suffix: ".swift")
            try remove(path, in: folder)
            return [.missing(path)]
        },
        Case(name: "missing page") { folder, outputs in
            let path = pick(outputs, in: "out/docs", suffix: ".md")
            try remove(path, in: folder)
            return [.missing(path)]
        },
        Case(name: "missing fixture") { folder, outputs in
            let path = pick(outputs, in: "out/fixtures", suffix: ".json")
            try remove(path, in: folder)
            return [.missing(path)]
        },
        Case(name: "missing folder") { folder, outputs in
            try remove("out/fixtures", in: folder)
            return Set(outputs.filter { $0.hasPrefix("out/fixtures/") }.map(Drift.missing))
        },
        Case(name: "orphaned Swift file") { folder, outputs in
            [.orphaned(try orphan(of: pick(outputs, in: "out/swift", suffix: ".swift"), named: "RetiredError.swift", in: folder))]
        },
        Case(name: "orphaned page") { folder, outputs in
            [.orphaned(try orphan(of: pick(outputs, in: "out/docs", suffix: ".md"), named: "retired.md", in: folder))]
        },
        Case(name: "orphaned fixture") { folder, outputs in
            [.orphaned(try orphan(of: pick(outputs, in: "out/fixtures", suffix: ".json"), named: "retired.json", in: folder))]
        },
        Case(name: "stale, missing and orphaned together") { folder, outputs in
            let stale = pick(outputs, in: "out/docs", suffix: ".md")
            try append("edited\n", to: stale, in: folder)
            let missing = pick(outputs, in: "out/fixtures", suffix: ".json")
            try remove(missing, in: folder)
            let orphaned = try orphan(of: pick(outputs, in: "out/swift", suffix: ".swift"), named: "RetiredError.swift", in: folder)
            return [.stale(stale), .missing(missing), .orphaned(orphaned)]
        },
        Case(name: "files errgen did not generate are not its own") { folder, outputs in
            // No marker: neither orphaned nor removed, even with an output's extension.
            for path in ["out/swift/Handwritten.swift", "out/docs/notes.md", "out/fixtures/extra.json", "out/docs/keep.txt"] {
                try Data("written by hand\n".utf8).write(to: folder.appendingPathComponent(path))
            }
            return []
        },
    ]

    @Test(arguments: cases)
    func contract(_ testCase: Case) throws {
        try withTemporaryFolder { folder in
            try Self.spec.write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let first = try CLI.run(Self.generate, in: folder)
            try #require(first.status == 0, "\(first.stderr)")
            let generated = DiskState(folder)
            let outputs = generated.files.keys.filter { $0.hasPrefix("out/") }.sorted()
            try #require(outputs.count >= 6, "\(outputs)")
            let drifts = try testCase.make(folder, outputs).sorted()
            try expectContract(in: folder, drifts: drifts, produced: outputs, generated: generated)
        }
    }

    /// The spec drops a catalog: its files become orphans, and pages that list the catalogs
    /// become stale. Every drift is reported, and `generate` removes and rewrites exactly those.
    @Test func aCatalogDroppedFromTheSpec() throws {
        try withTemporaryFolder { folder in
            let spec = folder.appendingPathComponent("errors.yaml")
            // The outputs of the smaller spec, to know what it produces.
            try Self.specWithoutPayments.write(to: spec, atomically: true, encoding: .utf8)
            try #require(try CLI.run(Self.generate, in: folder).status == 0)
            let small = DiskState(folder)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("out"))
            // Outputs of the whole spec on disk; then the spec without Payments.
            try Self.spec.write(to: spec, atomically: true, encoding: .utf8)
            try #require(try CLI.run(Self.generate, in: folder).status == 0)
            let large = DiskState(folder)
            try Self.specWithoutPayments.write(to: spec, atomically: true, encoding: .utf8)
            let produced = small.files.keys.filter { $0.hasPrefix("out/") }.sorted()
            var drifts: [Drift] = []
            for path in large.files.keys where path.hasPrefix("out/") {
                if small.files[path] == nil {
                    drifts.append(.orphaned(path))
                } else if small.files[path]?.bytes != large.files[path]?.bytes {
                    drifts.append(.stale(path))
                }
            }
            #expect(drifts.contains { if case .orphaned = $0 { return true } else { return false } })
            try expectContract(in: folder, drifts: drifts.sorted(), produced: produced, generated: DiskState(folder))
        }
    }

    /// Runs `check`, `validate`, `generate` and `check` again on the outputs as `make` left them,
    /// and `generate -q` on a copy, checking each one's exit status, output and effect.
    func expectContract(in folder: URL, drifts: [Drift], produced: [String], generated _: DiskState) throws {
        let before = DiskState(folder)

        // check: 1 and a list of the drifts when any, 0 when none; never touches a file.
        let check = try CLI.run(Self.check, in: folder)
        #expect(check.stderr.isEmpty, "check printed on standard error: \(check.stderr)")
        let lines = check.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if drifts.isEmpty {
            #expect(check.status == 0, "check exited with \(check.status) on up-to-date outputs:\n\(check.stdout)")
            #expect(check.stdout == "errgen: all \(produced.count) outputs of errors.yaml are up to date\n")
        } else {
            #expect(check.status == 1, "check exited with \(check.status) although it found:\n\(check.stdout)")
            let count = drifts.count
            let summary = "errgen: \(count) output\(count == 1 ? " is" : "s are") out of date; run `\(Self.regenerate)`"
            #expect(lines.suffix(2) == [summary, ""], "check's last line:\n\(check.stdout)")
            // Each drift's line, in order; a stale file's diff follows its line.
            let reported = lines.filter { line in drifts.contains { line == $0.line } }
            #expect(reported == drifts.map(\.line), "check reported:\n\(check.stdout)")
            for case let .stale(path) in drifts {
                #expect(check.stdout.contains("--- a/\(path)\n+++ b/\(path)\n"), "no diff for \(path):\n\(check.stdout)")
            }
        }
        before.expectSame(as: DiskState(folder), after: "check")

        // validate: 0, one line, nothing touched, whatever the outputs.
        let validate = try CLI.run(Self.validate, in: folder)
        #expect(validate.status == 0, "\(validate.stderr)")
        let catalogs = produced.contains { $0.lowercased().contains("payments") } ? 2 : 1
        let errors = catalogs == 2 ? 3 : 2
        #expect(validate.stdout == "errgen: errors.yaml is valid: \(catalogs) catalog\(catalogs == 1 ? "" : "s"), \(errors) errors\n")
        #expect(validate.stderr.isEmpty)
        before.expectSame(as: DiskState(folder), after: "validate")

        // generate -q, on a copy: nothing printed, the same effect as generate.
        let copy = folder.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: false)
        for name in ["errors.yaml", "out"] where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let quiet = try CLI.run(Self.generate + ["-q"], in: copy)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "generate -q: \(quiet.status)\n\(quiet.stdout)\(quiet.stderr)")
        let quietResult = DiskState(copy)
        try FileManager.default.removeItem(at: copy)

        // generate: 0; writes exactly the stale and missing files, removes exactly the orphans,
        // and says so; every other file is left as it was.
        let generate = try CLI.run(Self.generate, in: folder)
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(generate.stderr.isEmpty)
        let written = drifts.filter { if case .orphaned = $0 { return false } else { return true } }.map(\.path).sorted()
        let removed = drifts.filter { if case .orphaned = $0 { return true } else { return false } }.map(\.path)
        let expectedOutput = written.map { "wrote \($0)\n" }.joined() + removed.map { "removed \($0)\n" }.joined()
            + "errgen: \(produced.count) files from errors.yaml: \(written.count) written, \(produced.count - written.count) unchanged, \(removed.count) removed\n"
        #expect(generate.stdout == expectedOutput)
        let after = DiskState(folder)
        for path in written {
            #expect(after.files[path] != nil, "\(path) was not written")
            #expect(after.files[path]?.inode != before.files[path]?.inode, "\(path) was not replaced by a new file")
        }
        for path in removed { #expect(after.files[path] == nil, "\(path) was not removed") }
        let touched = Set(written + removed)
        for (path, entry) in before.files where !touched.contains(path) {
            #expect(after.files[path] == entry, "generate touched \(path), which was up to date or not its own")
        }
        #expect(Set(after.files.keys) == Set(before.files.keys).subtracting(removed).union(written))
        #expect(after.files.keys.filter { $0.contains("/.") }.isEmpty, "temporary files left: \(after.files.keys.filter { $0.contains("/.") })")
        // The copy generated quietly holds the same bytes.
        #expect(quietResult.files.mapValues(\.bytes) == after.files.filter { !$0.key.hasPrefix("copy/") }.mapValues(\.bytes))

        // And now check passes, touching nothing; a second generate writes nothing.
        let again = try CLI.run(Self.check, in: folder)
        #expect(again.status == 0, "check after generate: \(again.stdout)")
        #expect(again.stdout == "errgen: all \(produced.count) outputs of errors.yaml are up to date\n")
        let second = try CLI.run(Self.generate, in: folder)
        #expect(second.status == 0)
        #expect(second.stdout == "errgen: \(produced.count) files from errors.yaml: 0 written, \(produced.count) unchanged, 0 removed\n")
        after.expectSame(as: DiskState(folder), after: "check and a second generate")
    }
}

/// Every file and folder below a folder: for a file its bytes, inode and modification time (to
/// the nanosecond), so that a file rewritten with the same bytes, or replaced, shows.
struct DiskState: Equatable {
    struct File: Equatable {
        var bytes: Data
        var inode: UInt64
        var modified: Int64
    }

    var files: [String: File] = [:]
    var folders: Set<String> = []

    init(_ root: URL) {
        let base = root.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return }
        for case let relative as String in enumerator {
            var info = stat()
            guard lstat(base + "/" + relative, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                folders.insert(relative)
            } else {
                let bytes = FileManager.default.contents(atPath: base + "/" + relative) ?? Data()
                let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                files[relative] = File(bytes: bytes, inode: UInt64(info.st_ino), modified: modified)
            }
        }
    }

    /// Expects `other` to be this state exactly, naming each file that differs.
    func expectSame(as other: DiskState, after what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(folders == other.folders, "\(what) added or removed folders: \(folders.symmetricDifference(other.folders).sorted())", sourceLocation: sourceLocation)
        let paths = Set(files.keys).union(other.files.keys).sorted()
        let changed = paths.filter { files[$0] != other.files[$0] }
        #expect(changed.isEmpty, "\(what) touched: \(changed)", sourceLocation: sourceLocation)
    }
}
