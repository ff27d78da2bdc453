/// Reads a body written in a catalog's JSON body shape back: where in the document each hole of
/// the shape stands (a whole value, or text inside a string between the shape's literal text),
/// found by walking the shape's tree. A member the body leaves out (a value the error has none
/// of) reads as absent; an element of an array some of whose elements may be left out is read
/// only where the array holds every element the shape has, since its positions say nothing
/// otherwise.
struct ShapeReader {
    enum Step: Hashable {
        case key(String)
        /// An element of an array of `count` elements in the shape; `exact` where some may be left
        /// out, so that the position means something only in an array of that many.
        case index(Int, count: Int, exact: Bool)
    }

    /// A string of the shape, its literal text and holes in order.
    enum Piece: Hashable {
        case literal(String)
        case hole(JSONShape.Source)
    }

    /// Holes that are whole values, by path.
    var values: [(path: [Step], source: JSONShape.Source)] = []
    /// Strings that hold holes among literal text, by path.
    var texts: [(path: [Step], pieces: [Piece])] = []

    static func reader(for shape: JSONShape) throws(ResponseDecodingError) -> ShapeReader {
        var reader = ShapeReader()
        func walk(_ node: JSONShape.Node, _ path: [Step]) {
            switch node {
            case let .object(members): for member in members { walk(member.value, path + [.key(member.key)]) }
            case let .array(items):
                let exact = items.contains { $0.mayBeLeftOut }
                for (index, item) in items.enumerated() { walk(item, path + [.index(index, count: items.count, exact: exact)]) }
            case let .value(source, _): reader.values.append((path, source))
            case let .string(parts):
                var pieces: [Piece] = []
                for part in parts {
                    switch part {
                    case let .text(escaped):
                        // The text as the parsed document holds it: its JSON escapes undone.
                        let text = Self.unescaped(escaped)
                        if case let .literal(previous)? = pieces.last {
                            pieces[pieces.count - 1] = .literal(previous + text)
                        } else {
                            pieces.append(.literal(text))
                        }
                    case let .hole(source): pieces.append(.hole(source))
                    }
                }
                if pieces.contains(where: { if case .hole = $0 { true } else { false } }) { reader.texts.append((path, pieces)) }
            case .literal: return
            }
        }
        walk(shape.root, [])
        return reader
    }

    /// The text of a JSON string's content, its escapes undone.
    static func unescaped(_ escaped: String) -> String {
        guard case let .string(text)? = try? JSONDocument.parse(Array(("\"" + escaped + "\"").utf8)) else { return escaped }
        return text
    }

    /// A private-use character that none of the literal text of a shape holds, as itself or as
    /// the hexadecimal digits of an escape: the marker of its holes.
    static func marker(notIn literals: [String]) -> Unicode.Scalar? {
        let text = literals.joined()
        let lowercased = text.lowercased()
        return (0xE000...0xF8FF).lazy.compactMap(Unicode.Scalar.init).first { scalar in
            !text.unicodeScalars.contains(scalar) && !lowercased.contains(String(scalar.value, radix: 16))
        }
    }

