import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import Foundation

/// `errgen-benchmark [--sizes 100,1000,10000] --errgen <path> --modules <path> [--repetitions N]`
/// prints, for synthetic specs of each size: `errgen generate`'s CPU and wall time beside the floor (a
/// program that only pulls libyaml's events from the same file) and beside the floor that also
/// writes as many bytes in as many files as the run does, the debug compile time of the generated
/// Swift, and wire-code lookup and XML rendering beside hand-written equivalents. The floor
/// program is `errgen-floor`, built beside it. `--corpus <spec>` (repeatable) also times real
/// specs, per catalog: the converted corpora the tests leave in `.build/corpora`.
@main
enum Benchmark {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(i...(i + 1)) }
            return arguments[i + 1]
        }
        let sizes = (option("--sizes") ?? "100,1000,10000").split(separator: ",").compactMap { Int($0) }
        guard let errgen = option("--errgen"), let modules = option("--modules") else {
            FileHandle.standardError.write(Data("usage: errgen-benchmark [--sizes 100,1000,10000] [--languages N] --errgen <release errgen> --modules <debug Modules folder> [--repetitions N] [--keep <folder>]\n".utf8))
            exit(64)
        }
        let repetitions = Int(option("--repetitions") ?? "5") ?? 5
        // `--languages N`: the catalog lists N languages and every error is translated into each.
        let languages = min(max(Int(option("--languages") ?? "1") ?? 1, 1), SyntheticSpec.tags.count)
        // `--keep <folder>` leaves the synthetic specs and their outputs there, for profiling.
        let kept = option("--keep")
        var corpora: [String] = []
        while let corpus = option("--corpus") { corpora.append(corpus) }
        let work = kept.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("errgen-benchmark-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: work) } }

        print(Machine.description)
        print("")
        var rows: [Row] = []
        for size in sizes {
            rows.append(try measure(size: size, languages: languages, errgen: errgen, modules: modules, repetitions: repetitions, work: work))
        }
        Report.print(rows)
        if !corpora.isEmpty {
            print("")
            print("| real spec | catalogs (errors) | errors | generate ms (CPU / wall) | Swift only ms (CPU / wall) | compile s (CPU / wall) |")
            print("| --- | --- | ---: | ---: | ---: | ---: |")
            for corpus in corpora {
                for line in try measureCorpus(corpus, errgen: errgen, modules: modules, repetitions: repetitions, work: work) { print(line) }
            }
        }
    }

    /// A real spec: `generate` of every output, the Swift only, the debug compile of that Swift.
    /// The build plugin's tool, `errgen-swift`, built beside `errgen`.
    static func pluginTool(beside errgen: String) -> String {
        URL(fileURLWithPath: errgen).deletingLastPathComponent().appendingPathComponent("errgen-swift").path
    }

    static func measureCorpus(_ path: String, errgen: String, modules: String, repetitions: Int, work: URL) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        let (spec, diagnostics) = Generator.check(bytes: try [UInt8](Data(contentsOf: url)), file: path)
        guard let spec else { throw BenchmarkError("\(path) is invalid: \(diagnostics.map(\.description).joined(separator: "\n"))") }
        let folder = work.appendingPathComponent("corpus-" + url.deletingLastPathComponent().lastPathComponent)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let generate = try Clock.median(repetitions) {
            for sub in ["swift", "docs", "fixtures"] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(sub)) }
            return try Clock.run(errgen, [
                "generate", "-q", "--no-config", "--spec", path, "--swift-output", folder.appendingPathComponent("swift").path,
                "--docs-output", folder.appendingPathComponent("docs").path, "--fixtures-output", folder.appendingPathComponent("fixtures").path,
                "--only", "swift,docs,fixtures",
            ])
        }
        let swiftOnly = try Clock.median(repetitions) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("build"))
            return try Clock.run(pluginTool(beside: errgen), ["generate", "-q", "--no-config", "--spec", path, "--swift-file", folder.appendingPathComponent("build/Errors.swift").path, "--only", "swift"])
        }
        let swiftFolder = folder.appendingPathComponent("swift")
        let files = try FileManager.default.contentsOfDirectory(atPath: swiftFolder.path).sorted().map { swiftFolder.appendingPathComponent($0).path }
        let objects = folder.appendingPathComponent("objects")
        try FileManager.default.createDirectory(at: objects, withIntermediateDirectories: true)
        let compile = try Clock.median(min(3, repetitions)) {
            try Clock.run("swiftc", [
                "-swift-version", "6", "-Onone", "-g", "-parse-as-library", "-c", "-module-name", "Bench",
                "-enable-batch-mode", "-j", String(ProcessInfo.processInfo.activeProcessorCount), "-working-directory", objects.path,
                "-I", modules,
            ] + files)
        }
        let catalogs = spec.catalogs.map { "\($0.name.value) (\($0.errors.count))" }.joined(separator: ", ")
        let errors = spec.catalogs.reduce(0) { $0 + $1.errors.count }
        func ms(_ t: Timing) -> String { String(format: "%.0f / %.0f", t.cpu * 1000, t.wall * 1000) }
        return ["| \(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent) | \(catalogs) | \(errors) | \(ms(generate)) | \(ms(swiftOnly)) | \(String(format: "%.2f / %.2f", compile.cpu, compile.wall)) |"]
    }

    struct Row {
        var size: Int
        var languages: Int
        var specBytes: Int
        var outputBytes: Int
        var generate: Timing
        /// `generate --only swift` as the build plugin runs it.
        var swiftOnly: Timing
        var floor: Timing
        /// The floor, then writing files of the full run's sizes.
        var writeFloor: Timing
        var compile: Timing
        var lookup: Double
        var dictionary: Double
        var xml: Double
        var concatenation: Double
        /// The XML body in the last language, where every message is translated.
        var translatedXML: Double
        /// The JSON body in errgen's layout, and one in a body shape of the same members.
        var json: Double
        var shapedJSON: Double
        /// The XML body in errgen's layout, and one in an XML layout of the same elements.
        var xmlLayout: Double
        var shapedXML: Double
    }

    static func measure(size: Int, languages: Int, errgen: String, modules: String, repetitions: Int, work: URL) throws -> Row {
        let folder = work.appendingPathComponent(languages > 1 ? "\(size)x\(languages)" : "\(size)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let specURL = folder.appendingPathComponent("errors.yaml")
        let specText = SyntheticSpec.text(errors: size, languages: languages)
        try specText.write(to: specURL, atomically: true, encoding: .utf8)

        // `--only`: the custom outputs of the repository's own errgen-config.yaml (the current
        // folder's) are not the benchmark's.
        let generateArguments = [
            "generate", "-q", "--no-config", "--spec", specURL.path, "--swift-output", folder.appendingPathComponent("swift").path,
            "--docs-output", folder.appendingPathComponent("docs").path, "--fixtures-output", folder.appendingPathComponent("fixtures").path,
            "--only", "swift,docs,fixtures",
        ]
        // Each run starts from no outputs, so every file is written.
        let generate = try Clock.median(repetitions) {
            for sub in ["swift", "docs", "fixtures"] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(sub)) }
            return try Clock.run(errgen, generateArguments)
        }
        // The build plugin's run: its tool (errgen-swift), the Swift only, into one file and
        // shards, as the plugin asks.
        let buildArguments = [
            "generate", "-q", "--no-config", "--spec", specURL.path, "--swift-file", folder.appendingPathComponent("build/Errors.swift").path,
            "--swift-file-shards", "8", "--only", "swift",
        ]
        let swiftOnly = try Clock.median(repetitions) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("build"))
            return try Clock.run(pluginTool(beside: errgen), buildArguments)
        }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("build"))
        // The sizes of the files the full run wrote.
        var outputSizes: [Int] = []
        for sub in ["swift", "docs", "fixtures"] {
            let subfolder = folder.appendingPathComponent(sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: subfolder.path).sorted() {
                let attributes = try FileManager.default.attributesOfItem(atPath: subfolder.appendingPathComponent(name).path)
                outputSizes.append(attributes[.size] as? Int ?? 0)
            }
        }
        let outputBytes = outputSizes.reduce(0, +)
        let floorProgram = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("errgen-floor").path
        let floor = try Clock.median(repetitions) { try Clock.run(floorProgram, [specURL.path]) }
        let written = folder.appendingPathComponent("floor")
        let writeFloor = try Clock.median(repetitions) {
            try? FileManager.default.removeItem(at: written)
            try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true)
            return try Clock.run(floorProgram, [specURL.path, "--write", written.path] + outputSizes.map(String.init))
        }
        try? FileManager.default.removeItem(at: written)

        // Compiled as SwiftPM compiles a debug build: every file of the module, batch mode, a job per core.
        let swiftFolder = folder.appendingPathComponent("swift")
        let swiftFiles = try FileManager.default.contentsOfDirectory(atPath: swiftFolder.path).sorted().map { swiftFolder.appendingPathComponent($0).path }
        let objects = folder.appendingPathComponent("objects")
        try FileManager.default.createDirectory(at: objects, withIntermediateDirectories: true)
        let compile = try Clock.median(size >= 10_000 ? 1 : min(3, repetitions)) {
            try Clock.run("swiftc", [
                "-swift-version", "6", "-Onone", "-g", "-parse-as-library", "-c", "-module-name", "Bench",
                "-enable-batch-mode", "-j", String(ProcessInfo.processInfo.activeProcessorCount), "-working-directory", objects.path,
                "-I", modules,
            ] + swiftFiles)
        }

        let (spec, diagnostics) = Generator.check(bytes: Array(specText.utf8), file: specURL.path)
        guard let catalogSpec = spec?.catalogs.first else { throw BenchmarkError("the synthetic spec is invalid: \(diagnostics)") }
        let catalog = RuntimeTable.catalog(catalogSpec)
        let (lookup, dictionary) = Micro.lookup(catalog)
        let (xml, concatenation) = Micro.xml(catalog)
        let translatedXML = Micro.xml(catalog, language: catalog.languages.count - 1)
        let (json, shapedJSON) = Micro.shapedJSON(catalog)
        let (xmlLayout, shapedXML) = Micro.shapedXML(catalog)
        return Row(
            size: size, languages: languages, specBytes: specText.utf8.count, outputBytes: outputBytes, generate: generate, swiftOnly: swiftOnly, floor: floor, writeFloor: writeFloor,
            compile: compile, lookup: lookup, dictionary: dictionary, xml: xml, concatenation: concatenation, translatedXML: translatedXML,
            json: json, shapedJSON: shapedJSON, xmlLayout: xmlLayout, shapedXML: shapedXML)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A spec of `errors` errors: a third with two parameters (a string and an integer), every one with
