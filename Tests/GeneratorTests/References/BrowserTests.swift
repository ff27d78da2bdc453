import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// The HTML pages as a browser lays them out and runs them: headless Chromium takes a screenshot
/// of each page at 1280 px, checks that nothing makes the page scroll sideways, and drives the
/// overview's filter box through its `?q=` parameter. Skipped where `chromium` is absent, except
/// with `CI` set: then a missing Chromium fails (`.ci/run` installs Debian's `chromium`).
@Suite(.serialized) struct BrowserTests {
    /// `chromium` (or `$CHROMIUM`) found on the `PATH`.
    static let chromium: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) {
            return URL(fileURLWithPath: explicit)
        }
        for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("chromium")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static let runs = chromium != nil || SharedMaterial.isCI

    /// Committed pages: the bundled catalogs, the catalog of edge cases (a 67-character code
    /// without a break opportunity, markup in codes) and the wide one (hundreds of rows).
    static let pages = [
        "docs/raws.html", "docs/restauth.html",
        "Tests/References/edge-cases/docs/edge-cases.html", "Tests/References/wide/docs/wide.html",
    ]

    static func requireChromium() throws -> URL {
        try #require(chromium, "chromium is missing: with CI set the browser tests must run (.ci/run installs Debian's chromium)")
    }

    /// Runs headless Chromium on `url` with `options` and returns what it printed.
    static func chromium(_ options: [String], _ url: String) throws -> String {
        let executable = try requireChromium()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let outcome = try CLI.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)", "--window-size=1280,1600"]
                + options + [url],
            in: FileManager.default.temporaryDirectory, executable: executable, limit: 120)
        #expect(outcome.status == 0 && !outcome.timedOut, "chromium failed on \(url): \(outcome.stderr)")
        return outcome.stdout
    }

    /// The DOM once the page has loaded and its scripts have run.
    static func dom(_ url: String) throws -> String {
        try chromium(["--run-all-compositor-stages-before-draw", "--virtual-time-budget=2000", "--dump-dom"], url)
    }

    @Test func chromiumIsPresentOnCI() throws {
        if SharedMaterial.isCI { _ = try Self.requireChromium() }
    }

    @Test(.enabled(if: runs, "chromium is absent (with CI set this test fails instead)"), arguments: pages)
    func pageFitsTheWindowWithoutScrollingSideways(_ page: String) throws {
        try Self.expectFits(Paths.url(page), named: URL(fileURLWithPath: page).deletingPathExtension().lastPathComponent)
    }

    /// Takes a screenshot of the page at `url` at 1280 px (kept where `ERRGEN_SCREENSHOTS` names,
    /// to look at), and requires what a reader sees there: nothing makes the page wider than the
    /// window; a code of up to 32 characters stays on one line of the overview; the overview's
    /// code column keeps its width while the filter hides rows; no status overflows its cell; and
    /// in every table the first line of each cell is level with the rest of its row.
    static func expectFits(_ url: URL, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let screenshots = ProcessInfo.processInfo.environment["ERRGEN_SCREENSHOTS"].map { URL(fileURLWithPath: $0) } ?? folder
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let png = screenshots.appendingPathComponent(name + ".png")
        _ = try chromium(["--screenshot=\(png.path)", "--hide-scrollbars"], url.absoluteString)
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        #expect(size > 0, "no screenshot of \(name)", sourceLocation: sourceLocation)

        // Sections off screen are laid out only when shown (`content-visibility: auto`): the probe
        // lays every one out, as a reader scrolling through would see it.
        let probe = try Self.probe(url, """
            document.querySelectorAll("section").forEach(function (section) { section.style.contentVisibility = "visible"; });
            var root = document.documentElement;
            report.scrollWidth = root.scrollWidth;
            report.innerWidth = window.innerWidth;
            var wrapped = [];
            document.querySelectorAll("table.errors td:first-child code").forEach(function (code) {
              if (code.textContent.length <= 32 && code.getClientRects().length > 1) wrapped.push(code.textContent);
            });
            report.wrappedCodes = wrapped.join(" ");
            var overflowing = [];
            document.querySelectorAll("td.status").forEach(function (cell) {
              if (cell.scrollWidth > cell.clientWidth + 1) overflowing.push(cell.textContent);
            });
            report.overflowingStatuses = overflowing.join(", ");
            function firstLineTop(cell) {
              var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, { acceptNode: function (node) {
                return /\\S/.test(node.textContent) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
              } });
              var text = walker.nextNode();
              if (!text) return null;
              var range = document.createRange();
              range.selectNodeContents(text);
              var rects = range.getClientRects();
              return rects.length ? rects[0].top : null;
            }
            var misaligned = [];
            document.querySelectorAll("tbody > tr").forEach(function (row) {
              var tops = Array.prototype.map.call(row.cells, firstLineTop).filter(function (top) { return top !== null; });
              if (tops.length > 1 && Math.max.apply(null, tops) - Math.min.apply(null, tops) > 3) misaligned.push(row.cells[0].textContent);
            });
            report.misalignedRows = misaligned.slice(0, 5).join(" | ");
            var header = document.querySelector("table.errors th");
            var box = document.getElementById("filter");
            if (header && box) {
              var before = header.getBoundingClientRect().width;
              var first = document.querySelector("table.errors > tbody > tr");
              box.value = first.cells[0].textContent;
              box.dispatchEvent(new Event("input"));
              var shown = document.querySelectorAll("table.errors > tbody > tr:not([hidden])").length;
              report.codeColumnWhileFiltering = before === header.getBoundingClientRect().width ? "same" : before + " then " + header.getBoundingClientRect().width + " with " + shown + " rows";
            }
            """, in: folder)
        #expect(
            Int(probe["scrollWidth"] ?? "") ?? .max <= Int(probe["innerWidth"] ?? "") ?? 0,
            "\(name) scrolls sideways at 1280 px: scrollWidth \(probe["scrollWidth"] ?? "?"), innerWidth \(probe["innerWidth"] ?? "?")",
            sourceLocation: sourceLocation)
        // The code column is never squeezed to a sliver by long messages beside it.
        #expect(probe["wrappedCodes"] == "", "\(name): short codes wrap onto two lines: \(probe["wrappedCodes"] ?? "?")", sourceLocation: sourceLocation)
        #expect(probe["overflowingStatuses"] == "", "\(name): statuses overflow their cells: \(probe["overflowingStatuses"] ?? "?")", sourceLocation: sourceLocation)
        #expect(probe["misalignedRows"] == "", "\(name): cells begin below their row's first line: \(probe["misalignedRows"] ?? "?")", sourceLocation: sourceLocation)
        if let width = probe["codeColumnWhileFiltering"] {
            #expect(width == "same", "\(name): the code column changes width while filtering: \(width)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `script` in a copy of the page at `url` (written into `folder`, with the page's links
    /// re-pointed to where the page is) once it has loaded, and returns what the script put into
    /// its `report` object.
    static func probe(_ url: URL, query: String = "", _ script: String, in folder: URL) throws -> [String: String] {
        var html = try String(contentsOf: url, encoding: .utf8)
        let wrapper = """
            <script>addEventListener("load", function () {
              var report = {};
              \(script)
              Object.keys(report).forEach(function (key) { document.body.setAttribute("data-probe-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); }), String(report[key])); });
              document.body.setAttribute("data-probed", "yes");
            });</script>

            """
        let end = try #require(html.range(of: "</body>", options: .backwards))
        html.insert(contentsOf: wrapper, at: end.lowerBound)
        html = html.replacingOccurrences(of: "<head>", with: "<head>\n<base href=\"\(url.absoluteString)\">")
        let copy = folder.appendingPathComponent("probe-\(UUID().uuidString).html")
        try html.write(to: copy, atomically: true, encoding: .utf8)
        let dom = try Self.dom(copy.absoluteString + query)
        #expect(dom.contains("data-probed=\"yes\""), "the probe did not run on \(url.lastPathComponent)")
        var report: [String: String] = [:]
        for match in dom.matches(of: /data-probe-([a-z-]+)="([^"]*)"/) {
            let key = match.output.1.split(separator: "-").enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
            report[key] = String(match.output.2)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        return report
    }

    /// The codes of the overview's rows, each with whether it is hidden.
    static func overviewRows(_ dom: String) throws -> [(code: String, hidden: Bool)] {
        let table = try #require(dom.firstRange(of: "<table class=\"errors\"").flatMap { start in
            dom[start.lowerBound...].firstRange(of: "</table>").map { dom[start.lowerBound..<$0.upperBound] }
        }, "no overview table")
        let row = /<tr([^>]*)><td>(?:<a [^>]*>)?<code>([^<]*)<\/code>/
        return table.matches(of: row).map { (String($0.output.2), $0.output.1.contains("hidden")) }
    }

    @Test(.enabled(if: runs, "chromium is absent (with CI set this test fails instead)"))
    func filterHidesTheRowsThatDoNotMatch() throws {
        let page = Paths.url("docs/raws.html").absoluteString
        let filtered = try Self.overviewRows(Self.dom(page + "?q=NoSuch"))
        #expect(filtered.count == 24)
        let shown = filtered.filter { !$0.hidden }.map(\.code)
        #expect(!shown.isEmpty)
        #expect(shown.allSatisfy { $0.hasPrefix("NoSuch") }, "\(shown)")
        #expect(filtered.filter { $0.code.hasPrefix("NoSuch") }.allSatisfy { !$0.hidden })

        // Words of a message and a status, in any case and order.
        let byWords = try Self.overviewRows(Self.dom(page + "?q=" + "405 METHOD".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
        #expect(byWords.filter { !$0.hidden }.map(\.code) == ["MethodNotAllowed"])

        // Without a query every row shows, and the box is there to type in.
        let dom = try Self.dom(page)
        #expect(try Self.overviewRows(dom).allSatisfy { !$0.hidden })
        #expect(dom.contains("<label for=\"filter\">"))
        #expect(dom.contains("type=\"search\""))
    }

    /// A real catalog of over 1,600 errors in 24 languages nobody here wrote (MySQL's server
    /// messages, read from the shared corpora): its overview and a page of its errors fit
    /// 1280 px, and the filter finds what a MySQL user searches by: part of a symbol, an error
    /// number, a SQLSTATE, words of a translation (shown under the message, in its language).
    @Test(.enabled(if: runs, "chromium is absent (with CI set this test fails instead)"), .needs(MySQLCorpus.relative))
    func aRealCatalogOfThousandsOfErrorsFitsAndFilters() throws {
        let corpus = try MySQLCorpus.load()
        #expect(corpus.entries.count > 1_600)
        let refused = Set(MySQLLanguagesTests.mismatched(corpus).map { "\($0.symbol) \($0.language)" })
        let keep: (MySQLCorpus.Entry, String) -> Bool = { entry, code in !refused.contains("\(entry.symbol) \(code)") }
        try withTemporaryFolder { folder in
            try corpus.spec(translations: keep).write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let plan = try Self.docs(folder)
            let pages = plan.files.map(\.path).filter { $0.hasSuffix(".html") }
            #expect(pages.contains("docs/mysql.html") && pages.contains("docs/mysql-4.html"), "\(pages)")

            let overview = folder.appendingPathComponent("docs/mysql.html")
            try Self.expectFits(overview, named: "mysql")
            try Self.expectFits(folder.appendingPathComponent("docs/mysql-2.html"), named: "mysql-2")

            // What a row holds, read from the corpus: its symbol, English message, number,
            // SQLSTATE and the translations the spec keeps.
            let haystacks = corpus.entries.map { entry in
                ([entry.symbol, MySQLCorpus.template(entry.messages["eng"]!).0, "errno \(entry.errno)", entry.sqlState.map { "sqlstate \($0)" } ?? ""]
                    + MySQLCorpus.otherLanguages.filter { entry.messages[$0] != nil && keep(entry, $0) }.map { MySQLCorpus.template(entry.messages[$0]!).0 })
                    .joined(separator: " ").lowercased()
            }
            for query in ["dup_entry", "1062", "23000", "doppelter"] {
                let rows = try Self.overviewRows(Self.dom(overview.absoluteString + "?q=" + query))
                #expect(rows.count == corpus.entries.count)
                let expected = zip(corpus.entries, haystacks).filter { $0.1.contains(query) }.map(\.0.symbol)
                #expect(!expected.isEmpty, "\(query)")
                #expect(rows.filter { !$0.hidden }.map(\.code) == expected, "?q=\(query)")
            }
            #expect(corpus.entries.first { $0.errno == 1062 }?.symbol == "ER_DUP_ENTRY")

            // A German word shows the German message of each row it finds, and nothing else.
            let dom = try Self.dom(overview.absoluteString + "?q=doppelter")
            let row = try #require(dom.firstRange(of: "<code>ER_DUP_KEY</code>").flatMap { start in
                dom[start.lowerBound...].firstRange(of: "</tr>").map { String(dom[start.lowerBound..<$0.lowerBound]) }
            })
            let shownTranslations = row.matches(of: /<span lang="([a-z-]+)">([^<]*)<\/span>/).map { String($0.output.1) }
            #expect(shownTranslations == ["de"], "\(row)")
            #expect(row.contains(MySQLCorpus.template(corpus.entries.first { $0.symbol == "ER_DUP_KEY" }!.messages["ger"]!).0))

            // The box names what this catalog has: no status (it has no HTTP), its metadata keys.
            #expect(dom.contains("placeholder=\"Part of a code, errno, sqlstate or words of a message in any of its 24 languages\""))
            // Languages by their names, with their tags and coverage.
            #expect(dom.contains("<tr><td>German</td><td><code>de</code></td>"))
            #expect(dom.contains("<tr><td>Norwegian Nynorsk</td><td><code>nn</code></td>"))
        }
    }

    /// Generates the docs of `folder/errors.yaml` into `folder/docs`.
    static func docs(_ folder: URL, pageSize: Int? = nil) throws -> OutputPlan {
        var config = ErrgenConfig(root: folder)
        config.spec = "errors.yaml"
        config.swiftOutput = nil
        config.fixturesOutput = nil
        if let pageSize { config.docsPageSize = pageSize }
        let result = Generator(config: config).run()
        #expect(!result.hasErrors, "\(result.diagnostics.prefix(5))")
        let plan = try #require(result.plan)
        _ = try OutputWriter.write(plan, root: folder)
        return plan
    }

    /// A page of 500 errors (the first of a catalog of 501), each in 28 languages with metadata and parameters: how long Chromium
    /// takes from navigation to the load event with the page laid out (printed; Performance.md
    /// keeps the figures), every section there with its translations marked by language, and a
    /// link to an error deep in the page lands on its section.
    @Test(.enabled(if: runs, "chromium is absent (with CI set this test fails instead)"))
    func aPageOfFiveHundredErrorsInTwentyEightLanguagesLoads() throws {
        let languages = ["en", "bg", "ca", "cs", "da", "de", "el", "es", "et", "fi", "fr", "hu", "it", "ja",
                         "ko", "nb", "nl", "nn", "pl", "pt", "ro", "ru", "sk", "sr", "sv", "tr", "uk", "zh"]
        var spec = """
            errgen: 1
            catalogs:
              Big:
                title: Big
                formats: [json]
                languages: [\(languages.joined(separator: ", "))]
                metadata:
                  errno: {type: integer}
                errors:

            """
        for index in 1...501 {
            spec += """
                      ER_SOMETHING_WENT_WRONG_\(index):
                        status: \(index.isMultiple(of: 2) ? 400 : 409)
                        message: "Cannot apply {change} to table '{table}' (error \(index))."
                        parameters: {change: string, table: string}
                        metadata: {errno: \(1000 + index)}
                        translations:

                """
            for language in languages.dropFirst() {
                spec += "          \(language): \"[\(language)] Cannot apply {change} to table '{table}' (\(index)).\"\n"
            }
        }
        try withTemporaryFolder { folder in
            try spec.write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            _ = try Self.docs(folder, pageSize: 500)
            let page = folder.appendingPathComponent("docs/big-1.html")
            var times: [Int] = []
            for _ in 0..<3 {
                let probe = try Self.probe(page, """
                    document.body.offsetHeight;
                    report.milliseconds = Math.round(performance.now());
                    report.sections = document.querySelectorAll("section").length;
                    report.translations = document.querySelectorAll("section dd[lang]").length;
                    report.elements = document.getElementsByTagName("*").length;
                    """, in: folder)
                #expect(probe["sections"] == "500")
                #expect(probe["translations"] == "\(500 * 27)")
                times.append(Int(probe["milliseconds"] ?? "") ?? -1)
                if times.count == 1 { print("a page of 500 errors in 28 languages: \(probe["elements"] ?? "?") elements") }
            }
            print("a page of 500 errors in 28 languages: loaded and laid out in \(times.map { "\($0) ms" }.joined(separator: ", "))")

            let deep = try Self.probe(page, query: "#er_something_went_wrong_400", """
                report.top = Math.round(document.getElementById("er_something_went_wrong_400").getBoundingClientRect().top);
                """, in: folder)
            let top = Int(deep["top"] ?? "") ?? .max
            #expect((-2...40).contains(top), "the link lands \(top) px from its section")
        }
    }
}
