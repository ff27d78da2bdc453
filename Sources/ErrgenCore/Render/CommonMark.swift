import CCmarkGFM
import ErrgenSpec
import Foundation

/// Markdown to HTML with cmark-gfm, GitHub's own renderer, so that the HTML pages show a spec's
/// Markdown as GitHub shows the Markdown pages.
///
/// Safe mode, cmark-gfm's default: raw HTML becomes `<!-- raw HTML omitted -->` and links to
/// `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs lose their target. The GFM
/// extensions are the ones GitHub uses for text (tables, autolinks, strikethrough); the same call
/// on the command line is `cmark-gfm` followed by `commandArguments`.
public enum CommonMark {
    /// The GFM extensions attached to every parser, by their cmark-gfm names.
    public static let extensions = ["table", "autolink", "strikethrough"]

    /// The arguments of the `cmark-gfm` command that renders as `html(_:)` does.
    public static let commandArguments = extensions.flatMap { ["--extension", $0] }

    /// `CMARK_OPT_DEFAULT`: safe, no smart punctuation, soft breaks as line breaks.
    static let options = CMARK_OPT_DEFAULT

    /// The extensions, registered once (the registry is global and not locked).
    nonisolated(unsafe) static let syntaxExtensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensions.map { name in
            guard let found = cmark_find_syntax_extension(name) else { fatalError("cmark-gfm has no \(name) extension") }
            return found
        }
    }()

    /// cmark-gfm 0.29 keeps the set of characters that may start inline syntax in a global table,
    /// which every parse with extensions changes while it parses inlines (it adds `~`, `:`, `w`…
    /// and removes them when done): two parses at once can miss each other's strikethrough or
    /// autolinks. Parses take turns; rendering the parsed tree runs in parallel.
    static let parseLock = NSLock()

    /// `markdown` as HTML, exactly as the `cmark-gfm` command with `commandArguments` prints it;
    /// or, for input on which cmark-gfm 0.29.0.gfm.6 (Debian 12's) would take quadratic time,
    /// the text escaped in one paragraph (see `isWithinBudget(_:)`).
    public static func html(_ markdown: String) -> String {
        guard isWithinBudget(markdown) else { return "<p>" + HTML.escape(markdown) + "</p>\n" }
        let extensions = syntaxExtensions
        guard let parser = cmark_parser_new(options) else { fatalError("cmark-gfm could not allocate a parser") }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in extensions { cmark_parser_attach_syntax_extension(parser, syntaxExtension) }
        let document: OpaquePointer? = parseLock.withLock {
            var text = markdown
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            return cmark_parser_finish(parser)
        }
        guard let document else { fatalError("cmark-gfm could not parse") }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark-gfm could not render")
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The most table columns (pipes on one line) and table cells (columns times lines) an input
    /// may hold: cmark-gfm 0.29.0.gfm.6 takes time quadratic in a table's columns and fills every
    /// row up to the header's width (later versions stop a table at 0x80000 filled cells).
    static let maximumColumns = 1_000
    static let maximumCells = 0x80000

    /// The most image openers (`![`) times closing brackets an input may hold: cmark-gfm
    /// 0.29.0.gfm.6 walks every open image opener for each link it closes (CVE-2023-22486).
    static let maximumImageLinkPairs = 10_000_000

    /// Whether cmark-gfm renders `markdown` in time about linear in its length: the shapes known
    /// to be quadratic in cmark-gfm 0.29.0.gfm.6 stay within their budgets. Only hostile input
    /// exceeds them (a thousand-column table, ten thousand image openers followed by links).
    static func isWithinBudget(_ markdown: String) -> Bool {
        var lines = 1, pipesOnLine = 0, maximumPipes = 0, imageOpeners = 0, closers = 0
        var previous: UInt8 = 0
        for byte in markdown.utf8 {
            switch byte {
            case 0x0A, 0x0D:
                if !(byte == 0x0A && previous == 0x0D) { lines += 1 }
                maximumPipes = max(maximumPipes, pipesOnLine)
                pipesOnLine = 0
            case 0x7C: pipesOnLine += 1
            case 0x5B: if previous == 0x21 { imageOpeners += 1 }
            case 0x5D: closers += 1
            default: break
            }
            previous = byte
        }
        maximumPipes = max(maximumPipes, pipesOnLine)
        let columns = maximumPipes + 1
        return columns <= maximumColumns && columns * lines <= maximumCells && imageOpeners * closers <= maximumImageLinkPairs
    }
}