/// a description, a tenth with a header, three formats and a shared parameter; with `languages`
/// above 1, that many languages and every message translated into each (placeholders reordered).
enum SyntheticSpec {
    /// The languages of MySQL's messages, English first.
    static let tags = [
        "en", "bg", "cs", "da", "de", "el", "es", "et", "fr", "hu", "it", "ja", "ko", "nb", "nl", "nn", "pl", "pt", "ro", "ru", "sk",
        "sr", "sv", "uk",
    ]

    static func text(errors: Int, languages: Int = 1) -> String {
        var out = """
            errgen: 1
            catalogs:
              Bench:
                title: Benchmark catalog
                summary: A synthetic catalog for measuring errgen.
                documentation-url: https://example.com/docs/bench.html
                formats:
                  - type: xml
                    namespace: urn:example:bench
                  - json
                  - problem+json
                parameters:
                  request-id:
                    type: string
                    description: The request's identifier.
                    example: req-1
            \(languages > 1 ? "    languages: [\(tags.prefix(languages).joined(separator: ", "))]\n" : "")    errors:

            """
        for i in 0..<errors {
            // A 406 error's parameters are filled in by the runtime, with text: the errors with an
            // integer parameter skip 406.
            let status = 400 + i % 100 == 406 && i % 3 == 0 ? 412 : 400 + i % 100
            out += "      E\(i):\n        status: \(status)\n"
            if i % 3 == 0 {
                out += "        message: \"User {user} has {count} items, more than error \(i) allows.\"\n"
                out += "        parameters:\n          user: {type: string, description: The user., example: monty}\n          count: {type: integer, example: \"7\"}\n"
            } else {
                out += "        message: Plain message of error \(i) with <markup> & \"quotes\".\n"
            }
            out += "        description: The description of error \(i), with `code` and *emphasis*.\n"
            if i % 10 == 0 { out += "        headers:\n          Retry-After: \"\(i % 60)\"\n" }
            if languages > 1 {
                out += "        translations:\n"
                for tag in tags.prefix(languages).dropFirst() {
                    if i % 3 == 0 {
                        out += "          \(tag): \"[\(tag)] {count} items of {user} exceed what error \(i) allows.\"\n"
                    } else {
                        out += "          \(tag): \"[\(tag)] Plain message of error \(i), translated, with <markup> & quotes.\"\n"
                    }
                }
            }
        }
        return out
    }
}

