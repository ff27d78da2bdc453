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

    public static func optional(_ string: String?) -> JSONValue { string.map(JSONValue.string) ?? .null }

    /// The value as pretty-printed JSON text, with a final line break.
    public var text: String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(n): out += String(n)
        case let .double(x): out += x.isFinite ? x.description : "null"
        case let .string(s): out += WireBody.jsonString(s)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            // UTF-8 byte order is code point order, and much cheaper to compare.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                out += WireBody.jsonString(key)
                out += ": "
                members[key]!.write(to: &out, indent: indent + 2)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
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
