import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The HTML pages' Markdown is rendered by cmark-gfm, the library, exactly as the `cmark-gfm`
/// command renders it, for every description the docs show; its safe mode keeps hostile
/// descriptions out of the page's markup, and pathological input renders in bounded time.
@Suite struct CmarkTests {
    /// The `cmark-gfm` command, when the machine has it (CI installs it).
    static let command: URL? = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm", "/opt/homebrew/bin/cmark-gfm"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Every text the docs render as HTML (catalog summaries and descriptions, error and parameter
    /// descriptions) of the bundled spec, the reference specs and hostile seeds 1...20; once each.
    static func descriptions() throws -> [String] {
        var specs: [Spec] = [try bundledSpec()]
        let references = try FileManager.default.contentsOfDirectory(atPath: Paths.url("Tests/References").path).sorted()
        for name in references {
            let path = "Tests/References/\(name)/errors.yaml"
            guard FileManager.default.fileExists(atPath: Paths.url(path).path) else { continue }
            specs.append(try validSpec(try Paths.text(path), file: path))
        }
        for seed in UInt64(1)...20 {
            specs.append(try validSpec(HostileSpec(seed: seed, errors: 6, typeName: "Hostile\(seed)Error").yaml))
        }
        var seen = Set<String>()
        var texts: [String] = []
        for catalog in specs.flatMap(\.catalogs) {
            var all = [catalog.summary, catalog.description] + catalog.parameters.map(\.description)
            for error in catalog.errors { all += [error.description] + error.parameters.map(\.description) }
            for text in all.compactMap({ $0 }) where seen.insert(text).inserted { texts.append(text) }
        }
        return texts
    }

    /// What the `cmark-gfm` command prints for each input: one shell runs the command once per
    /// input file.
    static func commandOutputs(_ inputs: [String]) throws -> [String] {
        let command = try #require(Self.command, "cmark-gfm is not installed")
        return try withTemporaryFolder { folder in
            for (index, input) in inputs.enumerated() {
                try Data(input.utf8).write(to: folder.appendingPathComponent("\(index).md"))
            }
            let arguments = ([command.path] + CommonMark.commandArguments).joined(separator: " ")
            let script = "i=0; while [ $i -lt \(inputs.count) ]; do \(arguments) $i.md > $i.html || exit 1; i=$((i+1)); done"
            let outcome = try CLI.run(["-c", script], in: folder, executable: URL(fileURLWithPath: "/bin/sh"), limit: 300)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            return try inputs.indices.map { index in
                String(decoding: try Data(contentsOf: folder.appendingPathComponent("\(index).html")), as: UTF8.self)
            }
        }
    }

    @Test(.enabled(if: command != nil || SharedMaterial.isCI, "cmark-gfm is not installed"))
    func everyDescriptionRendersAsTheCommandDoes() throws {
        let texts = try Self.descriptions()
        #expect(texts.count > 200)
        // The library on each text as written, and on the block the Markdown page holds.
        let blocks = texts.map(Markdown.block)
        let expected = try Self.commandOutputs(texts + blocks)
        for (index, text) in texts.enumerated() {
            #expect(CommonMark.html(text) == expected[index], "\(Array(text.unicodeScalars))")
            #expect(HTML.markdown(text) == expected[texts.count + index], "\(Array(text.unicodeScalars))")
        }
    }

    @Test(.enabled(if: command != nil || SharedMaterial.isCI, "cmark-gfm is not installed"))
    func samplesOfEverySyntaxRenderAsTheCommandDoes() throws {
        let samples = Self.syntaxSamples + Self.hostileSamples
        let expected = try Self.commandOutputs(samples)
        for (sample, output) in zip(samples, expected) {
            #expect(CommonMark.html(sample) == output, "\(sample)")
        }
    }

