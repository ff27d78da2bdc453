import CYAML

/// Checks of the source where libyaml 0.2.5 accepts what YAML 1.2 forbids or reads it
/// differently; each looks only at text libyaml has already placed.
extension LoadSession {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    private func isBlankOrBreak(_ b: UInt8) -> Bool {
        b == Self.space || b == Self.tab || b == 0x0A || b == 0x0D
    }

    /// Checks a scalar's text in the source and moves the gap check past it.
    mutating func checkScalarSource(
        style: YAMLScalar.Style, bytes: UnsafeBufferPointer<UInt8>, anchor: UnsafeMutablePointer<yaml_char_t>?
    ) throws(DiagnosticError) {
        let startOffset = source.offset(ofCharacter: event.pointee.start_mark.index)
        let endOffset = source.offset(ofCharacter: event.pointee.end_mark.index)
        try checkNodeStart(at: startOffset, anchor: anchor)
        try checkByteOrderMarks(value: bytes, from: startOffset, to: endOffset)
        let indent = topBlockIndent + 1
        switch style {
        case .literal, .folded:
            // The header line (indicator, indentation and chomping, comment) is searched for
            // comments; the content is not.
            let indicator = propertiesEnd(from: startOffset)
            let headerEnd = source.lineEnd(from: indicator)
            try checkGap(upTo: headerEnd)
            gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
            try checkBlockScalar(indicator: indicator, headerEnd: headerEnd, end: endOffset, indent: indent)
        case .singleQuoted, .doubleQuoted:
            try checkGap(upTo: startOffset)
            gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
            try checkContinuationLines(from: startOffset, to: endOffset, indent: indent, what: "quoted scalar")
        case .plain:
            try checkGap(upTo: startOffset)
            gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
            if bytes.count == 1, bytes[0] == UInt8(ascii: "-"), inFlow {
                throw error("a plain '-' cannot be a scalar in a flow collection; quote it", at: startLocation)
            }
        }
    }

    /// Checks the source between the last scalar and `offset`, outside every scalar. A comment
    /// starts with `#` after whitespace, but libyaml takes any `#` there for a comment, so each must
    /// follow whitespace. A byte order mark may start a document (`documentPrefix`), but not stand
    /// inside one, where libyaml skips it at the start of a line.
    mutating func checkGap(upTo offset: Int, documentPrefix: Bool = false) throws(DiagnosticError) {
        var i = gapCheckedUpTo
        let end = min(offset, source.count)
        guard i < end else { return }
        let hash = UInt8(ascii: "#")
        while i < end {
            let b = source[i]
            if b == hash, i > source.start, !isBlankOrBreak(source[i - 1]), !(i >= 3 && source.isByteOrderMark(at: i - 3)) {
                throw error("a comment needs whitespace before '#'", at: source.location(ofOffset: i))
            }
            if b == 0xEF, !documentPrefix, source.isByteOrderMark(at: i) {
                throw byteOrderMarkError(at: i)
            }
            i += 1
        }
        gapCheckedUpTo = end
    }

    func byteOrderMarkError(at offset: Int) -> DiagnosticError {
        error("a byte order mark (U+FEFF) is only allowed at the start of a document", at: source.location(ofOffset: offset))
    }

