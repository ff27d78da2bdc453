import ErrgenRuntime

/// Writing plain text into GitHub-flavoured Markdown so that it renders as exactly that text.
public enum Markdown {
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

/// HTML text and a safe subset of Markdown for the HTML pages.
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

    /// A spec's Markdown as HTML: paragraphs, bullet lists, fenced code blocks, and inline code,
    /// emphasis, strong emphasis and links (http, https, mailto and relative only). Everything else
    /// is text, escaped: no raw HTML from a spec reaches the page.
    public static func markdown(_ markdown: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: [String] = []
        var code: (fence: String, language: String, lines: [String])?

        func flush() {
            if !paragraph.isEmpty {
                out += "<p>" + inline(paragraph.joined(separator: "\n")) + "</p>\n"
                paragraph = []
            }
            if !list.isEmpty {
                out += "<ul>\n" + list.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n"
                list = []
            }
        }

        for line in Markdown.lines(markdown) {
            let trimmed = line.drop(while: { $0 == " " })
            if var block = code {
                if trimmed.hasPrefix(block.fence), trimmed.allSatisfy({ $0 == "`" || $0 == "~" || $0 == " " }) {
                    let language = block.language.isEmpty ? "" : " class=\"language-\(escape(block.language))\""
                    out += "<pre><code\(language)>" + escape(block.lines.joined(separator: "\n")) + (block.lines.isEmpty ? "" : "\n") + "</code></pre>\n"
                    code = nil
                } else {
                    block.lines.append(line)
                    code = block
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                let marker = trimmed.first!
                let fence = String(trimmed.prefix { $0 == marker })
                code = (fence, String(trimmed.dropFirst(fence.count)).trimmingCharacters(in: " "), [])
            } else if trimmed.isEmpty {
                flush()
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                list.append(String(trimmed.dropFirst(2)))
            } else if !list.isEmpty, line.hasPrefix("  ") {
                list[list.count - 1] += "\n" + trimmed
            } else {
                if !list.isEmpty { flush() }
                paragraph.append(String(trimmed))
            }
        }
        if let block = code {
            out += "<pre><code>" + escape(block.lines.joined(separator: "\n")) + "\n</code></pre>\n"
        }
        flush()
        return out
    }

    /// How far a closing delimiter is looked for: a span longer than this is left as text, so that
    /// text full of openers stays linear to render.
    static let spanLimit = 2_000

    /// Inline Markdown: `code`, **strong**, *emphasis* / _emphasis_, [text](url); the rest escaped.
    static func inline(_ text: String) -> String {
        // Without backslashes, backticks, `*`, `_` and `[`, every character is plain text.
        if !text.utf8.contains(where: { $0 == 0x5C || $0 == 0x60 || $0 == 0x2A || $0 == 0x5F || $0 == 0x5B }) { return escape(text) }
        return inlineInFull(text)
    }

    /// `inline(_:)` without the shortcut.
    static func inlineInFull(_ text: String) -> String {
        let chars = Array(text)
        // Where each character starts in the UTF-8 form, so that a run of characters becomes a
        // string by copying its bytes, not by appending character after character.
        let utf8 = Array(text.utf8)
        var starts: [Int] = []
        starts.reserveCapacity(chars.count + 1)
        var offset = 0
        for c in chars {
            starts.append(offset)
            offset += c.utf8.count
        }
        starts.append(offset)
        func string(_ range: Range<Int>) -> String {
            String(decoding: utf8[starts[range.lowerBound]..<starts[range.upperBound]], as: UTF8.self)
        }
        var out = ""
        var i = 0
        // Where each closing delimiter occurs, collected once per delimiter, so finding the closer
        // of an opener is a binary search: text full of openers renders in O(n log n).
        var occurrences: [String: [Int]] = [:]
        func find(_ target: String, from start: Int) -> Int? {
            let positions: [Int]
            if let known = occurrences[target] {
                positions = known
            } else {
                let t = Array(target)
                var found: [Int] = []
                var j = 0
                while j + t.count <= chars.count {
                    if chars[j] == t[0], t.indices.allSatisfy({ chars[j + $0] == t[$0] }) { found.append(j) }
                    j += 1
                }
                occurrences[target] = found
                positions = found
            }
            var low = 0, high = positions.count
            while low < high {
                let mid = (low + high) / 2
                if positions[mid] < start { low = mid + 1 } else { high = mid }
            }
            guard low < positions.count, positions[low] - start <= spanLimit else { return nil }
            return positions[low]
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                out += escape(string((i + 1)..<(i + 2)))
                i += 2
            } else if c == "`" {
                var run = 0
                while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                let fence = String(repeating: "`", count: run)
                if let close = find(fence, from: i + run) {
                    var content = string((i + run)..<close).replacingOccurrences(of: "\n", with: " ")
                    if content.hasPrefix(" "), content.hasSuffix(" "), content.count > 1 { content = String(content.dropFirst().dropLast()) }
                    out += "<code>" + escape(content) + "</code>"
                    i = close + run
                } else {
                    out += fence
                    i += run
                }
            } else if (c == "*" || c == "_"), i + 1 < chars.count, chars[i + 1] == c, let close = find(String([c, c]), from: i + 2), close > i + 2 {
                out += "<strong>" + inline(string((i + 2)..<close)) + "</strong>"
                i = close + 2
            } else if c == "*" || c == "_", i + 1 < chars.count, chars[i + 1] != " ", let close = find(String(c), from: i + 1), close > i + 1 {
                out += "<em>" + inline(string((i + 1)..<close)) + "</em>"
                i = close + 1
            } else if c == "[", let closeText = find("](", from: i + 1), let closeURL = find(")", from: closeText + 2) {
                let label = string((i + 1)..<closeText)
                let url = string((closeText + 2)..<closeURL).trimmingCharacters(in: " ")
                if isSafeURL(url) {
                    out += "<a href=\"" + escape(url) + "\">" + inline(label) + "</a>"
                } else {
                    out += escape(string(i..<(closeURL + 1)))
                }
                i = closeURL + 1
            } else {
                // Plain text up to the next character that may start markup, escaped at once.
                let start = i
                i += 1
                while i < chars.count, !inlineMarkers.contains(chars[i]) { i += 1 }
                out += escape(string(start..<i))
            }
        }
        return out
    }

    /// The characters that may start inline markup; every other one is text.
    private static let inlineMarkers: Set<Character> = ["\\", "`", "*", "_", "["]

    /// Links a page may carry: http, https, mailto, fragments and relative paths; never a script.
    static func isSafeURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return true }
        guard let colon = lower.firstIndex(of: ":") else { return !lower.contains(where: { $0.isWhitespace }) }
        // A colon after a slash, ? or # is part of a relative path; before one, it starts a scheme.
        return lower[..<colon].contains { "/?#".contains($0) }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
