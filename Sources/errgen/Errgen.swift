import ArgumentParser
import ErrgenCore
import Foundation

@main
struct Errgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errgen",
        abstract: "Compile an error spec (errors.yaml) into Swift types, documentation and fixtures.",
        discussion: """
            Reads errgen-config.yaml from the current folder when it exists (or the file given with \
            --config); without one, reads spec/errors.yaml and writes Sources/Generated, docs and \
            fixtures. A config's outputs.custom adds outputs rendered from templates of your own.

            Exit status: 0 on success; 1 when the spec, config or templates have errors, or when \
            'check' finds outputs out of date; 64 on a usage error.
            """,
        version: ErrgenVersion.current,
        subcommands: [Generate.self, Check.self, Validate.self, ExportTranslations.self, ImportTranslations.self, Diff.self, BundleOpenAPI.self, EmbedTemplates.self],
        defaultSubcommand: Generate.self
    )
}

enum ErrgenVersion {
    static let current = "0.1.0"
}

/// Options every subcommand that reads a spec shares.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Read no config file, not even errgen-config.yaml in the current folder.")
    var noConfig = false

    @Option(name: .long, help: ArgumentHelp("The spec file, instead of the config's.", valueName: "path"))
    var spec: String?

    @Option(name: .long, help: ArgumentHelp("The folder of the generated Swift files, instead of the config's.", valueName: "folder"))
    var swiftOutput: String?

    @Option(name: .long, help: ArgumentHelp("Write every catalog into this one Swift file instead of a file per catalog.", valueName: "path"))
    var swiftFile: String?

    @Option(name: .long, help: ArgumentHelp("With --swift-file: spread the errors over this many more files beside it (<name>+Errors<n>.swift), so they compile in parallel.", valueName: "count"))
    var swiftFileShards: Int?

    @Option(name: .long, help: ArgumentHelp("Errors per generated Swift file of a catalog (default 1000); the rest go in <Type>+Errors<n>.swift.", valueName: "count"))
    var swiftShardSize: Int?

    @Option(name: .long, help: ArgumentHelp("The folder of the documentation pages, instead of the config's.", valueName: "folder"))
    var docsOutput: String?

    @Option(name: .long, help: ArgumentHelp("Errors per documentation page of a large catalog (default 500), instead of the config's.", valueName: "n"))
    var docsPageSize: Int?

    @Option(name: .long, help: ArgumentHelp("The folder of the fixture files, instead of the config's.", valueName: "folder"))
    var fixturesOutput: String?

    @Option(name: .long, help: ArgumentHelp("The folder of the OpenAPI documents of components (<catalog>.openapi.json), instead of the config's (by default none is written).", valueName: "folder"))
    var openapiOutput: String?

    @Option(name: .long, help: ArgumentHelp("Write only these outputs (swift, docs, fixtures, openapi, custom; comma-separated).", valueName: "outputs"))
    var only: String?

    @Option(name: .long, help: ArgumentHelp("A folder of templates that replace errgen's own by name.", valueName: "folder"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("The command the generated files' first line names for regenerating them.", valueName: "command"))
    var regenerateCommand: String?

    @Option(name: .long, help: ArgumentHelp("The access level of the generated Swift (public, package, internal), instead of the config's.", valueName: "level"))
    var access: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Languages every error must be translated into (comma-separated; * for every language), added to the config's.", valueName: "tags"))
    var requireTranslations: String?

    /// `errgen generate` with the options given that change what is written, in a fixed order, so
    /// a generated file names the command that regenerates it (unless the config or
    /// `--regenerate-command` gives one). An option that only restates what the config (or the
    /// default) says is left out, so `generate` and `check` agree however the options were spelled.
    func composedCommand(base: ErrgenConfig, result: ErrgenConfig) -> String {
        let outputs = { (config: ErrgenConfig) in
            [config.swiftOutput != nil || config.swiftFile != nil, config.docsOutput != nil, config.fixturesOutput != nil, config.openAPIOutput != nil, !config.customOutputs.isEmpty]
        }
        let defaultConfig = URL(fileURLWithPath: ErrgenConfig.defaultFileName).standardizedFileURL.path
        let options: [(String, String?, Bool)] = [
            ("--config", config, config.map { URL(fileURLWithPath: $0).standardizedFileURL.path != defaultConfig } ?? false),
            ("--spec", spec, result.spec != base.spec),
            ("--swift-output", swiftOutput, result.swiftOutput != base.swiftOutput),
            ("--swift-file", swiftFile, result.swiftFile != base.swiftFile),
            ("--swift-file-shards", swiftFileShards.map(String.init), result.swiftFileShards != base.swiftFileShards),
            ("--swift-shard-size", swiftShardSize.map(String.init), result.swiftShardSize != base.swiftShardSize),
            ("--docs-output", docsOutput, result.docsOutput != base.docsOutput),
            ("--docs-page-size", docsPageSize.map(String.init), result.docsPageSize != base.docsPageSize),
            ("--fixtures-output", fixturesOutput, result.fixturesOutput != base.fixturesOutput),
            ("--openapi-output", openapiOutput, result.openAPIOutput != base.openAPIOutput),
            ("--only", only, outputs(result) != outputs(base)),
            ("--templates", templates, result.templates != base.templates),
            ("--access", access, result.access != base.access),
        ]
        let words = options.flatMap { name, value, changes in
            value.map { changes ? [name, Self.shellQuoted($0)] : [] } ?? []
        }
        return (["errgen", "generate"] + words).joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back: as is when it is plain, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_./,:=+@%".unicodeScalars.contains(scalar))
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The config these options describe. For a command that writes or checks outputs
    /// (`writesOutputs`), a config found in the current folder, not named, applies only to its own
    /// spec: with `--spec` naming another, its outputs would replace files of its spec's, so that
    /// is refused and the message says how to choose (`--no-config`, or `--config`).
    func resolve(writesOutputs: Bool = false) throws(DiagnosticError) -> ErrgenConfig {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var result: ErrgenConfig
        if let config {
            guard !noConfig else { throw DiagnosticError(.error("--config and --no-config contradict each other", file: "errgen")) }
            result = try ErrgenConfig.load(path: config)
        } else if !noConfig, FileManager.default.fileExists(atPath: ErrgenConfig.defaultFileName) {
            result = try ErrgenConfig.load(path: ErrgenConfig.defaultFileName)
            if writesOutputs, let spec, URL(fileURLWithPath: spec, relativeTo: cwd).absoluteURL.standardizedFileURL.path != result.url(result.spec).standardizedFileURL.path {
                throw DiagnosticError(.error(
                    "--spec \(spec) is not the spec of \(ErrgenConfig.defaultFileName) (\(result.spec)), which is in the current folder and whose outputs are that spec's; "
                        + "pass --no-config to leave the config out (and name the outputs), or --config \(ErrgenConfig.defaultFileName) to write its outputs from \(spec)",
                    file: "errgen"))
            }
        } else {
            result = ErrgenConfig(root: cwd)
        }
        let base = result
        // Paths on the command line are relative to the current folder; the config keeps them
        // relative to its own folder.
        let local = { (path: String) in result.relativeToRoot(path, from: cwd) }
        if let spec { result.spec = local(spec) }
        if let swiftOutput { result.swiftOutput = local(swiftOutput) }
        if let swiftFile {
            result.swiftFile = local(swiftFile)
            result.swiftOutput = nil
        }
        if let swiftShardSize {
            guard swiftShardSize >= 1 else { throw DiagnosticError(.error("--swift-shard-size takes a number from 1 up", file: "errgen")) }
            result.swiftShardSize = swiftShardSize
        }
        if let swiftFileShards {
            guard (0...64).contains(swiftFileShards) else {
                throw DiagnosticError(.error("--swift-file-shards takes a number from 0 to 64", file: "errgen"))
            }
            result.swiftFileShards = swiftFileShards
        }
        if let requireTranslations {
            for tag in requireTranslations.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !tag.isEmpty {
                if tag != "*", let problem = LanguageTag.problem(tag) {
                    throw DiagnosticError(.error("--require-translations: '\(tag)' is not a well-formed BCP 47 language tag: \(problem)", file: "errgen"))
                }
                result.requiredTranslations.append(tag)
            }
        }
        if let docsOutput { result.docsOutput = local(docsOutput) }
        if let docsPageSize {
            guard docsPageSize >= 1 else { throw DiagnosticError(.error("--docs-page-size takes a number from 1 up", file: "errgen")) }
            result.docsPageSize = docsPageSize
        }
        if let fixturesOutput { result.fixturesOutput = local(fixturesOutput) }
        if let openapiOutput { result.openAPIOutput = local(openapiOutput) }
        if let templates { result.templates = local(templates) }
        if let regenerateCommand {
            if let problem = ErrgenConfig.regenerateCommandProblem(regenerateCommand) {
                throw DiagnosticError(.error("--regenerate-command \(problem)", file: "errgen"))
            }
            result.regenerateCommand = regenerateCommand
            result.regenerateCommandIsGiven = true
        }

        if let access {
            guard let level = SwiftAccess(rawValue: access) else {
                throw DiagnosticError(.error("--access takes public, package or internal, not '\(access)'", file: "errgen"))
            }
            result.access = level
        }
        if let only {
            let wanted = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let known: Set<String> = ["swift", "docs", "fixtures", "openapi", "custom"]
            if let unknown = wanted.subtracting(known).sorted().first {
                throw DiagnosticError(.error("--only: unknown output '\(unknown)' (expected swift, docs, fixtures, openapi or custom)", file: "errgen"))
            }
            if !wanted.contains("swift") {
                result.swiftOutput = nil
                result.swiftFile = nil
            }
            if !wanted.contains("docs") { result.docsOutput = nil }
            if !wanted.contains("fixtures") { result.fixturesOutput = nil }
            if !wanted.contains("openapi") { result.openAPIOutput = nil }
            if !wanted.contains("custom") { result.customOutputs = [] }
        }
        if !result.regenerateCommandIsGiven { result.regenerateCommand = composedCommand(base: base, result: result) }
        return result
    }
}

enum Report {
    /// Prints diagnostics to standard error in `path:line:column: severity: message` form.
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs the pipeline; prints its diagnostics; fails with exit status 1 on errors.
    static func generate(_ options: SpecOptions, writes: Bool = true) throws -> (Generator.Result, ErrgenConfig) {
        let config: ErrgenConfig
        do {
            config = try options.resolve(writesOutputs: true)
        } catch {
            print(error.diagnostics)
            throw ExitCode(1)
        }
        let result = Generator(config: config).run()
        print(result.diagnostics)
        if result.hasErrors || result.plan == nil {
            let count = result.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("errgen: \(count) error\(count == 1 ? "" : "s")\(writes ? "; nothing was written" : "")\n".utf8))
            throw ExitCode(1)
        }
        return (result, config)
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every output of the spec (the default command).",
        discussion: "Outputs whose contents are unchanged are not touched; each other one is replaced atomically. Files errgen generated earlier that the spec no longer produces are removed."
    )

    @OptionGroup var options: SpecOptions

    @Flag(name: .shortAndLong, help: "Print nothing but diagnostics.")
    var quiet = false

    func run() throws {
        let (result, config) = try Report.generate(options)
        guard let plan = result.plan else { throw ExitCode(1) }
        let report: WriteReport
        do {
            report = try OutputWriter.write(plan, root: config.root)
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        if !quiet {
            for path in report.written { Report.say("wrote \(path)") }
            for path in report.removed { Report.say("removed \(path)") }
            Report.say("errgen: \(plan.files.count) file\(plan.files.count == 1 ? "" : "s") from \(config.spec): \(report.written.count) written, \(report.unchanged.count) unchanged, \(report.removed.count) removed")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that every output on disk is what 'generate' would write.",
        discussion: "Generates in memory, compares with the files on disk and lists each missing, out-of-date or orphaned file with a diff. Exit status 1 when any differs."
    )

    @OptionGroup var options: SpecOptions

    func run() throws {
        let (result, config) = try Report.generate(options, writes: false)
        guard let plan = result.plan else { throw ExitCode(1) }
        let drifts = OutputWriter.check(plan, root: config.root)
        if drifts.isEmpty {
            Report.say("errgen: all \(plan.files.count) outputs of \(config.spec) are up to date")
            return
        }
        for drift in drifts { Report.say(drift.description) }
        Report.say("errgen: \(drifts.count) output\(drifts.count == 1 ? " is" : "s are") out of date; run `\(config.regenerateCommand)`")
        throw ExitCode(1)
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the spec and print its diagnostics; write nothing."
    )

    @OptionGroup var options: SpecOptions

    @Flag(name: .long, help: "Print how much of each catalog is translated into each of its languages, and what is missing.")
    var coverage = false

    func run() throws {
        let config: ErrgenConfig
        do {
            config = try options.resolve()
        } catch {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        let (spec, diagnostics) = Generator(config: config).loadSpec()
        Report.print(diagnostics)
        guard let spec else { throw ExitCode(1) }
        let errors = spec.catalogs.reduce(0) { $0 + $1.errors.count }
        if coverage {
            for line in Coverage.lines(spec) { Report.say(line.description) }
        }
        Report.say("errgen: \(config.spec) is valid: \(spec.catalogs.count) catalog\(spec.catalogs.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s")")
    }
}

struct EmbedTemplates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed-templates",
        abstract: "Write the table of default templates errgen carries (for working on errgen itself).",
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The template folder.", valueName: "folder"))
    var templates = "Templates"

    @Option(help: ArgumentHelp("The Swift file to write.", valueName: "path"))
    var output = "Sources/ErrgenCore/Render/DefaultTemplates.swift"

    func run() throws {
        do {
            let source = try TemplateEmbedder.source(for: URL(fileURLWithPath: templates))
            let plan = OutputPlan(files: [OutputFile(path: output, contents: source)], ownedFolders: [])
            let report = try OutputWriter.write(plan, root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            Report.say(report.written.isEmpty ? "\(output) is up to date" : "wrote \(output)")
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
