import ArgumentParser
import ErrgenCommandLine
import ErrgenCore
import ErrgenSpec
import Foundation

struct BundleOpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle-openapi",
        abstract: "Copy the components an OpenAPI document refers to in other files (errgen's OpenAPI output) into it.",
        discussion: """
            Reads an OpenAPI document (YAML or JSON) whose $refs name components of other files, \
            such as errors/shop.openapi.json#/components/responses/ShopError.404, and writes it as \
            one JSON document: each such component copied into its components (with those it \
            refers to), each $ref made internal. Tools that read a single file, \
            swift-openapi-generator among them, then generate the API's errors too.

            With --check nothing is written: exit status 1 when the output is not the bundle.
            """
    )

    @Argument(help: ArgumentHelp("The API's OpenAPI document.", valueName: "document"))
    var document: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The bundle to write (JSON).", valueName: "path"))
    var output: String

    @Flag(help: "Write nothing; fail when the output differs from the bundle.")
    var check = false

    func run() throws {
        var bundler = OpenAPIBundler()
        let bundle: OrderedJSON
        do {
            bundle = try bundler.bundle(document)
        } catch {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
        let plan = OutputPlan(files: [OutputFile(path: output, bytes: bundle.bytes)], ownedFolders: [])
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if check {
            let drifts = OutputWriter.check(plan, root: root)
            for drift in drifts { Report.say(drift.description) }
            if !drifts.isEmpty {
                Report.say("errgen: \(output) is not the bundle of \(document); run `errgen bundle-openapi \(document) --output \(output)`")
                throw ExitCode(1)
            }
            return
        }
        do {
            _ = try OutputWriter.write(plan, root: root)
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
