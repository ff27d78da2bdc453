import ArgumentParser
import ErrgenSpec
import Foundation

/// The version both command-line tools print.
public enum ErrgenVersion {
    public static let current = "0.1.0"
}

/// What the command-line tools print, and the commands `errgen` and the build plugin's tool share.
public enum Report {
    /// Prints diagnostics to standard error in `path:line:column: severity: message` form.
    public static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    public static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs the pipeline; prints its diagnostics; fails with exit status 1 on errors.
    public static func generate(
        _ options: SpecOptions, writes: Bool = true, run: (Generator) -> Generator.Result
    ) throws -> (Generator.Result, ErrgenConfig) {
        let config: ErrgenConfig
        do {
            config = try options.resolve(writesOutputs: true)
        } catch {
            print(error.diagnostics)
            throw ExitCode(1)
        }
        let result = run(Generator(config: config))
        print(result.diagnostics)
        if result.hasErrors || result.plan == nil {
            let count = result.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("errgen: \(count) error\(count == 1 ? "" : "s")\(writes ? "; nothing was written" : "")\n".utf8))
            throw ExitCode(1)
        }
        return (result, config)
    }
}

extension Report {
    /// `generate`: the plan `run` makes, written (only files that differ, each replaced
    /// atomically; orphans of the same spec removed), and what was done said unless `quiet`.
    public static func write(_ options: SpecOptions, quiet: Bool, run: (Generator) -> Generator.Result) throws {
        let (result, config) = try generate(options, run: run)
        guard let plan = result.plan else { throw ExitCode(1) }
        let report: WriteReport
        do {
            report = try OutputWriter.write(plan, root: config.root)
        } catch let error as DiagnosticError {
            print(error.diagnostics)
            throw ExitCode(1)
        }
        if !quiet {
            for path in report.written { say("wrote \(path)") }
            for path in report.removed { say("removed \(path)") }
            say("errgen: \(plan.files.count) file\(plan.files.count == 1 ? "" : "s") from \(config.spec): \(report.written.count) written, \(report.unchanged.count) unchanged, \(report.removed.count) removed")
        }
    }

    /// `check`: the plan `run` makes, compared with the disk; each drift said, exit status 1 when
    /// any.
    public static func check(_ options: SpecOptions, run: (Generator) -> Generator.Result) throws {
        let (result, config) = try generate(options, writes: false, run: run)
        guard let plan = result.plan else { throw ExitCode(1) }
        let drifts = OutputWriter.check(plan, root: config.root)
        if drifts.isEmpty {
            say("errgen: all \(plan.files.count) outputs of \(config.spec) are up to date")
            return
        }
        for drift in drifts { say(drift.description) }
        say("errgen: \(drifts.count) output\(drifts.count == 1 ? " is" : "s are") out of date; run `\(config.regenerateCommand)`")
        throw ExitCode(1)
    }
}