enum Clock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The median of `count` measurements: of their CPU times and, apart, of their wall times.
    static func median(_ count: Int, _ body: () throws -> Timing) rethrows -> Timing {
        var samples: [Timing] = []
        for _ in 0..<max(1, count) { samples.append(try body()) }
        let cpu = samples.map(\.cpu).sorted(), wall = samples.map(\.wall).sorted()
        return Timing(cpu: cpu[cpu.count / 2], wall: wall[wall.count / 2])
    }

    /// Runs a program to its end and returns its CPU time (user and system, its own and its
    /// children's, from `wait4`) and its wall time; fails if it fails. Spawned with `posix_spawn`:
    /// Foundation's `Process` adds tens of milliseconds of latency, more than the floor itself.
    static func run(_ program: String, _ arguments: [String]) throws -> Timing {
        let path = program.contains("/") ? program : "/usr/bin/env"
        let argv = (program.contains("/") ? [program] : ["/usr/bin/env", program]) + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let start = now()
        let spawned = posix_spawn(&pid, path, &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(program): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = now() - start
        guard status == 0 else {
            throw BenchmarkError("\(program) \(arguments.joined(separator: " ")) failed (wait status \(status))")
        }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Timing(cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), wall: elapsed)
    }
}

/// What a run cost: CPU time (user and system, the program's and its children's), which the
/// machine's other work barely changes, and wall time, which it does.
struct Timing {
    var cpu: Double
    var wall: Double
}

