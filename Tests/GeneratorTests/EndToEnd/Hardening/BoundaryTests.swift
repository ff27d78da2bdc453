import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Generated
import HTTPTypes
import Testing

/// Every numeric rule at its bounds: the last value in, the first value out, on both sides.
///
/// The bounds are written here as numbers, not read from the constants that hold them, so that a
/// bound moved by mistake (`400..<599`, `<` for `<=`, 200 raised to 300) fails a test.
@Suite struct BoundaryTests {
    // MARK: - Statuses: 400...599

    /// A valid spec whose one error has `status`.
    static func spec(status: String) -> String {
        """
        errgen: 1
        catalogs:
          Tiny:
            title: Tiny
            formats: [json]
            errors:
              E:
                status: \(status)
                message: Something.

        """
    }

    @Test(arguments: [
        (-1, false), (0, false), (1, false), (99, false), (100, false), (200, false), (302, false), (398, false),
        (399, false), (400, true), (401, true), (418, true), (499, true), (500, true), (503, true),
        (598, true), (599, true), (600, false), (601, false), (999, false), (1000, false), (40_000, false),
    ])
    func statusIsAnErrorStatusFrom400To599(_ status: Int, _ valid: Bool) {
        let diagnostics = diagnose(Self.spec(status: String(status)))
        if valid {
            #expect(diagnostics.isEmpty, "status \(status): \(diagnostics)")
        } else {
            // A success status is allowed only where the catalog says so, which the message tells.
            let hint = (200...299).contains(status) ? "; a catalog whose errors travel with a success status says 'allow-success-status: true'" : ""
            #expect(diagnostics == ["8:17: error: status \(status) is not an error status (400-599)\(hint)"], "status \(status)")
        }
    }

    /// The extremes of `Int`, which the loader reads, are refused as statuses like any other.
    @Test func statusAtTheLimitsOfInt() {
        for status in [Int.min, Int.max] {
            #expect(diagnose(Self.spec(status: String(status))) == ["8:17: error: status \(status) is not an error status (400-599)"])
        }
    }

