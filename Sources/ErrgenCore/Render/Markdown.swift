import ErrgenRuntime
import ErrgenSpec

/// Writing plain text into GitHub-flavoured Markdown so that it renders as exactly that text.
public enum Markdown {
    /// A link destination: the characters that would end it or change its meaning (`<`, `>`,
    /// `(`, `)`, `\`, controls, spaces) percent-encoded.
    public static func destination(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "<", ">", "(", ")", "\\", " ":
                out += "%" + String(scalar.value, radix: 16, uppercase: true)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "%" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Plain text as inline Markdown, inside a line (never at its start, where `#`, `-`, `+`, `1.`
    /// and `>` would begin a block): every character inline Markdown could read as syntax is
    /// escaped, and line breaks become spaces, so the text stays on its line whatever it holds.
    public static func text(_ text: String) -> String {
        var out = ""
        Escaper.append(text, to: &out, special: textSpecial) { bytes, i in
            switch bytes[i] {
            case 0x0A, 0x0D: return (" ", 1)
            case 0x5C: return ("\\\\", 1)
            case 0x60: return ("\\`", 1)
            case 0x2A: return ("\\*", 1)
            case 0x5F: return ("\\_", 1)
            case 0x5B: return ("\\[", 1)
            case 0x5D: return ("\\]", 1)
            case 0x3C: return ("\\<", 1)
            case 0x3E: return ("\\>", 1)
            case 0x7C: return ("\\|", 1)
            case 0x7E: return ("\\~", 1)
            case 0x26: return ("\\&", 1)
            default: return nil
            }
        }
        return out
    }

    static let textSpecial = ByteSet(Array("\n\r\\`*_[]<>|~&".utf8))

    /// Plain text for a table cell: escaped, line breaks (LF, CR LF or CR) as `<br>`.
    public static func cell(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return Self.text(text) }
        return cellInFull(text)
    }

    /// `cell(_:)` without the shortcut.
    static func cellInFull(_ text: String) -> String {
        lines(text).map(Self.text).joined(separator: "<br>")
    }

    /// Markdown text (a spec's description) for a table cell, on one line: every pipe the text
    /// does not escape itself gets a backslash, so none ends the cell (`a|b` → `a\|b`; the
    /// author's `a\|b` stays; in `a\\|b` the pipe follows an escaped backslash and gets one).
    public static func markdownCell(_ markdown: String) -> String {
        // Without line breaks, `<` and pipes there is nothing to change.
        if !markdown.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x3C || $0 == 0x7C }) { return markdown }
        return markdownCellInFull(markdown)
    }

    /// `markdownCell(_:)` without the shortcut.
    static func markdownCellInFull(_ markdown: String) -> String {
        var out = ""
        var backslashes = 0
        for scalar in blockSafe(lines(markdown).joined(separator: " ")).unicodeScalars {
            if scalar == "|", backslashes % 2 == 0 { out += "\\" }
            backslashes = scalar == "\\" ? backslashes + 1 : 0
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// A code span holding `text` exactly (line breaks become spaces, as in any code span); with
    /// `inTable`, pipes are escaped as a table cell needs. A table cell cannot hold a code span
    /// with a backslash before a pipe (the table reads `\|` as an escaped pipe even there), so
    /// such text is written as escaped plain text instead.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        var content = text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) ? lines(text).joined(separator: " ") : text
        if inTable, content.utf8.contains(0x7C) {
            if content.contains("\\|") { return cell(content) }
            content = content.replacingOccurrences(of: "|", with: "\\|")
        }
        let fence = String(repeating: "`", count: longestRun(of: UInt8(ascii: "`"), in: content) + 1)
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || (content.hasPrefix(" ") && content.hasSuffix(" ") && !content.allSatisfy { $0 == " " })
        return pad ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
    }

    /// The fence of a fenced code block that can hold `text`: at least three backticks, more than
    /// any run of backticks in it.
    public static func fence(for text: String) -> String {
        String(repeating: "`", count: max(3, longestRun(of: UInt8(ascii: "`"), in: text) + 1))
    }

    /// The longest run of `byte` (an ASCII character) in `text`, counted as Markdown does, on the
    /// bytes: a backtick followed by a combining mark still counts.
    static func longestRun(of byte: UInt8, in text: String) -> Int {
        var longest = 0, current = 0
        for b in text.utf8 {
            current = b == byte ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// A spec's Markdown (a description or summary) as a block of a page, contained so that it
    /// cannot reach beyond itself: a code fence it leaves open is closed, and `<` is written as
    /// `&lt;` outside code (except in autolinks such as `<https://example.com>`), so no raw HTML
    /// from a spec reaches the page and no HTML block or comment it opens swallows what follows.
    public static func block(_ markdown: String) -> String {
        // Without `<`, carriage returns and runs of three backticks or tildes (no fence can
        // open), every line stays as it is.
        if !markdown.utf8.contains(where: { $0 == 0x3C || $0 == 0x0D }), longestRun(of: UInt8(ascii: "`"), in: markdown) < 3,
            longestRun(of: UInt8(ascii: "~"), in: markdown) < 3
        {
            return markdown
        }
        return blockInFull(markdown)
    }

    /// `block(_:)` without the shortcut.
    static func blockInFull(_ markdown: String) -> String {
        var out: [String] = []
        var fence: (character: Character, count: Int)?
        for line in lines(markdown) {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent < 4, let first = rest.first, first == "`" || first == "~" {
                let run = rest.prefix { $0 == first }.count
                if let open = fence {
                    if first == open.character, run >= open.count, rest.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                } else if run >= 3, !(first == "`" && rest.dropFirst(run).contains("`")) {
                    fence = (first, run)
                }
                out.append(line)
                continue
            }
            out.append(fence == nil ? blockSafe(line) : line)
        }
        if let open = fence { out.append(String(repeating: open.character, count: open.count)) }
        return out.joined(separator: "\n")
    }

    /// One line of Markdown with `<` escaped outside code spans and autolinks.
    static func blockSafe(_ line: String) -> String {
        guard line.contains("<") else { return line }
        let characters = Array(line)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                // A code span: a run of backticks up to the next run of the same length.
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                var search = index + run
                var end: Int?
                while search < characters.count {
                    if characters[search] == "`" {
                        var other = 0
                        while search + other < characters.count, characters[search + other] == "`" { other += 1 }
                        if other == run { end = search + other; break }
                        search += other
                    } else {
                        search += 1
                    }
                }
                let stop = end ?? index + run
                out += String(characters[index..<stop])
                index = stop
                continue
            }
            if character == "\\", index + 1 < characters.count {
                out.append(character)
                out.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "<" {
                if let close = autolinkEnd(characters, from: index) {
                    out += String(characters[index...close])
                    index = close + 1
                    continue
                }
                out += "&lt;"
                index += 1
                continue
            }
            out.append(character)
            index += 1
        }
        return out
    }

    /// The index of the `>` that ends an autolink (`<scheme:…>` or `<name@host>`) starting at `start`.
    static func autolinkEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        var sawColonOrAt = false
        while index < characters.count, index - start < 2_048 {
            let character = characters[index]
            if character == ">" { return sawColonOrAt && index > start + 1 ? index : nil }
            if character == "<" || character.isWhitespace { return nil }
            if character == ":" || character == "@" { sawColonOrAt = true }
            index += 1
        }
        return nil
    }

    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }
}