/// Nanosecond figures for the runtime's hot paths beside hand-written equivalents.
enum Micro {
    /// Nanoseconds per operation of `body` run `iterations` times (the best of five rounds).
    static func nanoseconds(iterations: Int, _ body: (Int) -> Int) -> Double {
        var best = Double.infinity
        var sink = 0
        for _ in 0..<5 {
            let start = Clock.now()
            for i in 0..<iterations { sink &+= body(i) }
            best = min(best, (Clock.now() - start) / Double(iterations) * 1e9)
        }
        if sink == 42 { print("") }
        return best
    }

    /// A wire-code lookup through the catalog (what `Code(wireCode:)` does) and through a
    /// hand-written `[String: Int]`, over the same codes in a scrambled order.
    static func lookup(_ catalog: Catalog) -> (Double, Double) {
        let codes = catalog.wireCodes
        var dictionary: [String: Int] = [:]
        for (i, code) in codes.enumerated() { dictionary[code] = i }
        let order = (0..<codes.count).map { ($0 &* 7919) % codes.count }.map { codes[$0] }
        let iterations = 2_000_000
        let viaCatalog = nanoseconds(iterations: iterations) { catalog.index(ofWireCode: order[$0 % order.count]) ?? -1 }
        let viaDictionary = nanoseconds(iterations: iterations) { dictionary[order[$0 % order.count]] ?? -1 }
        return (viaCatalog, viaDictionary)
    }

