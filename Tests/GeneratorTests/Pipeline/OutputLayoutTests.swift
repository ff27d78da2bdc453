import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `Generator.layout`: every output described before anything renders; the runner renders exactly
/// the files it lists, in its order.
@Suite struct OutputLayoutTests {
    @Test func theLayoutListsThePlansFilesInOrder() throws {
        let spec = try bundledSpec()
        var config = ErrgenConfig(root: Paths.root)
        config.swiftShardSize = 10
        let layout = try Generator.layout(for: spec, config: config)
        #expect(layout.paths == [
            "Sources/Generated/RAWSError.swift", "Sources/Generated/RAWSError+Errors1.swift", "Sources/Generated/RAWSError+Errors2.swift",
            "Sources/Generated/RestAuthError.swift", "docs/README.md", "docs/index.html", "docs/raws.md", "docs/raws.html",
            "docs/restauth.md", "docs/restauth.html", "fixtures/raws.json", "fixtures/restauth.json",
        ])
        #expect(layout.outputs.map(\.kind) == [
            .swiftTypes([.init(catalog: 0, errors: 0..<10)]), .swiftFactories([.init(catalog: 0, errors: 10..<20)]),
            .swiftFactories([.init(catalog: 0, errors: 20..<24)]), .swiftTypes([.init(catalog: 1, errors: 0..<7)]),
            .docsIndex, .docsPage(catalog: 0), .docsPage(catalog: 1), .fixtures(catalog: 0), .fixtures(catalog: 1),
        ])
        // The largest start first: fixtures, then the pages.
        #expect(layout.outputs.map(\.priority) == [3, 3, 3, 3, 3, 1, 1, 0, 0])
        #expect(layout.ownedFolders == [
            .init(path: "Sources/Generated", fileExtensions: ["swift"]), .init(path: "docs", fileExtensions: ["md", "html"]),
            .init(path: "fixtures", fileExtensions: ["json"]),
        ])
        let plan = try Generator.plan(for: spec, config: config, renderer: TemplateRenderer(.defaults))
        #expect(plan.files.map(\.path) == layout.paths)
        #expect(plan.ownedFolders == layout.ownedFolders)
    }

    /// The build plugin's tool (`errgen-swift`, `ErrgenSwift` alone) writes what errgen itself
    /// writes for Swift, byte for byte, and refuses a config that asks for anything else.
    @Test func swiftAloneIsTheSameSwiftAndNothingElse() throws {
        let spec = try bundledSpec()
        var config = ErrgenConfig(root: Paths.root)
        config.swiftShardSize = 10
        let full = try Generator.plan(for: spec, config: config, renderer: TemplateRenderer(.defaults))
        #expect(throws: DiagnosticError.self) { try SwiftOutputs.plan(for: spec, config: config) }
        config.docsOutput = nil
        config.fixturesOutput = nil
        let alone = try SwiftOutputs.plan(for: spec, config: config)
        #expect(alone.files == full.files.filter { $0.path.hasSuffix(".swift") })
        #expect(alone.files.count == 4)
        #expect(alone.ownedFolders == [.init(path: "Sources/Generated", fileExtensions: ["swift"])])
        #expect(alone.generatedFrom == full.generatedFrom)
    }

    /// As the build plugin asks: one file of types and shards of factories spread over the catalogs.
    @Test func oneSwiftFileWithShards() throws {
        let spec = try bundledSpec()
        var config = ErrgenConfig(root: Paths.root)
        config.swiftOutput = nil
        config.docsOutput = nil
        config.fixturesOutput = nil
        config.swiftFile = "build/Errors.swift"
        config.swiftFileShards = 3
        let layout = try Generator.layout(for: spec, config: config)
        #expect(layout.paths == ["build/Errors.swift", "build/Errors+Errors1.swift", "build/Errors+Errors2.swift", "build/Errors+Errors3.swift"])
        // 31 errors: 11, 11 and 9, the last shard spanning both catalogs.
        #expect(layout.outputs.map(\.kind) == [
            .swiftTypes([.init(catalog: 0, errors: 0..<0), .init(catalog: 1, errors: 0..<0)]),
            .swiftFactories([.init(catalog: 0, errors: 0..<11)]),
            .swiftFactories([.init(catalog: 0, errors: 11..<22)]),
            .swiftFactories([.init(catalog: 0, errors: 22..<24), .init(catalog: 1, errors: 0..<7)]),
        ])
        #expect(layout.ownedFolders.isEmpty)
    }
}
