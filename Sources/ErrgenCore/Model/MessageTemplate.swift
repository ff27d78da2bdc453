/// A message or header value with `{name}` placeholders; `{{` and `}}` stand for literal braces.
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case text(String)
        /// A placeholder and its offset (in Unicode scalars) from the start of the template.
        case placeholder(name: String, offset: Int)
    }

    public var source: String
    public var segments: [Segment]
    /// Where the template was written, to point diagnostics at a placeholder.
    public var anchor: SourceAnchor?

    /// A problem found while parsing a template, at a scalar offset into it.
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var offset: Int
    }

    /// The template's source with the placeholders named in `values` replaced by their text (its
    /// braces doubled, so they stay literal); other placeholders are kept.
    public func filling(_ values: [String: String]) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case let .text(text): out += Self.literal(text)
            case let .placeholder(name, _): out += values[name].map(Self.literal) ?? "{\(name)}"
            }
        }
        return out
    }

    /// Text as template source: braces doubled.
    static func literal(_ text: String) -> String {
        guard text.contains(where: { $0 == "{" || $0 == "}" }) else { return text }
        var out = ""
        for character in text {
            out.append(character)
            if character == "{" || character == "}" { out.append(character) }
        }
        return out
    }

    /// Parses `source`; problems (an unclosed `{`, a stray `}`, an empty or malformed name) are returned,
    /// and the template keeps whatever could be read.
    public static func parse(_ source: String) -> (MessageTemplate, [Problem]) {
        // Braces are ASCII, so the work is done on the UTF-8 bytes; offsets count scalars (every
        // byte that is not a continuation byte, 10xxxxxx, starts one).
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        if !source.utf8.contains(where: { $0 == open || $0 == close }) {
            return (MessageTemplate(source: source, segments: source.isEmpty ? [] : [.text(source)]), [])
        }
        var copy = source
        return copy.withUTF8 { bytes in
            var segments: [Segment] = []
            var problems: [Problem] = []
            var text: [UInt8] = []
            func flush() {
                if !text.isEmpty {
                    segments.append(.text(String(decoding: text, as: UTF8.self)))
                    text.removeAll(keepingCapacity: true)
                }
            }
            func scalars(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 } }
            var i = 0
            var offset = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == open {
                    if i + 1 < bytes.count, bytes[i + 1] == open {
                        text.append(open)
                        i += 2
                        offset += 2
                        continue
                    }
                    guard let end = bytes[(i + 1)...].firstIndex(of: close) else {
                        problems.append(Problem(message: "unclosed '{' in template (write '{{' for a literal brace)", offset: offset))
                        text.append(contentsOf: bytes[i...])
                        break
                    }
                    let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                    if let complaint = Self.nameProblem(name) {
                        problems.append(Problem(message: complaint, offset: offset))
                    } else {
                        flush()
                        segments.append(.placeholder(name: name, offset: offset))
                    }
                    offset += scalars(i..<(end + 1))
                    i = end + 1
                } else if byte == close {
                    if i + 1 < bytes.count, bytes[i + 1] == close {
                        text.append(close)
                        i += 2
                        offset += 2
                        continue
                    }
                    problems.append(Problem(message: "unmatched '}' in template (write '}}' for a literal brace)", offset: offset))
                    text.append(close)
                    i += 1
                    offset += 1
                } else {
                    // A run up to the next brace, copied whole.
                    var stop = i + 1
                    while stop < bytes.count, bytes[stop] != open, bytes[stop] != close { stop += 1 }
                    text.append(contentsOf: bytes[i..<stop])
                    offset += scalars(i..<stop)
                    i = stop
                }
            }
            flush()
            return (MessageTemplate(source: source, segments: segments), problems)
        }
    }

    public init(source: String, segments: [Segment], anchor: SourceAnchor? = nil) {
        self.source = source
        self.segments = segments
        self.anchor = anchor
    }

    /// The position of the character at `offset`, as exact as the anchor allows.
    public func location(ofOffset offset: Int) -> SourceLocation? {
        anchor?.location(ofOffset: offset, in: source)
    }

    /// The names of the placeholders, in order of first use.
    public var placeholderNames: [String] {
        var seen = Set<String>()
        return segments.compactMap {
            if case let .placeholder(name, _) = $0, seen.insert(name).inserted { return name }
            return nil
        }
    }

    public var isEmpty: Bool {
        segments.allSatisfy {
            if case let .text(t) = $0 { return t.allSatisfy(\.isWhitespace) }
            return false
        }
    }

    /// The template with every placeholder replaced by `value(name)`.
    public func render(_ value: (String) -> String) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case let .text(t): out += t
            case let .placeholder(name, _): out += value(name)
            }
        }
        return out
    }

    public var description: String { source }

    /// Why `name` cannot name a parameter, or `nil` when it can.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "empty placeholder '{}'" }
        if !isValidParameterName(name) {
            return "'{\(name)}' is not a valid placeholder: a parameter name starts with a letter and holds only letters, digits, '-' and '_'"
        }
        return nil
    }

    /// ParameterSpec names: a letter, then letters, digits, `-` or `_`.
    public static func isValidParameterName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" || $0 == "_" }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Where a scalar's text starts in its file, and enough about how it was written to find the
/// position of a character inside it.
public struct SourceAnchor: Sendable, Hashable {
    public var location: SourceLocation
    public var style: YAMLScalar.Style

    public init(location: SourceLocation, style: YAMLScalar.Style) {
        self.location = location
        self.style = style
    }

    /// Exact for plain scalars and for quoted ones on one line without escapes; the start of the
    /// scalar otherwise.
    public func location(ofOffset offset: Int, in text: String) -> SourceLocation {
        let prefix = text.unicodeScalars.prefix(offset)
        if prefix.contains("\n") { return location }
        switch style {
        case .plain:
            return SourceLocation(line: location.line, column: location.column + offset)
        case .singleQuoted where !prefix.contains("'"), .doubleQuoted where !prefix.contains("\\") && !prefix.contains("\""):
            return SourceLocation(line: location.line, column: location.column + 1 + offset)
        default:
            return location
        }
    }
}
