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

    /// The value as text, as it appears in a rendered message; empty for `absent`.
    public var description: String {
        switch self {
        case let .string(s): return s
        case let .integer(n): return String(n)
        case let .number(x): return x.description
        case let .boolean(b): return b ? "true" : "false"
        case let .unsigned(n): return String(n)
        case .absent: return ""
        }
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

    /// The type as the spec names it; nil for `absent`, which has none.
    public var kind: ParameterKind? {
        switch self {
        case .string: return .string
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .unsigned: return .unsigned
        case .absent: return nil
        }
    }
}

/// The types a parameter can have.
public enum ParameterKind: String, Sendable, Hashable, CaseIterable {
    case string, integer, unsigned, number, boolean

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
public struct NamedArgument: Sendable, Hashable {
    public var name: String
    public var value: ArgumentValue

    public init(name: String, value: ArgumentValue) {
        self.name = name
        self.value = value
    }
}

/// Parameter values by name, as they arrive from the wire (for example a response's details), for
/// creating a catalog error from its wire code.
public struct ArgumentList: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

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
