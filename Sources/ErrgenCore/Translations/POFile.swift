import ErrgenSpec
import Foundation

/// A gettext PO file: what errgen writes for translators and reads back from them.
///
/// The writer escapes strings as gettext does (`\\`, `\"`, `\n`, `\t`, `\r`, other control
/// characters in octal) and breaks a string only after an embedded line break, so its output is
/// the same bytes for the same input. The reader takes the subset of the format a translation
/// tool writes for such a file: comments, `msgctxt`, `msgid`, `msgstr` and continuation lines;
/// plural entries (`msgid_plural`, `msgstr[n]`) are refused, obsolete entries (`#~`) skipped.
public enum POFile {
    /// A string of an entry, with where each of its quoted pieces starts (the opening quote).
    public struct Text: Sendable, Hashable {
        public var value: String
        /// The keyword's position.
        public var location: SourceLocation
        /// Each quoted piece's decoded text and the position of its opening quote.
        public var pieces: [(String, SourceLocation)] {
            zip(pieceValues, pieceLocations).map { ($0, $1) }
        }
        var pieceValues: [String] = []
        var pieceLocations: [SourceLocation] = []

        init(location: SourceLocation) {
            self.value = ""
            self.location = location
        }

        /// Where the text starts: its first piece's opening quote.
        public var start: SourceLocation { pieceLocations.first ?? location }
    }

    /// One entry of a PO file.
    public struct Entry: Sendable, Hashable {
        public var context: Text?
        public var id: Text
        public var string: Text
        /// The flags of `#,` comments (`fuzzy`, `python-brace-format`).
        public var flags: Set<String>
        /// Where the entry starts (its first comment or keyword).
        public var location: SourceLocation

        public var isHeader: Bool { context == nil && id.value.isEmpty }
    }

    // MARK: - Writing

    /// `keyword "text"`, escaped; a text with line breaks inside is written as `keyword ""` and one
    /// piece per line, as gettext's tools write it.
    public static func field(_ keyword: String, _ text: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(text)
        while let newline = rest.firstIndex(of: "\n"), rest.index(after: newline) < rest.endIndex {
            lines.append(rest[...newline])
            rest = rest[rest.index(after: newline)...]
        }
        if lines.isEmpty { return "\(keyword) \"\(escaped(text))\"\n" }
        lines.append(rest)
        return "\(keyword) \"\"\n" + lines.filter { !$0.isEmpty }.map { "\"\(escaped(String($0)))\"\n" }.joined()
    }

