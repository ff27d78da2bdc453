import ErrgenSpec

/// A spec's text with the operations `import-translations` needs to change a few lines of it and
/// leave every other byte as it was: positions from the loader's `SourceLocation`s, the end of a
/// block-style value, and edits (a range of the text and what replaces it).
///
/// Lines are counted as libyaml counts them (LF, CR LF, CR, NEL, LS and PS end a line) and columns
/// in Unicode scalars, so a loader location maps onto the text exactly.
struct SpecText {
    /// The text without a byte order mark.
    var scalars: [Unicode.Scalar]
    var hasBOM: Bool
    /// The offset of each line's first scalar.
    var lineStarts: [Int]
    /// The line break new lines get: the file's first one, else LF.
    var newline: String

    init?(_ bytes: [UInt8]) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        guard let text = String(validating: hasBOM ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self) else { return nil }
        self.hasBOM = hasBOM
        scalars = Array(text.unicodeScalars)
        lineStarts = [0]
        newline = ""
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            var width = 0
            switch s {
            case "\r": width = i + 1 < scalars.count && scalars[i + 1] == "\n" ? 2 : 1
            case "\n", "\u{85}", "\u{2028}", "\u{2029}": width = 1
            default: break
            }
            if width > 0 {
                if newline.isEmpty { newline = width == 2 ? "\r\n" : s == "\r" ? "\r" : "\n" }
                i += width
                lineStarts.append(i)
            } else {
                i += 1
            }
        }
        if newline.isEmpty || !["\n", "\r\n"].contains(newline) { newline = "\n" }
    }

    var bytes: [UInt8] {
        (hasBOM ? [0xEF, 0xBB, 0xBF] : []) + Array(String(String.UnicodeScalarView(scalars)).utf8)
    }

    /// The offset of a loader location.
    func offset(_ location: SourceLocation) -> Int {
        let line = min(max(location.line - 1, 0), lineStarts.count - 1)
        return min(lineStarts[line] + location.column - 1, scalars.count)
    }

    /// The index (0-based) of the line holding `offset`.
    func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Where line `index`'s content ends: at its line break, or the end of the text.
    func lineEnd(_ index: Int) -> Int {
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : scalars.count
        while end > lineStarts[index], Self.isBreak(scalars[end - 1]) { end -= 1 }
        return end
    }

    static func isBreak(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" || s == "\u{85}" || s == "\u{2028}" || s == "\u{2029}" }

    /// The number of spaces that start line `index`.
    func indentation(_ index: Int) -> Int {
        var i = lineStarts[index]
        let end = lineEnd(index)
        while i < end, scalars[i] == " " { i += 1 }
        return i - lineStarts[index]
    }

    /// The first scalar of line `index` that is neither a space nor a tab, if any.
    func firstNonBlank(_ index: Int) -> Int? {
        var i = lineStarts[index]
        let end = lineEnd(index)
        while i < end, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        return i < end ? i : nil
    }

    func isBlank(_ index: Int) -> Bool { firstNonBlank(index) == nil }

    func isComment(_ index: Int) -> Bool { firstNonBlank(index).map { scalars[$0] == "#" } ?? false }

    /// Whether the node at `location` is the first thing on its line (only spaces before it).
    func startsLine(_ location: SourceLocation) -> Bool {
        let at = offset(location)
        let index = line(of: at)
        return indentation(index) == at - lineStarts[index]
    }

    /// Where line `index`'s content ends before a comment (`#` after a space), spaces trimmed.
    func contentEnd(_ index: Int, from start: Int) -> Int {
        let end = lineEnd(index)
        var i = start
        while i < end {
            if scalars[i] == "#", i > lineStarts[index], scalars[i - 1] == " " || scalars[i - 1] == "\t" { break }
            i += 1
        }
        while i > start, scalars[i - 1] == " " || scalars[i - 1] == "\t" { i -= 1 }
        return i
    }

    // MARK: - Where values end

    /// Where the value `node` ends (after its last character), for a value of a key at column
    /// `keyColumn` of a block mapping; `nil` when errgen cannot tell.
    func valueEnd(_ node: YAMLNode, keyColumn: Int) -> Int? {
        let start = offset(node.location)
        guard start < scalars.count else { return nil }
        switch scalars[start] {
        case "{", "[": return flowEnd(from: start)
        case "*", "&", "!": return nil
        default: break
        }
        switch node.kind {
        case let .scalar(scalar):
            switch scalar.style {
            case .doubleQuoted, .singleQuoted: return quotedEnd(from: start)
            case .literal, .folded: return blockScalarEnd(from: start, keyColumn: keyColumn)
            case .plain:
                if scalar.value.isEmpty { return nil }
                return plainEnd(from: start, keyColumn: keyColumn)
            }
        case let .mapping(pairs):
            guard let last = pairs.last, startsLine(last.key.location) else { return nil }
            return valueEnd(last.value, keyColumn: last.key.location.column)
        case .sequence:
            return nil
        }
    }

    func quotedEnd(from start: Int) -> Int? {
        let quote = scalars[start]
        var i = start + 1
        while i < scalars.count {
            let s = scalars[i]
            if quote == "\"", s == "\\" {
                i += 2
                continue
            }
            if s == quote {
                if quote == "'", i + 1 < scalars.count, scalars[i + 1] == "'" {
                    i += 2
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return nil
    }

    func flowEnd(from start: Int) -> Int? {
        var depth = 0
        var i = start
        while i < scalars.count {
            let s = scalars[i]
            switch s {
            case "\"", "'":
                guard i == start || !(scalars[i - 1].properties.isAlphabetic || scalars[i - 1].properties.numericType != nil),
                      let end = quotedEnd(from: i) else { i += 1; continue }
                i = end
                continue
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0 { return i + 1 }
            case "#" where i > 0 && (scalars[i - 1] == " " || Self.isBreak(scalars[i - 1])):
                i = lineEnd(line(of: i))
                continue
            default: break
            }
            i += 1
        }
        return nil
    }

    func plainEnd(from start: Int, keyColumn: Int) -> Int {
        let first = line(of: start)
        var end = contentEnd(first, from: start)
        var index = first + 1
        while index < lineStarts.count {
            if isBlank(index) { index += 1; continue }
            guard indentation(index) > keyColumn - 1, !isComment(index), let from = firstNonBlank(index) else { break }
            end = contentEnd(index, from: from)
            index += 1
        }
        return end
    }

    func blockScalarEnd(from start: Int, keyColumn: Int) -> Int {
        let first = line(of: start)
        var end = contentEnd(first, from: start)
        var index = first + 1
        while index < lineStarts.count {
            if isBlank(index) { index += 1; continue }
            guard indentation(index) > keyColumn - 1 else { break }
            end = lineEnd(index)
            index += 1
        }
        return end
    }

    /// Where text inserted as whole lines after the line holding `end - 1` goes, and whether a line
    /// break must come first (the text ends without one).
    func lineAfter(_ end: Int) -> (offset: Int, needsBreak: Bool) {
        let index = line(of: max(end - 1, 0))
        if index + 1 < lineStarts.count { return (lineStarts[index + 1], false) }
        return (scalars.count, true)
    }

    // MARK: - Editing

    struct Edit {
        var range: Range<Int>
        var text: String
    }

    /// The text with `edits` (which must not overlap) made.
    func applying(_ edits: [Edit]) -> SpecText {
        var copy = self
        // From the end, so earlier offsets stay right; of two insertions at one offset the one
        // planned first ends up first.
        let ordered = edits.enumerated().sorted { a, b in
            (a.element.range.lowerBound, a.element.range.upperBound, a.offset) > (b.element.range.lowerBound, b.element.range.upperBound, b.offset)
        }
        for (_, edit) in ordered {
            copy.scalars.replaceSubrange(edit.range, with: Array(edit.text.unicodeScalars))
        }
        return SpecText(copy.bytes) ?? copy
    }

    /// `text` as a YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case "\u{FEFF}": out += "\\uFEFF"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
