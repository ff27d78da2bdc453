/// The session's bookkeeping while events arrive: open collections, mapping key identities and
/// anchors.
extension LoadSession {
    /// A sequence or mapping whose events are still arriving.
    struct Frame {
        let isMapping: Bool
        let isFlow: Bool
        let location: SourceLocation
        let tag: String?
        let anchor: String?
        /// The column (0-based) of the entries of the innermost block collection holding this one or
        /// being this one; -1 at the top level. Lines of flow content inside are indented more.
        let blockIndent: Int
        /// The byte offset where the collection starts.
        let startOffset: Int
        /// A flow collection directly inside block context (or at the top).
        let isOutermostFlow: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        /// The key whose value comes next (mappings only); `nil` while a key is expected.
        var pendingKey: YAMLNode?
        /// Keys seen so far, once the mapping is large enough that a linear search gets slow.
        var keyIndex: [KeyID: SourceLocation]?
        /// Nodes in this collection so far, itself included.
        var count = 1

        init(
            isMapping: Bool, isFlow: Bool, location: SourceLocation, tag: String?, anchor: String?,
            blockIndent: Int, startOffset: Int, isOutermostFlow: Bool
        ) {
            self.isMapping = isMapping
            self.isFlow = isFlow
            self.location = location
            self.tag = tag
            self.anchor = anchor
            self.blockIndent = blockIndent
            self.startOffset = startOffset
            self.isOutermostFlow = isOutermostFlow
        }

        /// Where the key `id` was first defined in this mapping, if it was; otherwise records it as
        /// defined at `location` and returns `nil`.
        mutating func firstDefinition(of id: KeyID, at location: SourceLocation) -> SourceLocation? {
            if keyIndex != nil {
                if let first = keyIndex![id] { return first }
                keyIndex![id] = location
                return nil
            }
            for pair in pairs where id.matches(pair.key) {
                return pair.key.location
            }
            if pairs.count >= 16 {
                var index: [KeyID: SourceLocation] = [:]
                index.reserveCapacity(pairs.count * 2)
                for pair in pairs {
                    if let scalar = pair.key.scalar {
                        index[KeyID(scalar, tag: pair.key.tag)] = pair.key.location
                    }
                }
                index[id] = location
                keyIndex = index
            }
            return nil
        }
    }

    /// A mapping key's identity: its resolved value, and any tag the loader does not interpret.
    struct KeyID: Hashable {
        enum Value: Hashable {
            case null
            case bool(Bool)
            case int(Int)
            /// The bit pattern, with every NaN one NaN and -0.0 as 0.0.
            case float(UInt64)
            case string(String)
        }

        package var value: Value
        var tag: String?

        /// Whether `key` (a scalar) has this identity; `KeyID(key) == self` without building one.
        func matches(_ key: YAMLNode) -> Bool {
            guard case let .scalar(scalar) = key.kind else { return false }
            switch (value, scalar.resolved) {
            case let (.string(a), .string(b)):
                guard a == b else { return false }
            case (.null, .null):
                break
            case let (.bool(a), .bool(b)):
                guard a == b else { return false }
            case let (.int(a), .int(b)):
                guard a == b else { return false }
            case let (.float(a), .float(b)):
                guard a == Self.bits(b) else { return false }
            default:
                return false
            }
            return tag == Self.customTag(key.tag)
        }

        static func bits(_ d: Double) -> UInt64 {
            d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern)
        }

        static func customTag(_ tag: String?) -> String? {
            guard let tag, tag != "!", !tag.hasPrefix("tag:yaml.org,2002:") else { return nil }
            return tag
        }

        init(_ scalar: YAMLScalar, tag: String?) {
            switch scalar.resolved {
            case .null: value = .null
            case let .bool(b): value = .bool(b)
            case let .int(i): value = .int(i)
            case let .float(d): value = .float(Self.bits(d))
            case let .string(s): value = .string(s)
            }
            self.tag = Self.customTag(tag)
        }
    }

    /// What an anchor names so far in the current document.
    enum Anchor {
        /// A collection whose events are still arriving, which starts at this location.
        case open(SourceLocation)
        /// A finished node and the number of nodes in it.
        case node(YAMLNode, count: Int)
    }
}
