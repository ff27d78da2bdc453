import ArgumentParser
import ErrgenSpec
import Foundation

/// Options every subcommand that reads a spec shares.
public struct SpecOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "path"))
    public var config: String?

    @Flag(name: .long, help: "Read no config file, not even errgen-config.yaml in the current folder.")
    public var noConfig = false

    @Option(name: .long, help: ArgumentHelp("The spec file, instead of the config's.", valueName: "path"))
    public var spec: String?

    @Option(name: .long, help: ArgumentHelp("The folder of the generated Swift files, instead of the config's.", valueName: "folder"))
    public var swiftOutput: String?

    @Option(name: .long, help: ArgumentHelp("Write every catalog into this one Swift file instead of a file per catalog.", valueName: "path"))
    public var swiftFile: String?

    @Option(name: .long, help: ArgumentHelp("With --swift-file: spread the errors over this many more files beside it (<name>+Errors<n>.swift), so they compile in parallel.", valueName: "count"))
    public var swiftFileShards: Int?

    @Option(name: .long, help: ArgumentHelp("Errors per generated Swift file of a catalog (default 1000); the rest go in <Type>+Errors<n>.swift.", valueName: "count"))
    public var swiftShardSize: Int?

    @Option(name: .long, help: ArgumentHelp("The folder of the documentation pages, instead of the config's.", valueName: "folder"))
    public var docsOutput: String?

    @Option(name: .long, help: ArgumentHelp("Errors per documentation page of a large catalog (default 500), instead of the config's.", valueName: "n"))
    public var docsPageSize: Int?

    @Option(name: .long, help: ArgumentHelp("The folder of the fixture files, instead of the config's.", valueName: "folder"))
    public var fixturesOutput: String?

    @Option(name: .long, help: ArgumentHelp("The folder of the OpenAPI documents of components (<catalog>.openapi.json), instead of the config's (by default none is written).", valueName: "folder"))
    public var openapiOutput: String?

    @Option(name: .long, help: ArgumentHelp("Write only these outputs (swift, docs, fixtures, openapi, custom; comma-separated).", valueName: "outputs"))
    public var only: String?

    @Option(name: .long, help: ArgumentHelp("A folder of templates that replace errgen's own by name.", valueName: "folder"))
    public var templates: String?

    @Option(name: .long, help: ArgumentHelp("The command the generated files' first line names for regenerating them.", valueName: "command"))
    public var regenerateCommand: String?

    @Option(name: .long, help: ArgumentHelp("The access level of the generated Swift (public, package, internal), instead of the config's.", valueName: "level"))
    public var access: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Languages every error must be translated into (comma-separated; * for every language), added to the config's.", valueName: "tags"))
    public var requireTranslations: String?

    /// `errgen generate` with the options given that change what is written, in a fixed order, so
    /// a generated file names the command that regenerates it (unless the config or
    /// `--regenerate-command` gives one). An option that only restates what the config (or the
    /// default) says is left out, so `generate` and `check` agree however the options were spelled.
    public func composedCommand(base: ErrgenConfig, result: ErrgenConfig) -> String {
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
        // `--no-config` counts where it changed what was read: beside a config it would find.
        let leftOut = noConfig && FileManager.default.fileExists(atPath: ErrgenConfig.defaultFileName) ? ["--no-config"] : []
        return (["errgen", "generate"] + leftOut + words).joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back: as is when it is plain, else in single quotes.
    public static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_./,:=+@%".unicodeScalars.contains(scalar))
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The config these options describe. For a command that writes or checks outputs
    /// (`writesOutputs`), a config found in the current folder, not named, applies only to its own
    /// spec: with `--spec` naming another, its outputs would replace files of its spec's, so that
    /// is refused and the message says how to choose (`--no-config`, or `--config`).
    public func resolve(writesOutputs: Bool = false) throws(DiagnosticError) -> ErrgenConfig {
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
