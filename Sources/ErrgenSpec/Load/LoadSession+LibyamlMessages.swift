import CYAML

/// libyaml's errors as errgen's diagnostics: its position and problem, with what its words
/// usually mean in a spec.
extension LoadSession {
    /// A diagnostic for the error libyaml reported.
    func libyamlDiagnostic() -> Diagnostic {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return .error("out of memory while parsing YAML", file: file)
        case YAML_READER_ERROR:
            // The reader reports a byte offset, not a mark.
            let location = source.location(ofOffset: p.problem_offset)
            let value = p.problem_value
            let message: String
            switch problem {
            case "control characters are not allowed":
                message = "control character \(Self.codePoint(value)) is not allowed in YAML"
            case "invalid Unicode character":
                message = "invalid Unicode character \(Self.codePoint(value))"
            case let other where other.contains("UTF-8"):
                // libyaml points past the byte that went wrong; find it.
                if let (bad, length) = source.firstInvalidUTF8() {
                    let bytes = (bad..<bad + length).map { "0x" + Self.hex(Int32(source[$0]), digits: 2) }.joined(separator: " ")
                    return .error(
                        "the file is not valid UTF-8: \(length == 1 ? "byte" : "bytes") \(bytes) here \(length == 1 ? "is" : "are") not a UTF-8 character (save the file as UTF-8)",
                        file: file, at: source.location(ofOffset: bad))
                }
                message = "the file is not valid UTF-8 (\(other) 0x\(Self.hex(value, digits: 2)))"
            default:
                message = problem
            }
            return .error(message, file: file, at: location)
        default:
            let mark = p.problem_mark
            let location = SourceLocation(line: mark.line + 1, column: mark.column + 1)
            // A byte order mark inside the document that libyaml stumbled on before the loader's
            // own checks reached it: that is the problem to report.
            if let bom = source.firstByteOrderMark(from: max(gapCheckedUpTo, source.start)), source.location(ofOffset: bom).line <= location.line {
                return byteOrderMarkError(at: bom).diagnostics[0]
            }
            var message = problem
            if problem == "found character that cannot start any token", isTab(at: location) {
                message = "found a tab character that cannot start any token (YAML indents with spaces, never tabs)"
            }
            let context = p.context.map { String(cString: $0) }
            let cm = p.context_mark
            if let context, cm.line != mark.line || cm.column != mark.column {
                message += " (\(context) started at \(cm.line + 1):\(cm.column + 1))"
            }
            // What libyaml's words usually mean in a spec.
            switch problem {
            case "mapping values are not allowed in this context":
                message += "; a value holding ': ' must be quoted, or this line is indented deeper than its key"
            case "did not find expected key":
                message += "; check this line's indentation against the keys above it, and for a stray bracket or quote"
            case "could not find expected ':'" where context == "while scanning a simple key" && mark.index - cm.index >= 1024:
                message += "; a key of more than 1024 characters must be written as an explicit key ('? key' on one line, ': value' on the next)"
            default:
                break
            }
            return .error(message, file: file, at: location)
        }
    }

    private static func codePoint(_ value: Int32) -> String {
        "U+" + hex(value, digits: 4)
    }

    private static func hex(_ value: Int32, digits: Int) -> String {
        let s = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// Whether the character at a line and column is a tab.
    private func isTab(at location: SourceLocation) -> Bool {
        var i = source.start
        var line = 1
        while line < location.line, i < source.count {
            let width = source.lineBreakWidth(at: i)
            if width > 0 { line += 1; i += width } else { i += 1 }
        }
        var column = 1
        while column < location.column, i < source.count {
            i += 1
            while i < source.count, source[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return i < source.count && source[i] == Self.tab
    }
}
