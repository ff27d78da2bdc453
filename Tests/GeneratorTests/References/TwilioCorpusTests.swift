@_spi(ErrgenGenerated) import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import HTTPTypes
import Testing

/// Twilio's 1,953 error codes (read from the shared corpora and turned into a spec at test time,
/// see `TwilioCorpus`): integer codes, metadata and Twilio's own JSON body shape, through the
/// validator, the runtime (every code's body compared with the shape built here independently),
/// the generated Swift (type-checked), the docs and the fixtures.
///
/// The spec and its outputs are left in `.build/corpora/twilio/`, laid out as a reference case,
/// for the Python consumer and the benchmark.
@Suite(.serialized) struct TwilioCorpusTests {
    static let folder = Paths.url(".build/corpora/twilio")

    @Test(.needs(TwilioCorpus.relative))
    func everyCodeAnswersInTwiliosShape() throws {
        let corpus = try TwilioCorpus.load()
        #expect(corpus.entries.count == 1953)
        #expect(Set(corpus.entries.map(\.code)).count == 1953)
        let spec = try validSpec(corpus.spec())
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.entries.count == corpus.entries.count)
        #expect(catalog.metadataKeys.map(\.name) == ["log-level", "log-type", "product"])
        var statuses: [Int: Int] = [:]
        for (index, entry) in corpus.entries.enumerated() {
            let runtime = catalog.entries[index]
            let status = corpus.status(entry)
            statuses[status, default: 0] += 1
            #expect(runtime.wireCode == String(entry.code))
            #expect(catalog.index(ofIntegerCode: entry.code) == index)
            #expect(runtime.status == status)
            #expect(runtime.message.render([]) == entry.message)
            #expect(catalog.metadata("log-level", of: index) == .string(entry.logLevel))
            #expect(catalog.metadata("product", of: index) == entry.product.map(ArgumentValue.string))
            #expect(catalog.metadata("log-type", of: index) == entry.logType.map(ArgumentValue.string))
            // The body, member by member, as Twilio documents it, compared as bytes.
            let link = "https://www.twilio.com/docs/errors/\(entry.code)"
            let expected = "{\"code\":\(entry.code),\"message\":\(WireBody.jsonString(entry.message)),\"more_info\":\(WireBody.jsonString(link)),\"status\":\(status)}"
            #expect(catalog.body(entry: index, arguments: [], format: .json) == expected)
        }
        // The rule's three sources: the code's own status, a status the docs name, and 400.
        #expect(corpus.status(corpus.entries.first { $0.code == 20404 }!) == 404)
        #expect(corpus.status(corpus.entries.first { $0.code == 20429 }!) == 429)
        #expect(corpus.status(corpus.entries.first { $0.code == 21701 }!) == 404)
        #expect(corpus.status(corpus.entries.first { $0.code == 20001 }!) == 400)
        let summary = statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("Twilio: \(corpus.entries.count) codes; statuses \(summary)")
    }

    @Test(.needs(TwilioCorpus.relative))
    func theGeneratedSwiftCompilesAndTheOutputsAreLeftForTheConsumer() throws {
        let corpus = try TwilioCorpus.load()
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: Self.folder)
        try fileManager.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        try Data(corpus.spec().utf8).write(to: Self.folder.appendingPathComponent("errors.yaml"))
        var config = ErrgenConfig(root: Paths.root)
        config.spec = ".build/corpora/twilio/errors.yaml"
        config.swiftOutput = ".build/corpora/twilio/expected"
        config.docsOutput = ".build/corpora/twilio/docs"
        config.fixturesOutput = ".build/corpora/twilio/fixtures"
        config.openAPIOutput = ".build/corpora/twilio/openapi"
        config.regenerateCommand = "swift test --filter TwilioCorpusTests"
        let clock = ContinuousClock()
        var result: Generator.Result?
        let generation = clock.measure { result = Generator(config: config).run() }
        let plan = try #require(result?.plan, "\(result?.diagnostics.map(\.description) ?? [])")
        #expect(result?.diagnostics.isEmpty == true, "\(result?.diagnostics.map(\.description) ?? [])")
        _ = try OutputWriter.write(plan, root: Paths.root)
        let swift = plan.files.map { URL(fileURLWithPath: $0.path) }.filter { $0.pathExtension == "swift" }
        // Over a thousand errors: the table is split across files to keep each compile unit small.
        #expect(swift.map(\.lastPathComponent) == ["TwilioError.swift", "TwilioError+Errors1.swift"])
        var outcome: CLI.Outcome?
        let compilation = try clock.measure { outcome = try ContractTests.typecheck(swift) }
        #expect(outcome?.status == 0, "\(outcome?.stderr ?? "")")
        #expect(outcome?.stderr.contains("warning:") == false, "\(outcome?.stderr ?? "")")
        let source = try String(contentsOf: swift[0], encoding: .utf8)
        #expect(source.contains("public var product: Swift.String? {"))
        #expect(source.contains("case _20404"))
        // Every fixture response of the JSON format is Twilio's shape.
        let fixtures = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent("fixtures/twilio.json"))) as? [String: Any]
        let errors = try #require(fixtures?["errors"] as? [[String: Any]])
        #expect(errors.count == corpus.entries.count)
        print("Twilio: generated in \(generation), type-checked in \(compilation)")
    }
}
