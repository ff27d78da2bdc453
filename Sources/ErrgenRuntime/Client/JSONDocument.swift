/// A JSON value as a client reads it from an error body (RFC 8259): numbers kept as their text,
/// so that each is read exactly as the type its parameter has; object members in order.
package enum JSONDocument: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONDocument])
    case object([(key: String, value: JSONDocument)])

    package static func == (lhs: JSONDocument, rhs: JSONDocument) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(b): hasher.combine(b)
        case let .number(n): hasher.combine(n)
        case let .string(s): hasher.combine(s)
        case let .array(items): hasher.combine(items)
        case let .object(members):
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// The member `key` of an object (the last, where a key repeats), else nil.
    subscript(key: String) -> JSONDocument? {
        guard case let .object(members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The document in `bytes`, which must be exactly one JSON value (whitespace around it
    /// allowed) in UTF-8, nested at most `maxDepth` deep.
    static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(ResponseDecodingError) -> JSONDocument {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.failure("text after the JSON value") }
        return value
    }

    /// `parse(_:maxDepth:)` for errgen's tools, which report where the text goes wrong: the
    /// failure's message and the offset of the byte it stopped at.
    package static func parseReportingOffset(_ bytes: [UInt8], maxDepth: Int) -> Result<JSONDocument, JSONFailure> {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        do throws(ResponseDecodingError) {
            reader.skipWhitespace()
            let value = try reader.value(depth: 0)
            reader.skipWhitespace()
            guard reader.position == bytes.count else { throw reader.failure("text after the JSON value") }
            return .success(value)
        } catch {
            var message = "\(error)"
            if case let .malformedBody(text) = error { message = text }
            // Without the prefix and the " at byte N" the offset gives.
            if message.hasPrefix("not JSON: ") { message.removeFirst(10) }
            if let at = message.ranges(of: " at byte ").last { message = String(message[..<at.lowerBound]) }
            return .failure(JSONFailure(message: message, offset: reader.position))
        }
    }

    package struct JSONFailure: Error, Sendable {
        package var message: String
        package var offset: Int
    }

    private struct Reader {
        let bytes: [UInt8]
        let maxDepth: Int
        var position = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func failure(_ what: String) -> ResponseDecodingError {
            .malformedBody("not JSON: \(what) at byte \(position)")
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(ResponseDecodingError) -> JSONDocument {
            guard depth < maxDepth else { throw failure("values nested deeper than \(maxDepth)") }
            guard position < bytes.count else { throw failure("the end of the body") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var members: [(key: String, value: JSONDocument)] = []
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                }
                while true {
                    skipWhitespace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("a member name expected") }
                    let key = try string()
                    skipWhitespace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("':' expected") }
                    position += 1
                    skipWhitespace()
                    members.append((key, try value(depth: depth + 1)))
                    skipWhitespace()
                    guard position < bytes.count else { throw failure("the end of the body in an object") }
                    if bytes[position] == UInt8(ascii: ",") {
                        position += 1
                    } else if bytes[position] == UInt8(ascii: "}") {
                        position += 1
                        return .object(members)
                    } else {
                        throw failure("',' or '}' expected")
                    }
                }
            case UInt8(ascii: "["):
                position += 1
                var items: [JSONDocument] = []
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                while true {
                    skipWhitespace()
                    items.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard position < bytes.count else { throw failure("the end of the body in an array") }
                    if bytes[position] == UInt8(ascii: ",") {
                        position += 1
                    } else if bytes[position] == UInt8(ascii: "]") {
                        position += 1
                        return .array(items)
                    } else {
                        throw failure("',' or ']' expected")
                    }
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default: return try number()
            }
        }

        mutating func literal(_ word: String, _ value: JSONDocument) throws(ResponseDecodingError) -> JSONDocument {
            let expected = Array(word.utf8)
            guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected else {
                throw failure("a value expected")
            }
            position += expected.count
            return value
        }

        /// A number as RFC 8259 writes one: `-`? int frac? exp?.
        mutating func number() throws(ResponseDecodingError) -> JSONDocument {
            let start = position
            func digits() -> Int {
                let from = position
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
                return position - from
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, (0x30...0x39).contains(bytes[position]) else { throw failure("a value expected") }
            if bytes[position] == UInt8(ascii: "0") { position += 1 } else { _ = digits() }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw failure("digits expected after '.'") }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw failure("digits expected in an exponent") }
            }
            return .number(String(decoding: bytes[start..<position], as: UTF8.self))
        }

        /// A string from its opening quote: escapes read, control characters refused, the bytes
        /// valid UTF-8 (checked once, for the whole body, by the caller's text), surrogate pairs
        /// joined; a lone surrogate escape refused.
        mutating func string() throws(ResponseDecodingError) -> String {
            position += 1
            var out: [UInt8] = []
            while true {
                guard position < bytes.count else { throw failure("an unterminated string") }
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    guard let text = String(validating: out, as: UTF8.self) else { throw failure("a string that is not UTF-8") }
                    return text
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < bytes.count else { throw failure("an unterminated escape") }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                                throw failure("a lone surrogate")
                            }
                            position += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw failure("a lone surrogate")
                        }
                        out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                    default: throw failure("an unknown escape")
                    }
                case 0x00..<0x20: throw failure("a control character in a string")
                default:
                    out.append(byte)
                    position += 1
                }
            }
        }

        mutating func hex4() throws(ResponseDecodingError) -> UInt32 {
            guard bytes.count - position >= 4 else { throw failure("an unterminated escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw failure("a bad \\u escape")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}
