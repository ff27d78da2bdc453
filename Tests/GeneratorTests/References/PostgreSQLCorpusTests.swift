@_spi(ErrgenGenerated) import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// PostgreSQL's 257 SQLSTATEs (read from the shared corpora and turned into a spec at test time,
/// see `PostgreSQLCorpus`): a catalog without HTTP, with metadata, nobody here wrote, through the
/// validator, the generated Swift (type-checked), the runtime, the docs and the fixtures.
///
/// The spec and everything generated from it are left in `.build/corpora/postgresql/`, laid out as
/// a reference case, so that the Python consumer, run after the Swift tests, checks them too.
@Suite(.serialized) struct PostgreSQLCorpusTests {
    static let folder = Paths.url(".build/corpora/postgresql")

    @Test(.needs(PostgreSQLCorpus.relative))
    func everySQLStateReachesTheRuntimeWithItsMetadata() throws {
        let corpus = try PostgreSQLCorpus.load()
        // 263 code lines, six of them a second macro for a code already listed.
        #expect(corpus.lines == 263)
        #expect(corpus.entries.count == 257)
        #expect(corpus.entries.first { $0.sqlState == "2202E" }?.macros == ["ERRCODE_ARRAY_SUBSCRIPT_ERROR", "ERRCODE_ARRAY_ELEMENT_ERROR"])
        let spec = try validSpec(corpus.spec())
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(!catalog.isHTTP && catalog.formats.isEmpty)
        #expect(catalog.entries.count == corpus.entries.count)
        let keys = catalog.metadataKeys.map(\.name)
        #expect(keys == ["class", "class-name", "kind", "condition", "macros"])
        for (index, entry) in corpus.entries.enumerated() {
            let runtime = catalog.entries[index]
            #expect(runtime.wireCode == entry.sqlState)
            #expect(runtime.status == 0)
            #expect(runtime.message.render([]) == PostgreSQLCorpus.message(entry))
            #expect(catalog.metadata("class", of: index) == .string(String(entry.sqlState.prefix(2))))
            #expect(catalog.metadata("class-name", of: index) == .string(entry.className))
            #expect(catalog.metadata("condition", of: index) == entry.condition.map(ArgumentValue.string))
            #expect(catalog.index(ofWireCode: entry.sqlState) == index)
        }
        // Conditions named twice are settled by the SQLSTATE, and none is left to collide.
        let names = corpus.swiftNames
        #expect(Set(names).count == names.count)
        #expect(names.contains("stringDataRightTruncation01004") && names.contains("stringDataRightTruncation22001"))
        let conditions = corpus.entries.filter { $0.condition != nil }.count
        print("PostgreSQL: \(corpus.lines) code lines, \(corpus.entries.count) SQLSTATEs in \(Set(corpus.entries.map(\.className)).count) classes, \(conditions) with a condition name")
    }

    @Test(.needs(PostgreSQLCorpus.relative))
    func theGeneratedSwiftCompilesAndTheOutputsAreLeftForTheConsumer() throws {
        let corpus = try PostgreSQLCorpus.load()
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: Self.folder)
        try fileManager.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        try Data(corpus.spec().utf8).write(to: Self.folder.appendingPathComponent("errors.yaml"))
        var config = ErrgenConfig(root: Paths.root)
        config.spec = ".build/corpora/postgresql/errors.yaml"
        config.swiftOutput = ".build/corpora/postgresql/expected"
        config.docsOutput = ".build/corpora/postgresql/docs"
        config.fixturesOutput = ".build/corpora/postgresql/fixtures"
        config.openAPIOutput = ".build/corpora/postgresql/openapi"
        config.regenerateCommand = "swift test --filter PostgreSQLCorpusTests"
        let clock = ContinuousClock()
        var result: Generator.Result?
        let generation = clock.measure { result = Generator(config: config).run() }
        let plan = try #require(result?.plan, "\(result?.diagnostics.map(\.description) ?? [])")
        _ = try OutputWriter.write(plan, root: Paths.root)
        let swift = plan.files.map { URL(fileURLWithPath: $0.path) }.filter { $0.pathExtension == "swift" }
        #expect(swift.map(\.lastPathComponent) == ["PostgreSQLError.swift"])
        var outcome: CLI.Outcome?
        let compilation = try clock.measure { outcome = try ContractTests.typecheck(swift) }
        #expect(outcome?.status == 0, "\(outcome?.stderr ?? "")")
        #expect(outcome?.stderr.contains("warning:") == false, "\(outcome?.stderr ?? "")")
        let source = try String(contentsOf: swift[0], encoding: .utf8)
        #expect(source.contains("struct PostgreSQLError: ErrgenRuntime.CodedError"))
        #expect(source.contains("public var condition: Swift.String? {"))
        print("PostgreSQL: generated in \(generation), type-checked in \(compilation)")
    }
}
