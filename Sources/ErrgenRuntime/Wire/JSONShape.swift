/// A JSON body in an API's own shape (`formats: [{type: json, body: …}]` in the spec): the
/// shape's JSON as a tree whose leaves are constant JSON text, whole values and strings of text
/// and holes, so that a body is written in one pass, each value escaped for the place it goes.
///
/// A member or an array element that is a whole value the error has none of (an absent or
/// foreign parameter, a missing metadata value, no documentation link) is left out, as Slack and
/// most JSON APIs leave it out, unless the spec asks for `null` there (`"{needed|null}"`); an
/// object or array that this leaves empty is left out too. The root is always written.
///
/// Slack's `{"ok":false,"error":"{code}","needed":"{needed}"}` is an object of a constant, the
/// code as a whole value (a JSON string, or a number in a catalog of integer codes), and the
/// parameter `needed` as a whole value, left out where the error has none.
public struct JSONShape: Sendable, Hashable {
    /// What a hole holds, for one error with its parameter values.
    public enum Source: Sendable, Hashable {
        /// The wire code.
        case code
        /// The message, its placeholders filled in, in the response's language.
        case message
        /// The HTTP status.
        case status
        /// The problem type's title.
        case title
        /// The error's documentation link (`Catalog.documentationLink(for:)`); none without one.
        case documentation
        /// Every parameter, its own then the catalog's, as an object of typed values.
        case parameters
        /// The metadata the error has, as an object of typed values in key order.
        case metadata
        /// One parameter by name; none on an error without it, or where it is absent.
        case parameter(String)
        /// One metadata key by name; none on an error without a value.
        case metadataKey(String)
    }

    /// A part of the shape.
    public indirect enum Node: Sendable, Hashable {
        case object([Member])
        case array([Node])
        /// Constant JSON text (a number, `true`, `null`, a string without holes).
        case literal(String)
        /// A whole value with its own JSON type. Where the error has none: `null` when
        /// `orNull`, else the member or element is left out.
        case value(Source, orNull: Bool)
        /// A JSON string of text (already escaped for a JSON string) and holes (their value's text).
        case string([Part])
    }

    public struct Member: Sendable, Hashable {
        public let key: String
        public let value: Node
        /// The key as JSON text with its colon (`"needed":`), made once.
        let keyText: String

        public init(key: String, value: Node) {
            self.key = key
            self.value = value
            var text = ""
            JSON.quote(key, to: &text)
            keyText = text + ":"
        }
    }

    public enum Part: Sendable, Hashable {
        /// Text as it goes inside the JSON string, escapes included.
        case text(String)
        /// A value's text, escaped for a JSON string.
        case hole(Source)
    }

    public var root: Node

    public init(root: Node) { self.root = root }

    // MARK: The program generated code carries

    /// The first line of a program: what version of the program's layout it is.
    static let programHeader = "#tree"

    /// The shape as generated code hands it over: `#tree`, then the tree in order, a line each:
    /// `{` `}` an object, `[` `]` an array, `k` and a member's key, `=` and constant JSON text,
    /// `v` (left out where absent) or `n` (null where absent) and a whole value's source, `"`
    /// a string, then its parts, `t` and text or `s` and a source, then `'`. Sources: `@code`,
    /// `@message`, `@status`, `@title`, `@documentation`, `@parameters`, `@metadata`, `p:` and a
    /// parameter name, `m:` and a metadata key; fields with the catalog table's escapes.
    @_spi(ErrgenGenerated) public var program: String {
        var lines = [Self.programHeader]
        func emit(_ node: Node) {
            switch node {
            case let .object(members):
                lines.append("{")
                for member in members {
                    lines.append("k" + CatalogTable.escaped(member.key))
                    emit(member.value)
                }
                lines.append("}")
            case let .array(items):
                lines.append("[")
                items.forEach(emit)
                lines.append("]")
            case let .literal(text): lines.append("=" + CatalogTable.escaped(text))
            case let .value(source, orNull): lines.append((orNull ? "n" : "v") + CatalogTable.escaped(Self.name(source)))
            case let .string(parts):
                lines.append("\"")
                for part in parts {
                    switch part {
                    case let .text(text): lines.append("t" + CatalogTable.escaped(text))
                    case let .hole(source): lines.append("s" + CatalogTable.escaped(Self.name(source)))
                    }
                }
                lines.append("'")
            }
        }
        emit(root)
        return lines.joined(separator: "\n")
    }

