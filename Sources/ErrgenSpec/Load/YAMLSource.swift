/// The UTF-8 bytes libyaml reads, with what the loader needs to look at them: the byte offset of a
/// libyaml mark (libyaml counts characters, not bytes) and the line and column of a byte offset.
struct YAMLSource {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the text starts: after a UTF-8 byte order mark, which libyaml skips without counting.
    let start: Int

    /// A character index and its byte offset; marks arrive in almost increasing order, so the
    /// next one is found by walking from the last.
    private var cursorIndex = 0
    private var cursorOffset: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let start = hasBOM ? 3 : 0
        self.start = start
        cursorOffset = start
    }

    var count: Int { bytes.count }

    subscript(offset: Int) -> UInt8 { bytes[offset] }

    /// The byte offset of the character libyaml counts as `index` (a mark's `index`).
    mutating func offset(ofCharacter index: Int) -> Int {
        var i = cursorIndex
        var o = cursorOffset
        let n = bytes.count
        if index >= i {
            while i < index, o < n {
                let b = bytes[o]
                o += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                i += 1
            }
            o = min(o, n)
        } else {
            while i > index, o > start {
                o -= 1
                while o > start, bytes[o] & 0xC0 == 0x80 { o -= 1 }
                i -= 1
            }
        }
        cursorIndex = i
        cursorOffset = o
        return o
    }

    /// The width of a line break at `offset` as libyaml counts them (CR LF, CR, LF, NEL, LS, PS), or 0.
    func lineBreakWidth(at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        switch bytes[offset] {
        case 0x0A: return 1
        case 0x0D: return offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
        case 0xC2: return offset + 1 < bytes.count && bytes[offset + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return offset + 2 < bytes.count && bytes[offset + 1] == 0x80
                && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// Whether U+FEFF, the byte order mark, starts at `offset`.
    /// Where the first ill-formed UTF-8 sequence starts (overlong forms, surrogates and values
    /// beyond U+10FFFF count as ill-formed) and how many of its bytes were read before it went
    /// wrong, if there is one.
    func firstInvalidUTF8() -> (offset: Int, length: Int)? {
        var i = 0
        while i < count {
            let lead = self[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, 1)
            }
            for k in 1..<length {
                guard i + k < count else { return (i, k) }
                let byte = self[i + k]
                if k == 1 ? !(low...high).contains(byte) : !(0x80...0xBF).contains(byte) { return (i, k + 1) }
            }
            i += length
        }
        return nil
    }

    /// The offset of the first byte order mark at or after `offset`, if any.
    func firstByteOrderMark(from offset: Int) -> Int? {
        var i = offset
        while i + 2 < count {
            if self[i] == 0xEF, isByteOrderMark(at: i) { return i }
            i += 1
        }
        return nil
    }

    func isByteOrderMark(at offset: Int) -> Bool {
        offset + 2 < bytes.count && bytes[offset] == 0xEF && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF
    }

    /// Whether a line break ends just before `offset`.
    func lineBreakEnds(at offset: Int) -> Bool {
        if offset >= 1, bytes[offset - 1] == 0x0A || bytes[offset - 1] == 0x0D { return true }
        if offset >= 2, lineBreakWidth(at: offset - 2) == 2 { return true }
        if offset >= 3, lineBreakWidth(at: offset - 3) == 3 { return true }
        return false
    }

    /// The offset just past the line break that ends the line holding `offset`, or the end.
    func nextLineStart(after offset: Int) -> Int {
        var i = offset
        while i < bytes.count {
            let width = lineBreakWidth(at: i)
            if width > 0 { return i + width }
            i += 1
        }
        return bytes.count
    }

    /// The offset of the line break that ends the line holding `offset`, or the end.
    func lineEnd(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, lineBreakWidth(at: i) == 0 { i += 1 }
        return i
    }

    /// Line and column (1-based, columns in characters) of a byte offset, counted as libyaml counts
    /// them. Walks from the start: for diagnostics only.
    func location(ofOffset offset: Int) -> SourceLocation {
        let end = min(offset, bytes.count)
        var line = 1
        var column = 1
        var i = start
        while i < end {
            let width = lineBreakWidth(at: i)
            if width > 0 {
                line += 1
                column = 1
                i += width
            } else {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// UTF-8 for input that starts with a UTF-16 or UTF-32 byte order mark, so that the loader and
    /// libyaml see one encoding; `nil` for anything else. Throws the offset of an invalid code unit.
    static func transcodedToUTF8(_ bytes: [UInt8]) -> Result<[UInt8], TranscodingError>? {
        let n = bytes.count
        if n >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            return utf32(bytes, bigEndian: true)
        }
        if n >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            return utf32(bytes, bigEndian: false)
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return utf16(bytes, bigEndian: true) }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return utf16(bytes, bigEndian: false) }
        return nil
    }

    struct TranscodingError: Error {
        var encoding: String
        /// The UTF-8 decoded so far, to find the line and column of the problem.
        var decoded: [UInt8]
    }

    private static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> Result<[UInt8], TranscodingError> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 2
        func unit(_ i: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
        }
        while i < bytes.count {
            guard i + 1 < bytes.count else { return .failure(TranscodingError(encoding: "UTF-16", decoded: out)) }
            var value = unit(i)
            i += 2
            if (0xD800..<0xDC00).contains(value) {
                guard i + 1 < bytes.count, (0xDC00..<0xE000).contains(unit(i)) else {
                    return .failure(TranscodingError(encoding: "UTF-16", decoded: out))
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (unit(i) - 0xDC00)
                i += 2
            }
            guard let scalar = Unicode.Scalar(value) else {
                return .failure(TranscodingError(encoding: "UTF-16", decoded: out))
            }
            out.append(contentsOf: UTF8.encode(scalar)!)
        }
        return .success(out)
    }

    private static func utf32(_ bytes: [UInt8], bigEndian: Bool) -> Result<[UInt8], TranscodingError> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var i = 4
        while i < bytes.count {
            guard i + 3 < bytes.count else { return .failure(TranscodingError(encoding: "UTF-32", decoded: out)) }
            let b = bytes[i..<(i + 4)].map(UInt32.init)
            let value = bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
            guard let scalar = Unicode.Scalar(value) else {
                return .failure(TranscodingError(encoding: "UTF-32", decoded: out))
            }
            out.append(contentsOf: UTF8.encode(scalar)!)
            i += 4
        }
        return .success(out)
    }
}
