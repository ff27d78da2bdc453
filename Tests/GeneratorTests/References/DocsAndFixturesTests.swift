import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// Every error of the spec appears in the docs, the HTML pages and the fixtures with its values,
/// and the examples there are what the runtime sends.
@Suite struct DocsAndFixturesTests {
    func plan() throws -> OutputPlan {
        let result = Generator(config: ErrgenConfig(root: Paths.root)).run()
        return try #require(result.plan, "\(result.diagnostics)")
    }

    func file(_ plan: OutputPlan, _ path: String) throws -> String {
        try #require(plan.files.first { $0.path == path }?.contents, "no \(path)")
    }

    @Test func everyErrorIsInItsPages() throws {
        let plan = try plan()
        for catalog in try bundledSpec().catalogs {
            let markdown = try file(plan, "docs/\(catalog.fileName).md")
            let html = try file(plan, "docs/\(catalog.fileName).html")
            for entry in catalog.errors {
                let anchor = Catalog.anchor(forWireCode: entry.code.value)
                #expect(markdown.contains("| [`\(entry.code.value)`](#\(anchor)) | \(entry.status.value) \(StatusPhrase.of(entry.status.value)!) |"))
                #expect(markdown.contains("## <a id=\"\(anchor)\"></a>`\(entry.code.value)`"))
                #expect(html.contains("<section id=\"\(anchor)\">"))
                #expect(html.contains("<h2><code>\(HTML.escape(entry.code.value))</code></h2>"))
                #expect(html.contains(HTML.escape(entry.message.value.source)))
            }
            // The overview table has a row per error and nothing else.
            let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| [`") }
            #expect(rows.count == catalog.errors.count)
        }
        let index = try file(plan, "docs/README.md")
        #expect(index.contains("| [RAWS error responses](raws.md) | 24 |"))
        #expect(index.contains("| [RestAuth general response codes](restauth.md) | 7 |"))
    }

    @Test func examplesAreWhatTheRuntimeSends() throws {
        let plan = try plan()
        let markdown = try file(plan, "docs/raws.md")
        let error = RAWSErrorSample.methodNotAllowed
        #expect(markdown.contains("```xml\n" + error.body + "```"))
        #expect(markdown.contains("HTTP/1.1 405 Method Not Allowed\nContent-Type: application/xml\nContent-Length: \(error.body.utf8.count)\nAllow: GET, HEAD\n"))
    }

    @Test func fixturesHoldEveryErrorWithItsResponses() throws {
        let plan = try plan()
        for catalog in try bundledSpec().catalogs {
            let text = try file(plan, "fixtures/\(catalog.fileName).json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["errgen"] as? Int == 1)
            let errors = try #require(object["errors"] as? [[String: Any]])
            #expect(errors.map { $0["code"] as? String } == catalog.errors.map(\.code.value))
            let runtime = RuntimeTable.catalog(catalog)
            for (index, (fixture, entry)) in zip(errors, catalog.errors).enumerated() {
                #expect(fixture["status"] as? Int == entry.status.value)
                #expect(fixture["message"] as? String == entry.message.value.source)
                let parameters = try #require(fixture["parameters"] as? [[String: Any]])
                #expect(parameters.map { $0["name"] as? String } == (entry.parameters + catalog.parameters).map(\.name.value))
                let responses = try #require(fixture["responses"] as? [[String: Any]])
                let weighed = catalog.formats.count > 1 ? ["accept-weights", "accept-excludes", "accept-any", "accept-type-range"] : []
                #expect(responses.map { $0["case"] as? String } == Array(repeating: "get", count: catalog.formats.count) + ["head", "not-acceptable"] + weighed)
                let arguments = ResolvedCatalog(catalog).errors[index].parameters.map(\.sampleValue)
                for (response, format) in zip(responses, catalog.formats) {
                    #expect(response["body"] as? String == runtime.body(entry: index, arguments: arguments, format: format.kind))
                }
                #expect(responses[catalog.formats.count]["body"] as? String == "")
                #expect(responses[catalog.formats.count + 1]["status"] as? Int == 406)
            }
        }
    }

    @Test func outputsAreDeterministic() throws {
        #expect(try plan() == plan())
    }
}

/// RAWS's MethodNotAllowed with the spec's examples, as the docs show it.
enum RAWSErrorSample {
    case methodNotAllowed

    var body: String {
        """
        <?xml version="1.0"?>
        <error xmlns="http://rambla.be/raws/ns-metadata/1.0">
            <code>MethodNotAllowed</code>
            <message>The specified method is not allowed against this resource.</message>
            <reason>User 'monty' doesn't have access to the home directory of the requested path (= /no_access).</reason>
            <details>
                <allow>GET, HEAD</allow>
            </details>
        </error>

        """
    }
}

@Suite struct MarkdownTests {
    @Test func textIsEscapedSoItRendersAsItself() {
        #expect(Markdown.text("a*b_c [d](e) <f> `g` | ~h & \\") == "a\\*b\\_c \\[d\\](e) \\<f\\> \\`g\\` \\| \\~h \\& \\\\")
        #expect(Markdown.cell("one\ntwo|three") == "one<br>two\\|three")
    }

    @Test func codeSpansHoldAnyText() {
        #expect(Markdown.code("plain") == "`plain`")
        #expect(Markdown.code("a`b") == "``a`b``")
        #expect(Markdown.code("`x`") == "`` `x` ``")
        #expect(Markdown.code("a|b", inTable: true) == "`a\\|b`")
        #expect(Markdown.fence(for: "```\ncode\n````") == "`````")
        #expect(Markdown.fence(for: "none") == "```")
        // A table reads `\|` as an escaped pipe even inside a code span, so such text is plain.
        #expect(Markdown.code("a\\|b", inTable: true) == "a\\\\\\|b")
    }

    @Test func descriptionsInTableCellsKeepTheirCells() {
        #expect(Markdown.markdownCell("a|b") == "a\\|b")
        #expect(Markdown.markdownCell("a\\|b") == "a\\|b")  // the author escaped it already
        #expect(Markdown.markdownCell("a\\\\|b") == "a\\\\\\|b")  // an escaped backslash, then a pipe
        #expect(Markdown.markdownCell("one\ntwo <b>") == "one two &lt;b>")
    }

    @Test func descriptionsAreContainedInTheirBlock() {
        // An open fence is closed, so it cannot swallow the rest of the page.
        #expect(Markdown.block("Look:\n```swift\nlet x = 1") == "Look:\n```swift\nlet x = 1\n```")
        #expect(Markdown.block("~~~~\ncode\n~~~") == "~~~~\ncode\n~~~\n~~~~")
        #expect(Markdown.block("```\ncode\n```\nafter") == "```\ncode\n```\nafter")
        #expect(Markdown.block("``` not a fence ```") == "``` not a fence ```")
        // Raw HTML is text; code and autolinks stay as they are.
        #expect(Markdown.block("<!-- x\n<script>alert(1)</script>") == "&lt;!-- x\n&lt;script>alert(1)&lt;/script>")
        #expect(Markdown.block("`a<b` and <https://example.com> and <me@example.com>") == "`a<b` and <https://example.com> and <me@example.com>")
        #expect(Markdown.block("```\n<b>\n```") == "```\n<b>\n```")
    }

    @Test func textFullOfOpenersRendersInBoundedTime() {
        // cmark-gfm's delimiter stack keeps these linear (CmarkTests has the full list).
        for opener in ["[", "`", "*", "_", "[x](", "**", "`a"] {
            let text = "a" + String(repeating: opener, count: 200_000 / opener.count)
            let html = HTML.markdown(text)
            #expect(html.hasPrefix("<p>a"))
        }
    }

    @Test func htmlFromMarkdownIsSafe() {
        #expect(HTML.markdown("Hello *you* and **all**, see `x<y` and [docs](https://example.com).") ==
            "<p>Hello <em>you</em> and <strong>all</strong>, see <code>x&lt;y</code> and <a href=\"https://example.com\">docs</a>.</p>\n")
        #expect(HTML.markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
        #expect(HTML.markdown("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n")
        #expect(HTML.markdown("- one\n- two\n\npara") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>para</p>\n")
        #expect(HTML.markdown("```swift\nlet a = \"<b>\"\n```") == "<pre><code class=\"language-swift\">let a = &quot;&lt;b&gt;&quot;\n</code></pre>\n")
    }
}
