import Foundation
import PackagePlugin

/// Generates the Swift types of a target's error spec at build time.
///
/// A target that contains an `errors.yaml` (optionally with an `errgen-config.yaml` beside it, and
/// the templates that config names) gets every catalog of the spec as Swift, in one file in the
/// plugin work directory: one file per spec, so the outputs are known before the spec is read.
/// The spec, the config and every `*.mustache` file of the target are the command's inputs, so an
/// unchanged spec does not run errgen again. A spec error fails the build with
/// `path:line:column: error: …` pointing into the spec.
@main
struct ErrgenPlugin: BuildToolPlugin {
    static let shards = 3

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.map(\.url)
        let specs = files.filter { $0.lastPathComponent == "errors.yaml" }.sorted { $0.path < $1.path }
        let templates = files.filter { $0.pathExtension == "mustache" }.sorted { $0.path < $1.path }
        let errgen = try context.tool(named: "errgen-swift").url
        return specs.map { spec in
            let folder = spec.deletingLastPathComponent()
            let config = folder.appendingPathComponent("errgen-config.yaml")
            let hasConfig = files.contains(config)
            // One output per spec, named after its folder below the target: `Errors.swift` for the
            // target's own folder, `PaymentsErrors.swift` for `Payments/errors.yaml`.
            let relative = folder.path(percentEncoded: false).dropFirst(target.directoryURL.path(percentEncoded: false).count)
            let prefix = relative.split(separator: "/").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(prefix)Errors.swift")
            // The errors' factories go in three more files, so a large catalog compiles in parallel.
            let shards = (1...Self.shards).map {
                context.pluginWorkDirectoryURL.appendingPathComponent("\(prefix)Errors+Errors\($0).swift")
            }
            var arguments = [
                "generate", "--quiet", "--spec", spec.path(percentEncoded: false),
                "--swift-file", output.path(percentEncoded: false), "--swift-file-shards", String(Self.shards),
                "--only", "swift", "--regenerate-command", "swift build",
            ]
            // Without a config beside the spec, none: not one the tool's folder may happen to hold.
            arguments += hasConfig ? ["--config", config.path(percentEncoded: false)] : ["--no-config"]
            return .buildCommand(
                displayName: "errgen: generating Swift for \(target.name) from \(spec.lastPathComponent)",
                executable: errgen,
                arguments: arguments,
                inputFiles: [spec] + (hasConfig ? [config] : []) + templates,
                outputFiles: [output] + shards
            )
        }
    }
}
