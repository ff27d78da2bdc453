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
    /// to look at), and requires that nothing on it makes the page wider than the window.
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

        // A copy of the page, beside it (so its links still resolve), that writes into its DOM
        // whether it is wider than the window.
        var html = try String(contentsOf: url, encoding: .utf8)
        let probe = """
            <script>addEventListener("load", function () {
              var root = document.documentElement;
              document.body.dataset.scrollWidth = String(root.scrollWidth);
              document.body.dataset.innerWidth = String(window.innerWidth);
              document.body.dataset.fits = String(root.scrollWidth <= window.innerWidth);
              var wrapped = [];
              document.querySelectorAll("table.errors td:first-child code").forEach(function (code) {
                if (code.textContent.length <= 24 && code.getClientRects().length > 1) wrapped.push(code.textContent);
              });
              document.body.dataset.wrappedCodes = wrapped.join(" ");
            });</script>

            """
        let end = try #require(html.range(of: "</body>", options: .backwards))
        html.insert(contentsOf: probe, at: end.lowerBound)
        let copy = folder.appendingPathComponent("page.html")
        try html.write(to: copy, atomically: true, encoding: .utf8)
        let dom = try Self.dom(copy.absoluteString)
        let widths = ["scroll-width", "inner-width"].map { name in
            dom.firstMatch(of: try! Regex("data-\(name)=\"([0-9]+)\"")).map { String($0.output[1].substring ?? "") } ?? "?"
        }
        #expect(
            dom.contains("data-fits=\"true\""), "\(name) scrolls sideways at 1280 px: scrollWidth \(widths[0]), innerWidth \(widths[1])",
            sourceLocation: sourceLocation)
        // A code of up to 24 characters stays on one line of the overview: the code column is
        // never squeezed to a sliver by long messages beside it.
        let wrapped = dom.firstMatch(of: /data-wrapped-codes="([^"]*)"/).map { String($0.output.1) }
        #expect(wrapped == "", "\(name): short codes wrap onto two lines: \(wrapped ?? "?")", sourceLocation: sourceLocation)
    }

    /// The codes of the overview's rows, each with whether it is hidden.
    static func overviewRows(_ dom: String) throws -> [(code: String, hidden: Bool)] {
        let table = try #require(dom.firstRange(of: "<table class=\"errors\">").flatMap { start in
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

    /// A real catalog of over 1,600 errors nobody here wrote (MySQL's server messages, read from
    /// the shared corpora): its overview and a page of its errors fit 1280 px, and typing part of
    /// a symbol into the filter leaves exactly the rows that contain it.
    @Test(.enabled(if: runs, "chromium is absent (with CI set this test fails instead)"), .needs(MySQLCorpus.relative))
    func aRealCatalogOfThousandsOfErrorsFitsAndFilters() throws {
        let corpus = try MySQLCorpus.load()
        #expect(corpus.entries.count > 1_600)
        try withTemporaryFolder { folder in
            try corpus.spec.write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            var config = ErrgenConfig(root: folder)
            config.spec = "errors.yaml"
            config.swiftOutput = nil
            config.fixturesOutput = nil
            let result = Generator(config: config).run()
            #expect(!result.hasErrors, "\(result.diagnostics.prefix(5))")
            let plan = try #require(result.plan)
            _ = try OutputWriter.write(plan, root: folder)
            let pages = plan.files.map(\.path).filter { $0.hasSuffix(".html") }
            #expect(pages.contains("docs/mysql.html") && pages.contains("docs/mysql-4.html"), "\(pages)")

            let overview = folder.appendingPathComponent("docs/mysql.html")
            try Self.expectFits(overview, named: "mysql")
            try Self.expectFits(folder.appendingPathComponent("docs/mysql-2.html"), named: "mysql-2")

            let rows = try Self.overviewRows(Self.dom(overview.absoluteString + "?q=dup_entry"))
            #expect(rows.count == corpus.entries.count)
            let expected = corpus.entries.map(\.symbol).filter { $0.lowercased().contains("dup_entry") }
            #expect(expected.count >= 2)
            #expect(rows.filter { !$0.hidden }.map(\.code) == expected)
        }
    }
}
