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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // A screenshot, kept out of the repository (ERRGEN_SCREENSHOTS keeps them to look at).
        let screenshots = ProcessInfo.processInfo.environment["ERRGEN_SCREENSHOTS"].map { URL(fileURLWithPath: $0) } ?? folder
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let png = screenshots.appendingPathComponent(URL(fileURLWithPath: page).deletingPathExtension().lastPathComponent + ".png")
        _ = try Self.chromium(["--screenshot=\(png.path)", "--hide-scrollbars"], Paths.url(page).absoluteString)
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        #expect(size > 0, "no screenshot of \(page)")

        // A copy of the page that writes into its DOM whether it is wider than the window.
        var html = try Paths.text(page)
        let probe = """
            <script>addEventListener("load", function () {
              var root = document.documentElement;
              document.body.dataset.scrollWidth = String(root.scrollWidth);
              document.body.dataset.innerWidth = String(window.innerWidth);
              document.body.dataset.fits = String(root.scrollWidth <= window.innerWidth);
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
        #expect(dom.contains("data-fits=\"true\""), "\(page) scrolls sideways at 1280 px: scrollWidth \(widths[0]), innerWidth \(widths[1])")
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
}
