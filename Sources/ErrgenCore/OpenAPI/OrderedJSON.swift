import ErrgenRuntime
import ErrgenSpec

/// A JSON value whose objects keep their members in the order given, written as `JSONValue`
/// writes (two-space indentation, the runtime's string escapes): for documents whose order is
/// part of their reading, an OpenAPI document's top (`openapi` first) or a user's document that
/// errgen bundles.
public indirect enum OrderedJSON: Sendable, Hashable {
    /// A value written as `JSONValue` writes it (its objects' keys sorted).
    case value(JSONValue)
    case array([OrderedJSON])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: OrderedJSON

        public init(_ key: String, _ value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    /// The value as pretty-printed JSON text, with a final line break.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    /// The member `key` of an object.
    public subscript(key: String) -> OrderedJSON? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case let .value(value): value.write(to: &out, indent: indent)
        case let .array(items):
            if items.isEmpty { return out.append(contentsOf: "[]".utf8) }
            out.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                JSONValue.indent(indent + 2, to: &out)
                item.write(to: &out, indent: indent + 2)
                out.append(contentsOf: (index == items.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.indent(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty { return out.append(contentsOf: "{}".utf8) }
            out.append(contentsOf: "{\n".utf8)
            for (index, member) in members.enumerated() {
                JSONValue.indent(indent + 2, to: &out)
                WireBody.appendJSONString(member.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                member.value.write(to: &out, indent: indent + 2)
                out.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.indent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }
}
