/// The pieces of RFC 9110 §5.6 that `Accept` uses (lists, tokens, quoted-strings, parameters and
/// qvalues), read over UTF-8 bytes in a single forward pass each, so that no input, however long or
/// strange, costs more than linear time.
enum HeaderSyntax {
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let comma: UInt8 = 0x2C
    private static let semicolon: UInt8 = 0x3B
    private static let equals: UInt8 = 0x3D
    private static let slash: UInt8 = 0x2F
    private static let quote: UInt8 = 0x22
    private static let backslash: UInt8 = 0x5C

    /// `tchar` of RFC 9110 §5.6.2 (``!#$%&'*+-.^_`|~``, digits and letters) as bit masks over the
    /// bytes 0–63 and 64–127.
    private static let tokenCharactersBelow64: UInt64 = 0x03FF_6CFA_0000_0000
    private static let tokenCharactersFrom64: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// Whether `byte` is a `tchar`.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        if byte < 64 { return tokenCharactersBelow64 >> UInt64(byte) & 1 == 1 }
        if byte < 128 { return tokenCharactersFrom64 >> UInt64(byte - 64) & 1 == 1 }
        return false
    }

    /// `qdtext` of RFC 9110 §5.6.4: HTAB, SP, visible characters but `"` and `\`, and obs-text.
    private static func isQuotedText(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= space && byte != quote && byte != backslash && byte != 0x7F)
    }

    /// What may follow `\` in a quoted-pair: HTAB, SP, visible characters and obs-text.
    private static func isQuotablePairCharacter(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= space && byte != 0x7F)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    private static func isUppercase(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    private static func lowercased(_ byte: UInt8) -> UInt8 { isUppercase(byte) ? byte | 0x20 : byte }

    /// Calls `body` with the byte range of every non-empty element of a comma-separated list, its
    /// surrounding whitespace trimmed, until `body` returns false or the list ends.
    ///
    /// A comma inside a quoted-string does not separate elements. A `"` opens a quoted-string only
    /// right after `=`, the one place the grammar allows one, so a stray quote elsewhere spoils only
    /// its own element; a quoted-string left open runs to the end of the list.
    static func forEachElement(in bytes: [UInt8], _ body: (Range<Int>) -> Bool) {
        var start = 0
        var index = 0
        var inQuotedString = false
        while index <= bytes.count {
            if index == bytes.count || (!inQuotedString && bytes[index] == comma) {
                var lower = start
                var upper = index
                while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
                while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
                if lower < upper, !body(lower..<upper) { return }
                index += 1
                start = index
                continue
            }
            let byte = bytes[index]
            if inQuotedString {
                if byte == backslash {
                    if index + 1 < bytes.count { index += 1 }
                } else if byte == quote {
                    inQuotedString = false
                }
            } else if byte == quote, index > start, bytes[index - 1] == equals {
                inQuotedString = true
            }
            index += 1
        }
    }

    /// Parses one list element, `bytes[range]`, as `media-range [ weight ]` when `weighted`, or as a
    /// media type with parameters otherwise. Returns nil unless the whole element matches the grammar.
    static func parseElement(_ bytes: [UInt8], _ range: Range<Int>, weighted: Bool) -> MediaRange? {
        var parser = ElementParser(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        return parser.parse(weighted: weighted)
    }

    private struct ElementParser {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func parse(weighted: Bool) -> MediaRange? {
            skipWhitespace()
            guard let type = token(isName: true), position < end, bytes[position] == slash else { return nil }
            position += 1
            guard let subtype = token(isName: true) else { return nil }
            // `*/*` and `type/*` are ranges; `*/subtype` is neither.
            if type == "*", subtype != "*" { return nil }

            var parameters: [MediaRange.Parameter] = []
            var weight: Int?
            var count = 0
            while true {
                skipWhitespace()
                if position == end { break }
                guard bytes[position] == semicolon else { return nil }
                position += 1
                skipWhitespace()
                // `parameters = *( OWS ";" OWS [ parameter ] )`: an empty parameter is allowed.
                if position == end || bytes[position] == semicolon { continue }
                guard let name = token(isName: true), position < end, bytes[position] == equals else {
                    return nil
                }
                position += 1
                guard position < end else { return nil }
                let quoted = bytes[position] == quote
                guard let value = quoted ? quotedString() : token(isName: false) else { return nil }
                count += 1
                guard count <= MediaRange.maximumParameters else { return nil }
                if weight != nil {
                    continue  // An accept-extension.
                }
                if weighted, name == "q" {
                    guard !quoted, let qvalue = HeaderSyntax.qvalue(value) else { return nil }
                    weight = qvalue
                } else {
                    parameters.append(MediaRange.Parameter(name: name, value: value))
                }
            }
            return MediaRange(type: type, subtype: subtype, parameters: parameters, weight: weight ?? 1000)
        }

        mutating func skipWhitespace() {
            while position < end, HeaderSyntax.isWhitespace(bytes[position]) { position += 1 }
        }

        /// A token (one or more `tchar`), or nil when there is none at the current position. A name
        /// is lowercased, and refused when longer than `MediaRange.maximumNameLength` (after reading
        /// one byte past the limit, not the whole run).
        mutating func token(isName: Bool) -> String? {
            let start = position
            let limit = isName ? min(end, start + MediaRange.maximumNameLength + 1) : end
            var hasUppercase = false
            while position < limit, HeaderSyntax.isTokenCharacter(bytes[position]) {
                hasUppercase = hasUppercase || HeaderSyntax.isUppercase(bytes[position])
                position += 1
            }
            guard position > start, !isName || position - start <= MediaRange.maximumNameLength else {
                return nil
            }
            let slice = bytes[start..<position]
            return isName && hasUppercase
                ? String(decoding: slice.lazy.map(HeaderSyntax.lowercased), as: UTF8.self)
                : String(decoding: slice, as: UTF8.self)
        }

        /// The value of the quoted-string that starts at the current position, or nil when it holds
        /// a character the grammar does not allow or is never closed.
        mutating func quotedString() -> String? {
            position += 1
            let start = position
            var hasQuotedPair = false
            while position < end {
                let byte = bytes[position]
                if byte == HeaderSyntax.quote {
                    let content = bytes[start..<position]
                    position += 1
                    return hasQuotedPair ? HeaderSyntax.unescaped(content) : String(decoding: content, as: UTF8.self)
                } else if byte == HeaderSyntax.backslash {
                    guard position + 1 < end, HeaderSyntax.isQuotablePairCharacter(bytes[position + 1]) else {
                        return nil
                    }
                    hasQuotedPair = true
                    position += 2
                } else {
                    guard HeaderSyntax.isQuotedText(byte) else { return nil }
                    position += 1
                }
            }
            return nil
        }
    }

    /// The content of a valid quoted-string with each quoted-pair replaced by its character.
    private static func unescaped(_ content: ArraySlice<UInt8>) -> String {
        var value: [UInt8] = []
        value.reserveCapacity(content.count)
        var escaped = false
        for byte in content {
            if !escaped, byte == backslash {
                escaped = true
            } else {
                value.append(byte)
                escaped = false
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// A qvalue (RFC 9110 §12.4.2) in thousandths, or nil when `text` is not one:
    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`.
    static func qvalue(_ text: String) -> Int? {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        let whole = Int(first - UInt8(ascii: "0"))
        guard let dot = bytes.next() else { return whole * 1000 }
        guard dot == UInt8(ascii: ".") else { return nil }
        var thousandths = 0
        var scale = 100
        while let digit = bytes.next() {
            guard scale > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            thousandths += Int(digit - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        guard whole == 0 || thousandths == 0 else { return nil }
        return whole * 1000 + thousandths
    }

    /// The shortest qvalue text for a weight in thousandths: 500 → `0.5`, 1000 → `1`, 0 → `0`.
    static func qvalueText(_ thousandths: Int) -> String {
        let clamped = min(max(thousandths, 0), 1000)
        if clamped == 1000 { return "1" }
        if clamped == 0 { return "0" }
        var digits = String(clamped)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }

    /// `value` as a token when it is one, otherwise as a quoted-string.
    static func quotedIfNeeded(_ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy(isTokenCharacter) { return value }
        var quoted = "\""
        for character in value.unicodeScalars {
            if character == "\"" || character == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }

    /// Whether two strings are equal once ASCII letters are folded to lowercase.
    static func equalIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8) { lowercased($0) == lowercased($1) }
    }
}