/// HTML text, and a spec's Markdown as HTML, for the HTML pages.
public enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as entities, scalar by scalar (a quote followed by a combining
    /// mark is still a quote).
    public static func escape(_ text: String) -> String {
        var out = ""
        Escaper.append(text, to: &out, special: special, replacement: entity)
        return out
    }

    /// Appends `text` to UTF-8 bytes, escaped as `escape(_:)` does.
    public static func escape(_ text: String, to out: inout [UInt8]) {
        Escaper.append(text, to: &out, special: special, replacement: entity)
    }

    /// The five are ASCII, so they are replaced byte by byte in the UTF-8 form.
    static let special = ByteSet(Array("&<>\"'".utf8))

    static func entity(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (text: String, length: Int)? {
        switch bytes[i] {
        case 0x26: return ("&amp;", 1)
        case 0x3C: return ("&lt;", 1)
        case 0x3E: return ("&gt;", 1)
        case 0x22: return ("&quot;", 1)
        case 0x27: return ("&#39;", 1)
        default: return nil
        }
    }

    /// A spec's Markdown as HTML, rendered by cmark-gfm (`CommonMark.html(_:)`) from the block
    /// the Markdown page holds (`Markdown.block(_:)`), so the HTML page shows what GitHub shows
    /// on the Markdown page: raw HTML is text there, and safe mode drops unsafe links.
    public static func markdown(_ markdown: String) -> String {
        CommonMark.html(Markdown.block(markdown))
    }
}

