import ErrgenRuntime

/// A JSON value written deterministically: object keys sorted by code point, two-space
/// indentation, numbers in their shortest form, strings escaped as the runtime escapes them.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer beyond `Int`'s range (an unsigned parameter's), as JSON writes integers.
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// A value already written as UTF-8 text at the indentation it stands at (see
    /// `JSONWriter`): a large document's parts, each written once, straight to text.
    case written([UInt8])

    public static func optional(_ string: String?) -> JSONValue { string.map(JSONValue.string) ?? .null }

    /// The value as pretty-printed JSON text, with a final line break.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` as UTF-8 bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(writtenByteCount + 4_096)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    /// The bytes of the `written` parts inside the value: most of a large document.
    private var writtenByteCount: Int {
        switch self {
        case let .written(text): return text.count
        case let .array(items): return items.reduce(0) { $0 + $1.writtenByteCount }
        case let .object(members): return members.values.reduce(0) { $0 + $1.writtenByteCount }
        case .null, .bool, .int, .unsigned, .double, .string: return 0
        }
    }

    /// Runs of spaces, made once.
    private static let indents: [[UInt8]] = (0...64).map { Array(repeating: 0x20, count: $0) }

    /// Appends `count` spaces.
    package static func indent(_ count: Int, to out: inout [UInt8]) {
        if count < indents.count {
            out.append(contentsOf: indents[count])
        } else {
            out.append(contentsOf: repeatElement(0x20, count: count))
        }
    }

    package func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(n): out.append(contentsOf: String(n).utf8)
        case let .unsigned(n): out.append(contentsOf: String(n).utf8)
        case let .double(x): out.append(contentsOf: (x.isFinite ? x.description : "null").utf8)
        case let .string(s): WireBody.appendJSONString(s, to: &out)
        case let .written(text): out.append(contentsOf: text)
        case let .array(items):
            Self.container(array: true, count: items.count, indent: indent, to: &out) { i, out in
                items[i].write(to: &out, indent: indent + 2)
            }
        case let .object(members):
            // UTF-8 byte order is code point order, and much cheaper to compare.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            Self.container(array: false, count: keys.count, indent: indent, to: &out) { i, out in
                Self.key(keys[i], to: &out)
                members[keys[i]]!.write(to: &out, indent: indent + 2)
            }
        }
    }

    /// The layout of every JSON document errgen writes (`JSONValue`, `OrderedJSON`; `JSONWriter`
    /// streams the same): `[]` or `{}` when empty, else each element on a line of its own, two
    /// spaces deeper than the brackets, `,` after every element but the last, and the closing
    /// bracket on a line of its own. `element` writes element `i` after its indentation.
    package static func container(array: Bool, count: Int, indent: Int, to out: inout [UInt8], element: (Int, inout [UInt8]) -> Void) {
        let (opening, closing) = array ? (UInt8(ascii: "["), UInt8(ascii: "]")) : (UInt8(ascii: "{"), UInt8(ascii: "}"))
        out.append(opening)
        guard count > 0 else { return out.append(closing) }
        out.append(0x0A)
        for i in 0..<count {
            Self.indent(indent + 2, to: &out)
            element(i, &out)
            if i < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        Self.indent(indent, to: &out)
        out.append(closing)
    }

    /// A member's key and the `": "` after it.
    package static func key(_ key: String, to out: inout [UInt8]) {
        WireBody.appendJSONString(key, to: &out)
        out.append(contentsOf: ": ".utf8)
    }
}

extension JSONValue {
    /// A parameter value with its JSON type.
    public init(_ value: ArgumentValue) {
        switch value {
        case let .string(s): self = .string(s)
        case let .integer(n): self = .int(n)
        case let .number(x): self = .double(x)
        case let .boolean(b): self = .bool(b)
        case let .unsigned(n): self = .unsigned(n)
        case .absent: self = .null
        case let .list(items): self = .array(items.map(JSONValue.init))
        }
    }
}

/// Writes JSON text as `JSONValue` does, straight into UTF-8 bytes, without building values
/// first: for the parts of large documents. Members must come in the order `JSONValue`
/// sorts keys in (code point order); debug builds check it.
package struct JSONWriter {
    package private(set) var out: [UInt8] = []
    /// The depth of the value written: its brackets' indentation (an element of an array at that
    /// depth less two).
    private let base: Int
    /// Per open object or array: the depth of its brackets and how many members or items it has
    /// so far.
    private var indents: [Int] = []
    private var counts: [Int] = []
    #if DEBUG
        /// Per open object, its last key, to check the order.
        private var lastKeys: [String?] = []
    #endif

    package init(indent: Int = 0, capacity: Int = 0) {
        base = indent
        out.reserveCapacity(capacity)
        indents.reserveCapacity(8)
        counts.reserveCapacity(8)
    }

    /// The depth of the next value.
    private var depth: Int { indents.isEmpty ? base : indents[indents.count - 1] + 2 }

    private mutating func separate() {
        let top = counts.count - 1
        if counts[top] > 0 { out.append(UInt8(ascii: ",")) }
        out.append(0x0A)
        JSONValue.indent(indents[top] + 2, to: &out)
        counts[top] += 1
    }

    /// Starts a member of the innermost object: its key; its value follows.
    package mutating func key(_ key: String) {
        #if DEBUG
            assert(lastKeys[lastKeys.count - 1].map { $0.utf8.lexicographicallyPrecedes(key.utf8) } ?? true, "\(key) out of order")
            lastKeys[lastKeys.count - 1] = key
        #endif
        separate()
        WireBody.appendJSONString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(0x20)
    }

    /// Starts an item of the innermost array.
    package mutating func item() { separate() }

    package mutating func string(_ value: String) { WireBody.appendJSONString(value, to: &out) }
    package mutating func optional(_ value: String?) { if let value { string(value) } else { null() } }
    package mutating func int(_ value: Int) { out.append(contentsOf: String(value).utf8) }
    package mutating func bool(_ value: Bool) { out.append(contentsOf: (value ? "true" : "false").utf8) }
    package mutating func null() { out.append(contentsOf: "null".utf8) }
    package mutating func value(_ value: JSONValue) { value.write(to: &out, indent: depth) }
    /// A value already written for this depth (by a writer made with `indent` at it).
    package mutating func written(_ text: [UInt8]) { out.append(contentsOf: text) }

    package mutating func object(_ members: (inout JSONWriter) -> Void) { open(UInt8(ascii: "{"), UInt8(ascii: "}"), members) }
    package mutating func array(_ items: (inout JSONWriter) -> Void) { open(UInt8(ascii: "["), UInt8(ascii: "]"), items) }

    private mutating func open(_ opening: UInt8, _ closing: UInt8, _ body: (inout JSONWriter) -> Void) {
        let indent = depth
        out.append(opening)
        indents.append(indent)
        counts.append(0)
        #if DEBUG
            lastKeys.append(nil)
        #endif
        body(&self)
        indents.removeLast()
        #if DEBUG
            lastKeys.removeLast()
        #endif
        if counts.removeLast() > 0 {
            out.append(0x0A)
            JSONValue.indent(indent, to: &out)
        }
        out.append(closing)
    }
}
