import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// A large catalog's docs are split into pages of `docsPageSize` errors behind an overview, so that
/// no file grows without bound, and every link to an error's anchor still resolves.
@Suite struct LargeCatalogPagesTests {
    /// A spec of `count` errors, as the benchmark makes them (`Sources/errgen-benchmark`): a third
    /// with two parameters, every one with a description, a tenth with a header, three formats.
    static func syntheticSpec(errors count: Int) -> String {
        var out = """
            errgen: 1
            catalogs:
              Bench:
                title: Benchmark catalog
                summary: A synthetic catalog for measuring errgen.
                documentation-url: https://example.com/docs/bench.html
                formats:
                  - type: xml
                    namespace: urn:example:bench
                  - json
                  - problem+json
                parameters:
                  request-id:
                    type: string
                    description: The request's identifier.
                    example: req-1
                errors:

            """
        for i in 0..<count {
            // A 406 error's parameters are filled in by the runtime, with text: the errors with an
            // integer parameter skip 406.
            let status = 400 + i % 100 == 406 && i % 3 == 0 ? 412 : 400 + i % 100
            out += "      E\(i):\n        status: \(status)\n"
            if i % 3 == 0 {
                out += "        message: \"User {user} has {count} items, more than error \(i) allows.\"\n"
                out += "        parameters:\n          user: {type: string, description: The user., example: monty}\n          count: {type: integer, example: \"7\"}\n"
            } else {
                out += "        message: Plain message of error \(i) with <markup> & \"quotes\".\n"
            }
            out += "        description: The description of error \(i), with `code` and *emphasis*.\n"
            if i % 10 == 0 { out += "        headers:\n          Retry-After: \"\(i % 60)\"\n" }
        }
        return out
    }

    static func plan(errors count: Int, pageSize: Int? = nil) throws -> OutputPlan {
        let spec = try validSpec(syntheticSpec(errors: count))
        var config = ErrgenConfig(root: FileManager.default.temporaryDirectory)
        config.swiftOutput = nil
        if let pageSize { config.docsPageSize = pageSize }
        return try Generator.plan(for: spec, config: config, renderer: TemplateRenderer(.defaults))
    }

    /// The ids of a page's elements, `id="…"`.
    static func ids(_ page: String) -> Set<String> {
        Set(page.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) })
    }

    /// Every `type` of the fixtures' problem+json bodies names a page and an anchor that resolves
    /// there: to the error's section, or to its row in the overview, which links to the section.
    static func checkTypeLinks(_ plan: OutputPlan) throws -> Int {
        let pages = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0) })
        let fixture = try #require(pages["fixtures/bench.json"]?.contents)
        let types = Set(fixture.matches(of: /\\"type\\":\s*\\"([^"\\]*)\\"/).map { String($0.output.1) })
        #expect(!types.isEmpty, "no problem+json type in the fixtures")
        var checked = 0
        // Each page read once: its ids, and the overview rows' links (anchor → page).
        var ids: [String: Set<String>] = [:]
        var rows: [String: [String: String]] = [:]
        func read(_ path: String) throws {
            guard ids[path] == nil else { return }
            let page = try #require(pages[path]?.contents, "\(path) is named by a type but errgen does not write it")
            ids[path] = Self.ids(page)
            rows[path] = Dictionary(
                page.matches(of: /<tr id="([^"]*)"><td><a href="([^"#]*)#([^"]*)"/).map { (String($0.output.1), String($0.output.2)) },
                uniquingKeysWith: { first, _ in first })
        }
        for type in types {
            let url = try #require(URL(string: type))
            let fragment = try #require(url.fragment, "\(type) has no fragment")
            let path = "docs/" + url.lastPathComponent
            try read(path)
            #expect(ids[path]!.contains(fragment), "\(type): no id \(fragment) in \(path)")
            // And the overview row links to the page that holds the section.
            if let file = rows[path]?[fragment] {
                let target = "docs/" + file
                try read(target)
                #expect(ids[target]!.contains(fragment), "\(target) has no section \(fragment)")
            }
            checked += 1
        }
        return checked
    }

    @Test func tenThousandErrorsMakeNoPageOverEightMegabytes() throws {
        let plan = try Self.plan(errors: 10_000)
        let docs = plan.files.filter { $0.path.hasPrefix("docs/") }
        for file in docs {
            #expect(file.bytes.count <= 8_000_000, "\(file.path) is \(file.bytes.count) bytes")
        }
        // The overview and 20 pages of 500, in Markdown and HTML, and the index.
        #expect(docs.map(\.path).contains("docs/bench-20.html"))
        #expect(!docs.map(\.path).contains("docs/bench-21.html"))
        #expect(docs.count == 2 + 2 * 21)
        let overview = try #require(plan.files.first { $0.path == "docs/bench.html" }?.contents)
        #expect(overview.contains("<tr id=\"e9999\"><td><a href=\"bench-20.html#e9999\">"))
        #expect(!overview.contains("<section"))
        let markdown = try #require(plan.files.first { $0.path == "docs/bench.md" }?.contents)
        #expect(markdown.contains("| <a id=\"e501\"></a>[`E501`](bench-2.md#e501) |"))
        let part = try #require(plan.files.first { $0.path == "docs/bench-2.html" }?.contents)
        #expect(part.contains("<section id=\"e500\">") && part.contains("<section id=\"e999\">"))
        #expect(!part.contains("<section id=\"e499\">") && !part.contains("<section id=\"e1000\">"))
        #expect(try Self.checkTypeLinks(plan) == 10_000)
    }

    @Test func smallCatalogsStayOnePage() throws {
        let plan = try Self.plan(errors: 30)
        #expect(plan.files.filter { $0.path.hasPrefix("docs/") }.map(\.path) == ["docs/README.md", "docs/index.html", "docs/bench.md", "docs/bench.html"])
        let page = try #require(plan.files.first { $0.path == "docs/bench.html" }?.contents)
        #expect(page.contains("<tr><td><a href=\"#e29\">"))
        #expect(try Self.checkTypeLinks(plan) == 30)
    }

    @Test func aSplitCatalogsPagesLinkToEachOther() throws {
        let plan = try Self.plan(errors: 25, pageSize: 10)
        #expect(plan.files.filter { $0.path.hasPrefix("docs/bench") }.map(\.path) == [
            "docs/bench.md", "docs/bench.html", "docs/bench-1.md", "docs/bench-1.html", "docs/bench-2.md", "docs/bench-2.html",
            "docs/bench-3.md", "docs/bench-3.html",
        ])
        let last = try #require(plan.files.first { $0.path == "docs/bench-3.md" }?.contents)
        #expect(last.contains("# Benchmark catalog: Errors 21–25"))
        #expect(last.contains("Pages: [Errors 1–10](bench-1.md), [Errors 11–20](bench-2.md), Errors 21–25."))
        let overview = try #require(plan.files.first { $0.path == "docs/bench.html" }?.contents)
        #expect(overview.contains("<a href=\"bench-3.html\">Errors 21–25</a>"))
        #expect(try Self.checkTypeLinks(plan) == 25)
    }
}