    static let syntaxSamples = [
        "Increase sort_buffer_size or max_allowed_packet", "*a* **b** _c_ __d__ ~~e~~ ~f~", "`x<y` and ``a ` b``",
        "[docs](https://example.com \"t\") and <https://example.com> and www.example.com and me@example.com",
        "| a | b |\n|:-|-:|\n| 1 | `|` |\n| 2 \\| 3 |", "- one\n- two\n\n1. x\n2. y", "> quote\n> more", "# H1\n\nSetext\n---",
        "```swift\nlet a = \"<b>\"\n```", "    indented <code>", "a  \nb\\\nc", "&amp; &copy; &#35; &bogus;", "![img](a.png)",
        "- [ ] task", "***", "text\u{0}nul", "e\u{301} 😀 \u{202E}rtl",
    ]

    static let hostileSamples = [
        "<script>alert(1)</script>", "a <script>x</script> b", "<!-- c -->", "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](vbscript:a)", "[x](data:text/html,a)", "<javascript:alert(1)>",
        "![x](javascript:alert(1))", "[x]: javascript:alert(1)\n\n[x]", "<div>\n*a*\n</div>", "<style>p{}</style>",
        "```\n</code></pre><script>", "`</code><script>`", "<textarea>", "<![CDATA[x]]>", "<?php ?>",
    ]

    @Test func emphasisFollowsCommonMark() {
        #expect(HTML.markdown("Increase sort_buffer_size or max_allowed_packet") == "<p>Increase sort_buffer_size or max_allowed_packet</p>\n")
        #expect(HTML.markdown("snake_case_name and *emphasis* and __strong__") == "<p>snake_case_name and <em>emphasis</em> and <strong>strong</strong></p>\n")
        #expect(HTML.markdown("~~gone~~") == "<p><del>gone</del></p>\n")
        #expect(HTML.markdown("see https://example.com") == "<p>see <a href=\"https://example.com\">https://example.com</a></p>\n")
        #expect(HTML.markdown("| a |\n|---|\n| 1 |").contains("<table>"))
    }

    @Test func rawHTMLAndUnsafeLinksNeverReachThePage() {
        for sample in Self.hostileSamples {
            for html in [CommonMark.html(sample), HTML.markdown(sample)] {
                let lower = html.lowercased()
                #expect(!lower.contains("<script"), "\(sample) → \(html)")
                #expect(!lower.contains("<img src=x"), "\(sample) → \(html)")
                #expect(!lower.contains("<div"), "\(sample) → \(html)")
                #expect(!lower.contains("<style"), "\(sample) → \(html)")
                #expect(!lower.contains("<textarea"), "\(sample) → \(html)")
                #expect(!lower.contains("href=\"javascript:"), "\(sample) → \(html)")
                #expect(!lower.contains("href=\"vbscript:"), "\(sample) → \(html)")
                #expect(!lower.contains("href=\"data:"), "\(sample) → \(html)")
                #expect(!lower.contains("src=\"javascript:"), "\(sample) → \(html)")
            }
        }
        // The library's safe mode drops raw HTML; the page's block shows it as text, as GitHub
        // shows the Markdown page.
        #expect(CommonMark.html("<script>alert(1)</script>") == "<!-- raw HTML omitted -->\n")
        #expect(HTML.markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
        #expect(CommonMark.html("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n")
    }

    /// Every rendering is a well-formed fragment: wrapped in one element, an XML parser reads it
    /// to the end (cmark-gfm writes void elements as `<br />`), so no element is left open. The
    /// characters HTML text may hold and XML may not (controls) are made spaces first.
    @Test func everyRenderingIsWellFormed() throws {
        for text in try Self.descriptions() + Self.syntaxSamples + Self.hostileSamples {
            for html in [CommonMark.html(text), HTML.markdown(text)] {
                let xml = String(String.UnicodeScalarView(html.unicodeScalars.map { scalar in
                    scalar.value < 0x20 && !["\t", "\n", "\r"].contains(scalar) || scalar == "\u{FFFE}" || scalar == "\u{FFFF}" ? " " : scalar
                }))
                let parser = XMLParser(data: Data(("<root>" + xml + "</root>").utf8))
                #expect(parser.parse(), "\(Array(text.unicodeScalars)) → \(html): \(String(describing: parser.parserError))")
            }
        }
    }

