/// A YAML node as the loader builds it from libyaml's events: every node knows where it starts.
///
/// Aliases are resolved (within the loader's limits), so the tree holds no anchors or aliases.
public struct YAMLNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Entries in document order. Keys are unique (the loader rejects duplicates).
        case mapping([YAMLPair])
    }

    public var kind: Kind
    /// Where the node starts in its file.
    public var location: SourceLocation
    /// The node's explicit tag, if it had one (`!!str`, `!custom`), in its expanded form.
    public var tag: String?

    public init(_ kind: Kind, at location: SourceLocation, tag: String? = nil) {
        self.kind = kind
        self.location = location
        self.tag = tag
    }

    public var scalar: YAMLScalar? {
        if case let .scalar(s) = kind { return s }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case let .sequence(items) = kind { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case let .mapping(pairs) = kind { return pairs }
        return nil
    }

    /// The value of a mapping entry whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }

    /// A short name of the node's kind for diagnostics: "a string", "a mapping", …
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case let .scalar(s):
            switch s.resolved {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }
}

public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's text after YAML's own unescaping and folding.
    public var value: String
    public var style: Style
    /// The value under the YAML 1.2 core schema.
    public var resolved: Resolved

    public init(value: String, style: Style, resolved: Resolved) {
        self.value = value
        self.style = style
        self.resolved = resolved
    }

    /// A scalar's value under the YAML 1.2 core schema (plain scalars resolve; quoted ones are strings).
    public enum Resolved: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
    }
}