    /// A string as the contents of a PO string literal.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let octal = String(scalar.value, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Comment lines with `prefix` (`#. `), one per line of `text`; control characters become spaces.
    public static func comment(_ prefix: String, _ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line in
            let clean = String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
            let trimmed = clean.trimmingTrailingSpaces()
            return trimmed.isEmpty ? prefix.trimmingTrailingSpaces() + "\n" : prefix + trimmed + "\n"
        }.joined()
    }

    // MARK: - Reading

    /// The entries of a PO file, or every problem found, each at its own `path:line:column`.
    public static func parse(_ bytes: [UInt8], file: String) -> (entries: [Entry], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var lines: [String] = []
        var start = 0
        var number = 1
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        while start <= content.count {
            let end = content[start...].firstIndex(of: 0x0A) ?? content.count
            var line = Array(content[start..<end])
            if line.last == 0x0D { line.removeLast() }
            if let text = String(validating: line, as: UTF8.self) {
                lines.append(text)
            } else {
                // The column of the first byte that is not UTF-8.
                var good = line.count
                while good > 0, String(validating: line[..<good], as: UTF8.self) == nil { good -= 1 }
                let column = String(decoding: line[..<good], as: UTF8.self).unicodeScalars.count + 1
                diagnostics.append(.error("the file is not UTF-8 (errgen reads and writes PO files in UTF-8)", file: file, at: SourceLocation(line: number, column: column)))
                return ([], diagnostics)
            }
            start = end + 1
            number += 1
        }

        var entries: [Entry] = []
        var context: Text?
        var id: Text?
        var string: Text?
        var flags = Set<String>()
        var entryStart: SourceLocation?
        /// Whether a problem in the entry was reported already, so it is not reported again as incomplete.
        var broken = false
        /// Which text continuation lines add to.
        enum Current { case none, context, id, string, ignored }
        var current = Current.none

        func finish(at location: SourceLocation) {
            defer {
                context = nil; id = nil; string = nil; flags = []; entryStart = nil; current = .none; broken = false
            }
            guard !broken, id != nil || context != nil || string != nil else { return }
            guard let id else {
                diagnostics.append(.error("an entry without 'msgid'", file: file, at: (context ?? string)?.location ?? location))
                return
            }
            guard let string else {
                diagnostics.append(.error("the entry has no 'msgstr'", file: file, at: id.location))
                return
            }
            entries.append(Entry(context: context, id: id, string: string, flags: flags, location: entryStart ?? id.location))
        }

        for (index, raw) in lines.enumerated() {
            let line = index + 1
            let scalars = Array(raw.unicodeScalars)
            var column = 0
            while column < scalars.count, scalars[column] == " " || scalars[column] == "\t" { column += 1 }
            let here = SourceLocation(line: line, column: column + 1)
            if column == scalars.count {
                // A blank line ends an entry that has its msgstr.
                if string != nil || broken { finish(at: here) }
                continue
            }
            let body = String(String.UnicodeScalarView(scalars[column...]))
            if body.hasPrefix("#") {
                if string != nil || broken { finish(at: here) }
                if body.hasPrefix("#~") {
                    current = .ignored
                    continue
                }
                if entryStart == nil, id == nil, context == nil { entryStart = here }
                if body.hasPrefix("#,") {
                    for flag in body.dropFirst(2).split(separator: ",") {
                        flags.insert(flag.trimmingCharacters(in: .whitespaces))
                    }
                }
                if current == .ignored { current = .none }
                continue
            }
            if body.hasPrefix("\"") {
                guard let piece = literal(scalars, from: column, line: line, file: file, diagnostics: &diagnostics) else {
                    broken = true
                    continue
                }
                let location = SourceLocation(line: line, column: column + 1)
                switch current {
                case .context: context?.append(piece, at: location)
                case .id: id?.append(piece, at: location)
                case .string: string?.append(piece, at: location)
                case .ignored: break
                case .none:
                    diagnostics.append(.error("a string that continues no 'msgctxt', 'msgid' or 'msgstr'", file: file, at: location))
                }
                continue
            }
            // A keyword and its first string.
            var end = column
            while end < scalars.count, scalars[end] != " ", scalars[end] != "\t", scalars[end] != "\"" { end += 1 }
            let keyword = String(String.UnicodeScalarView(scalars[column..<end]))
            var quote = end
            while quote < scalars.count, scalars[quote] == " " || scalars[quote] == "\t" { quote += 1 }
            let keywordAt = here
            switch keyword {
            case "msgctxt", "msgid", "msgstr":
                break
            case "msgid_plural":
                diagnostics.append(.error("plural entries ('msgid_plural') are not supported: an error's message has one form", file: file, at: keywordAt))
                current = .ignored
                broken = true
                continue
            default:
                if keyword.hasPrefix("msgstr[") {
                    diagnostics.append(.error("plural forms ('\(keyword)') are not supported: an error's message has one form", file: file, at: keywordAt))
                } else {
                    diagnostics.append(.error("unknown keyword '\(keyword)' (expected msgctxt, msgid or msgstr)", file: file, at: keywordAt))
                }
                current = .ignored
                broken = true
                continue
            }
            guard quote < scalars.count, scalars[quote] == "\"" else {
                diagnostics.append(.error("'\(keyword)' must be followed by a string in double quotes", file: file, at: SourceLocation(line: line, column: quote + 1)))
                current = .ignored
                broken = true
                continue
            }
            guard let piece = literal(scalars, from: quote, line: line, file: file, diagnostics: &diagnostics) else {
                current = .ignored
                broken = true
                continue
            }
            var text = Text(location: keywordAt)
            text.append(piece, at: SourceLocation(line: line, column: quote + 1))
            switch keyword {
            case "msgctxt":
                if id != nil || context != nil { finish(at: keywordAt) }
                if entryStart == nil { entryStart = keywordAt }
                context = text
                current = .context
            case "msgid":
                if id != nil { finish(at: keywordAt) }
                if entryStart == nil { entryStart = keywordAt }
                id = text
                current = .id
            default:
                guard id != nil else {
                    diagnostics.append(.error("'msgstr' without a 'msgid' before it", file: file, at: keywordAt))
                    current = .ignored
                    broken = true
                    continue
                }
                if string != nil {
                    diagnostics.append(.error("a second 'msgstr' in one entry", file: file, at: keywordAt))
                    current = .ignored
                    broken = true
                    continue
                }
                string = text
                current = .string
            }
        }
        finish(at: SourceLocation(line: lines.count, column: 1))
        return (entries, diagnostics.sorted())
    }

    /// The decoded contents of the string literal opening at `scalars[start]`, which must be all
    /// that is left of the line (but for a comment).
    static func literal(_ scalars: [Unicode.Scalar], from start: Int, line: Int, file: String, diagnostics: inout [Diagnostic]) -> String? {
        var out = String.UnicodeScalarView()
        var i = start + 1
        func fail(_ message: String, _ at: Int) -> String? {
            diagnostics.append(.error(message, file: file, at: SourceLocation(line: line, column: at + 1)))
            return nil
        }
        while i < scalars.count, scalars[i] != "\"" {
            let scalar = scalars[i]
            guard scalar == "\\" else {
                out.append(scalar)
                i += 1
                continue
            }
            guard i + 1 < scalars.count else { return fail("a backslash at the end of the line", i) }
            let next = scalars[i + 1]
            switch next {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "v": out.append("\u{0B}")
            case "\\", "\"", "'", "?": out.append(next)
            case "0"..."7":
                var value: UInt32 = 0
                var j = i + 1
                while j < scalars.count, j < i + 4, ("0"..."7").contains(scalars[j]) {
                    value = value * 8 + (scalars[j].value - 48)
                    j += 1
                }
                out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                i = j
                continue
            case "x":
                var value: UInt32 = 0
                var j = i + 2
                while j < scalars.count, j < i + 10, let digit = hexDigit(scalars[j]) {
                    value = value * 16 + digit
                    j += 1
                }
                guard j > i + 2, let decoded = Unicode.Scalar(value) else { return fail("'\\x' must be followed by hexadecimal digits", i) }
                out.append(decoded)
                i = j
                continue
            default:
                return fail("unknown escape '\\\(next)' in a string", i)
            }
            i += 2
        }
        guard i < scalars.count else { return fail("the string is not closed with '\"' on its line", start) }
        var rest = i + 1
        while rest < scalars.count, scalars[rest] == " " || scalars[rest] == "\t" { rest += 1 }
        if rest < scalars.count, scalars[rest] != "#" {
            return fail("unexpected text after the string", rest)
        }
        return String(out)
    }
}

extension POFile.Text {
    mutating func append(_ piece: String, at location: SourceLocation) {
        value += piece
        pieceValues.append(piece)
        pieceLocations.append(location)
    }

}

/// The value of a hexadecimal digit.
func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar {
    case "0"..."9": return scalar.value - 48
    case "a"..."f": return scalar.value - 87
    case "A"..."F": return scalar.value - 55
    default: return nil
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var scalars = Array(unicodeScalars)
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
