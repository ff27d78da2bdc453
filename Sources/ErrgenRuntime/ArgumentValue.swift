/// The value of one message parameter, typed as the spec declares it.
public enum ArgumentValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    /// A non-negative integer up to 2^64 - 1 (`type: unsigned`): MySQL's and C's `unsigned long long`.
    case unsigned(UInt64)
    /// No value: an optional parameter (`optional: true` in the spec) left out. A message shows
    /// it only through a section, `{name?…|…}`; JSON bodies leave its member out (a body shape
    /// writes `null`), XML bodies its element.
    case absent
    /// A list of values of one type (`type: [string]` in the spec), each one of the scalar cases
    /// above. A message or header shows it as its items' text separated by `, ` (HTTP's list
    /// syntax); a JSON body writes an array, an XML body repeats the element for each item.
    case list([ArgumentValue])

    /// The value as text, as it appears in a rendered message; empty for `absent`; a list's items
    /// separated by `, `.
    public var description: String {
        switch self {
        case let .string(s): return s
        case let .integer(n): return String(n)
        case let .number(x): return x.description
        case let .boolean(b): return b ? "true" : "false"
        case let .unsigned(n): return String(n)
        case .absent: return ""
        case let .list(items): return items.map(\.description).joined(separator: ", ")
        }
    }

    /// Whether a section `{name?…|…}` shows its text for a value: false for `absent` and for an
    /// empty list.
    public var isPresent: Bool {
        switch self {
        case .absent: return false
        case let .list(items): return !items.isEmpty
        default: return true
        }
    }

    public var listValue: [ArgumentValue]? {
        if case let .list(items) = self { return items }
        return nil
    }

    public var unsignedValue: UInt64? {
        if case let .unsigned(n) = self { return n }
        return nil
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var integerValue: Int? {
        if case let .integer(n) = self { return n }
        return nil
    }

    public var numberValue: Double? {
        if case let .number(x) = self { return x }
        return nil
    }

    public var booleanValue: Bool? {
        if case let .boolean(b) = self { return b }
        return nil
    }

    /// The type as the spec names it; nil for `absent`, which has none, and for a list (see
    /// `listValue`), whose items have it.
    public var kind: ParameterKind? {
        switch self {
        case .string: return .string
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .unsigned: return .unsigned
        case .absent, .list: return nil
        }
    }
}

/// The types a parameter can have.
public enum ParameterKind: String, Sendable, Hashable, CaseIterable {
    case string, integer, unsigned, number, boolean

    /// The spec's name of the type, `[string]` for a list of them.
    public func name(list: Bool) -> String { list ? "[" + rawValue + "]" : rawValue }

    /// Reads a value of this type from its text form; `nil` if the text is not one.
    public func parse(_ text: String) -> ArgumentValue? {
        switch self {
        case .string: return .string(text)
        case .integer: return Int(text).map(ArgumentValue.integer)
        case .number: return Double(text).flatMap { $0.isFinite ? .number($0) : nil }
        case .unsigned: return UInt64(text).map(ArgumentValue.unsigned)
        case .boolean:
            switch text {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        }
    }
}

/// A parameter's name and value, as a catalog error carries it.
public struct NamedArgument: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: ArgumentValue

    /// `name: value` (`item: 7`, `fields: name, e-mail`, `note: (absent)`).
    public var description: String { "\(name): " + (value == .absent ? "(absent)" : value.description) }

    public init(name: String, value: ArgumentValue) {
        self.name = name
        self.value = value
    }
}

/// Parameter values by name, as they arrive from the wire (for example a response's details), for
/// creating a catalog error from its wire code: each in its text form, a list parameter's as the
/// text form of each item (a list has no text form of its own: its items may hold `, `).
public struct ArgumentList: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var values: [String: String]
    /// The items of list parameters (`type: [string]`), by name.
    public var lists: [String: [String]]

    public init(_ values: [String: String], lists: [String: [String]] = [:]) {
        self.values = values
        self.lists = lists
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
        self.lists = [:]
    }

    /// The values a query gives the parameters of `entry`, as errgen's conformance route takes
    /// them (`/errgen/<catalog>/<code>?name=value…`, see the conformance runner): a parameter's
    /// last value, a list parameter's every value in order (its name repeated for each item). A
    /// required list the query does not name is empty; an optional one, absent. Names the entry
    /// has no parameter of are ignored.
    public init(query: some Sequence<(name: String, value: String)>, for entry: Catalog.Entry) {
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for (name, value) in query {
            guard let parameter = entry.parameters.first(where: { $0.name == name }) else { continue }
            if parameter.isList { lists[name, default: []].append(value) } else { values[name] = value }
        }
        for parameter in entry.parameters where parameter.isList && !parameter.isOptional && lists[parameter.name] == nil {
            lists[parameter.name] = []
        }
        self.init(values, lists: lists)
    }

    public func list(_ name: String) -> [String]? { lists[name] }

    public func string(_ name: String) -> String? { values[name] }

    public func integer(_ name: String) -> Int? { values[name].flatMap { Int($0) } }

    public func number(_ name: String) -> Double? {
        values[name].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    public func boolean(_ name: String) -> Bool? {
        switch values[name] {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
