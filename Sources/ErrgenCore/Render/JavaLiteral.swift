import ErrgenSpec

/// Any string as Java source: a string literal that holds it exactly, or text that is safe inside a
/// comment. Both are ASCII, so javac reads them the same under any `-encoding`.
///
/// javac turns every `\uXXXX` into its character before it reads anything else, anywhere in the
/// source, comments included: `\u000a` ends a line comment and `\u0022` ends a string. So a line
/// break, a quote or a backslash is never written as a `\u` escape, and a backslash of the text is
/// never left where it could start one.
public enum JavaLiteral {
    /// A Java string literal, quotes included, holding `value` exactly: `"`, `\` and the named
    /// controls get their escapes (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`), other ASCII controls
    /// octal ones (`\000`, always three digits), and everything beyond ASCII `\uXXXX` per UTF-16
    /// code unit (a surrogate pair for a character beyond U+FFFF).
    public static func string(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for unit in value.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x00..<0x20, 0x7F: out += "\\" + octal(unit)
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: out += unicodeEscape(unit)
            }
        }
        out += "\""
        return out
    }

    /// `value` as text inside any Java comment (`//`, `/* */`, and javadoc, which is HTML): on
    /// one line (line breaks and other controls become spaces), `*/` never closing the comment,
    /// `&`, `<`, `>` and `@` as HTML character references (so no markup and no javadoc tag), a
    /// backslash as `\u005c` (the character a `\u` escape makes does not start another one), and
    /// everything beyond ASCII as `\uXXXX`.
    public static func comment(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var previous: UInt16 = 0
        for unit in value.utf16 {
            switch unit {
            case 0x00..<0x20, 0x7F: out += " "
            case 0x5C: out += "\\u005c"
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x40: out += "&#64;"
            case 0x2F where previous == 0x2A: out += "&#47;"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: out += unicodeEscape(unit)
            }
            previous = unit
        }
        return out
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    static func unicodeEscape(_ unit: UInt16) -> String {
        var out = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) { out.unicodeScalars.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)]) }
        return out
    }

    static func octal(_ unit: UInt16) -> String {
        String(unit >> 6 & 7) + String(unit >> 3 & 7) + String(unit & 7)
    }
}
