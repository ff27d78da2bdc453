import CYAML

/// Reads YAML into a tree of ``YAMLNode``s that know their line and column, using libyaml's event
/// parser (the system library) and building the tree in one pass over the events.
///
/// What the loader does with YAML:
/// - Plain scalars resolve under the YAML 1.2 core schema (``CoreSchema``), whatever a `%YAML`
///   directive says; quoted and block scalars are strings.
/// - Explicit tags: `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` make a scalar of that type
///   (its text must have the type's form: `!!int "12"` is 12, `!!int abc` is an error); the
///   non-specific tag `!` makes a scalar a string; `!!seq` and `!!map` are accepted on their own kind.
///   Every other tag (`!local`, `!!binary`, `!!set`, `tag:example.com,2000:x`) is kept in
///   ``YAMLNode/tag`` in its expanded form, and the node resolves as an untagged node of the same
///   style would. ``YAMLNode/tag`` holds every explicit tag as written, expanded.
/// - Anchors and aliases: an alias becomes a copy of the node its anchor names (the most recent
///   one before it in the same document). The copy's root takes the alias's location; the nodes
///   inside it keep the locations where they are written.
/// - Mapping keys must be unique; keys compare by resolved value (`1` and `0x1` are the same key,
///   `1` and `"1"` are not) and by any tag the loader does not interpret. A `<<` key is an ordinary
///   key: YAML 1.1 merge keys are not part of the 1.2 core schema.
/// - Limits (``YAMLLimits``) on input size, nesting depth, nodes produced and aliases are checked
///   as the events arrive, so hostile input stops at the event that crosses a limit.
/// - Input is UTF-8, or UTF-16 with a byte order mark (libyaml's encodings); a UTF-8 byte order
///   mark at the start is skipped.
///
/// Refused by design, each with its own diagnostic:
/// - a sequence or mapping as a mapping key, directly or through an alias:
///   "complex mapping keys are not supported";
/// - an alias inside the node its anchor names (a recursive structure, which no tree can hold):
///   "alias *a refers to a node that contains it; recursive structures are not supported";
/// - an integer outside `Int`'s range (`-9223372036854775808...9223372036854775807`): "integer
///   … does not fit in 64 bits; quote it to make it a string". Quoting or `!!str` makes it a string;
///   silently turning it into a float or a string would hide the mistake;
/// - a float form too large for `Double` is not refused: it becomes ±infinity.
public struct YAMLLoader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// All documents of a stream, in order. An empty stream (no bytes, or only comments) has none.
    public func loadStream(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> [YAMLNode] {
        try load(bytes, file: file, singleDocument: false)
    }

    /// Exactly one document (a spec file). An empty stream is an error "the file is empty"; more
    /// than one document is an error at the second document's start.
    public func loadDocument(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> YAMLNode {
        let documents = try load(bytes, file: file, singleDocument: true)
        guard let document = documents.first else {
            throw DiagnosticError(.error("the file is empty", file: file))
        }
        return document
    }

    private func load(_ bytes: [UInt8], file: String, singleDocument: Bool) throws(DiagnosticError) -> [YAMLNode] {
        guard bytes.count <= limits.maxInputBytes else {
            throw DiagnosticError(.error(
                "the file is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes) bytes",
                file: file
            ))
        }
        if bytes.isEmpty { return [] }
        let limits = self.limits
        let result = bytes.withUnsafeBufferPointer { input in
            Result { () throws(DiagnosticError) -> [YAMLNode] in
                var session = try LoadSession(input: input, file: file, limits: limits)
                return try session.run(singleDocument: singleDocument)
            }
        }
        return try result.get()
    }
}

/// One pass of libyaml's event parser over one input, building the tree. Owns the parser and
/// its current event, and frees both however the pass ends.
private struct LoadSession: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let input: UnsafeBufferPointer<UInt8>
    private let file: String
    private let limits: YAMLLimits

    /// Open collections, innermost last.
    private var stack: [Frame] = []
    /// The finished root of the current document.
    private var root: YAMLNode?
    private var documents: [YAMLNode] = []
    private var documentCount = 0
    /// Anchors of the current document.
    private var anchors: [String: Anchor] = [:]
    private var nodeCount = 0
    private var aliasCount = 0

    init(input: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits) throws(DiagnosticError) {
        self.input = input
        self.file = file
        self.limits = limits
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            event.deallocate()
            throw DiagnosticError(.error("out of memory while starting the YAML parser", file: file))
        }
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    mutating func run(singleDocument: Bool) throws(DiagnosticError) -> [YAMLNode] {
        while true {
            guard yaml_parser_parse(parser, event) != 0 else {
                throw DiagnosticError(libyamlDiagnostic())
            }
            defer { yaml_event_delete(event) }
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                try scalar()
            case YAML_SEQUENCE_START_EVENT:
                let data = event.pointee.data.sequence_start
                try startCollection(isMapping: false, anchor: data.anchor, tag: data.tag)
            case YAML_MAPPING_START_EVENT:
                let data = event.pointee.data.mapping_start
                try startCollection(isMapping: true, anchor: data.anchor, tag: data.tag)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try endCollection()
            case YAML_ALIAS_EVENT:
                try alias()
            case YAML_DOCUMENT_START_EVENT:
                documentCount += 1
                if singleDocument, documentCount > 1 {
                    throw error("expected one document, but a second document starts here", at: startLocation)
                }
                anchors.removeAll(keepingCapacity: true)
            case YAML_DOCUMENT_END_EVENT:
                if let root {
                    documents.append(root)
                }
                root = nil
            case YAML_STREAM_END_EVENT:
                return documents
            default:
                break
            }
        }
    }

    // MARK: - Events

    private var startLocation: SourceLocation {
        let mark = event.pointee.start_mark
        return SourceLocation(line: mark.line + 1, column: mark.column + 1)
    }

    private mutating func scalar() throws(DiagnosticError) {
        let data = event.pointee.data.scalar
        let location = startLocation
        try countNodes(1, at: location)
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let value = String(decoding: bytes, as: UTF8.self)
        let style: YAMLScalar.Style
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let tag = data.tag.map { String(cString: $0) }
        let resolved = try resolve(bytes, value: value, style: style, tag: tag, at: location)
        let node = YAMLNode(.scalar(YAMLScalar(value: value, style: style, resolved: resolved)), at: location, tag: tag)
        if let anchor = data.anchor {
            anchors[String(cString: anchor)] = .node(node, count: 1)
        }
        try attach(node, count: 1)
    }

    private mutating func startCollection(
        isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?
    ) throws(DiagnosticError) {
        let location = startLocation
        if let top = stack.last, top.isMapping, top.pendingKey == nil {
            throw error("complex mapping keys are not supported", at: location)
        }
        if stack.count >= limits.maxDepth {
            throw error("nesting deeper than \(limits.maxDepth) levels", at: location)
        }
        try countNodes(1, at: location)
        let tagName = tag.map { String(cString: $0) }
        if let tagName {
            try checkCollectionTag(tagName, isMapping: isMapping, at: location)
        }
        var anchorName: String?
        if let anchor {
            let name = String(cString: anchor)
            anchors[name] = .open(location)
            anchorName = name
        }
        stack.append(Frame(isMapping: isMapping, location: location, tag: tagName, anchor: anchorName))
    }

    private mutating func endCollection() throws(DiagnosticError) {
        let frame = stack.removeLast()
        let node: YAMLNode
        if frame.isMapping {
            node = YAMLNode(.mapping(frame.pairs), at: frame.location, tag: frame.tag)
        } else {
            node = YAMLNode(.sequence(frame.items), at: frame.location, tag: frame.tag)
        }
        if let name = frame.anchor, case .open(frame.location)? = anchors[name] {
            // Only if the anchor was not defined again inside the node: the later one wins.
            anchors[name] = .node(node, count: frame.count)
        }
        try attach(node, count: frame.count)
    }

    private mutating func alias() throws(DiagnosticError) {
        let location = startLocation
        let name = String(cString: event.pointee.data.alias.anchor)
        aliasCount += 1
        if aliasCount > limits.maxAliases {
            throw error("more than \(limits.maxAliases) aliases", at: location)
        }
        switch anchors[name] {
        case nil:
            throw error("undefined alias *\(name) (no anchor &\(name) comes before it in this document)", at: location)
        case .open?:
            throw error(
                "alias *\(name) refers to a node that contains it; recursive structures are not supported",
                at: location
            )
        case let .node(node, count)?:
            try countNodes(count, at: location)
            var copy = node
            copy.location = location
            try attach(copy, count: count)
        }
    }

    // MARK: - Tree

    private mutating func attach(_ node: YAMLNode, count: Int) throws(DiagnosticError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].count += count
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
            return
        }
        guard case let .scalar(scalar) = node.kind else {
            throw error("complex mapping keys are not supported", at: node.location)
        }
        let id = KeyID(scalar, tag: node.tag)
        if let first = stack[top].firstDefinition(of: id, at: node.location) {
            throw error("duplicate key '\(Self.excerpt(scalar.value))' (first defined at \(first))", at: node.location)
        }
        stack[top].pendingKey = node
    }

    private mutating func countNodes(_ count: Int, at location: SourceLocation) throws(DiagnosticError) {
        nodeCount += count
        if nodeCount > limits.maxNodes {
            throw error("more than \(limits.maxNodes) nodes, counting every copy an alias makes", at: location)
        }
    }

    private static func excerpt(_ text: String) -> String {
        var text = text
        if let newline = text.firstIndex(where: \.isNewline) {
            text = text[..<newline] + "…"
        }
        if text.unicodeScalars.count > 60 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(60))) + "…"
        }
        return text
    }

    // MARK: - Tags

    private static let yamlTagPrefix = "tag:yaml.org,2002:"

    private static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(yamlTagPrefix) ? "!!" + tag.dropFirst(yamlTagPrefix.count) : tag
    }

    private func resolve(
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

    private func checkCollectionTag(_ tag: String, isMapping: Bool, at location: SourceLocation) throws(DiagnosticError) {
        let own = isMapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq"
        guard tag != own, Self.interpretedTags.contains(tag) else { return }
        throw error("tag \(Self.shortTag(tag)) cannot be applied to \(isMapping ? "a mapping" : "a sequence")", at: location)
    }

    /// The tags whose meaning the loader applies; others are only kept.
    private static let interpretedTags: Set<String> = [
        "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    ]

    // MARK: - Diagnostics

    private func error(_ message: String, at location: SourceLocation?) -> DiagnosticError {
        DiagnosticError(.error(message, file: file, at: location))
    }

    /// A diagnostic for the error libyaml reported.
    private func libyamlDiagnostic() -> Diagnostic {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return .error("out of memory while parsing YAML", file: file)
        case YAML_READER_ERROR:
            let location = readerLocation(offset: p.problem_offset)
            let value = p.problem_value
            let message: String
            switch problem {
            case "control characters are not allowed":
                message = "control character \(Self.codePoint(value)) is not allowed in YAML"
            case "invalid Unicode character":
                message = "invalid Unicode character \(Self.codePoint(value))"
            case "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet":
                message = "the file is not valid UTF-8 (\(problem) 0x\(Self.hex(value, digits: 2)))"
            case let other where other.contains("UTF-8"):
                message = "the file is not valid UTF-8 (\(other))"
            case let other where other.contains("UTF-16"):
                message = "the file is not valid UTF-16 (\(other))"
            default:
                message = problem
            }
            return .error(message, file: file, at: location)
        default:
            let mark = p.problem_mark
            let location = SourceLocation(line: mark.line + 1, column: mark.column + 1)
            var message = problem
            if problem == "found character that cannot start any token", isTab(at: mark) {
                message = "found a tab character that cannot start any token (tabs cannot indent YAML)"
            }
            if let context = p.context.map({ String(cString: $0) }) {
                let cm = p.context_mark
                if cm.line != mark.line || cm.column != mark.column {
                    message += " (\(context) started at \(cm.line + 1):\(cm.column + 1))"
                }
            }
            return .error(message, file: file, at: location)
        }
    }

    private static func codePoint(_ value: Int32) -> String {
        "U+" + hex(value, digits: 4)
    }

    private static func hex(_ value: Int32, digits: Int) -> String {
        let s = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// Whether the character at a libyaml mark (counted in characters from the start) is a tab.
    private func isTab(at mark: yaml_mark_t) -> Bool {
        guard let offset = byteOffset(line: mark.line, column: mark.column), offset < input.count else { return false }
        return input[offset] == 0x09
    }

    /// The byte offset of a line and column (both 0-based, column in characters) in UTF-8 input.
    private func byteOffset(line: Int, column: Int) -> Int? {
        guard !isUTF16 else { return nil }
        var i = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var currentLine = 0
        while currentLine < line, i < input.count {
            let width = lineBreakWidth(at: i)
            if width > 0 { currentLine += 1; i += width } else { i += 1 }
        }
        var currentColumn = 0
        while currentColumn < column, i < input.count {
            i += 1
            while i < input.count, input[i] & 0xC0 == 0x80 { i += 1 }
            currentColumn += 1
        }
        return i
    }

    private var isUTF16: Bool {
        input.count >= 2 && ((input[0] == 0xFE && input[1] == 0xFF) || (input[0] == 0xFF && input[1] == 0xFE))
    }

    /// The width in bytes of a line break at `i` as libyaml counts them (CR LF, CR, LF, NEL, LS, PS), or 0.
    private func lineBreakWidth(at i: Int) -> Int {
        switch input[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < input.count && input[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < input.count && input[i + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// Line and column of a byte offset that libyaml's reader reported (it reports no mark).
    private func readerLocation(offset: Int) -> SourceLocation {
        let end = min(offset, input.count)
        var line = 1
        var column = 1
        if isUTF16 {
            let bigEndian = input[0] == 0xFE
            var i = 2
            while i + 1 < end {
                let unit = bigEndian ? UInt16(input[i]) << 8 | UInt16(input[i + 1]) : UInt16(input[i + 1]) << 8 | UInt16(input[i])
                i += 2
                switch unit {
                case 0x0A, 0x85, 0x2028, 0x2029: line += 1; column = 1
                case 0x0D:
                    let nextIsLF = i + 1 < end && (bigEndian ? input[i + 1] : input[i]) == 0x0A && (bigEndian ? input[i] : input[i + 1]) == 0
                    if !nextIsLF { line += 1; column = 1 }
                case 0xDC00...0xDFFF: break
                default: column += 1
                }
            }
            return SourceLocation(line: line, column: column)
        }
        var i = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < end {
            let width = lineBreakWidth(at: i)
            if width > 0 {
                line += 1
                column = 1
                i += width
            } else {
                if input[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}

/// A sequence or mapping whose events are still arriving.
private struct Frame {
    let isMapping: Bool
    let location: SourceLocation
    let tag: String?
    let anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    /// The key whose value comes next (mappings only); `nil` while a key is expected.
    var pendingKey: YAMLNode?
    /// Keys seen so far, once the mapping is large enough that a linear search gets slow.
    var keyIndex: [KeyID: SourceLocation]?
    /// Nodes in this collection so far, itself included.
    var count = 1

    init(isMapping: Bool, location: SourceLocation, tag: String?, anchor: String?) {
        self.isMapping = isMapping
        self.location = location
        self.tag = tag
        self.anchor = anchor
    }

    /// Where the key `id` was first defined in this mapping, if it was; otherwise records it as
    /// defined at `location` and returns `nil`.
    mutating func firstDefinition(of id: KeyID, at location: SourceLocation) -> SourceLocation? {
        if keyIndex != nil {
            if let first = keyIndex![id] { return first }
            keyIndex![id] = location
            return nil
        }
        for pair in pairs {
            if let scalar = pair.key.scalar, KeyID(scalar, tag: pair.key.tag) == id {
                return pair.key.location
            }
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
private struct KeyID: Hashable {
    enum Value: Hashable {
        case null
        case bool(Bool)
        case int(Int)
        /// The bit pattern, with every NaN one NaN and -0.0 as 0.0.
        case float(UInt64)
        case string(String)
    }

    var value: Value
    var tag: String?

    init(_ scalar: YAMLScalar, tag: String?) {
        switch scalar.resolved {
        case .null: value = .null
        case let .bool(b): value = .bool(b)
        case let .int(i): value = .int(i)
        case let .float(d): value = .float(d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern))
        case let .string(s): value = .string(s)
        }
        if let tag, tag != "!", !tag.hasPrefix("tag:yaml.org,2002:") {
            self.tag = tag
        } else {
            self.tag = nil
        }
    }
}

/// What an anchor names so far in the current document.
private enum Anchor {
    /// A collection whose events are still arriving, which starts at this location.
    case open(SourceLocation)
    /// A finished node and the number of nodes in it.
    case node(YAMLNode, count: Int)
}
