/// A message or header value with `{name}` placeholders and `{name?present|absent}` sections
/// (the text before the first `|` where parameter `name` has a value, the text after it where it
/// is absent; `||` is a literal `|` inside a section); `{{` and `}}` stand for literal braces.
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible {
    public indirect enum Segment: Sendable, Hashable {
        case text(String)
        /// A placeholder and its offset (in Unicode scalars) from the start of the template.
        case placeholder(name: String, offset: Int)
        /// A section on parameter `name`, at `offset`: `present` where it has a value, else `absent`.
        case section(name: String, offset: Int, present: [Segment], absent: [Segment])
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
    /// braces doubled, so they stay literal); other placeholders and sections are kept.
    public func filling(_ values: [String: String]) -> String {
        func source(_ segments: [Segment], inSection: Bool) -> String {
            var out = ""
            for segment in segments {
                switch segment {
                case let .text(text): out += Self.literal(text, inSection: inSection)
                case let .placeholder(name, _): out += values[name].map { Self.literal($0, inSection: inSection) } ?? "{\(name)}"
                case let .section(name, _, present, absent):
                    out += "{\(name)?" + source(present, inSection: true) + (absent.isEmpty ? "" : "|" + source(absent, inSection: true)) + "}"
                }
            }
            return out
        }
        return source(segments, inSection: false)
    }

    /// Text as template source: braces doubled (and, in a section, `|`).
    static func literal(_ text: String, inSection: Bool = false) -> String {
        guard text.contains(where: { $0 == "{" || $0 == "}" || (inSection && $0 == "|") }) else { return text }
        var out = ""
        for character in text {
            out.append(character)
            if character == "{" || character == "}" || (inSection && character == "|") { out.append(character) }
        }
        return out
    }

    /// Parses `source`; problems (an unclosed `{`, a stray `}`, an empty or malformed name, a
    /// section inside a section) are returned, and the template keeps whatever could be read.
    public static func parse(_ source: String) -> (MessageTemplate, [Problem]) {
        // Braces are ASCII, so the work is done on the UTF-8 bytes; offsets count scalars (every
        // byte that is not a continuation byte, 10xxxxxx, starts one).
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), pipe = UInt8(ascii: "|"), question = UInt8(ascii: "?")
        if !source.utf8.contains(where: { $0 == open || $0 == close }) {
            return (MessageTemplate(source: source, segments: source.isEmpty ? [] : [.text(source)]), [])
        }
        var copy = source
        return copy.withUTF8 { bytes in
            var problems: [Problem] = []
            func scalars(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 } }
            var i = 0
            var offset = 0
            /// Segments up to the end, or (in a section opened at `sectionOffset`) up to its `}`.
            func segments(inSection sectionOffset: Int?) -> (present: [Segment], absent: [Segment]) {
                var segments: [Segment] = []
                var present: [Segment]?
                var text: [UInt8] = []
                func flush() {
                    if !text.isEmpty {
                        segments.append(.text(String(decoding: text, as: UTF8.self)))
                        text.removeAll(keepingCapacity: true)
                    }
                }
                func finish() -> (present: [Segment], absent: [Segment]) {
                    flush()
                    return present.map { ($0, segments) } ?? (segments, [])
                }
                let inSection = sectionOffset != nil
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte == open || byte == close || (inSection && byte == pipe), i + 1 < bytes.count, bytes[i + 1] == byte {
                        text.append(byte)
                        i += 2
                        offset += 2
                        continue
                    }
                    if inSection, byte == close {
                        i += 1
                        offset += 1
                        return finish()
                    }
                    if inSection, byte == pipe, present == nil {
                        flush()
                        present = segments
                        segments = []
                        i += 1
                        offset += 1
                        continue
                    }
                    if byte == open {
                        // A section: a valid name, then `?`.
                        var end = i + 1
                        while end < bytes.count, Self.isNameByte(bytes[end], first: end == i + 1) { end += 1 }
                        if end > i + 1, end < bytes.count, bytes[end] == question {
                            let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                            let start = offset
                            offset += scalars(i..<(end + 1))
                            i = end + 1
                            flush()
                            if inSection {
                                problems.append(Problem(message: "a section cannot hold another section ('{\(name)?' inside one)", offset: start))
                            }
                            let (whenPresent, whenAbsent) = segmentsOfSection(at: start)
                            segments.append(.section(name: name, offset: start, present: whenPresent, absent: whenAbsent))
                            continue
                        }
                        // A placeholder: everything up to the next `}` is its name.
                        guard let end = bytes[(i + 1)...].firstIndex(of: close) else {
                            problems.append(Problem(message: "unclosed '{' in template (write '{{' for a literal brace)", offset: offset))
                            text.append(contentsOf: bytes[i...])
                            offset += scalars(i..<bytes.count)
                            i = bytes.count
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
                        continue
                    }
                    if byte == close {
                        problems.append(Problem(message: "unmatched '}' in template (write '}}' for a literal brace)", offset: offset))
                        text.append(close)
                        i += 1
                        offset += 1
                        continue
                    }
                    // A run up to the next brace (or pipe, in a section), copied whole.
                    var stop = i + 1
                    while stop < bytes.count, bytes[stop] != open, bytes[stop] != close, !(inSection && bytes[stop] == pipe) { stop += 1 }
                    text.append(contentsOf: bytes[i..<stop])
                    offset += scalars(i..<stop)
                    i = stop
                }
                if let sectionOffset {
                    problems.append(Problem(message: "unclosed section: '}' ends it (write '{{' for a literal brace)", offset: sectionOffset))
                }
                return finish()
            }
            func segmentsOfSection(at start: Int) -> (present: [Segment], absent: [Segment]) { segments(inSection: start) }
            let parsed = segments(inSection: nil)
            return (MessageTemplate(source: source, segments: parsed.present), problems)
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

    /// The names of the placeholders and sections, in order of first use.
    public var placeholderNames: [String] {
        var seen = Set<String>()
        return uses.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// Every placeholder and section, in order, with its offset and whether it is a section or
    /// stands in the text a section shows for a value (`section` names it; the text for none
    /// counts as outside).
    public var uses: [(name: String, offset: Int, isSection: Bool, section: String?)] {
        var out: [(name: String, offset: Int, isSection: Bool, section: String?)] = []
        func walk(_ segments: [Segment], in section: String?) {
            for segment in segments {
                switch segment {
                case .text: break
                case let .placeholder(name, offset): out.append((name, offset, false, section))
                case let .section(name, offset, present, absent):
                    out.append((name, offset, true, section))
                    walk(present, in: name)
                    // The text for none is not where the parameter has a value.
                    walk(absent, in: section)
                }
            }
        }
        walk(segments, in: nil)
        return out
    }

    /// Whether the template holds a section.
    public var hasSections: Bool { uses.contains { $0.isSection } }

    public var isEmpty: Bool {
        segments.allSatisfy {
            if case let .text(t) = $0 { return t.allSatisfy(\.isWhitespace) }
            return false
        }
    }

    /// The template with every placeholder replaced by `value(name)`, and each section by the
    /// text it shows where `value` gives its parameter a value (nil: absent).
    public func render(_ value: (String) -> String?) -> String {
        func render(_ segments: [Segment]) -> String {
            var out = ""
            for segment in segments {
                switch segment {
                case let .text(t): out += t
                case let .placeholder(name, _): out += value(name) ?? ""
                case let .section(name, _, present, absent): out += render(value(name) == nil ? absent : present)
                }
            }
            return out
        }
        return render(segments)
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

    /// Whether `byte` may stand in a parameter name (at its start: a letter).
    static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        let letter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        return first ? letter : letter || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
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
