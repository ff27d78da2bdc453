import ErrgenRuntime

/// A JSON value written deterministically: object keys sorted by code point, two-space
/// indentation, numbers in their shortest form, strings escaped as the runtime escapes them.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// A value already written as text at the indentation it stands at (see `text(indent:)`):
    /// large documents write their parts in parallel.
    case written(String)

    public static func optional(_ string: String?) -> JSONValue { string.map(JSONValue.string) ?? .null }

    /// The value as pretty-printed JSON text, with a final line break.
    public var text: String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The value as text for a place `indent` spaces deep (an element of an array at that depth
    /// less two), for `.written`.
    public func text(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    /// Runs of spaces, made once.
    private static let indents: [String] = (0...64).map { String(repeating: " ", count: $0) }

    static func indentation(_ count: Int) -> String {
        count < indents.count ? indents[count] : String(repeating: " ", count: count)
    }

    func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(n): out += String(n)
        case let .double(x): out += x.isFinite ? x.description : "null"
        case let .string(s): WireBody.appendJSONString(s, to: &out)
        case let .written(text): out += text
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += Self.indentation(indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += Self.indentation(indent)
            out += "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            // UTF-8 byte order is code point order, and much cheaper to compare.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                out += Self.indentation(indent + 2)
                WireBody.appendJSONString(key, to: &out)
                out += ": "
                members[key]!.write(to: &out, indent: indent + 2)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += Self.indentation(indent)
            out += "}"
        }
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
        }
    }
}

/// Writes JSON text as `JSONValue.text(indent:)` does, straight into a string, without building
/// values first: for the parts of large documents. Members must come in the order `JSONValue`
/// sorts keys in (code point order); debug builds check it.
struct JSONWriter {
    private(set) var out = ""
    /// The depth of the value written (see `JSONValue.text(indent:)`).
    private let base: Int
    /// Per open object or array: the depth of its brackets and how many members or items it has
    /// so far.
    private var indents: [Int] = []
    private var counts: [Int] = []
    #if DEBUG
        /// Per open object, its last key, to check the order.
        private var lastKeys: [String?] = []
    #endif

    init(indent: Int = 0, capacity: Int = 0) {
        base = indent
        out.reserveCapacity(capacity)
        indents.reserveCapacity(8)
        counts.reserveCapacity(8)
    }

    /// The depth of the next value.
    private var depth: Int { indents.isEmpty ? base : indents[indents.count - 1] + 2 }

    private mutating func separate() {
        let top = counts.count - 1
        out += counts[top] == 0 ? "\n" : ",\n"
        out += JSONValue.indentation(indents[top] + 2)
        counts[top] += 1
    }

    /// Starts a member of the innermost object: its key; its value follows.
    mutating func key(_ key: String) {
        #if DEBUG
            assert(lastKeys[lastKeys.count - 1].map { $0.utf8.lexicographicallyPrecedes(key.utf8) } ?? true, "\(key) out of order")
            lastKeys[lastKeys.count - 1] = key
        #endif
        separate()
        WireBody.appendJSONString(key, to: &out)
        out += ": "
    }

    /// Starts an item of the innermost array.
    mutating func item() { separate() }

    mutating func string(_ value: String) { WireBody.appendJSONString(value, to: &out) }
    mutating func optional(_ value: String?) { if let value { string(value) } else { out += "null" } }
    mutating func int(_ value: Int) { out += String(value) }
    mutating func bool(_ value: Bool) { out += value ? "true" : "false" }
    mutating func null() { out += "null" }
    mutating func value(_ value: JSONValue) { value.write(to: &out, indent: depth) }
    /// A value already written for this depth (by a writer made with `indent` at it).
    mutating func written(_ text: String) { out += text }

    mutating func object(_ members: (inout JSONWriter) -> Void) { open("{", "}", members) }
    mutating func array(_ items: (inout JSONWriter) -> Void) { open("[", "]", items) }

    private mutating func open(_ opening: String, _ closing: String, _ body: (inout JSONWriter) -> Void) {
        let indent = depth
        out += opening
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
            out += "\n"
            out += JSONValue.indentation(indent)
        }
        out += closing
    }
}
