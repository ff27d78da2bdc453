import ErrgenCore
import ErrgenSpec
import Foundation
import Testing

/// errgen refuses broken and hostile specs with exactly the diagnostics a user should see, quickly,
/// and without touching any output.
///
/// The corpus lives in `Tests/BadSpecs`: each `NNN-name.yaml` breaks one thing (a few break several,
/// to show that one run reports every problem, sorted by position), and `NNN-name.expected` holds the
/// exact standard error of
///
///     errgen generate --spec NNN-name.yaml --swift-output out/swift --docs-output out/docs --fixtures-output out/fixtures
///
/// run in a folder holding the spec. Hostile inputs too large to commit are built here.
///
/// Every spec is checked in process, through the run the command line makes; a sample of them
/// (`runsTheCommandLine`) also runs in a folder whose `out/` already holds the outputs of a valid
/// spec, through `generate`, `validate` and `check`: each must exit with status 1, print the
/// diagnostics and nothing on standard output, leave every output file's bytes and modification
/// time as they were, and create no file (a temporary file left behind included).
///
/// Re-record the `.expected` files with `Tests/record` (it runs this suite with `ERRGEN_RECORD=1`), then
/// read every one: each position must point at the offending token and each message must say what
/// is wrong.
@Suite struct BadSpecTests {
    static let corpus = Paths.url("Tests/BadSpecs")

    static var recording: Bool { Recording.isOn }

    /// The corpus specs' file names, in order.
    static let specs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static let outputOptions = ["--swift-output", "out/swift", "--docs-output", "out/docs", "--fixtures-output", "out/fixtures"]

    /// The valid spec the corpus specs break, one thing each.
    static let validSpec = """
        errgen: 1
        catalogs:
          Tiny:
            title: Tiny
            formats: [json]
            errors:
              NotFound:
                status: 404
                message: Nothing here.

        """

    /// The summary `generate` and `check` print after the diagnostics of a refused spec.
    static func summary(errors: Int) -> String {
        "errgen: \(errors) error\(errors == 1 ? "" : "s"); nothing was written\n"
    }

    /// A run slower than this is taken for a hang. Runs of the corpus take a fraction of a second and
    /// the slowest hostile input a second or two in a debug build; the bound is far above that, so
    /// that a loaded machine does not fail the suite. The slowest run is printed.
    static let hangGuard = 20.0

    // MARK: - The corpus

