/// An XML element as a client reads it from an error body: its name in its namespace, its
/// attributes, its child elements and its own text (character data directly inside it).
struct XMLNode: Sendable, Hashable {
    var name: String
    var namespace: String?
    var attributes: [String: String]
    var children: [XMLNode]
    var text: String

    /// The child elements named `name`, in order.
    func children(named name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The first child element named `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The document in `bytes`: an optional declaration, comments and processing instructions,
    /// one root element. A document type declaration is refused outright (no entity is ever
    /// expanded but the five XML predefines and character references), and so is nesting deeper
    /// than `maxDepth`.
    static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(ResponseDecodingError) -> XMLNode {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .malformedBody("not UTF-8") }
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        try reader.misc()
        guard reader.peek(UInt8(ascii: "<")) else { throw reader.failure("no root element") }
        let root = try reader.element(depth: 0, namespaces: ["": nil])
        try reader.misc()
        guard reader.position == bytes.count else { throw reader.failure("content after the root element") }
        return root
    }

    private struct Reader {
        let bytes: [UInt8]
        let maxDepth: Int
        var position = 0
        var declarations = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func failure(_ what: String) -> ResponseDecodingError { .malformedBody("not XML: \(what) at byte \(position)") }

        func peek(_ byte: UInt8) -> Bool { position < bytes.count && bytes[position] == byte }

        func starts(_ text: String) -> Bool {
            let expected = Array(text.utf8)
            return bytes.count - position >= expected.count && Array(bytes[position..<position + expected.count]) == expected
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        /// Skips to just after `end`.
        mutating func skip(past end: String) throws(ResponseDecodingError) {
            while position < bytes.count, !starts(end) { position += 1 }
            guard position < bytes.count else { throw failure("an unterminated '\(end)'") }
            position += end.utf8.count
        }

        /// Whitespace, the declaration, comments and processing instructions; no DTD.
        mutating func misc() throws(ResponseDecodingError) {
            while true {
                skipWhitespace()
                if starts("<?") {
                    try skip(past: "?>")
                } else if starts("<!--") {
                    try skip(past: "-->")
                } else if starts("<!") {
                    throw failure("a document type declaration (refused: it could define entities)")
                } else {
                    return
                }
            }
        }

        mutating func name() throws(ResponseDecodingError) -> String {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(byte) {
                    break
                }
                position += 1
            }
            guard position > start else { throw failure("a name expected") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// An element from its `<`, its namespace resolved against `namespaces` (prefix → URI,
        /// "" the default namespace).
        mutating func element(depth: Int, namespaces: [String: String?]) throws(ResponseDecodingError) -> XMLNode {
            guard depth < maxDepth else { throw failure("elements nested deeper than \(maxDepth)") }
            position += 1
            let qualified = try name()
            var raw: [(String, String)] = []
            var seen = Set<String>()
            var selfClosing = false
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw failure("an unterminated start tag") }
                if starts("/>") {
                    position += 2
                    selfClosing = true
                    break
                }
                if peek(UInt8(ascii: ">")) {
                    position += 1
                    break
                }
                let attribute = try name()
                skipWhitespace()
                guard peek(UInt8(ascii: "=")) else { throw failure("'=' expected") }
                position += 1
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else { throw failure("a quoted value expected") }
                let quote = bytes[position]
                position += 1
                let start = position
                while position < bytes.count, bytes[position] != quote {
                    guard bytes[position] != UInt8(ascii: "<") else { throw failure("'<' in an attribute value") }
                    position += 1
                }
                guard position < bytes.count else { throw failure("an unterminated attribute value") }
                let value = try Self.unescape(bytes[start..<position], in: "attribute '\(attribute)'", attribute: true)
                position += 1
                guard seen.insert(attribute).inserted else { throw failure("attribute '\(attribute)' given twice") }
                raw.append((attribute, value))
            }
            var scope = namespaces
            var attributes: [String: String] = [:]
            for (key, value) in raw {
                if key == "xmlns" || key.hasPrefix("xmlns:") {
                    // Each declaration copies the scope of the elements inside: a few are all an
                    // error body needs.
                    declarations += 1
                    guard declarations <= 256 else { throw failure("more than 256 namespace declarations") }
                }
                if key == "xmlns" {
                    scope[""] = value.isEmpty ? nil : value
                } else if key.hasPrefix("xmlns:") {
                    scope[String(key.dropFirst(6))] = value
                } else {
                    attributes[key.split(separator: ":").last.map(String.init) ?? key] = value
                }
            }
            let parts = qualified.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, !parts.contains(where: \.isEmpty) else { throw failure("a malformed name '\(qualified)'") }
            let (prefix, local) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            guard let namespace = scope[prefix] else { throw failure("an undeclared prefix '\(prefix)'") }
            var node = XMLNode(name: local, namespace: namespace, attributes: attributes, children: [], text: "")
            if selfClosing { return node }
            var text: [UInt8] = []
            while true {
                guard position < bytes.count else { throw failure("an unclosed element '\(qualified)'") }
                if starts("</") {
                    position += 2
                    let closing = try name()
                    guard closing == qualified else { throw failure("'</\(closing)>' closes '<\(qualified)>'") }
                    skipWhitespace()
                    guard peek(UInt8(ascii: ">")) else { throw failure("'>' expected") }
                    position += 1
                    node.text = try Self.unescape(text[...], in: "element '\(qualified)'", attribute: false)
                    return node
                } else if starts("<!--") {
                    try skip(past: "-->")
                } else if starts("<![CDATA[") {
                    position += 9
                    let start = position
                    try skip(past: "]]>")
                    // CDATA is text as it is: escaped here so that unescaping gives it back.
                    for byte in bytes[start..<position - 3] {
                        switch byte {
                        case UInt8(ascii: "&"): text += Array("&amp;".utf8)
                        case UInt8(ascii: "<"): text += Array("&lt;".utf8)
                        default: text.append(byte)
                        }
                    }
                } else if starts("<?") {
                    try skip(past: "?>")
                } else if starts("<!") {
                    throw failure("a declaration inside an element")
                } else if peek(UInt8(ascii: "<")) {
                    node.children.append(try element(depth: depth + 1, namespaces: scope))
                } else {
                    text.append(bytes[position])
                    position += 1
                }
            }
        }

        /// Text with its references resolved: the five predefined entities and character
        /// references to characters XML allows; a carriage return (and, in an attribute, a tab or
        /// line break) written as itself is what XML's normalisation makes of it.
        static func unescape(_ bytes: ArraySlice<UInt8>, in place: String, attribute: Bool) throws(ResponseDecodingError) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let byte = bytes[i]
                if byte == UInt8(ascii: "&") {
                    // References are short: look for their end among the next few bytes only.
                    guard let end = bytes[i..<min(i + 13, bytes.endIndex)].firstIndex(of: UInt8(ascii: ";")) else {
                        throw .malformedBody("not XML: an unterminated reference in \(place)")
                    }
                    let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                    switch name {
                    case "amp": out.append(UInt8(ascii: "&"))
                    case "lt": out.append(UInt8(ascii: "<"))
                    case "gt": out.append(UInt8(ascii: ">"))
                    case "quot": out.append(UInt8(ascii: "\""))
                    case "apos": out.append(UInt8(ascii: "'"))
                    default:
                        let number: UInt32?
                        let digits = name.dropFirst(name.hasPrefix("#x") ? 2 : 1)
                        if name.hasPrefix("#x"), digits.allSatisfy(\.isHexDigit) {
                            number = UInt32(digits, radix: 16)
                        } else if name.hasPrefix("#"), digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                            number = UInt32(digits, radix: 10)
                        } else {
                            number = nil
                        }
                        guard let number, let scalar = Unicode.Scalar(number), Self.isXMLChar(scalar) else {
                            throw .malformedBody("not XML: an unknown reference '&\(name);' in \(place)")
                        }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    }
                    i = end + 1
                } else if byte == 0x0D {
                    // A CR LF pair or a lone CR is a line feed (XML's end-of-line handling).
                    out.append(attribute ? 0x20 : 0x0A)
                    if i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A { i += 1 }
                    i += 1
                } else if attribute, byte == 0x0A || byte == 0x09 {
                    out.append(0x20)
                    i += 1
                } else {
                    out.append(byte)
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
            default: return false
            }
        }
    }
}