    /// A byte order mark in a scalar's text is not content (YAML 1.2 `nb-char` excludes it); libyaml
    /// keeps it. Only the source can tell it from a double-quoted `\uFEFF`, so the source is searched
    /// only when the value holds one.
    private func checkByteOrderMarks(value: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(DiagnosticError) {
        guard value.count >= 3, value.contains(0xEF) else { return }
        var i = start
        while i < min(end, source.count) {
            if source[i] == 0xEF, source.isByteOrderMark(at: i) { throw byteOrderMarkError(at: i) }
            i += 1
        }
    }

    /// Checks what libyaml reads differently from YAML 1.2 where a node starts: a `?` directly before
    /// it (libyaml takes `?x` in a flow collection for an explicit key; YAML 1.2 for a plain scalar
    /// `?x`), and an anchor whose name runs on into `:` and similar characters.
    func checkNodeStart(at offset: Int, anchor: UnsafeMutablePointer<yaml_char_t>?) throws(DiagnosticError) {
        if inFlow, offset > source.start, source[offset - 1] == UInt8(ascii: "?") {
            throw error(
                "a plain scalar starting with '?' in a flow collection is not supported; quote it or put a space after '?'",
                at: source.location(ofOffset: offset - 1)
            )
        }
        guard let anchor else { return }
        // Walk the node's properties to the anchor.
        var i = offset
        while i < source.count {
            switch source[i] {
            case UInt8(ascii: "&"):
                var length = 0
                while anchor[length] != 0 { length += 1 }
                try checkNameEnd(at: i + 1 + length)
                return
            case UInt8(ascii: "!"):
                while i < source.count, !isBlankOrBreak(source[i]) { i += 1 }
            case UInt8(ascii: "#"):
                i = source.lineEnd(from: i)
            case let b where isBlankOrBreak(b):
                i += 1
            default:
                return
            }
        }
    }

    /// libyaml ends an anchor or alias name at the first character that is not a letter, digit,
    /// `-` or `_`, and accepts `:`, `?`, `%`, `@` or `` ` `` right after it; YAML 1.2 makes those
    /// part of the name.
    func checkNameEnd(at offset: Int) throws(DiagnosticError) {
        guard offset < source.count else { return }
        switch source[offset] {
        case UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw error(
                "anchor and alias names are limited to letters, digits, '-' and '_' (found '\(Character(Unicode.Scalar(source[offset])))')",
                at: source.location(ofOffset: offset)
            )
        default:
            return
        }
    }

    /// The offset after a node's properties (tags, anchors, and the whitespace and comments between
    /// them), where its content starts.
    private func propertiesEnd(from offset: Int) -> Int {
        var i = offset
        while i < source.count {
            switch source[i] {
            case UInt8(ascii: "!"), UInt8(ascii: "&"):
                while i < source.count, !isBlankOrBreak(source[i]) { i += 1 }
            case UInt8(ascii: "#"):
                i = source.lineEnd(from: i)
            case let b where isBlankOrBreak(b):
                i += 1
            default:
                return i
            }
        }
        return i
    }

    /// Lines after the first of a flow collection or a quoted scalar are indented by at least
    /// `indent` spaces, one more than the enclosing block collection's entries (YAML 1.2
    /// `s-flow-line-prefix(n)`); libyaml does not check this. Empty lines, and comment lines in
    /// a flow collection, may be indented less.
    func checkContinuationLines(from start: Int, to end: Int, indent: Int, what: String) throws(DiagnosticError) {
        guard indent > 0 else { return }
        let comments = what == "flow collection"
        var lineStart = source.nextLineStart(after: start)
        while lineStart < end {
            var spaces = lineStart
            while spaces < source.count, source[spaces] == Self.space { spaces += 1 }
            var i = spaces
            while i < source.count, source[i] == Self.space || source[i] == Self.tab { i += 1 }
            let blank = i >= source.count || source.lineBreakWidth(at: i) > 0
            let comment = comments && i < source.count && source[i] == UInt8(ascii: "#")
            if !blank, !comment, spaces - lineStart < indent {
                let tabNote = source[spaces] == Self.tab ? " (a tab does not count)" : ""
                throw error(
                    "lines of a \(what) must be indented by at least \(indent) space\(indent == 1 ? "" : "s") here\(tabNote)",
                    at: source.location(ofOffset: spaces)
                )
            }
            lineStart = source.nextLineStart(after: lineStart)
        }
    }

    /// Two cases libyaml reads differently from YAML 1.2: leading empty lines with more spaces
    /// than the first line of text (an error in YAML 1.2; libyaml takes the longest one as the
    /// indentation and ends the scalar), and a last line of spaces at the end of input without a
    /// line break (libyaml drops it).
    private func checkBlockScalar(indicator: Int, headerEnd: Int, end: Int, indent: Int) throws(DiagnosticError) {
        var explicitIndentation = false
        var i = indicator + 1
        while i < min(indicator + 3, source.count), source[i] != Self.space, source[i] != Self.tab {
            if source[i] >= UInt8(ascii: "1"), source[i] <= UInt8(ascii: "9") { explicitIndentation = true }
            i += 1
        }
        if !explicitIndentation {
            var lineStart = source.nextLineStart(after: headerEnd)
            var longestEmpty = 0
            while lineStart < source.count {
                var j = lineStart
                while j < source.count, source[j] == Self.space { j += 1 }
                let spaces = j - lineStart
                if j < source.count, source.lineBreakWidth(at: j) > 0 {
                    longestEmpty = max(longestEmpty, spaces)
                    lineStart = j + source.lineBreakWidth(at: j)
                    continue
                }
                if j < source.count, spaces >= indent, spaces < longestEmpty {
                    throw error(
                        "a leading empty line of this block scalar has \(longestEmpty) spaces, more than its first line of text (\(spaces))",
                        at: source.location(ofOffset: j)
                    )
                }
                break
            }
        }
        if let lastLine = finalLineOfSpaces, lastLine > headerEnd, end >= lastLine {
            throw error(
                "a block scalar whose last line holds only spaces must end with a line break",
                at: source.location(ofOffset: lastLine)
            )
        }
    }
}
