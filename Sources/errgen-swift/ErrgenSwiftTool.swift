import ArgumentParser
import ErrgenCommandLine
import ErrgenSpec
import ErrgenSwift

/// The build plugin's tool: `errgen generate --only swift` and `errgen check --only swift`, built
/// from what Swift generation needs alone (libyaml, the spec's stages, the Swift printer), so that
/// a package that only uses the plugin builds neither cmark-gfm nor swift-mustache. Its options are
/// errgen's; an output other than Swift is refused.
@main
struct ErrgenSwiftTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errgen-swift",
        abstract: "Compile an error spec (errors.yaml) into Swift types: errgen's Swift output alone, for the build plugin.",
        discussion: "Exit status: 0 on success; 1 when the spec or config has errors, or when 'check' finds outputs out of date; 64 on a usage error.",
        version: ErrgenVersion.current,
        subcommands: [Generate.self, Check.self],
        defaultSubcommand: Generate.self
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the spec's Swift (the default command).")

        @OptionGroup var options: SpecOptions

        @Flag(name: .shortAndLong, help: "Print nothing but diagnostics.")
        var quiet = false

        func run() throws {
            try Report.write(options, quiet: quiet) { $0.runSwift() }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check that the Swift on disk is what 'generate' would write.")

        @OptionGroup var options: SpecOptions

        func run() throws {
            try Report.check(options) { $0.runSwift() }
        }
    }
}
