/// How a scalar resolves: its explicit tag, or the YAML 1.2 core schema for a plain scalar.
extension LoadSession {
    private static let yamlTagPrefix = "tag:yaml.org,2002:"

    private static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(yamlTagPrefix) ? "!!" + tag.dropFirst(yamlTagPrefix.count) : tag
    }

    func resolve(
        _ bytes: UnsafeBufferPointer<UInt8>, value: String, style: YAMLScalar.Style, tag: String?,
        at location: SourceLocation
    ) throws(DiagnosticError) -> YAMLScalar.Resolved {
        guard let tag else {
            return style == .plain ? try resolvePlain(bytes, value: value, at: location) : .string(value)
        }
        switch tag {
        case "!", "tag:yaml.org,2002:str":
            return .string(value)
        case "tag:yaml.org,2002:null":
            if CoreSchema.isNull(bytes) { return .null }
            throw error("tag !!null requires null, Null, NULL, ~ or nothing, not '\(Self.excerpt(value))'", at: location)
        case "tag:yaml.org,2002:bool":
            if let b = CoreSchema.bool(bytes) { return .bool(b) }
            throw error("tag !!bool requires true or false, not '\(Self.excerpt(value))'", at: location)
        case "tag:yaml.org,2002:int":
            switch CoreSchema.int(bytes) {
            case let .value(i): return .int(i)
            case .outOfRange: throw error("integer \(Self.excerpt(value)) does not fit in 64 bits", at: location)
            case .notAnInt: throw error("tag !!int requires an integer, not '\(Self.excerpt(value))'", at: location)
            }
        case "tag:yaml.org,2002:float":
            if let d = CoreSchema.float(bytes) { return .float(d) }
            throw error("tag !!float requires a number, not '\(Self.excerpt(value))'", at: location)
        case "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map":
            throw error("tag \(Self.shortTag(tag)) cannot be applied to a scalar", at: location)
        default:
            return style == .plain ? try resolvePlain(bytes, value: value, at: location) : .string(value)
        }
    }

    private func resolvePlain(
        _ bytes: UnsafeBufferPointer<UInt8>, value: String, at location: SourceLocation
    ) throws(DiagnosticError) -> YAMLScalar.Resolved {
        // Every non-string form starts with one of these bytes: 0-9 + - . ~ n N t T f F (or is empty).
        if let first = bytes.first {
            switch first {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
                 UInt8(ascii: "f"), UInt8(ascii: "F"):
                break
            default:
                return .string(value)
            }
        }
        if CoreSchema.isNull(bytes) { return .null }
        if let b = CoreSchema.bool(bytes) { return .bool(b) }
        switch CoreSchema.int(bytes) {
        case let .value(i):
            return .int(i)
        case .outOfRange:
            throw error(
                "integer \(Self.excerpt(value)) does not fit in 64 bits; quote it to make it a string",
                at: location
            )
        case .notAnInt:
            break
        }
        if let d = CoreSchema.float(bytes) { return .float(d) }
        return .string(value)
    }

    func checkCollectionTag(_ tag: String, isMapping: Bool, at location: SourceLocation) throws(DiagnosticError) {
        let own = isMapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq"
        guard tag != own, Self.interpretedTags.contains(tag) else { return }
        throw error("tag \(Self.shortTag(tag)) cannot be applied to \(isMapping ? "a mapping" : "a sequence")", at: location)
    }

    /// The tags whose meaning the loader applies; others are only kept.
    private static let interpretedTags: Set<String> = [
        "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    ]
}
