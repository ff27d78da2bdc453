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

    private static func indentation(_ count: Int) -> String {
        count < indents.count ? indents[count] : String(repeating: " ", count: count)
    }

    private func write(to out: inout String, indent: Int) {
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
