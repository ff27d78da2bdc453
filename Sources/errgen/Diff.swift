import ArgumentParser
import ErrgenCommandLine
import ErrgenCore
import ErrgenSpec
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two versions of a spec and name every breaking change.",
        discussion: """
            errgen diff OLD NEW compares two spec files; errgen diff --against REV compares the spec \
            (the config's, or --spec) with the same file at a git revision. Every change is \
            classified as breaking or compatible, for the wire (what a deployed client sees) or the \
            Swift API (what breaks a client's build).

            Exit status: 0 when nothing breaking changed (or only kinds given to --allow); 1 when \
            something breaking did, or when either spec is invalid; 64 on a usage error.
            """
    )

    @Argument(help: ArgumentHelp("The old spec and the new one (without --against).", valueName: "spec"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("Compare the spec with the same file at this git revision.", valueName: "revision"))
    var against: String?

    @Option(name: .long, help: ArgumentHelp("text (default), json or markdown.", valueName: "format"))
    var format: String = "text"

    @Option(name: .long, help: ArgumentHelp("Breaking kinds accepted on purpose (comma-separated, for example status-changed).", valueName: "kinds"))
    var allow: String?

    @OptionGroup var options: SpecOptions

    func validate() throws {
        guard ["text", "json", "markdown"].contains(format) else {
            throw ValidationError("--format takes text, json or markdown, not '\(format)'")
        }
        if against == nil, files.count != 2 { throw ValidationError("give the old spec and the new one, or --against <revision>") }
        if against != nil, !files.isEmpty { throw ValidationError("with --against, the new spec is the config's (or --spec): give no files") }
        for kind in allowed where !SpecDiff.kinds.contains(where: { $0.kind == kind }) {
            throw ValidationError("--allow: unknown kind '\(kind)' (known: \(SpecDiff.kinds.map(\.kind).joined(separator: ", ")))")
        }
    }

    var allowed: [String] { (allow ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func run() throws {
        let (oldText, oldName, newText, newName) = try sources()
        let (old, oldDiagnostics) = Generator.check(bytes: oldText, file: oldName)
        let (new, newDiagnostics) = Generator.check(bytes: newText, file: newName)
        Report.print(oldDiagnostics + newDiagnostics)
        guard let old, let new else {
            FileHandle.standardError.write(Data("errgen: \(old == nil ? oldName : newName) is not a valid spec; nothing compared\n".utf8))
            throw ExitCode(1)
        }
        let diff = SpecDiff(old: old, new: new)
        let allowed = Set(self.allowed)
        switch format {
        case "json": Report.say(DiffReport.json(diff, old: oldName, new: newName, allowed: allowed))
        case "markdown": Report.say(DiffReport.markdown(diff, allowed: allowed))
        default:
            for line in DiffReport.lines(diff, old: oldName, new: newName, allowed: allowed) { Report.say(line) }
        }
        if diff.changes.contains(where: { $0.severity == .breaking && !allowed.contains($0.kind) }) { throw ExitCode(1) }
    }

    /// The two texts and the names diagnostics and changes give them.
    func sources() throws -> ([UInt8], String, [UInt8], String) {
        guard let against else {
            return (try read(files[0]), files[0], try read(files[1]), files[1])
        }
        let config: ErrgenConfig
        do {
            config = try options.resolve()
        } catch {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        let url = config.url(config.spec)
        let folder = url.deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path, "show", "\(against):./\(url.lastPathComponent)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            FileHandle.standardError.write(Data("errgen: cannot run git: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let oldBytes = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = problem.split(separator: "\n").first.map { String($0).replacingOccurrences(of: "fatal: ", with: "") } ?? "git show failed"
            FileHandle.standardError.write(Data("\(config.spec): error: cannot read the spec at revision '\(against)': \(reason)\n".utf8))
            throw ExitCode(1)
        }
        return ([UInt8](oldBytes), "\(against):\(config.spec)", try read(url.path, label: config.spec), config.spec)
    }

    func read(_ path: String, label: String? = nil) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(label ?? path): error: \(FileManager.default.fileExists(atPath: path) ? "cannot read the spec file" : "spec file not found")\n".utf8))
            throw ExitCode(1)
        }
        return [UInt8](data)
    }
}
