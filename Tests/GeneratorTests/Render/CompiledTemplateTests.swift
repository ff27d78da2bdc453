@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift
import Foundation
import Testing

/// errgen renders its own templates with `CompiledTemplate` and users' templates with
/// swift-mustache; both must write the same bytes for every default template.
@Suite struct CompiledTemplateTests {
    static let specs: [String] = ["spec/errors.yaml"] + ReferenceTests.cases.map { "Tests/References/\($0)/errors.yaml" }

    /// Every output of a spec, in both layouts of the Swift (a file per catalog with shards, and
    /// one file with shard files beside it), with one renderer.
    static func files(_ spec: Spec, renderer: TemplateRenderer) throws -> [OutputFile] {
        var config = ErrgenConfig(root: URL(fileURLWithPath: "/nonexistent"))
        config.spec = "errors.yaml"
        config.swiftShardSize = 3
        var files = try Generator.plan(for: spec, config: config, renderer: renderer).files
        config.swiftOutput = nil
        config.swiftFile = "All.swift"
        config.swiftFileShards = 2
        config.docsOutput = nil
        config.fixturesOutput = nil
        files += try Generator.plan(for: spec, config: config, renderer: renderer).files
        return files
    }

    static func compare(_ spec: Spec, _ what: String) throws {
        let compiled = try TemplateRenderer(.defaults)
        #expect(compiled.compiled != nil, "errgen's own templates do not all compile")
        let mustache = try TemplateRenderer(.defaults, compiling: false)
        let reference = try files(spec, renderer: mustache)
        let fast = try files(spec, renderer: compiled)
        #expect(fast.map(\.path) == reference.map(\.path))
        for (a, b) in zip(fast, reference) where a.contents != b.contents {
            Issue.record("\(what): \(a.path) differs between the renderers\n\(LineDiff.unified(old: b.contents, new: a.contents, oldName: "swift-mustache", newName: "compiled"))")
        }
    }

    @Test(arguments: specs)
    func compiledTemplatesWriteWhatSwiftMustacheWrites(_ path: String) throws {
        try Self.compare(try validSpec(try Paths.text(path), file: path), path)
    }

    @Test(arguments: Array(UInt64(100)..<UInt64(120)))
    func compiledTemplatesWriteWhatSwiftMustacheWritesForHostileSpecs(seed: UInt64) throws {
        let model = HostileSpec(seed: seed, errors: 5, typeName: "Hostile\(seed)Error")
        try Self.compare(try validSpec(model.yaml), "seed \(seed)")
    }

    @Test func aUserTemplateTurnsTheCompiledRendererOff() throws {
        let set = TemplateSet(sources: TemplateSet.defaults.sources.merging(["docs/index.md": "{{% CONTENT_TYPE: TEXT }}\nmine\n"]) { $1 }, origins: ["docs/index.md": "my/index.md.mustache"])
        #expect(try TemplateRenderer(set).compiled == nil)
        #expect(try TemplateRenderer(.defaults).compiled != nil)
    }

    @Test func whatTheCompilerDoesNotCoverIsLeftToSwiftMustache() {
        #expect(CompiledTemplate("{{=<% %>=}}<%x%>") == nil)
        #expect(CompiledTemplate("{{a.b}}") == nil)
        #expect(CompiledTemplate("{{#x}}open") == nil)
        #expect(CompiledTemplate("{{<parent}}{{/parent}}") == nil)
        #expect(CompiledTemplate("  {{> indented}}\n") == nil)
        #expect(CompiledTemplate("{{% CONTENT_TYPE: TEXT }}\n{{#items}}{{.}}{{^last()}}, {{/last()}}{{/items}}\n") != nil)
    }
}
