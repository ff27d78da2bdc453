/// Swift source text for values that come from a spec: whatever a string holds, the literal
/// means exactly that string and nothing else (no interpolation, no early end).
public enum SwiftLiteral {
    /// A one-line string literal: `"…"`.
    public static func string(_ value: String) -> String {
        "\"" + escaped(value) + "\""
    }

    /// The body of a string literal (without quotes): `\`, `"` and every control character escaped.
    public static func escaped(_ value: String) -> String {
        // Bytes that may need an escape: controls, `"`, `\`, DEL, and the lead bytes of U+0080–U+009F
        // (0xC2) and of the invisible formatting characters (0xE2, 0xEF).
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) {
            return value
        }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || isInvisibleFormatting(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Line and paragraph separators, bidirectional controls and similar characters are written as
    /// escapes so the generated source shows them rather than being reordered by them.
    static func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Doc-comment lines for Markdown text: each line of the text becomes one `///` line, with a
    /// leading space (or empty), trailing blanks dropped, and invisible characters escaped.
    public static func docLines(_ text: String) -> [String] {
        var text = Substring(text)
        while let last = text.last, last.isNewline { text.removeLast() }
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { line in
                var line = line
                while let last = line.last, last == " " || last == "\t" { line.removeLast() }
                if line.isEmpty { return "" }
                if !line.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) {
                    return " " + line
                }
                var out = " "
                for scalar in line.unicodeScalars {
                    if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F || isInvisibleFormatting(scalar) {
                        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
                return out
            }
    }
}