    /// One JSON body in errgen's layout, and in a body shape of the same members
    /// (`{"code":…,"message":…,"details":{<every parameter>}}`) through the same catalog.
    static func shapedJSON(_ catalog: Catalog) -> (Double, Double) {
        let arguments: [ArgumentValue] = [.string("monty <admin>"), .integer(7), .string("req-1")]
        let shaped = Catalog(
            name: catalog.name, title: catalog.title, formats: catalog.formats, defaultFormat: catalog.defaultFormat, xmlNamespace: nil,
            documentationURL: nil, sharedParameters: catalog.sharedParameters, entries: catalog.entries,
            jsonShape: JSONShape(root: .object([
                .init(key: "code", value: .value(.code, orNull: false)), .init(key: "message", value: .value(.message, orNull: false)),
                .init(key: "details", value: .value(.parameters, orNull: false)),
            ])))
        let iterations = 300_000
        let builtIn = nanoseconds(iterations: iterations) { _ in catalog.body(entry: 0, arguments: arguments, format: .json).utf8.count }
        let viaShape = nanoseconds(iterations: iterations) { _ in shaped.body(entry: 0, arguments: arguments, format: .json).utf8.count }
        return (builtIn, viaShape)
    }

    /// One XML body in errgen's layout, and in an XML layout of the same elements
    /// (`<error><code/><message/><details>every parameter</details></error>`) through the same catalog.
    static func shapedXML(_ catalog: Catalog) -> (Double, Double) {
        let arguments: [ArgumentValue] = [.string("monty <admin>"), .integer(7), .string("req-1")]
        let shaped = Catalog(
            name: catalog.name, title: catalog.title, formats: catalog.formats, defaultFormat: catalog.defaultFormat, xmlNamespace: nil,
            documentationURL: nil, sharedParameters: catalog.sharedParameters, entries: catalog.entries,
            xmlShape: XMLShape(steps: [
                .literal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>\n"), .element(name: "code", source: .code, indent: 4),
                .element(name: "message", source: .message, indent: 4), .element(name: "details", source: .parameters, indent: 4),
                .literal("</error>\n"),
            ]))
        let iterations = 300_000
        let builtIn = nanoseconds(iterations: iterations) { _ in catalog.body(entry: 0, arguments: arguments, format: .xml).utf8.count }
        let viaShape = nanoseconds(iterations: iterations) { _ in shaped.body(entry: 0, arguments: arguments, format: .xml).utf8.count }
        return (builtIn, viaShape)
    }

    /// One XML body through the runtime, and the same document concatenated by hand.
    static func xml(_ catalog: Catalog) -> (Double, Double) {
        let index = 0  // E0: two parameters and the shared one
        let arguments: [ArgumentValue] = [.string("monty <admin>"), .integer(7), .string("req-1")]
        let entry = catalog.entries[index]
        let namespace = catalog.xmlNamespace ?? ""
        let iterations = 300_000
        let runtime = nanoseconds(iterations: iterations) { _ in catalog.body(entry: index, arguments: arguments, format: .xml).utf8.count }
        let byHand = nanoseconds(iterations: iterations) { _ in
            let user = escape("monty <admin>")
            var out = "<?xml version=\"1.0\"?>\n<error xmlns=\"" + namespace + "\">\n    <code>" + entry.wireCode + "</code>\n"
            out += "    <message>" + escape("User monty <admin> has 7 items, more than error 0 allows.") + "</message>\n"
            out += "    <request-id>req-1</request-id>\n    <details>\n        <user>" + user + "</user>\n        <count>7</count>\n    </details>\n</error>\n"
            return out.utf8.count
        }
        return (runtime, byHand)
    }

