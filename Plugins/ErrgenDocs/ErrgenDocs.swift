import Foundation
import PackagePlugin

/// `swift package errgen-docs [--target <name>]…`: regenerates the documentation pages, the
/// fixture files and the OpenAPI components of every target with an `errors.yaml` (or of the
/// named ones) into the package.
///
/// Where they go: the config's `outputs.docs`, `outputs.fixtures` and `outputs.openapi` when the
/// spec has an `errgen-config.yaml` beside it (which also writes the config's `outputs.custom`);
/// otherwise `docs/<target>`, `fixtures/<target>` and `openapi/<target>` at the root of the package.
@main
struct ErrgenDocs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        if let unknown = extractor.remainingArguments.first {
            throw Failure("unknown argument '\(unknown)'; usage: swift package errgen-docs [--target <name>]…")
        }
        let targets = names.isEmpty ? context.package.targets : try context.package.targets(named: names)
        let errgen = try context.tool(named: "errgen").url
        let root = context.package.directoryURL
        // Paths relative to the package, so the files' first lines are the same on every machine.
        func local(_ url: URL) -> String {
            let path = url.path(percentEncoded: false), base = root.path(percentEncoded: false)
            let prefix = base.hasSuffix("/") ? base : base + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        var generated = 0
        for case let target as SourceModuleTarget in targets {
            let files = target.sourceFiles.map(\.url)
            for spec in files.filter({ $0.lastPathComponent == "errors.yaml" }).sorted(by: { $0.path < $1.path }) {
                let config = spec.deletingLastPathComponent().appendingPathComponent("errgen-config.yaml")
                let hasConfig = files.contains(config)
                var arguments = [
                    "generate", "--spec", local(spec), "--only", hasConfig ? "docs,fixtures,openapi,custom" : "docs,fixtures,openapi",
                    "--regenerate-command", "swift package errgen-docs",
                ]
                if hasConfig {
                    arguments += ["--config", local(config)]
                } else {
                    // The outputs named here and no others: a config at the package's root is not this spec's.
                    arguments += [
                        "--no-config", "--docs-output", "docs/\(target.name)", "--fixtures-output", "fixtures/\(target.name)",
                        "--openapi-output", "openapi/\(target.name)",
                    ]
                }
                try run(errgen, arguments, in: root)
                generated += 1
            }
        }
        if generated == 0 {
            throw Failure(names.isEmpty ? "no target of the package has an errors.yaml" : "none of the targets \(names.joined(separator: ", ")) has an errors.yaml")
        }
    }

    func run(_ tool: URL, _ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure("errgen failed (exit status \(process.terminationStatus)); its diagnostics are above")
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