    /// A hang guard, not a benchmark: each renders in well under a second in a debug build.
    @Test func pathologicalInputRendersInBoundedTime() {
        let inputs = [
            String(repeating: "[", count: 200_000), String(repeating: "*", count: 200_000), String(repeating: "_", count: 200_000),
            String(repeating: "`", count: 200_000), String(repeating: ">", count: 200_000), String(repeating: "> ", count: 50_000) + "a",
            String(repeating: "*a **a ", count: 20_000) + "b" + String(repeating: " a** a*", count: 20_000),
            String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000), String(repeating: "[a](<b", count: 30_000),
            (0..<1_000).map { String(repeating: "  ", count: $0) + "* a\n" }.joined(), String(repeating: "a@", count: 50_000),
            // Quadratic in cmark-gfm 0.29.0.gfm.6: image openers before links (CVE-2023-22486),
            // a table thousands of columns wide, a wide table with many rows.
            String(repeating: "![[]()", count: 50_000), String(repeating: "|", count: 50_000) + "\n" + String(repeating: "-|", count: 50_000) + "\nx",
            String(repeating: "a|", count: 900) + "\n" + String(repeating: "-|", count: 900) + "\n" + String(repeating: "x\n", count: 100_000),
        ]
        for input in inputs {
            let start = DispatchTime.now().uptimeNanoseconds
            for html in [CommonMark.html(input), HTML.markdown(input)] { #expect(!html.isEmpty) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            #expect(seconds < 10, "\(input.prefix(20))… (\(input.utf8.count) bytes) took \(seconds) s")
        }
    }

    /// Input on which cmark-gfm 0.29 would be quadratic is shown as escaped text instead.
    @Test func inputBeyondTheBudgetIsEscapedText() {
        let images = String(repeating: "![[]()", count: 5_000) + "<b>"
        #expect(CommonMark.html(images) == "<p>" + HTML.escape(images) + "</p>\n")
        let wide = String(repeating: "|", count: 1_001) + "\n" + String(repeating: "-|", count: 1_001)
        #expect(CommonMark.html(wide) == "<p>" + HTML.escape(wide) + "</p>\n")
        // Just within: rendered by cmark-gfm.
        #expect(CommonMark.html(String(repeating: "a|", count: 999) + "\n" + String(repeating: "-|", count: 999)).hasPrefix("<table>"))
    }

    /// Parses share cmark-gfm's global table of inline characters, which each parse with
    /// extensions changes: rendering in parallel gives what rendering one at a time gives.
    @Test func rendersInParallelAsInSequence() throws {
        let texts = try Self.descriptions() + Self.syntaxSamples + (0..<200).map { "~~s\($0)~~ www.e\($0).com a:b \($0)|x\n-|-\n~~y~~|z" }
            + (0..<16).map { String(repeating: "~~s\($0)~~ www.example.com ", count: 2_000) }
        let sequential = texts.map(CommonMark.html)
        let parallel = Results(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count * 4) { index in
            parallel.set(index % texts.count, CommonMark.html(texts[index % texts.count]))
        }
        // Without the lock around parsing, the long texts lose strikethroughs and autolinks here.
        let differing = zip(parallel.values, sequential).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing.isEmpty, "\(differing.count) texts rendered differently in parallel, first: \(texts[differing.first ?? 0].prefix(80))")
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: String) {
            lock.withLock {
                if let existing = storage[index], existing != value { storage[index] = "MISMATCH: \(existing) / \(value)" } else { storage[index] = value }
            }
        }
        var values: [String] { lock.withLock { storage.map { $0 ?? "" } } }
    }
}