    /// The same body as `xml(_:)` renders, in language `language`.
    static func xml(_ catalog: Catalog, language: Int) -> Double {
        let arguments: [ArgumentValue] = [.string("monty <admin>"), .integer(7), .string("req-1")]
        return nanoseconds(iterations: 300_000) { _ in catalog.body(entry: 0, arguments: arguments, format: .xml, language: language).utf8.count }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

enum Machine {
    static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
        return "errgen benchmark: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB"
    }

    /// The load averages over 1, 5 and 15 minutes (`/proc/loadavg`).
    static var load: String {
        let fields = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3) ?? []
        return fields.isEmpty ? "unknown" : "load average " + fields.joined(separator: ", ")
    }
}

enum Report {
    static func print(_ rows: [Benchmark.Row]) {
        func ms(_ t: Timing) -> String { String(format: "%.0f / %.0f", t.cpu * 1000, t.wall * 1000) }
        func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f", a / b) }
        Swift.print("Times are CPU / wall: CPU is user + system of the process and its children; wall depends on the machine's load (now \(Machine.load)). Ratios are of CPU times.")
        Swift.print("")
        Swift.print("| errors | languages | spec | outputs | generate ms | floor ms | × floor | floor + writing ms | × floor + writing | Swift only ms | × floor | compile s | lookup ns | Dictionary ns | × Dictionary | XML body ns | by hand ns | × by hand |")
        Swift.print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows {
            Swift.print("| \(r.size) | \(r.languages) | \(r.specBytes / 1024) KiB | \(r.outputBytes / 1024) KiB | \(ms(r.generate)) | \(ms(r.floor)) | \(ratio(r.generate.cpu, r.floor.cpu)) | \(ms(r.writeFloor)) | \(ratio(r.generate.cpu, r.writeFloor.cpu)) | \(ms(r.swiftOnly)) | \(ratio(r.swiftOnly.cpu, r.floor.cpu)) | \(String(format: "%.2f / %.2f", r.compile.cpu, r.compile.wall)) | \(String(format: "%.1f", r.lookup)) | \(String(format: "%.1f", r.dictionary)) | \(ratio(r.lookup, r.dictionary)) | \(String(format: "%.0f", r.xml)) | \(String(format: "%.0f", r.concatenation)) | \(ratio(r.xml, r.concatenation)) |")
        }
        Swift.print("")
        let bySize = Dictionary(uniqueKeysWithValues: rows.map { ($0.size, $0) })
        if let small = bySize[1000], let large = bySize[10_000] {
            Swift.print("growth in CPU time from 1,000 to 10,000 errors: generate × \(ratio(large.generate.cpu, small.generate.cpu)), Swift only × \(ratio(large.swiftOnly.cpu, small.swiftOnly.cpu)), compile × \(ratio(large.compile.cpu, small.compile.cpu)) (linear is × 10)")
        }
        Swift.print("generate writes every output (Swift, docs, fixtures); floor + writing also writes files of the same sizes; Swift only is what the build plugin runs in every build (its tool, errgen-swift)")
        for r in rows {
            Swift.print("\(r.size) errors: a JSON body in a body shape \(String(format: "%.0f", r.shapedJSON)) ns, × \(ratio(r.shapedJSON, r.json)) errgen's layout (budget 1.2)")
            Swift.print("\(r.size) errors: an XML body in a body layout \(String(format: "%.0f", r.shapedXML)) ns, × \(ratio(r.shapedXML, r.xmlLayout)) errgen's layout (budget 1.2)")
        }
        for r in rows where r.languages > 1 {
            Swift.print("\(r.size) errors × \(r.languages) languages: the XML body in the last language \(String(format: "%.0f", r.translatedXML)) ns, × \(ratio(r.translatedXML, r.xml)) the default language's (budget 1.2)")
        }
        Swift.print("budgets at 10,000, in CPU time: Swift only within 4× the floor; generate within 20× the floor; compile in < 8 s; growth ≤ 12; lookup ≤ 1.5× Dictionary; XML ≤ 2× by hand")
    }
}