    /// A program read back.
    @_spi(ErrgenGenerated) public init(program: String, catalog name: String) {
        let lines = Array(program.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.first.map({ String(decoding: $0, as: UTF8.self) }) == Self.programHeader else {
            preconditionFailure("the json body shape of \(name) was written by another errgen: regenerate the catalog with the errgen of this ErrgenRuntime")
        }
        var position = 1
        func fail(_ what: String) -> Never {
            preconditionFailure("malformed body shape of \(name) at line \(position + 1): \(what)")
        }
        func node() -> Node {
            guard position < lines.count, let opcode = lines[position].first else { fail("the shape ends early") }
            let text = CatalogTable.unescape(lines[position].dropFirst())
            position += 1
            switch opcode {
            case UInt8(ascii: "{"):
                var members: [Member] = []
                while position < lines.count, lines[position].first != UInt8(ascii: "}") {
                    guard lines[position].first == UInt8(ascii: "k") else { fail("a member without a key") }
                    let key = CatalogTable.unescape(lines[position].dropFirst())
                    position += 1
                    members.append(Member(key: key, value: node()))
                }
                position += 1
                return .object(members)
            case UInt8(ascii: "["):
                var items: [Node] = []
                while position < lines.count, lines[position].first != UInt8(ascii: "]") { items.append(node()) }
                position += 1
                return .array(items)
            case UInt8(ascii: "="): return .literal(text)
            case UInt8(ascii: "v"): return .value(Self.source(text, catalog: name), orNull: false)
            case UInt8(ascii: "n"): return .value(Self.source(text, catalog: name), orNull: true)
            case UInt8(ascii: "\""):
                var parts: [Part] = []
                while position < lines.count, lines[position].first != UInt8(ascii: "'") {
                    let part = CatalogTable.unescape(lines[position].dropFirst())
                    switch lines[position].first {
                    case UInt8(ascii: "t"): parts.append(.text(part))
                    case UInt8(ascii: "s"): parts.append(.hole(Self.source(part, catalog: name)))
                    default: fail("a string part that is neither text nor a hole")
                    }
                    position += 1
                }
                position += 1
                return .string(parts)
            default: fail("an unknown step")
            }
        }
        root = node()
        guard position == lines.count else { fail("more after the shape's end") }
    }

    static func name(_ source: Source) -> String {
        switch source {
        case .code: return "@code"
        case .message: return "@message"
        case .status: return "@status"
        case .title: return "@title"
        case .documentation: return "@documentation"
        case .parameters: return "@parameters"
        case .metadata: return "@metadata"
        case let .parameter(name): return "p:" + name
        case let .metadataKey(name): return "m:" + name
        }
    }

    static func source(_ text: String, catalog name: String) -> Source {
        switch text {
        case "@code": return .code
        case "@message": return .message
        case "@status": return .status
        case "@title": return .title
        case "@documentation": return .documentation
        case "@parameters": return .parameters
        case "@metadata": return .metadata
        default:
            if text.hasPrefix("p:") { return .parameter(String(text.dropFirst(2))) }
            if text.hasPrefix("m:") { return .metadataKey(String(text.dropFirst(2))) }
            preconditionFailure("unknown body shape source '\(text)' for \(name)")
        }
    }

    // MARK: Rendering

    /// The body of one error (`entry` in the response's language) with its parameter values.
    func render(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        var out = ""
        out.reserveCapacity(256)
        // The root is always written: a whole value without one is null there.
        if !write(root, entry: entry, arguments: arguments, catalog: catalog, to: &out) {
            if case .value = root { out += "null" } else if case .object = root { out += "{}" } else { out += "[]" }
        }
        return out
    }

    /// Writes `node`; false, having written nothing, where it is left out (a whole value the error
    /// has none of, or an object or array that leaves out every member or element it has).
    private func write(_ node: Node, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog, to out: inout String) -> Bool {
        switch node {
        case let .object(members):
            return writeContainer("{", "}", count: members.count, entry: entry, arguments: arguments, catalog: catalog, to: &out) { index in
                (members[index].keyText, members[index].value)
            }
        case let .array(items):
            return writeContainer("[", "]", count: items.count, entry: entry, arguments: arguments, catalog: catalog, to: &out) { index in
                ("", items[index])
            }
        case let .literal(text):
            out += text
            return true
        case let .value(source, orNull):
            if value(source, entry: entry, arguments: arguments, catalog: catalog, to: &out) { return true }
            guard orNull else { return false }
            out += "null"
            return true
        case let .string(parts):
            out += "\""
            for part in parts {
                switch part {
                case let .text(text): out += text
                case let .hole(source):
                    // errgen allows inside strings only values every error has.
                    if let text = source.text(entry: entry, arguments: arguments, catalog: catalog) {
                        Escaper.append(text, to: &out, special: JSON.special, replacement: JSON.escape)
                    }
                }
            }
            out += "\""
            return true
        }
    }

    /// Writes an object's members or an array's elements (`item`: the text before a member's
    /// value, its key, and the value), each left out where it is; false, having written nothing,
    /// where that leaves out every one of them (an empty one in the shape is written).
    private func writeContainer(
        _ open: String, _ close: String, count: Int, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog,
        to out: inout String, item: (Int) -> (prefix: String, node: Node)
    ) -> Bool {
        let start = out.endIndex
        out += open
        var written = 0
        for index in 0..<count {
            let before = out.endIndex
            if written > 0 { out += "," }
            let (prefix, node) = item(index)
            out += prefix
            if write(node, entry: entry, arguments: arguments, catalog: catalog, to: &out) {
                written += 1
            } else {
                out.removeSubrange(before...)
            }
        }
        if written == 0, count > 0 {
            out.removeSubrange(start...)
            return false
        }
        out += close
        return true
    }

    /// Writes a whole value; false, having written nothing, where the error has none.
    private func value(_ source: Source, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog, to out: inout String) -> Bool {
        switch source {
        case .code:
            if catalog.codeType == .integer { out += entry.wireCode } else { JSON.quote(entry.wireCode, to: &out) }
        case .message: JSON.quote(entry.message.render(arguments), to: &out)
        case .status: out += String(entry.status)
        case .title: JSON.quote(entry.title, to: &out)
        case .documentation:
            guard let link = catalog.documentationLink(for: entry) else { return false }
            JSON.quote(link, to: &out)
        case .parameters:
            out += "{"
            for (index, (parameter, value)) in WireBody.present(entry, arguments).enumerated() {
                JSON.member(parameter.name, value: value, to: &out, first: index == 0)
            }
            out += "}"
        case .metadata:
            out += "{"
            var first = true
            for (key, value) in zip(catalog.metadataKeys, entry.metadata) {
                guard let value else { continue }
                JSON.member(key.name, value: value, to: &out, first: first)
                first = false
            }
            out += "}"
        case let .parameter(name):
            guard let index = entry.parameters.firstIndex(where: { $0.name == name }), index < arguments.count, arguments[index] != .absent else {
                return false
            }
            JSON.value(arguments[index], to: &out)
        case let .metadataKey(name):
            guard let value = catalog.metadata(name, in: entry) else { return false }
            JSON.value(value, to: &out)
        }
        return true
    }
}

extension JSONShape.Node {
    /// Whether a body may leave the node out: a whole value that may be missing and is not asked
    /// to be null, or an object or array all of whose members or elements may be left out.
    var mayBeLeftOut: Bool {
        switch self {
        case let .value(source, orNull): return !orNull && source.mayBeMissing
        case let .object(members): return !members.isEmpty && members.allSatisfy(\.value.mayBeLeftOut)
        case let .array(items): return !items.isEmpty && items.allSatisfy(\.mayBeLeftOut)
        case .literal, .string: return false
        }
    }
}

extension JSONShape.Source {
    /// Whether an error may have none of it: a parameter, a metadata value, a documentation link.
    var mayBeMissing: Bool {
        switch self {
        case .parameter, .metadataKey, .documentation: return true
        case .code, .message, .status, .title, .parameters, .metadata: return false
        }
    }

    /// The value's text, as a message's placeholders read it; nil where the error has none (an
    /// absent or foreign parameter, a missing metadata value or link), and for `parameters` and
    /// `metadata`, which are not text.
    func text(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String? {
        switch self {
        case .code: return entry.wireCode
        case .message: return entry.message.render(arguments)
        case .status: return String(entry.status)
        case .title: return entry.title
        case .documentation: return catalog.documentationLink(for: entry)
        case .parameters, .metadata: return nil
        case let .parameter(name):
            guard let index = entry.parameters.firstIndex(where: { $0.name == name }), index < arguments.count, arguments[index] != .absent else {
                return nil
            }
            return arguments[index].description
        case let .metadataKey(name): return catalog.metadata(name, in: entry)?.description
        }
    }
}