    @Test func theCorpusHasAtLeastFiftySpecsEachWithItsExpectedDiagnostics() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
        let specs = Set(names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) })
        let expected = Set(names.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) })
        #expect(specs.count >= 50)
        #expect(specs.subtracting(expected).isEmpty, "specs without a .expected file: \(specs.subtracting(expected).sorted())")
        #expect(expected.subtracting(specs).isEmpty, ".expected files without a spec: \(expected.subtracting(specs).sorted())")
        #expect(Set(names) == Set(specs.map { $0 + ".yaml" } + expected.map { $0 + ".expected" }), "only specs and .expected files")
        // Names are `NNN-short-name`, numbered from 001 without gaps.
        for (index, name) in specs.sorted().enumerated() {
            #expect(name.hasPrefix(String(format: "%03d-", index + 1)), "\(name) is out of sequence")
        }
    }

    /// The specs also run through the command line (`generate`, `validate`, `check`, in a folder of
    /// outputs that must stay untouched): every tenth, and those about bytes (encodings, a byte
    /// order mark, NUL), which the command line reads itself. The others are checked in process,
    /// through the same `Generator` run the command line makes, which is what their diagnostics
    /// are about; `Tests/record` runs every one through the command line.
    static func runsTheCommandLine(_ name: String) -> Bool {
        guard let number = Int(name.prefix(3)) else { return true }
        return number % 10 == 1 || (22...26).contains(number)
    }

    @Test(arguments: specs)
    func theSpecIsRefusedWithItsExpectedDiagnostics(_ name: String) throws {
        let spec = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
        let expectedFile = Self.corpus.appendingPathComponent(String(name.dropLast(".yaml".count)) + ".expected")
        if Self.recording {
            let stderr = try Self.checkRefusal(of: spec, named: name, expected: nil)
            try Data(stderr.utf8).write(to: expectedFile)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        // In process: the run `errgen generate --spec NAME` with the corpus's output options
        // makes, and what it prints on standard error.
        var config = ErrgenConfig(root: Self.corpus)
        config.spec = name
        (config.swiftOutput, config.docsOutput, config.fixturesOutput) = ("out/swift", "out/docs", "out/fixtures")
        let result = Generator(config: config).run()
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let printed = result.diagnostics.map { $0.description + "\n" }.joined() + Self.summary(errors: errors)
        #expect(printed == expected, "\(name) reports:\n\(Self.excerpt(printed))\nexpected:\n\(Self.excerpt(expected))")
        #expect(result.plan == nil && errors > 0, "\(name) would write outputs")
        if Self.runsTheCommandLine(name) {
            try Self.checkRefusal(of: spec, named: name, expected: expected)
        }
    }

    // MARK: - A leading byte order mark

    /// A byte order mark at the very start is valid YAML: the spec generates exactly what it
    /// generates without one.
    @Test func aValidSpecWithALeadingByteOrderMarkGenerates() throws {
        try withTemporaryFolder { folder in
            var snapshots: [FolderSnapshot] = []
            for (run, bytes) in [("plain", Data(Self.validSpec.utf8)), ("bom", Data([0xEF, 0xBB, 0xBF]) + Data(Self.validSpec.utf8))] {
                let runFolder = folder.appendingPathComponent(run)
                try FileManager.default.createDirectory(at: runFolder, withIntermediateDirectories: true)
                try bytes.write(to: runFolder.appendingPathComponent("errors.yaml"))
                let outcome = try Self.run(["generate", "-q", "--spec", "errors.yaml"] + Self.outputOptions, in: runFolder)
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stderr.isEmpty)
                #expect(!outcome.timedOut)
                snapshots.append(FolderSnapshot(runFolder.appendingPathComponent("out")))
            }
            #expect(!snapshots[0].files.isEmpty)
            #expect(snapshots[0].files.keys.sorted() == snapshots[1].files.keys.sorted())
            for (path, entry) in snapshots[0].files {
                #expect(entry.bytes == snapshots[1].files[path]?.bytes, "\(path) differs with a byte order mark")
            }
        }
    }

    // MARK: - Hostile input

    /// Inputs built to exhaust a parser, each refused at the limit it crosses.
    enum Hostile: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case hugeFile = "a 100 MiB file"
        case deepFlowSequences = "100,000 nested flow sequences"
        case deepBlockSequences = "100,000 nested block sequences"
        case deepBlockMappings = "10,000 nested block mappings"
        case billionLaughs = "a billion laughs"
        case tooManyAliases = "10,001 aliases"
        case tooManyNodes = "1,000,001 nodes"
        case longLine = "a 10 MB scalar on one line"
        case longKey = "a 1 MB key"
        case longExplicitKey = "a 1 MB explicit key"

        var testDescription: String { rawValue }

        var fileName: String {
            switch self {
            case .hugeFile: return "huge.yaml"
            case .deepFlowSequences: return "deep-flow-sequences.yaml"
            case .deepBlockSequences: return "deep-block-sequences.yaml"
            case .deepBlockMappings: return "deep-block-mappings.yaml"
            case .billionLaughs: return "billion-laughs.yaml"
            case .tooManyAliases: return "aliases.yaml"
            case .tooManyNodes: return "nodes.yaml"
            case .longLine: return "long-line.yaml"
            case .longKey: return "long-key.yaml"
            case .longExplicitKey: return "long-explicit-key.yaml"
            }
        }

        /// The valid spec up to its error's message, which each case completes.
        static let specUpToMessage = BadSpecTests.validSpec.replacingOccurrences(of: "Nothing here.\n", with: "")

        static let oneMegabyteKey = String(repeating: "k", count: 1_000_000)

        var bytes: Data {
            switch self {
            case .hugeFile:
                // A valid spec and a comment that takes the file past the 64 MiB limit.
                var data = Data(BadSpecTests.validSpec.utf8)
                data.append(Data("# ".utf8))
                data.append(Data(repeating: UInt8(ascii: "x"), count: 100 << 20 - data.count - 1))
                data.append(UInt8(ascii: "\n"))
                return data
            case .deepFlowSequences:
                return Data(repeating: UInt8(ascii: "["), count: 100_000) + Data(repeating: UInt8(ascii: "]"), count: 100_000)
            case .deepBlockSequences:
                return Data((String(repeating: "- ", count: 100_000) + "x\n").utf8)
            case .deepBlockMappings:
                // Each level is indented one space more than its parent, so n levels take about
                // n²/2 bytes: 10,000 levels (50 MB) is as deep as fits under the 64 MiB limit.
                var data = Data(capacity: 50_100_000)
                for level in 0..<10_000 {
                    data.append(Data(repeating: UInt8(ascii: " "), count: level))
                    data.append(Data("a:\n".utf8))
                }
                return data
            case .billionLaughs:
                // Nine levels of nine aliases each: 9⁹ copies of "lol" from 342 bytes.
                var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                for (previous, name) in zip("abcdefgh", "bcdefghi") {
                    text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
                }
                return Data(text.utf8)
            case .tooManyAliases:
                return Data(("a: &a x\nb: [" + Array(repeating: "*a", count: 10_001).joined(separator: ", ") + "]\n").utf8)
            case .tooManyNodes:
                return Data(("a: [" + Array(repeating: "1", count: 1_000_001).joined(separator: ",") + "]\n").utf8)
            case .longLine:
                // A 10 MB message whose last character is a stray '}'.
                return Data((Self.specUpToMessage + String(repeating: "x", count: 10_000_000) + "}\n").utf8)
            case .longKey:
                return Data((Self.specUpToMessage + "Nothing here.\n        \(Self.oneMegabyteKey): x\n").utf8)
            case .longExplicitKey:
                return Data((Self.specUpToMessage + "Nothing here.\n        ? \(Self.oneMegabyteKey)\n        : x\n").utf8)
            }
        }

        /// The one diagnostic, without the summary line.
        var expected: String {
            let file = fileName
            switch self {
            case .hugeFile:
                return "\(file): error: the file is 104857600 bytes, more than the limit of 67108864 bytes"
            case .deepFlowSequences:
                return "\(file):1:257: error: nesting deeper than 256 levels"
            case .deepBlockSequences:
                return "\(file):1:513: error: nesting deeper than 256 levels"
            case .deepBlockMappings:
                return "\(file):257:257: error: nesting deeper than 256 levels"
            case .billionLaughs:
                return "\(file):7:8: error: more than 1000000 nodes, counting every copy an alias makes"
            case .tooManyAliases:
                // The 10,001st `*a`: after "b: [", every alias takes four columns.
                return "\(file):2:40005: error: more than 10000 aliases"
            case .tooManyNodes:
                // The mapping, its key and the sequence come first, so the 999,998th item crosses
                // the limit; after "a: [", every item takes two columns.
                return "\(file):1:1999999: error: more than 1000000 nodes, counting every copy an alias makes"
            case .longLine:
                return "\(file):9:10000018: error: unmatched '}' in template (write '}}' for a literal brace)"
            case .longKey:
                // libyaml gives up on an implicit key longer than 1024 characters.
                return "\(file):10:1000009: error: could not find expected ':' (while scanning a simple key started at 10:9); a key of more than 1024 characters must be written as an explicit key ('? key' on one line, ': value' on the next)"
            case .longExplicitKey:
                // The key is echoed shortened in the middle: a diagnostic stays one readable line.
                let key = Self.oneMegabyteKey
                let shortened = String(key.prefix(30)) + "…" + String(key.suffix(29))
                return "\(file):10:11: error: unknown key '\(shortened)' in error 'NotFound' (expected one of: deprecated, description, documentation-url, headers, message, metadata, parameters, retired, since, status, swift-name, title, translations)"
            }
        }
    }

    @Test(arguments: Hostile.allCases)
    func hostileInputIsRefusedAtTheLimitItCrosses(_ input: Hostile) throws {
        try Self.checkRefusal(of: input.bytes, named: input.fileName, expected: input.expected + "\n" + Self.summary(errors: 1))
    }

    // MARK: - Running errgen

    /// Writes `spec` as `name` into a fresh folder whose `out/` holds the outputs of a valid spec,
    /// runs `generate`, `validate` and `check` on it, and checks that each refuses it and changes
    /// nothing. `expected` is `generate`'s standard error: the diagnostics, then the summary; `nil`
    /// when recording. Returns `generate`'s standard error.
    @discardableResult
    static func checkRefusal(of spec: Data, named name: String, expected: String?) throws -> String {
        try withTemporaryFolder { folder in
            try Data(validSpec.utf8).write(to: folder.appendingPathComponent("valid.yaml"))
            let valid = try run(["generate", "-q", "--spec", "valid.yaml"] + outputOptions, in: folder)
            try #require(valid.status == 0, "the valid spec failed: \(valid.stderr)")
            try spec.write(to: folder.appendingPathComponent(name))

            let out = folder.appendingPathComponent("out")
            let outputs = FolderSnapshot(out)
            try #require(!outputs.files.isEmpty)
            let entries = Self.entries(of: folder)

            /// Checks that a run refused the spec with `wanted` on standard error and left the
            /// folder as it was.
            func expectRefusal(_ outcome: CLI.Outcome, by command: String, printing wanted: String) {
                let matches = outcome.stderr == wanted
                #expect(matches, "\(command) \(name) printed:\n\(excerpt(outcome.stderr))\nexpected:\n\(excerpt(wanted))")
                #expect(outcome.status == 1, "\(command) \(name) exited with \(outcome.status)")
                #expect(outcome.stdout.isEmpty, "\(command) \(name) printed on standard output:\n\(excerpt(outcome.stdout))")
                #expect(!outcome.timedOut, "\(command) \(name) did not end within \(hangGuard) s")
                #expect(FolderSnapshot(out) == outputs, "\(command) \(name) changed the outputs")
                let now = Self.entries(of: folder)
                #expect(now == entries, "\(command) \(name) added or removed files: \(now.symmetricDifference(entries).sorted())")
            }

            let generate = try run(["generate", "--spec", name] + outputOptions, in: folder)
            let stderr = expected ?? generate.stderr
            expectRefusal(generate, by: "generate", printing: stderr)

            // `validate` prints the diagnostics without the summary.
            let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count >= 3 && lines.last == "", "at least one diagnostic, a summary and a final line break")
            #expect(lines.count < 3 || lines[lines.count - 2] + "\n" == summary(errors: lines.count - 2), "the summary counts the diagnostics")
            let diagnostics = lines.dropLast(2).map { $0 + "\n" }.joined()
            expectRefusal(try run(["validate", "--spec", name] + outputOptions, in: folder), by: "validate", printing: diagnostics)

            // `check` fails on the spec before it compares any output, and says so without
            // speaking of writing, which it never does.
            let checkSummary = stderr.replacingOccurrences(of: "; nothing was written\n", with: "\n")
            expectRefusal(try run(["check", "--spec", name] + outputOptions, in: folder), by: "check", printing: checkSummary)
            return generate.stderr
        }
    }

    /// Runs errgen and records its time.
    static func run(_ arguments: [String], in folder: URL) throws -> CLI.Outcome {
        let outcome = try CLI.run(arguments, in: folder, limit: hangGuard)
        let spec = arguments.firstIndex(of: "--spec").map { arguments[$0 + 1] } ?? ""
        slowest.record(outcome.seconds, "\(arguments[0]) \(spec)")
        return outcome
    }

    /// The relative path of every file and folder below `folder`.
    static func entries(of folder: URL) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: folder.path).map { $0.compactMap { $0 as? String } } ?? [])
    }

    /// The start of a text that may be megabytes long, for failure messages.
    static func excerpt(_ text: String) -> String {
        text.unicodeScalars.count <= 2_000 ? text : String(text.prefix(2_000)) + "… (\(text.utf8.count) bytes)"
    }

    // MARK: - Timing

    /// The slowest errgen run of the suite so far. Test cases run in parallel, so the last line
    /// printed holds the slowest run of the whole suite (when it took more than 0.2 s).
    static let slowest = SlowestRun()

    final class SlowestRun: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds = 0.0

        func record(_ seconds: Double, _ what: String) {
            lock.lock()
            let isSlowest = seconds > self.seconds
            if isSlowest { self.seconds = seconds }
            lock.unlock()
            // Only runs slow enough to matter are printed: the suite runs hundreds.
            if isSlowest, seconds > 0.2 {
                print("BadSpecTests: slowest errgen run so far: \(String(format: "%.3f", seconds)) s (\(what))")
            }
        }
    }
}
