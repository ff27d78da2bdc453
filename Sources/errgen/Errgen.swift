import ArgumentParser
import ErrgenCommandLine
import ErrgenCore
import ErrgenSpec
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

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every output of the spec (the default command).",
        discussion: "Outputs whose contents are unchanged are not touched; each other one is replaced atomically. Files errgen generated earlier that the spec no longer produces are removed."
    )

    @OptionGroup var options: SpecOptions

    @Flag(name: .shortAndLong, help: "Print nothing but diagnostics.")
    var quiet = false

    func run() throws {
        try Report.write(options, quiet: quiet) { $0.run() }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that every output on disk is what 'generate' would write.",
        discussion: "Generates in memory, compares with the files on disk and lists each missing, out-of-date or orphaned file with a diff. Exit status 1 when any differs."
    )

    @OptionGroup var options: SpecOptions

    func run() throws {
        try Report.check(options) { $0.run() }
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
