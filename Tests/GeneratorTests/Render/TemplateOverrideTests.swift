import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

@Suite struct TemplateOverrideTests {
    @Test func aUserTemplateReplacesTheDefaultOfTheSameName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: TEXT }}\n# {{#catalogs}}{{{title}}} ({{errorCount}}) {{/catalogs}}"
            .write(to: folder.appendingPathComponent("docs/index.md.mustache"), atomically: true, encoding: .utf8)
        let set = try TemplateSet.defaults.overridden(by: folder)
        let spec = try validSpec(try Paths.text("Tests/References/minimal/errors.yaml"))
        var config = ErrgenConfig(root: Paths.root)
        config.spec = "minimal.yaml"
        config.swiftOutput = nil
        config.fixturesOutput = nil
        let plan = try Generator.plan(for: spec, config: config, renderer: TemplateRenderer(set))
        #expect(plan.files.first { $0.path == "docs/README.md" }?.contents == "# Tiny (1) ")
    }

    @Test func aTemplateThatReplacesNothingIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("docs/catalogue.md.mustache")
        try "x".write(to: path, atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticError.self) { try TemplateSet.defaults.overridden(by: folder) }
        do {
            _ = try TemplateSet.defaults.overridden(by: folder)
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map(\.message) == ["template 'docs/catalogue.md' replaces no errgen template; did you mean 'docs/catalog.md.mustache'?"])
        }
    }

    @Test func templatesWithoutAContentTypeEscapeEveryScalarForHTML() throws {
        // Swift's characters join a quote and a combining mark into one, which an escaper working
        // on characters leaves alone; in an attribute that quote would end the value.
        let set = TemplateSet(sources: ["docs/index.html": "<p title=\"{{title}}\">{{title}}</p>"], origins: [:])
        let renderer = try TemplateRenderer(set)
        struct Page { var title: String }
        let hostile = "\"\u{301} onmouseover=alert(1) <\u{338}b> &'"
        #expect(try renderer.render("docs/index.html", Page(title: hostile)) ==
            "<p title=\"&quot;\u{301} onmouseover=alert(1) &lt;\u{338}b&gt; &amp;&#39;\">&quot;\u{301} onmouseover=alert(1) &lt;\u{338}b&gt; &amp;&#39;</p>")
    }

    @Test func aTemplateThatDoesNotParseIsReportedAtItsPosition() throws {
        let set = TemplateSet(sources: ["swift/catalog.swift": "line one\n{{#cases}}\n{{/case}}\n"], origins: ["swift/catalog.swift": "my/catalog.swift.mustache"])
        #expect(throws: DiagnosticError.self) { try TemplateRenderer(set) }
        do {
            _ = try TemplateRenderer(set)
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.file == "my/catalog.swift.mustache")
            #expect(error.diagnostics.first?.location?.line == 3)
        }
    }
}