    /// The same bounds through the CLI: exit status 0 and 1, and the message at the status.
    @Test(arguments: [(399, false), (400, true), (599, true), (600, false)])
    func statusBoundsThroughTheCLI(_ status: Int, _ valid: Bool) throws {
        try withTemporaryFolder { folder in
            try Self.spec(status: String(status)).write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["validate", "--spec", "errors.yaml"], in: folder)
            if valid {
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stdout == "errgen: errors.yaml is valid: 1 catalog, 1 error\n")
                #expect(outcome.stderr.isEmpty)
            } else {
                #expect(outcome.status == 1)
                #expect(outcome.stdout.isEmpty)
                #expect(outcome.stderr == "errors.yaml:8:17: error: status \(status) is not an error status (400-599)\n")
            }
        }
    }

    // MARK: - The spec format version: 1 only

    @Test(arguments: [(0, false), (1, true), (2, false)])
    func formatVersion(_ version: Int, _ valid: Bool) {
        let diagnostics = diagnose(Self.spec(status: "404").replacingOccurrences(of: "errgen: 1", with: "errgen: \(version)"))
        if valid {
            #expect(diagnostics.isEmpty)
        } else {
            #expect(diagnostics == ["1:9: error: unsupported spec format version \(version) (this errgen reads version 1)"])
        }
    }

    // MARK: - The loader's limits (YAMLLimits), defaults and custom, at the limit and one over

    /// The documented defaults: 64 MiB, 256 levels, 1,000,000 nodes, 10,000 aliases.
    @Test func defaultLimits() {
        let limits = YAMLLimits.default
        #expect(limits.maxInputBytes == 67_108_864)
        #expect(limits.maxDepth == 256)
        #expect(limits.maxNodes == 1_000_000)
        #expect(limits.maxAliases == 10_000)
        #expect(YAMLLoader().limits == limits)
    }

    /// The outcome of loading `text` as one document: "ok" or the diagnostic as printed.
    static func load(_ text: String, limits: YAMLLimits = .default) -> String {
        load(bytes: Array(text.utf8), limits: limits)
    }

    static func load(bytes: [UInt8], limits: YAMLLimits = .default) -> String {
        do {
            _ = try YAMLLoader(limits: limits).loadDocument(bytes, file: "spec.yaml")
            return "ok"
        } catch {
            return error.description
        }
    }

    /// `depth` levels of nesting in each style: flow sequences, flow mappings, block mappings and
    /// block sequences, with the column where the level `depth` starts.
    static func nested(_ depth: Int, style: String) -> (text: String, lastLine: Int, lastColumn: Int) {
        switch style {
        case "flow sequence":
            return (String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n", 1, depth)
        case "flow mapping":
            return (String(repeating: "{a: ", count: depth) + "x" + String(repeating: "}", count: depth) + "\n", 1, 4 * (depth - 1) + 1)
        case "block mapping":
            // Level 1 is the root mapping; level k starts on line k - 1's value, at column 2k - 1.
            var text = ""
            for level in 0..<depth { text += String(repeating: " ", count: 2 * level) + (level == depth - 1 ? "a: x\n" : "a:\n") }
            return (text, depth, 2 * (depth - 1) + 1)
        default:
            // Block sequences: `- - - x`, each level two columns further.
            return (String(repeating: "- ", count: depth) + "x\n", 1, 2 * (depth - 1) + 1)
        }
    }

    @Test(arguments: ["flow sequence", "flow mapping", "block mapping", "block sequence"])
    func depthAtTheDefaultLimit(_ style: String) {
        #expect(Self.load(Self.nested(256, style: style).text) == "ok", "\(style): 256 levels")
        let over = Self.nested(257, style: style)
        #expect(Self.load(over.text) == "spec.yaml:\(over.lastLine):\(over.lastColumn): error: nesting deeper than 256 levels", "\(style): 257 levels")
    }

    @Test(arguments: [1, 2, 3, 16, 100])
    func depthAtACustomLimit(_ limit: Int) {
        let limits = YAMLLimits(maxDepth: limit)
        for style in ["flow sequence", "flow mapping", "block mapping", "block sequence"] {
            #expect(Self.load(Self.nested(limit, style: style).text, limits: limits) == "ok", "\(style): \(limit) levels")
            let over = Self.nested(limit + 1, style: style)
            #expect(
                Self.load(over.text, limits: limits)
                    == "spec.yaml:\(over.lastLine):\(over.lastColumn): error: nesting deeper than \(limit) levels",
                "\(style): \(limit + 1) levels")
        }
    }

    /// A sequence of one anchored scalar and `aliases` aliases of it, one per line.
    static func aliases(_ aliases: Int) -> String {
        "- &a x\n" + String(repeating: "- *a\n", count: aliases)
    }

    @Test func aliasesAtTheDefaultLimit() {
        #expect(Self.load(Self.aliases(10_000)) == "ok")
        #expect(Self.load(Self.aliases(10_001)) == "spec.yaml:10002:3: error: more than 10000 aliases")
    }

    @Test(arguments: [0, 1, 2, 17])
    func aliasesAtACustomLimit(_ limit: Int) {
        let limits = YAMLLimits(maxAliases: limit)
        #expect(Self.load(Self.aliases(limit), limits: limits) == "ok")
        #expect(Self.load(Self.aliases(limit + 1), limits: limits) == "spec.yaml:\(limit + 2):3: error: more than \(limit) aliases")
    }

    /// A document of exactly `nodes` nodes (at least 1,002): a root sequence (1 node) whose first
    /// item is an anchored sequence of 999 scalars (1,000 nodes), then `copies` aliases of it
    /// (1,000 nodes each), then plain scalars (1 each) up to the count. The last node is the last
    /// line's scalar.
    static func document(nodes: Int) -> (text: String, lastLine: Int) {
        let copies = (nodes - 1_001) / 1_000
        let scalars = nodes - 1_001 - copies * 1_000
        var text = "- &a [" + (0..<999).map { _ in "1" }.joined(separator: ",") + "]\n"
        text += String(repeating: "- *a\n", count: copies)
        text += String(repeating: "- 1\n", count: scalars)
        return (text, 1 + copies + scalars)
    }

    @Test func nodesAtTheDefaultLimit() {
        #expect(Self.load(Self.document(nodes: 1_000_000).text) == "ok")
        let over = Self.document(nodes: 1_000_001)
        #expect(Self.load(over.text) == "spec.yaml:\(over.lastLine):3: error: more than 1000000 nodes, counting every copy an alias makes")
        // One over through an alias: the copy that crosses the limit is refused at the alias.
        let byAlias = "- &a [" + (0..<999).map { _ in "1" }.joined(separator: ",") + "]\n" + String(repeating: "- 1\n", count: 999)
            + String(repeating: "- *a\n", count: 998)
        #expect(Self.load(byAlias) == "ok", "exactly 1,000,000 nodes, the last 998,000 of them copies")
        #expect(Self.load(byAlias + "- 1\n") == "spec.yaml:1999:3: error: more than 1000000 nodes, counting every copy an alias makes")
    }

    @Test(arguments: [1, 2, 5, 1_000])
    func nodesAtACustomLimit(_ limit: Int) {
        // A root sequence of `limit - 1` scalars has `limit` nodes.
        let limits = YAMLLimits(maxNodes: limit)
        let exact = limit == 1 ? "[]\n" : String(repeating: "- 1\n", count: limit - 1)
        #expect(Self.load(exact, limits: limits) == "ok", "\(limit) nodes")
        let over = String(repeating: "- 1\n", count: limit)
        #expect(Self.load(over, limits: limits) == "spec.yaml:\(limit):3: error: more than \(limit) nodes, counting every copy an alias makes")
    }

    /// A spec file of exactly `size` bytes: the valid spec, then a comment filling the rest.
    static func spec(ofSize size: Int) -> [UInt8] {
        var bytes = Array(spec(status: "404").utf8) + Array("#".utf8)
        precondition(bytes.count < size)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: size - bytes.count - 1) + [UInt8(ascii: "\n")]
        return bytes
    }

    @Test(arguments: [200, 1_000, 65_536])
    func inputSizeAtACustomLimit(_ limit: Int) throws {
        let limits = YAMLLimits(maxInputBytes: limit)
        #expect(Self.load(bytes: Self.spec(ofSize: limit), limits: limits) == "ok")
        #expect(Self.load(bytes: Self.spec(ofSize: limit + 1), limits: limits)
            == "spec.yaml: error: the file is \(limit + 1) bytes, more than the limit of \(limit) bytes")
        // The generator checks a spec file's size before reading it: the same bound.
        try withTemporaryFolder { folder in
            var config = ErrgenConfig(root: folder)
            config.spec = "errors.yaml"
            let generator = Generator(config: config, loader: YAMLLoader(limits: limits))
            try Data(Self.spec(ofSize: limit)).write(to: folder.appendingPathComponent("errors.yaml"))
            let atLimit = generator.loadSpec()
            #expect(atLimit.spec != nil && atLimit.diagnostics.isEmpty, "\(atLimit.diagnostics)")
            try Data(Self.spec(ofSize: limit + 1)).write(to: folder.appendingPathComponent("errors.yaml"))
            #expect(generator.loadSpec().diagnostics.map(\.description)
                == ["errors.yaml: error: the file is \(limit + 1) bytes, more than the limit of \(limit) bytes"])
        }
    }

    /// 64 MiB: a spec of exactly that size loads, one byte more is refused, by the CLI too.
    @Test func inputSizeAtTheDefaultLimit() throws {
        let limit = 64 << 20
        #expect(Self.load(bytes: Self.spec(ofSize: limit + 1))
            == "spec.yaml: error: the file is 67108865 bytes, more than the limit of 67108864 bytes")
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("errors.yaml")
            try Data(Self.spec(ofSize: limit)).write(to: file)
            let atLimit = try CLI.run(["validate", "--spec", "errors.yaml"], in: folder)
            #expect(atLimit.status == 0, "\(atLimit.stderr)")
            #expect(atLimit.stdout == "errgen: errors.yaml is valid: 1 catalog, 1 error\n")
            try Data(Self.spec(ofSize: limit + 1)).write(to: file)
            let over = try CLI.run(["validate", "--spec", "errors.yaml"], in: folder)
            #expect(over.status == 1)
            #expect(over.stderr == "errors.yaml: error: the file is 67108865 bytes, more than the limit of 67108864 bytes\n")
        }
    }

    /// A spec far over the limit is refused from its size alone, before it is read: errgen, given
    /// 1 GiB of address space, refuses an 8 GiB file (sparse, so it takes no disk) at once.
    @Test func aSpecFarOverTheLimitIsRefusedWithoutBeingRead() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("errors.yaml")
            try Data(Self.spec(status: "404").utf8).write(to: file)
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: 8 << 30)
            try handle.close()
            let outcome = try CLI.run(
                ["-c", "ulimit -v 1048576 && exec \"$0\" validate --spec errors.yaml", CLI.executable.path], in: folder,
                executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(outcome.status == 1)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr == "errors.yaml: error: the file is 8589934592 bytes, more than the limit of 67108864 bytes\n")
        }
    }

    // MARK: - The 406 body echoes at most 200 Unicode scalars of the Accept fields

    /// What the 406 of RAWS says the request asked for: the text between "accepts (" and ") is
    /// available" in its `reason`.
    static func echo(_ accept: [String]) throws -> String {
        let response = RAWSError.catalog.notAcceptableResponse(accept: accept)
        #expect(response.head.status.code == 406)
        let body = response.bodyText
        let start = try #require(body.range(of: "<reason>None of the media types the request accepts ("))
        let end = try #require(body.range(of: ") is available; available: application/xml.</reason>", options: .backwards))
        return String(body[start.upperBound..<end.lowerBound])
    }

    /// An Accept value of exactly `scalars` Unicode scalars that RAWS cannot satisfy, made of
    /// `filler` after a media range.
    static func accept(scalars: Int, filler: Character = "x") -> String {
        let head = "image/png;p="
        return head + String(repeating: filler, count: scalars - head.count)
    }

    @Test(arguments: [13, 100, 199, 200])
    func acceptUpTo200ScalarsIsEchoedWhole(_ length: Int) throws {
        let value = Self.accept(scalars: length)
        #expect(value.unicodeScalars.count == length)
        #expect(try Self.echo([value]) == value)
    }

    @Test(arguments: [201, 202, 1_000, 100_000])
    func acceptBeyond200ScalarsIsCutAt200(_ length: Int) throws {
        let value = Self.accept(scalars: length)
        let echoed = try Self.echo([value])
        #expect(echoed == String(value.prefix(200)) + "…")
        #expect(echoed.unicodeScalars.count == 201)
    }

    /// The bound counts Unicode scalars, not bytes or characters: é (2 bytes), 字 (3), 😀 (4).
    @Test(arguments: ["\u{E9}", "\u{5B57}", "\u{1F600}"])
    func theBoundCountsScalars(_ filler: String) throws {
        let character = try #require(filler.first)
        let whole = Self.accept(scalars: 200, filler: character)
        #expect(try Self.echo([whole]) == whole)
        let long = Self.accept(scalars: 201, filler: character)
        #expect(try Self.echo([long]) == String(long.unicodeScalars.prefix(200).map(Character.init)) + "…")
    }

    /// Several fields are echoed as one list (joined with ", "), bounded as a whole.
    @Test func severalFieldsAreBoundedTogether() throws {
        let a = Self.accept(scalars: 100), b = Self.accept(scalars: 98, filler: "y")
        #expect(try Self.echo([a, b]) == a + ", " + b)
        let c = Self.accept(scalars: 99, filler: "y")
        #expect(try Self.echo([a, c]) == a + ", " + String(c.dropLast()) + "…")
        let many = Array(repeating: "image/png", count: 1_000)
        let echoed = try Self.echo(many)
        #expect(echoed == String(many.joined(separator: ", ").prefix(200)) + "…")
    }

    /// End to end: a request with a long Accept field gets a 406 whose body echoes 200 scalars.
    @Test func aLongAcceptFieldThroughTheResponse() throws {
        var fields = HTTPFields()
        fields[.accept] = Self.accept(scalars: 5_000)
        let request = HTTPRequest(method: .get, scheme: "https", authority: "example.com", path: "/", headerFields: fields)
        let response = RAWSError.internalError(reason: "r").response(to: request)
        #expect(response.head.status.code == 406)
        let expected = "(" + String(Self.accept(scalars: 5_000).prefix(200)) + "…)"
        #expect(response.bodyText.contains(expected))
        #expect(response.body.count < 1_000)
    }

    // MARK: - Accept parsing: 127-character names, 16 parameters, 64 elements

    @Test func mediaRangeNamesUpTo127Characters() {
        let name = String(repeating: "x", count: 127)
        #expect(MediaRange("\(name)/\(name);\(name)=v") != nil)
        #expect(MediaRange("\(name)x/b") == nil)
        #expect(MediaRange("a/\(name)x") == nil)
        #expect(MediaRange("a/b;\(name)x=v") == nil)
        #expect(MediaRange("a/b;a=\(String(repeating: "v", count: 10_000))") != nil, "parameter values are not limited")
    }

    @Test func mediaRangesOfUpTo16Parameters() {
        func range(_ count: Int, weighted: Bool) -> String {
            "a/b" + (0..<count - (weighted ? 1 : 0)).map { ";p\($0)=v" }.joined() + (weighted ? ";q=0.5" : "")
        }
        for weighted in [false, true] {
            #expect(MediaRange(range(15, weighted: weighted)) != nil)
            #expect(MediaRange(range(16, weighted: weighted)) != nil)
            #expect(MediaRange(range(17, weighted: weighted)) == nil)
        }
    }

    @Test func acceptListsUpTo64Elements() {
        func list(_ count: Int) -> String { Array(repeating: "image/png", count: count).joined(separator: ", ") }
        #expect(MediaRange.parseList(list(63)).count == 63)
        #expect(MediaRange.parseList(list(64)).count == 64)
        #expect(MediaRange.parseList(list(65)).count == 64)
        // The 64th element still counts for negotiation; the 65th is never read.
        let offered = ["application/xml"]
        #expect(ContentNegotiation.negotiate(accept: [list(63) + ", application/xml"], offered: offered) == .chosen(0))
        #expect(ContentNegotiation.negotiate(accept: [list(64) + ", application/xml"], offered: offered) == .notAcceptable)
        // Counted over all fields.
        #expect(ContentNegotiation.negotiate(accept: [list(63), "application/xml"], offered: offered) == .chosen(0))
        #expect(ContentNegotiation.negotiate(accept: [list(64), "application/xml"], offered: offered) == .notAcceptable)
    }

    // MARK: - Command-line numbers

    /// `--swift-file-shards` takes 0...64 and `--swift-shard-size` 1 or more; every subcommand
    /// that reads a spec checks them before reading it.
    @Test(arguments: [
        ("--swift-file-shards=-1", "--swift-file-shards takes a number from 0 to 64"),
        ("--swift-file-shards=0", nil), ("--swift-file-shards=1", nil), ("--swift-file-shards=64", nil),
        ("--swift-file-shards=65", "--swift-file-shards takes a number from 0 to 64"),
        ("--swift-shard-size=-1", "--swift-shard-size takes a number from 1 up"),
        ("--swift-shard-size=0", "--swift-shard-size takes a number from 1 up"),
        ("--swift-shard-size=1", nil), ("--swift-shard-size=2", nil),
    ] as [(String, String?)])
    func commandLineNumbers(_ option: String, _ refusal: String?) throws {
        try withTemporaryFolder { folder in
            try Self.spec(status: "404").write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["validate", "--spec", "errors.yaml", option], in: folder)
            if let refusal {
                #expect(outcome.status == 1, "\(option)")
                #expect(outcome.stderr == "errgen: error: \(refusal)\n", "\(option)")
            } else {
                #expect(outcome.status == 0, "\(option): \(outcome.stderr)")
                #expect(outcome.stderr.isEmpty)
            }
        }
    }

    // MARK: - Did-you-mean: words of up to 64 bytes, lists of up to 256, up to 3 edits

    @Test func suggestionsForWordsOfUpTo64Bytes() {
        for length in [63, 64, 65] {
            let candidate = String(repeating: "a", count: length)
            let typo = String(candidate.dropLast()) + "b"
            #expect((Spelling.suggestion(for: typo, among: [candidate]) != nil) == (length <= 64), "\(length) bytes")
        }
    }

    @Test func suggestionsAmongUpTo256Candidates() {
        for count in [255, 256, 257] {
            let candidates = ["status"] + (1..<count).map { "unrelated\($0)" }
            #expect((Spelling.suggestion(for: "stauts", among: candidates) == "status") == (count <= 256), "\(count) candidates")
        }
    }

    /// Up to a third of the word's length in edits, at least 1 and at most 3.
    @Test(arguments: [(2, 1), (3, 1), (5, 1), (6, 2), (8, 2), (9, 3), (12, 3), (30, 3)])
    func suggestionsWithinTheEditLimit(_ length: Int, _ edits: Int) {
        let word = String(repeating: "a", count: length)
        let within = String(repeating: "b", count: edits) + word.dropFirst(edits)
        let beyond = String(repeating: "b", count: edits + 1) + word.dropFirst(edits + 1)
        #expect(Spelling.suggestion(for: within, among: [word]) == word, "\(length) letters, \(edits) edits")
        #expect(Spelling.suggestion(for: beyond, among: [word]) == nil, "\(length) letters, \(edits + 1) edits")
    }
}