    /// A string of an XML layout written with markers, as literal text and holes; nil for a
    /// string without a hole. The marker comes in pairs around a hole's number.
    static func pieces(_ string: String, marker: Unicode.Scalar, sources: [JSONShape.Source]) -> [Piece]? {
        guard string.unicodeScalars.contains(marker) else { return nil }
        let parts = string.unicodeScalars.split(separator: marker, omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        var pieces: [Piece] = []
        for (position, part) in parts.enumerated() {
            if position % 2 == 1, let index = Int(part), sources.indices.contains(index) {
                pieces.append(.hole(sources[index]))
            } else if !part.isEmpty {
                pieces.append(.literal(part))
            }
        }
        return pieces
    }

    static func node(at path: [Step], in document: JSONDocument) -> JSONDocument? {
        var node = document
        for step in path {
            switch (step, node) {
            case let (.key(key), .object):
                guard let next = node[key] else { return nil }
                node = next
            case let (.index(index, count, exact), .array(items)):
                guard items.indices.contains(index), !exact || items.count == count else { return nil }
                node = items[index]
            default: return nil
            }
        }
        return node
    }

    /// The texts of the holes of a string that `pieces` describe, if `text` has its literal text
    /// where the shape has it: the last literal is the string's end, and each other hole takes
    /// the text up to the next literal's first occurrence.
    static func holeTexts(_ pieces: [Piece], in text: String) -> [(JSONShape.Source, String)]? {
        var rest = Substring(text)
        var pieces = pieces[...]
        // The literal text after the last hole ends the string, whatever the values hold.
        if case let .literal(last)? = pieces.last, pieces.count > 1 {
            guard rest.unicodeScalars.count >= last.unicodeScalars.count, rest.unicodeScalars.reversed().starts(with: last.unicodeScalars.reversed()) else {
                return nil
            }
            rest = Substring(rest.unicodeScalars.dropLast(last.unicodeScalars.count))
            pieces = pieces.dropLast()
        }
        var found: [(JSONShape.Source, String)] = []
        var pending: JSONShape.Source?
        for piece in pieces {
            switch piece {
            case let .literal(literal):
                if let source = pending {
                    guard let range = Self.firstRange(of: literal, in: rest) else { return nil }
                    found.append((source, String(rest[..<range.lowerBound])))
                    rest = rest[range.upperBound...]
                    pending = nil
                } else {
                    guard rest.unicodeScalars.starts(with: literal.unicodeScalars) else { return nil }
                    rest = Substring(rest.unicodeScalars.dropFirst(literal.unicodeScalars.count))
                }
            case let .hole(source):
                if let previous = pending { found.append((previous, "")) }
                pending = source
            }
        }
        if let source = pending {
            found.append((source, String(rest)))
        } else if !rest.isEmpty {
            return nil
        }
        return found
    }

    /// Where `needle` first occurs in `text`, compared as Unicode scalars.
    static func firstRange(of needle: String, in text: Substring) -> Range<Substring.Index>? {
        let scalars = text.unicodeScalars
        let wanted = Array(needle.unicodeScalars)
        var start = scalars.startIndex
        while true {
            var end = start
            var matched = 0
            while matched < wanted.count, end < scalars.endIndex, scalars[end] == wanted[matched] {
                end = scalars.index(after: end)
                matched += 1
            }
            if matched == wanted.count { return start..<end }
            guard start < scalars.endIndex else { return nil }
            start = scalars.index(after: start)
        }
    }

    /// The error a body in the shape names, with its values.
    func decode(_ document: JSONDocument, in catalog: Catalog) throws(ResponseDecodingError) -> Catalog.Decoded {
        var code: JSONDocument?
        var message: String?
        var named: [String: JSONDocument] = [:]
        var parameterObject: JSONDocument?
        for (path, source) in values {
            let node = Self.node(at: path, in: document)
            switch source {
            case .code: code = node
            case .message: message = node?.stringValue
            case .parameters: parameterObject = node
            case let .parameter(name): named[name] = node ?? .null
            case .status, .title, .documentation, .metadata, .metadataKey: break
            }
        }
        for (path, pieces) in texts {
            guard let string = Self.node(at: path, in: document)?.stringValue, let holes = Self.holeTexts(pieces, in: string) else { continue }
            for (source, text) in holes {
                switch source {
                case .code: code = code ?? .string(text)
                case .message: message = message ?? text
                default: break  // a parameter inside text is one every error has: read where it is whole
                }
            }
        }
        guard let (wire, index) = catalog.code(of: code) else { return .unknown(code: nil, message: message) }
        guard let index else { return .unknown(code: wire, message: message) }
        // A parameter the shape names, whole or in {parameters}, has its place: null there is absent.
        let container = values.contains { $0.source == .parameters }
        let nodes = catalog.entries[index].parameters.map { named[$0.name] ?? (container ? parameterObject?[$0.name] ?? .null : nil) }
        return .known(index, try catalog.arguments(of: index, nodes: nodes, message: message, code: wire), message: message)
    }
}
