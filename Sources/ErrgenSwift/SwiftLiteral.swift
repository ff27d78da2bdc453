import ErrgenRuntime
import ErrgenSpec

/// Swift source text for values that come from a spec: whatever a string holds, the literal
/// means exactly that string and nothing else (no interpolation, no early end).
public enum SwiftLiteral {
    /// A one-line string literal: `"…"`.
    public static func string(_ value: String) -> String {
        "\"" + escaped(value) + "\""
    }

    /// The body of a string literal (without quotes): `\`, `"` and every control character escaped.
    public static func escaped(_ value: String) -> String {
        var out = ""
        Escaper.append(value, to: &out, special: literalSpecial) { bytes, i in
            switch bytes[i] {
            case 0x5C: return ("\\\\", 1)
            case 0x22: return ("\\\"", 1)
            case 0x09: return ("\\t", 1)
            case 0x0A: return ("\\n", 1)
            case 0x0D: return ("\\r", 1)
            case 0x00: return ("\\0", 1)
            default: return invisible(bytes, i)
            }
        }
        return out
    }

    /// Controls, `\`, `"`, DEL and the lead bytes of the invisible formatting characters.
    static let literalSpecial = ByteSet.controls(and: [0x5C, 0x22, 0x7F, 0xC2, 0xE2, 0xEF])
    static let invisibleSpecial = ByteSet.controls(and: [0x7F, 0xC2, 0xE2, 0xEF])

    /// Control characters but tab, DEL, and the invisible formatting characters (see
    /// `isInvisibleFormatting`) as `\u{…}` escapes; `nil` for any other character at `i`.
    static func invisible(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (text: String, length: Int)? {
        let lead = bytes[i]
        let scalar: UInt32, length: Int
        if lead < 0x20 && lead != 0x09 || lead == 0x7F {
            (scalar, length) = (UInt32(lead), 1)
        } else if lead == 0xC2, i + 1 < bytes.count {
            (scalar, length) = (UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        } else if lead == 0xE2 || lead == 0xEF, i + 2 < bytes.count {
            (scalar, length) = (UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        } else {
            return nil
        }
        guard length == 1 || isInvisibleFormatting(Unicode.Scalar(scalar)!) else { return nil }
        return ("\\u{" + String(scalar, radix: 16, uppercase: true) + "}", length)
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
    /// leading space (or empty), trailing blanks dropped, and invisible characters escaped. Lines
    /// end at LF, CR LF or CR; line breaks of any kind at the end are dropped. (Every line break
    /// is a character of its own, so this is done on the bytes.)
    public static func docLines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var end = bytes.count
            while end > 0 {
                let last = bytes[end - 1]
                if (0x0A...0x0D).contains(last) {
                    end -= 1
                } else if end >= 2, bytes[end - 2] == 0xC2, last == 0x85 {
                    end -= 2  // NEL
                } else if end >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, last == 0xA8 || last == 0xA9 {
                    end -= 3  // LS, PS
                } else {
                    break
                }
            }
            var lines: [String] = []
            func line(_ start: Int, _ stop: Int) {
                var stop = stop
                while stop > start, bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09 { stop -= 1 }
                if stop == start { return lines.append("") }
                var out = " "
                Escaper.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self), to: &out, special: invisibleSpecial, replacement: invisible)
                lines.append(out)
            }
            var start = 0, i = 0
            while i < end {
                switch bytes[i] {
                case 0x0A:
                    line(start, i)
                    i += 1
                    start = i
                case 0x0D:
                    line(start, i)
                    i += i + 1 < end && bytes[i + 1] == 0x0A ? 2 : 1
                    start = i
                default:
                    i += 1
                }
            }
            line(start, end)
            return lines
        }
    }
}
