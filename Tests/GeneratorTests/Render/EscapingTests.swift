@testable import ErrgenCore
@_spi(ErrgenGenerated) @testable import ErrgenRuntime
@testable import ErrgenSpec
@testable import ErrgenSwift
import Testing

/// The escapers copy unescaped runs whole and take shortcuts when nothing needs escaping; these
/// tests hold them to the plain definitions, written here character by character, on random text
/// made of the characters each syntax cares about.
@Suite struct EscapingTests {
    /// Characters that matter to JSON, XML, HTML and Markdown, and multi-byte characters whose
    /// bytes resemble the ones that do (U+2027 and U+20AC start like U+2028; U+FFFC and U+FBBF
    /// like U+FFFE and U+FEFF).
    static let alphabet: [String] = {
        var characters = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        characters += [
            "\r\n", "\u{2028}", "\u{2029}", "\u{2027}", "€", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FFFC}",
            "\u{FBBF}", "\u{FFBE}", "\u{200B}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{200A}", "\u{A0}", "\u{0B}", "é", "\u{301}", "\u{85}", "\u{9F}", "👩‍👩‍👧", "字", "\u{10FFFF}", "```", "~~~", "    ",
        ]
        characters += Array(repeating: "a", count: 40) + Array(repeating: " ", count: 10)
        return characters
    }()

    static func samples(seed: UInt64, count: Int = 3_000) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int(random.next() % 24)
            return (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
        }
    }

    // MARK: The definitions

    /// Each scalar of `text` as `escape` writes it, or itself.
    static func scalarByScalar(_ text: String, _ escape: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let escaped = escape(scalar) { out += escaped } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `\u{…}` with the scalar's value in upper-case hex.
    static func braced(_ scalar: Unicode.Scalar) -> String { "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" }

    static func json(_ string: String) -> String {
        let named: [Unicode.Scalar: String] = [
            "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f",
            "\u{2028}": "\\u2028", "\u{2029}": "\\u2029", "\u{FEFF}": "\\ufeff",
        ]
        return "\"" + scalarByScalar(string) { scalar in
            if let escape = named[scalar] { return escape }
            guard scalar.value < 0x20 || scalar.value == 0x7F else { return nil }
            let digits = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        } + "\""
    }

    static func xml(_ text: String, attribute: Bool) -> String {
        var named: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"]
        if attribute { named.merge(["\"": "&quot;", "\t": "&#9;", "\n": "&#10;"]) { $1 } }
        return scalarByScalar(text) { scalar in
            if let escape = named[scalar] { return escape }
            switch scalar.value {
            case 0x09, 0x0A, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return nil
            default: return "\u{FFFD}"
            }
        }
    }

    static func html(_ text: String) -> String {
        scalarByScalar(text) { ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"][$0] }
    }

    static func markdownText(_ text: String) -> String {
        scalarByScalar(text) { scalar in
            if scalar == "\n" || scalar == "\r" { return " " }
            return "\\`*_[]<>|~&".unicodeScalars.contains(scalar) ? "\\" + String(scalar) : nil
        }
    }

    static func markdownCode(_ text: String, inTable: Bool) -> String {
        var content = Markdown.lines(text).joined(separator: " ")
        if inTable {
            if content.contains("\\|") { return Markdown.cellInFull(content) }
            content = content.replacingOccurrences(of: "|", with: "\\|")
        }
        var longest = 0, current = 0
        for scalar in content.unicodeScalars {
            current = scalar == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || (content.hasPrefix(" ") && content.hasSuffix(" ") && !content.allSatisfy { $0 == " " })
        return pad ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
    }

    static func invisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    static func swiftLiteral(_ value: String) -> String {
        let named: [Unicode.Scalar: String] = ["\\": "\\\\", "\"": "\\\"", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"]
        return scalarByScalar(value) { scalar in
            named[scalar] ?? (scalar.value < 0x20 || scalar.value == 0x7F || invisible(scalar) ? braced(scalar) : nil)
        }
    }

    static func docLines(_ text: String) -> [String] {
        var text = Substring(text)
        while let last = text.last, last.isNewline { text.removeLast() }
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map { line in
            var line = line
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            if line.isEmpty { return "" }
            return " " + scalarByScalar(String(line)) { scalar in
                scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F || invisible(scalar) ? braced(scalar) : nil
            }
        }
    }

    static func tableField(_ field: String) -> String {
        scalarByScalar(field) { ["\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"][$0] }
    }

    /// Message templates read scalar by scalar: `{{` and `}}` (and `||` in a section) literal, a
    /// name and `?` a section up to its `}` (split at its first `|`), else everything up to the
    /// next `}` a placeholder's name.
    static func template(_ source: String) -> (MessageTemplate, [MessageTemplate.Problem]) {
        var problems: [MessageTemplate.Problem] = []
        let scalars = Array(source.unicodeScalars)
        var i = 0
        func isName(_ c: Unicode.Scalar, first: Bool) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || (!first && ("0"..."9" ~= c || c == "-" || c == "_")))
        }
        func read(section: Int?) -> (present: [MessageTemplate.Segment], absent: [MessageTemplate.Segment]) {
            var segments: [MessageTemplate.Segment] = []
            var present: [MessageTemplate.Segment]?
            var text = String.UnicodeScalarView()
            func flush() {
                if !text.isEmpty { segments.append(.text(String(text))) }
                text = String.UnicodeScalarView()
            }
            func finish() -> (present: [MessageTemplate.Segment], absent: [MessageTemplate.Segment]) {
                flush()
                return present.map { ($0, segments) } ?? (segments, [])
            }
            while i < scalars.count {
                let c = scalars[i]
                if c == "{" || c == "}" || (section != nil && c == "|"), i + 1 < scalars.count, scalars[i + 1] == c {
                    text.append(c)
                    i += 2
                } else if section != nil, c == "}" {
                    i += 1
                    return finish()
                } else if section != nil, c == "|", present == nil {
                    flush()
                    present = segments
                    segments = []
                    i += 1
                } else if c == "{" {
                    var end = i + 1
                    while end < scalars.count, isName(scalars[end], first: end == i + 1) { end += 1 }
                    if end > i + 1, end < scalars.count, scalars[end] == "?" {
                        let name = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
                        let start = i
                        i = end + 1
                        flush()
                        if section != nil {
                            problems.append(.init(message: "a section cannot hold another section ('{\(name)?' inside one)", offset: start))
                        }
                        let (whenPresent, whenAbsent) = read(section: start)
                        segments.append(.section(name: name, offset: start, present: whenPresent, absent: whenAbsent))
                        continue
                    }
                    guard let close = scalars[(i + 1)...].firstIndex(of: "}") else {
                        problems.append(.init(message: "unclosed '{' in template (write '{{' for a literal brace)", offset: i))
                        text.append(contentsOf: scalars[i...])
                        i = scalars.count
                        break
                    }
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                    if let complaint = MessageTemplate.nameProblem(name) {
                        problems.append(.init(message: complaint, offset: i))
                    } else {
                        flush()
                        segments.append(.placeholder(name: name, offset: i))
                    }
                    i = close + 1
                } else if c == "}" {
                    problems.append(.init(message: "unmatched '}' in template (write '}}' for a literal brace)", offset: i))
                    text.append(c)
                    i += 1
                } else {
                    text.append(c)
                    i += 1
                }
            }
            if let section {
                problems.append(.init(message: "unclosed section: '}' ends it (write '{{' for a literal brace)", offset: section))
            }
            return finish()
        }
        let read = read(section: nil)
        return (MessageTemplate(source: source, segments: read.present), problems)
    }

    /// The runtime's reading of a table template, scalar by scalar.
    static func runtimeTemplate(_ text: String, names: [String]) -> [Catalog.Template.Segment] {
        var segments: [Catalog.Template.Segment] = []
        var literal = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" || c == "}", i + 1 < scalars.count, scalars[i + 1] == c {
                literal.append(c)
                i += 2
            } else if c == "{", let close = scalars[(i + 1)...].firstIndex(of: "}"),
                let index = names.firstIndex(of: String(String.UnicodeScalarView(scalars[(i + 1)..<close])))
            {
                if !literal.isEmpty { segments.append(.text(String(literal))) }
                literal = String.UnicodeScalarView()
                segments.append(.argument(index))
                i = close + 1
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { segments.append(.text(String(literal))) }
        return segments
    }

    // MARK: The tests

    @Test func theRuntimeReadsTemplatesAsScalarByScalar() {
        let pieces = ["{user}", "{count}", "{other}", "{{", "}}", "{", "}", "é", "\u{301}", "👩‍👩‍👧", "text "]
        var random = SplitMix64(seed: 9)
        for _ in 0..<4_000 {
            let sample = (0..<Int(random.next() % 10)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let names = ["user", "count"]
            #expect(Catalog.parseTemplate(sample, names: names).segments == Self.runtimeTemplate(sample, names: names), "\(Array(sample.unicodeScalars))")
        }
    }

    @Test func templatesAreReadAsScalarByScalar() {
        let pieces = ["{user}", "{a-b_1}", "{{", "}}", "{", "}", "{é}", "{1x}", "{}", "é", "👩‍👩‍👧", "text ", "\u{301}", "{user?", "|", "||", "?"]
        var random = SplitMix64(seed: 7)
        let samples = Self.samples(seed: 8) + (0..<3_000).map { _ in
            (0..<Int(random.next() % 10)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
        for sample in samples {
            let (template, problems) = MessageTemplate.parse(sample)
            let (expected, expectedProblems) = Self.template(sample)
            #expect(template == expected, "\(Array(sample.unicodeScalars))")
            #expect(problems == expectedProblems, "\(Array(sample.unicodeScalars))")
        }
    }

    @Test func swiftLiteralsDocLinesAndTableFieldsAreTheDefinition() {
        for sample in Self.samples(seed: 5) + Self.samples(seed: 6).map({ $0 + "\n\u{2028}\r\n" }) {
            #expect(SwiftLiteral.escaped(sample) == Self.swiftLiteral(sample), "\(Array(sample.unicodeScalars))")
            #expect(SwiftLiteral.docLines(sample) == Self.docLines(sample), "\(Array(sample.unicodeScalars))")
            #expect(CatalogTable.escaped(sample) == Self.tableField(sample), "\(Array(sample.unicodeScalars))")
        }
    }

    @Test func jsonStringsAreTheDefinition() {
        for sample in Self.samples(seed: 1) {
            #expect(WireBody.jsonString(sample) == Self.json(sample), "\(Array(sample.unicodeScalars))")
        }
    }

    @Test func xmlTextAndAttributesAreTheDefinition() {
        for sample in Self.samples(seed: 2) {
            for attribute in [false, true] {
                var out = ""
                XML.escape(sample, to: &out, attribute: attribute)
                #expect(out == Self.xml(sample, attribute: attribute), "\(Array(sample.unicodeScalars))")
            }
        }
    }

    @Test func htmlAndMarkdownTextAreTheDefinition() {
        for sample in Self.samples(seed: 3) {
            #expect(HTML.escape(sample) == Self.html(sample))
            var bytes: [UInt8] = Array("x".utf8)
            HTML.escape(sample, to: &bytes)
            #expect(bytes == Array(("x" + Self.html(sample)).utf8))
            #expect(Markdown.text(sample) == Self.markdownText(sample), "\(Array(sample.unicodeScalars))")
            #expect(Markdown.code(sample) == Self.markdownCode(sample, inTable: false), "\(Array(sample.unicodeScalars))")
            #expect(Markdown.code(sample, inTable: true) == Self.markdownCode(sample, inTable: true), "\(Array(sample.unicodeScalars))")
        }
    }

    @Test func shortcutsAgreeWithTheFullRules() {
        for sample in Self.samples(seed: 4) {
            #expect(Markdown.cell(sample) == Markdown.cellInFull(sample), "\(Array(sample.unicodeScalars))")
            #expect(Markdown.markdownCell(sample) == Markdown.markdownCellInFull(sample), "\(Array(sample.unicodeScalars))")
            #expect(Markdown.block(sample) == Markdown.blockInFull(sample), "\(Array(sample.unicodeScalars))")
        }
    }

    /// The shortcuts are taken: without this, the test above could pass by never comparing one.
    @Test func theSamplesTakeBothPaths() {
        let samples = Self.samples(seed: 4)
        let plain = samples.filter { !$0.utf8.contains { [0x0A, 0x0D, 0x3C, 0x7C, 0x60, 0x7E, 0x5C, 0x2A, 0x5F, 0x5B].contains($0) } }
        #expect(plain.count > 100)
        #expect(samples.count - plain.count > 100)
    }
}
