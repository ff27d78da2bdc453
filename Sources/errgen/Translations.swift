import ArgumentParser
import ErrgenCommandLine
import ErrgenCore
import ErrgenSpec
import Foundation

extension TranslationExport.Format: ExpressibleByArgument {}

/// The spec of `options`, loaded and checked; its diagnostics printed. Exit status 1 when it has errors.
private func loadSpec(_ options: SpecOptions) throws -> (Spec, ErrgenConfig) {
    let config: ErrgenConfig
    do {
        config = try options.resolve()
    } catch {
        Report.print(error.diagnostics)
        throw ExitCode(1)
    }
    let (spec, diagnostics) = Generator(config: config).loadSpec()
    Report.print(diagnostics)
    if let spec { return (spec, config) }
    throw ExitCode(1)
}

struct ExportTranslations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-translations",
        abstract: "Write the messages for translators: gettext PO files or Xcode String Catalogs.",
        discussion: """
            po: one <catalog>.<language>.po per catalog and language other than the default, an \
            entry per error (msgctxt: its wire code; msgid: the default message; msgstr: the \
            translation, or empty) and one per title (msgctxt: <code>|title). xcstrings: one \
            <Type>.xcstrings per catalog, keyed by wire code, every language that has the text. \
            Placeholders stay {name} in both.
            """
    )

    @OptionGroup var options: SpecOptions

    @Option(help: ArgumentHelp("The file format: po or xcstrings.", valueName: "format"))
    var format: TranslationExport.Format

    @Option(help: ArgumentHelp("The folder to write the files into (created when missing).", valueName: "folder"))
    var output: String

    @Flag(name: .shortAndLong, help: "Print nothing but diagnostics.")
    var quiet = false

    func run() throws {
        let (spec, _) = try loadSpec(options)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let folder = output.hasSuffix("/") ? String(output.dropLast()) : output
        let files = TranslationExport.files(format, for: spec).map { OutputFile(path: folder + "/" + $0.path, bytes: $0.bytes) }
        let report: WriteReport
        do {
            report = try OutputWriter.write(OutputPlan(files: files, ownedFolders: []), root: cwd)
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        if !quiet {
            for path in report.written { Report.say("wrote \(path)") }
            Report.say("errgen: \(files.count) \(format.rawValue) file\(files.count == 1 ? "" : "s") from \(spec.file): \(report.written.count) written, \(report.unchanged.count) unchanged")
        }
    }
}

struct ImportTranslations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-translations",
        abstract: "Put the translations of PO files into the spec, editing only the lines they need.",
        discussion: """
            Each file's language is its Language header (fr_CA is fr-CA), else the last part of its \
            name (<catalog>.<language>.po); its catalog is its X-Errgen-Catalog header, else the \
            first part of its name, else the spec's only catalog. Every non-empty msgstr that is \
            not fuzzy becomes the translation of the error its msgctxt names. The spec is written \
            only when every file is read without error and the result is valid.
            """
    )

    @OptionGroup var options: SpecOptions

    @Argument(help: ArgumentHelp("The translated PO files.", valueName: "file.po"))
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print nothing but diagnostics.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one .po file.") }
    }

    func run() throws {
        let config: ErrgenConfig
        do {
            config = try options.resolve()
        } catch {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        let specURL = config.url(config.spec)
        guard let specData = FileManager.default.contents(atPath: specURL.path) else {
            Report.print([.error(FileManager.default.fileExists(atPath: specURL.path) ? "cannot read the spec file" : "spec file not found", file: config.spec)])
            throw ExitCode(1)
        }
        var inputs: [TranslationImport.Input] = []
        var unreadable: [Diagnostic] = []
        for path in files {
            if let data = FileManager.default.contents(atPath: path) {
                inputs.append(.init(path: path, bytes: [UInt8](data)))
            } else {
                unreadable.append(.error(FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "file not found", file: path))
            }
        }
        if !unreadable.isEmpty {
            Report.print(unreadable)
            FileHandle.standardError.write(Data("errgen: nothing was written\n".utf8))
            throw ExitCode(1)
        }
        let outcome = TranslationImport.run(spec: [UInt8](specData), file: config.spec, poFiles: inputs)
        Report.print(outcome.diagnostics)
        if outcome.hasErrors {
            let count = outcome.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("errgen: \(count) error\(count == 1 ? "" : "s"); nothing was written\n".utf8))
            throw ExitCode(1)
        }
        guard let bytes = outcome.bytes else {
            if !quiet { Report.say("errgen: \(config.spec) already holds every translation of \(files.count == 1 ? "the file" : "the \(files.count) files")") }
            return
        }
        do {
            _ = try OutputWriter.write(OutputPlan(files: [OutputFile(path: config.spec, bytes: bytes)], ownedFolders: []), root: config.root)
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        if !quiet {
            for change in outcome.changes { Report.say("imported \(change)") }
            Report.say("errgen: wrote \(config.spec): \(outcome.changes.count) translation\(outcome.changes.count == 1 ? "" : "s") imported")
        }
    }
}
