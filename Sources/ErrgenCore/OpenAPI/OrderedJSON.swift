import ErrgenRuntime
import ErrgenSpec

/// A JSON value whose objects keep their members in the order given, written in `JSONValue`'s
/// layout (`JSONValue.container`, the runtime's string escapes): for documents whose order is
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
            JSONValue.container(array: true, count: items.count, indent: indent, to: &out) { i, out in
                items[i].write(to: &out, indent: indent + 2)
            }
        case let .object(members):
            JSONValue.container(array: false, count: members.count, indent: indent, to: &out) { i, out in
                JSONValue.key(members[i].key, to: &out)
                members[i].value.write(to: &out, indent: indent + 2)
            }
        }
    }
}
