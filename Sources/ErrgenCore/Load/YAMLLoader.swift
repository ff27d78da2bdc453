import CYAML
import Foundation

/// Reads YAML into a tree of ``YAMLNode``s that know their line and column, using libyaml's event
/// parser (the system library) and building the tree in one pass over the events.
///
/// What the loader does with YAML:
/// - Plain scalars resolve under the YAML 1.2 core schema (``CoreSchema``), whatever a `%YAML`
///   directive says; quoted and block scalars are strings. A float form too large for `Double`
///   becomes ±infinity.
/// - Explicit tags: `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` make a scalar of that type
///   (its text must have the type's form: `!!int "12"` is 12, `!!int abc` is an error); the
///   non-specific tag `!` makes a scalar a string; `!!seq` and `!!map` are accepted on their own
///   kind and are errors on another. Every other tag (`!local`, `!!binary`, `!!set`,
///   `tag:example.com,2000:x`) is only kept: the node resolves as an untagged node of the same
///   style would. ``YAMLNode/tag`` holds every explicit tag as written, expanded.
/// - Anchors and aliases: an alias becomes a copy of the node its anchor names (the most recent
///   one before it in the same document). The copy's root takes the alias's location; the nodes
///   inside it keep the locations where they are written. Copies share storage, so an alias costs
///   no copying of its subtree.
/// - Mapping keys must be unique; keys compare by resolved value (`1` and `0x1` are the same key,
///   `1` and `"1"` are not) and by any tag the loader does not interpret. A `<<` key is an ordinary
///   key: YAML 1.1 merge keys are not part of the 1.2 core schema.
/// - Limits (``YAMLLimits``) on input size, nesting depth, nodes produced and aliases are checked
///   as the events arrive, so hostile input stops at the event that crosses a limit.
/// - Input is UTF-8 (a byte order mark at the start is skipped), or UTF-16 or UTF-32 with a byte
///   order mark, which the loader turns into UTF-8 first.
///
/// Refused by design, each with its own diagnostic:
/// - a sequence or mapping as a mapping key, directly or through an alias:
///   "complex mapping keys are not supported";
/// - an alias inside the node its anchor names (a recursive structure, which no tree can hold):
///   "alias *a refers to a node that contains it; recursive structures are not supported";
/// - an integer outside `Int`'s range (`-9223372036854775808...9223372036854775807`): "integer
///   … does not fit in 64 bits; quote it to make it a string". Quoting or `!!str` makes it a
///   string; silently turning it into a float or a string would hide the mistake.
///
/// Refused because libyaml 0.2.5 reads them differently from YAML 1.2 (the loader detects them
/// and reports them rather than return the wrong data):
/// - a plain scalar starting with `?` in a flow collection (`[?x]`), which libyaml takes for an
///   explicit key;
/// - an anchor or alias name followed directly by `:`, `?`, `%`, `@` or `` ` `` (`&a:b`), which
///   libyaml ends before that character;
/// - a block scalar whose last line holds only spaces at the end of the input, without a line
///   break, which libyaml drops.
///
/// Rejected although libyaml 0.2.5 accepts them, because YAML 1.2 forbids them: a comment whose
/// `#` follows something other than whitespace (`"a"#b`, `[a]#b`, `|#b`); a directive after a
/// document that did not end with `...`; a line of a flow collection or of a multi-line quoted
/// scalar indented no more than the enclosing block collection's entries (including the line of
/// a closing `]` or `}`); a plain `-` in a flow collection; leading empty lines of a block scalar
/// with more spaces than its first line of text; a byte order mark anywhere but at the start of a
/// document.
public struct YAMLLoader: Sendable {
    public var limits: YAMLLimits

    /// Inputs of at least this many bytes are parsed by libyaml on a thread of its own, a few
    /// batches of events ahead of the tree being built from them; smaller ones on the calling
    /// thread alone. Both read the same events in the same order and give the same tree or the
    /// same diagnostic; the thread saves about a fifth of the time of a large load.
    ///
    /// Default: 64 KiB (a spec of a few hundred errors). 0 parses every input ahead, `Int.max` none.
    public var pipelineThreshold = 64 << 10

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

    /// What a file beyond the size limit gets.
    static func sizeError(bytes: Int, limit: Int, file: String) -> Diagnostic {
        .error("the file is \(bytes) bytes, more than the limit of \(limit) bytes", file: file)
    }

    private func load(_ bytes: [UInt8], file: String, singleDocument: Bool) throws(DiagnosticError) -> [YAMLNode] {
        guard bytes.count <= limits.maxInputBytes else {
            throw DiagnosticError(Self.sizeError(bytes: bytes.count, limit: limits.maxInputBytes, file: file))
        }
        var text = bytes
        switch YAMLSource.transcodedToUTF8(bytes) {
        case nil:
            break
        case let .success(utf8)?:
            text = utf8
        case let .failure(failure)?:
            let location = failure.decoded.withUnsafeBufferPointer { YAMLSource($0).location(ofOffset: $0.count) }
            throw DiagnosticError(.error("the file is not valid \(failure.encoding)", file: file, at: location))
        }
        if text.isEmpty { return [] }
        let limits = self.limits
        let pipelined = text.count >= pipelineThreshold
        let result = text.withUnsafeBufferPointer { input in
            Result { () throws(DiagnosticError) -> [YAMLNode] in
                var session = try LoadSession.start(input: input, file: file, limits: limits, pipelined: pipelined)
                return try session.run(singleDocument: singleDocument)
            }
        }
        return try result.get()
    }
}

/// One pass of libyaml's event parser over one input, building the tree. Owns the parser and
/// its current event, and frees both however the pass ends.
///
/// Besides building the tree, it checks the source where libyaml 0.2.5 accepts what YAML 1.2
/// forbids or reads it differently, each check sound on its own (it looks only at text libyaml
/// has already placed): comments not preceded by whitespace, directives after a document without
/// `...`, flow and quoted-scalar lines indented no more than the enclosing block, a plain `-` in
/// a flow collection, leading empty lines of a block scalar with more spaces than its first line,
/// `?` directly followed by text, anchor names that run into `:`, a block scalar ending the input
/// in a line of spaces, and byte order marks inside a document.
private struct LoadSession: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The event being read: `ownEvent`, or one of the pipe's.
    private var event: UnsafeMutablePointer<yaml_event_t>
    private let ownEvent: UnsafeMutablePointer<yaml_event_t>
    /// Where the events come from when libyaml parses ahead on its own thread.
    private let pipe: EventPipe?
    private var source: YAMLSource
    private let file: String
    private let limits: YAMLLimits

    /// Open collections, innermost last.
    private var stack: [Frame] = []
    /// The finished root of the current document.
    private var root: YAMLNode?
    private var documents: [YAMLNode] = []
    private var documentCount = 0
    /// Whether the last document ended with an explicit `...`.
    private var lastDocumentEndedExplicitly = false
    /// Anchors of the current document.
    private var anchors: [String: Anchor] = [:]
    private var nodeCount = 0
    private var aliasCount = 0
    /// The source before this byte offset has been checked for comments and byte order marks.
    private var gapCheckedUpTo = 0
    /// Where the input's last line starts, if it holds only spaces and tabs and no line break ends it.
    private let finalLineOfSpaces: Int?

    /// A session over `input`, or an error if libyaml cannot allocate its parser.
    static func start(
        input: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits, pipelined: Bool
    ) throws(DiagnosticError) -> LoadSession {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            throw DiagnosticError(.error("out of memory while starting the YAML parser", file: file))
        }
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
        return LoadSession(parser: parser, input: input, file: file, limits: limits, pipe: pipelined ? EventPipe(parser) : nil)
    }

    /// Takes over `parser`, initialized and reading `input` (and `pipe`, parsing with it).
    private init(
        parser: UnsafeMutablePointer<yaml_parser_t>, input: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits,
        pipe: EventPipe?
    ) {
        let source = YAMLSource(input)
        var lastLine = source.count
        while lastLine > source.start, source[lastLine - 1] == Self.space || source[lastLine - 1] == Self.tab {
            lastLine -= 1
        }
        let lastLineIsSpaces = lastLine < source.count && (lastLine == source.start || source.lineBreakEnds(at: lastLine))
        self.parser = parser
        self.ownEvent = .allocate(capacity: 1)
        self.event = ownEvent
        self.pipe = pipe
        self.source = source
        self.gapCheckedUpTo = source.start
        self.finalLineOfSpaces = lastLineIsSpaces ? lastLine : nil
        self.file = file
        self.limits = limits
    }

    deinit {
        // The pipe's thread stops before the parser it uses goes.
        pipe?.close()
        yaml_parser_delete(parser)
        parser.deallocate()
        ownEvent.deallocate()
    }

    /// Makes `event` the next event; false when libyaml failed (its error is in the parser).
    private mutating func nextEvent() -> Bool {
        guard let pipe else { return yaml_parser_parse(parser, event) != 0 }
        guard let next = pipe.next() else { return false }
        event = next
        return true
    }

    mutating func run(singleDocument: Bool) throws(DiagnosticError) -> [YAMLNode] {
        while true {
            guard nextEvent() else {
                throw DiagnosticError(libyamlDiagnostic())
            }
            defer { yaml_event_delete(event) }
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                try scalar()
            case YAML_SEQUENCE_START_EVENT:
                let data = event.pointee.data.sequence_start
                try startCollection(
                    isMapping: false, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, anchor: data.anchor, tag: data.tag
                )
            case YAML_MAPPING_START_EVENT:
                let data = event.pointee.data.mapping_start
                try startCollection(
                    isMapping: true, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, anchor: data.anchor, tag: data.tag
                )
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try endCollection()
            case YAML_ALIAS_EVENT:
                try alias()
            case YAML_DOCUMENT_START_EVENT:
                try startDocument(singleDocument: singleDocument)
            case YAML_DOCUMENT_END_EVENT:
                if let root {
                    documents.append(root)
                }
                root = nil
                lastDocumentEndedExplicitly = event.pointee.data.document_end.implicit == 0
            case YAML_STREAM_END_EVENT:
                try checkGap(upTo: source.count, documentPrefix: documentCount == 0 || lastDocumentEndedExplicitly)
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

    private mutating func startDocument(singleDocument: Bool) throws(DiagnosticError) {
        documentCount += 1
        if singleDocument, documentCount > 1 {
            throw error("expected one document, but a second document starts here", at: startLocation)
        }
        try checkGap(upTo: source.offset(ofCharacter: event.pointee.start_mark.index), documentPrefix: true)
        let data = event.pointee.data.document_start
        let hasDirectives = data.version_directive != nil || data.tag_directives.start != data.tag_directives.end
        if hasDirectives, documentCount > 1, !lastDocumentEndedExplicitly {
            throw error("a directive after a document must follow a document end marker '...'", at: startLocation)
        }
        anchors.removeAll(keepingCapacity: true)
    }

    private mutating func scalar() throws(DiagnosticError) {
        let data = event.pointee.data.scalar
        let location = startLocation
        try countNodes(1, at: location)
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let style: YAMLScalar.Style
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        try checkScalarSource(style: style, bytes: bytes, anchor: data.anchor)
        let value = String(decoding: bytes, as: UTF8.self)
        let tag = data.tag.map { String(cString: $0) }
        let resolved = try resolve(bytes, value: value, style: style, tag: tag, at: location)
        let node = YAMLNode(.scalar(YAMLScalar(value: value, style: style, resolved: resolved)), at: location, tag: tag)
        if let anchor = data.anchor {
            anchors[String(cString: anchor)] = .node(node, count: 1)
        }
        try attach(node, count: 1)
    }

    private mutating func startCollection(
        isMapping: Bool, isFlow: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?
    ) throws(DiagnosticError) {
        let location = startLocation
        if expectsKey {
            throw error("complex mapping keys are not supported", at: location)
        }
        if stack.count >= limits.maxDepth {
            throw error("nesting deeper than \(limits.maxDepth) levels", at: location)
        }
        try countNodes(1, at: location)
        let startOffset = source.offset(ofCharacter: event.pointee.start_mark.index)
        try checkNodeStart(at: startOffset, anchor: anchor)
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
        let parentIndent = topBlockIndent
        let blockIndent: Int
        if isFlow {
            blockIndent = parentIndent
        } else {
            // The column of the collection's entries: where libyaml's block start token ends. An
            // indentless sequence (a mapping's value at the mapping's own column) ends after its `-`.
            let end = event.pointee.end_mark
            let endOffset = source.offset(ofCharacter: end.index)
            let atDash = endOffset < source.count && source[endOffset] == UInt8(ascii: "-")
            blockIndent = isMapping || atDash ? end.column : end.column - 1
        }
        stack.append(Frame(
            isMapping: isMapping, isFlow: isFlow, location: location, tag: tagName, anchor: anchorName,
            blockIndent: blockIndent, startOffset: startOffset,
            isOutermostFlow: isFlow && !inFlow
        ))
    }

    private mutating func endCollection() throws(DiagnosticError) {
        let frame = stack.removeLast()
        if frame.isOutermostFlow {
            let endOffset = source.offset(ofCharacter: event.pointee.end_mark.index)
            try checkContinuationLines(
                from: frame.startOffset, to: endOffset, indent: frame.blockIndent + 1, what: "flow collection"
            )
        }
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
        let startOffset = source.offset(ofCharacter: event.pointee.start_mark.index)
        try checkNodeStart(at: startOffset, anchor: nil)
        try checkGap(upTo: startOffset)
        let endOffset = source.offset(ofCharacter: event.pointee.end_mark.index)
        try checkNameEnd(at: endOffset)
        gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
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

    // The innermost collection's properties, read in place (`stack.last` would copy the frame).

    private var expectsKey: Bool {
        guard !stack.isEmpty else { return false }
        return stack[stack.count - 1].isMapping && stack[stack.count - 1].pendingKey == nil
    }

    private var inFlow: Bool {
        stack.isEmpty ? false : stack[stack.count - 1].isFlow
    }

    private var topBlockIndent: Int {
        stack.isEmpty ? -1 : stack[stack.count - 1].blockIndent
    }

    private mutating func attach(_ node: consuming YAMLNode, count: Int) throws(DiagnosticError) {
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
        if let key = stack[top].pendingKey.take() {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
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

    // MARK: - Source checks

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    private func isBlankOrBreak(_ b: UInt8) -> Bool {
        b == Self.space || b == Self.tab || b == 0x0A || b == 0x0D
    }

    /// Checks a scalar's text in the source and moves the gap check past it.
    private mutating func checkScalarSource(
        style: YAMLScalar.Style, bytes: UnsafeBufferPointer<UInt8>, anchor: UnsafeMutablePointer<yaml_char_t>?
    ) throws(DiagnosticError) {
        let startOffset = source.offset(ofCharacter: event.pointee.start_mark.index)
        let endOffset = source.offset(ofCharacter: event.pointee.end_mark.index)
        try checkNodeStart(at: startOffset, anchor: anchor)
        try checkByteOrderMarks(value: bytes, from: startOffset, to: endOffset)
        let indent = topBlockIndent + 1
        switch style {
        case .literal, .folded:
            // The header line (indicator, indentation and chomping, comment) is searched for
            // comments; the content is not.
            let indicator = propertiesEnd(from: startOffset)
            let headerEnd = source.lineEnd(from: indicator)
            try checkGap(upTo: headerEnd)
            gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
            try checkBlockScalar(indicator: indicator, headerEnd: headerEnd, end: endOffset, indent: indent)
        case .singleQuoted, .doubleQuoted:
            try checkGap(upTo: startOffset)
            gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
            try checkContinuationLines(from: startOffset, to: endOffset, indent: indent, what: "quoted scalar")
        case .plain:
            try checkGap(upTo: startOffset)
            gapCheckedUpTo = max(gapCheckedUpTo, endOffset)
            if bytes.count == 1, bytes[0] == UInt8(ascii: "-"), inFlow {
                throw error("a plain '-' cannot be a scalar in a flow collection; quote it", at: startLocation)
            }
        }
    }

    /// Checks the source between the last scalar and `offset`, outside every scalar. A comment
    /// starts with `#` after whitespace, but libyaml takes any `#` there for a comment, so each must
    /// follow whitespace. A byte order mark may start a document (`documentPrefix`), but not stand
    /// inside one, where libyaml skips it at the start of a line.
    private mutating func checkGap(upTo offset: Int, documentPrefix: Bool = false) throws(DiagnosticError) {
        var i = gapCheckedUpTo
        let end = min(offset, source.count)
        guard i < end else { return }
        let hash = UInt8(ascii: "#")
        while i < end {
            let b = source[i]
            if b == hash, i > source.start, !isBlankOrBreak(source[i - 1]), !(i >= 3 && source.isByteOrderMark(at: i - 3)) {
                throw error("a comment needs whitespace before '#'", at: source.location(ofOffset: i))
            }
            if b == 0xEF, !documentPrefix, source.isByteOrderMark(at: i) {
                throw byteOrderMarkError(at: i)
            }
            i += 1
        }
        gapCheckedUpTo = end
    }

    private func byteOrderMarkError(at offset: Int) -> DiagnosticError {
        error("a byte order mark (U+FEFF) is only allowed at the start of a document", at: source.location(ofOffset: offset))
    }

    /// A byte order mark in a scalar's text is not content (YAML 1.2 `nb-char` excludes it); libyaml
    /// keeps it. Only the source can tell it from a double-quoted `\uFEFF`, so the source is searched
    /// only when the value holds one.
    private func checkByteOrderMarks(value: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(DiagnosticError) {
        guard value.count >= 3, value.contains(0xEF) else { return }
        var i = start
        while i < min(end, source.count) {
            if source[i] == 0xEF, source.isByteOrderMark(at: i) { throw byteOrderMarkError(at: i) }
            i += 1
        }
    }

    /// Checks what libyaml reads differently from YAML 1.2 where a node starts: a `?` directly before
    /// it (libyaml takes `?x` in a flow collection for an explicit key; YAML 1.2 for a plain scalar
    /// `?x`), and an anchor whose name runs on into `:` and similar characters.
    private func checkNodeStart(at offset: Int, anchor: UnsafeMutablePointer<yaml_char_t>?) throws(DiagnosticError) {
        if inFlow, offset > source.start, source[offset - 1] == UInt8(ascii: "?") {
            throw error(
                "a plain scalar starting with '?' in a flow collection is not supported; quote it or put a space after '?'",
                at: source.location(ofOffset: offset - 1)
            )
        }
        guard let anchor else { return }
        // Walk the node's properties to the anchor.
        var i = offset
        while i < source.count {
            switch source[i] {
            case UInt8(ascii: "&"):
                var length = 0
                while anchor[length] != 0 { length += 1 }
                try checkNameEnd(at: i + 1 + length)
                return
            case UInt8(ascii: "!"):
                while i < source.count, !isBlankOrBreak(source[i]) { i += 1 }
            case UInt8(ascii: "#"):
                i = source.lineEnd(from: i)
            case let b where isBlankOrBreak(b):
                i += 1
            default:
                return
            }
        }
    }

    /// libyaml ends an anchor or alias name at the first character that is not a letter, digit,
    /// `-` or `_`, and accepts `:`, `?`, `%`, `@` or `` ` `` right after it; YAML 1.2 makes those
    /// part of the name.
    private func checkNameEnd(at offset: Int) throws(DiagnosticError) {
        guard offset < source.count else { return }
        switch source[offset] {
        case UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw error(
                "anchor and alias names are limited to letters, digits, '-' and '_' (found '\(Character(Unicode.Scalar(source[offset])))')",
                at: source.location(ofOffset: offset)
            )
        default:
            return
        }
    }

    /// The offset after a node's properties (tags, anchors, and the whitespace and comments between
    /// them), where its content starts.
    private func propertiesEnd(from offset: Int) -> Int {
        var i = offset
        while i < source.count {
            switch source[i] {
            case UInt8(ascii: "!"), UInt8(ascii: "&"):
                while i < source.count, !isBlankOrBreak(source[i]) { i += 1 }
            case UInt8(ascii: "#"):
                i = source.lineEnd(from: i)
            case let b where isBlankOrBreak(b):
                i += 1
            default:
                return i
            }
        }
        return i
    }

    /// Lines after the first of a flow collection or a quoted scalar are indented by at least
    /// `indent` spaces, one more than the enclosing block collection's entries (YAML 1.2
    /// `s-flow-line-prefix(n)`); libyaml does not check this. Empty lines, and comment lines in
    /// a flow collection, may be indented less.
    private func checkContinuationLines(from start: Int, to end: Int, indent: Int, what: String) throws(DiagnosticError) {
        guard indent > 0 else { return }
        let comments = what == "flow collection"
        var lineStart = source.nextLineStart(after: start)
        while lineStart < end {
            var spaces = lineStart
            while spaces < source.count, source[spaces] == Self.space { spaces += 1 }
            var i = spaces
            while i < source.count, source[i] == Self.space || source[i] == Self.tab { i += 1 }
            let blank = i >= source.count || source.lineBreakWidth(at: i) > 0
            let comment = comments && i < source.count && source[i] == UInt8(ascii: "#")
            if !blank, !comment, spaces - lineStart < indent {
                let tabNote = source[spaces] == Self.tab ? " (a tab does not count)" : ""
                throw error(
                    "lines of a \(what) must be indented by at least \(indent) space\(indent == 1 ? "" : "s") here\(tabNote)",
                    at: source.location(ofOffset: spaces)
                )
            }
            lineStart = source.nextLineStart(after: lineStart)
        }
    }

    /// Two cases libyaml reads differently from YAML 1.2: leading empty lines with more spaces
    /// than the first line of text (an error in YAML 1.2; libyaml takes the longest one as the
    /// indentation and ends the scalar), and a last line of spaces at the end of input without a
    /// line break (libyaml drops it).
    private func checkBlockScalar(indicator: Int, headerEnd: Int, end: Int, indent: Int) throws(DiagnosticError) {
        var explicitIndentation = false
        var i = indicator + 1
        while i < min(indicator + 3, source.count), source[i] != Self.space, source[i] != Self.tab {
            if source[i] >= UInt8(ascii: "1"), source[i] <= UInt8(ascii: "9") { explicitIndentation = true }
            i += 1
        }
        if !explicitIndentation {
            var lineStart = source.nextLineStart(after: headerEnd)
            var longestEmpty = 0
            while lineStart < source.count {
                var j = lineStart
                while j < source.count, source[j] == Self.space { j += 1 }
                let spaces = j - lineStart
                if j < source.count, source.lineBreakWidth(at: j) > 0 {
                    longestEmpty = max(longestEmpty, spaces)
                    lineStart = j + source.lineBreakWidth(at: j)
                    continue
                }
                if j < source.count, spaces >= indent, spaces < longestEmpty {
                    throw error(
                        "a leading empty line of this block scalar has \(longestEmpty) spaces, more than its first line of text (\(spaces))",
                        at: source.location(ofOffset: j)
                    )
                }
                break
            }
        }
        if let lastLine = finalLineOfSpaces, lastLine > headerEnd, end >= lastLine {
            throw error(
                "a block scalar whose last line holds only spaces must end with a line break",
                at: source.location(ofOffset: lastLine)
            )
        }
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
            // The reader reports a byte offset, not a mark.
            let location = source.location(ofOffset: p.problem_offset)
            let value = p.problem_value
            let message: String
            switch problem {
            case "control characters are not allowed":
                message = "control character \(Self.codePoint(value)) is not allowed in YAML"
            case "invalid Unicode character":
                message = "invalid Unicode character \(Self.codePoint(value))"
            case let other where other.contains("UTF-8"):
                // libyaml points past the byte that went wrong; find it.
                if let (bad, length) = source.firstInvalidUTF8() {
                    let bytes = (bad..<bad + length).map { "0x" + Self.hex(Int32(source[$0]), digits: 2) }.joined(separator: " ")
                    return .error(
                        "the file is not valid UTF-8: \(length == 1 ? "byte" : "bytes") \(bytes) here \(length == 1 ? "is" : "are") not a UTF-8 character (save the file as UTF-8)",
                        file: file, at: source.location(ofOffset: bad))
                }
                message = "the file is not valid UTF-8 (\(other) 0x\(Self.hex(value, digits: 2)))"
            default:
                message = problem
            }
            return .error(message, file: file, at: location)
        default:
            let mark = p.problem_mark
            let location = SourceLocation(line: mark.line + 1, column: mark.column + 1)
            // A byte order mark inside the document that libyaml stumbled on before the loader's
            // own checks reached it: that is the problem to report.
            if let bom = source.firstByteOrderMark(from: max(gapCheckedUpTo, source.start)), source.location(ofOffset: bom).line <= location.line {
                return byteOrderMarkError(at: bom).diagnostics[0]
            }
            var message = problem
            if problem == "found character that cannot start any token", isTab(at: location) {
                message = "found a tab character that cannot start any token (YAML indents with spaces, never tabs)"
            }
            let context = p.context.map { String(cString: $0) }
            let cm = p.context_mark
            if let context, cm.line != mark.line || cm.column != mark.column {
                message += " (\(context) started at \(cm.line + 1):\(cm.column + 1))"
            }
            // What libyaml's words usually mean in a spec.
            switch problem {
            case "mapping values are not allowed in this context":
                message += "; a value holding ': ' must be quoted, or this line is indented deeper than its key"
            case "did not find expected key":
                message += "; check this line's indentation against the keys above it, and for a stray bracket or quote"
            case "could not find expected ':'" where context == "while scanning a simple key" && mark.index - cm.index >= 1024:
                message += "; a key of more than 1024 characters must be written as an explicit key ('? key' on one line, ': value' on the next)"
            default:
                break
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

    /// Whether the character at a line and column is a tab.
    private func isTab(at location: SourceLocation) -> Bool {
        var i = source.start
        var line = 1
        while line < location.line, i < source.count {
            let width = source.lineBreakWidth(at: i)
            if width > 0 { line += 1; i += width } else { i += 1 }
        }
        var column = 1
        while column < location.column, i < source.count {
            i += 1
            while i < source.count, source[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return i < source.count && source[i] == Self.tab
    }
}

/// libyaml's events for a large input, parsed on a thread of their own while the session builds
/// the tree from the ones before: at 10,000 errors parsing takes about two thirds as long as
/// building the tree, and the two now run at once.
///
/// The parser fills batches of `batchSize` events and runs at most `batchCount` batches ahead of
/// the session, so a limit the session enforces stops it within 3,072 events (a few milliseconds,
/// even in 200 KB of `[`). The session reads the events in order, exactly as it would
/// read them from the parser itself, deletes each one it reads, and hands a batch back when it
/// has read it all. A parse error ends the last batch; the parser is then left alone, so the
/// session reads the error from it as before.
private final class EventPipe: @unchecked Sendable {
    static let batchSize = 1_024
    static let batchCount = 3

    private struct Batch {
        var index: Int
        var count: Int
        /// Whether libyaml failed after the batch's last event.
        var failed: Bool
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let events: UnsafeMutablePointer<yaml_event_t>
    private let condition = NSCondition()
    // Shared, under `condition`.
    private var free = Array(0..<EventPipe.batchCount)
    private var filled: [Batch] = []
    private var closing = false
    private var parserDone = false
    // The session's own.
    private var current: Batch?
    private var position = 0

    init(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
        events = .allocate(capacity: Self.batchSize * Self.batchCount)
        let thread = Thread { [self] in parse() }
        thread.name = "errgen YAML parser"
        thread.start()
    }

    private func slot(_ batch: Int, _ index: Int) -> UnsafeMutablePointer<yaml_event_t> {
        events + batch * Self.batchSize + index
    }

    /// The parser's thread: fills free batches until the stream ends, libyaml fails, or the
    /// session closes the pipe.
    private func parse() {
        while true {
            condition.lock()
            while free.isEmpty, !closing { condition.wait() }
            guard !closing else {
                parserDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var batch = Batch(index: free.removeFirst(), count: 0, failed: false)
            condition.unlock()
            var ended = false
            while batch.count < Self.batchSize {
                let event = slot(batch.index, batch.count)
                guard yaml_parser_parse(parser, event) != 0 else {
                    batch.failed = true
                    break
                }
                batch.count += 1
                if event.pointee.type == YAML_STREAM_END_EVENT {
                    ended = true
                    break
                }
            }
            condition.lock()
            // The session may have closed the pipe while the batch was being parsed.
            let done = closing || ended || batch.failed
            if closing {
                for i in 0..<batch.count { yaml_event_delete(slot(batch.index, i)) }
            } else {
                filled.append(batch)
            }
            parserDone = done
            condition.broadcast()
            condition.unlock()
            if done { return }
        }
    }

    /// The next event, or nil when libyaml failed before it.
    func next() -> UnsafeMutablePointer<yaml_event_t>? {
        while true {
            if let batch = current {
                if position < batch.count {
                    position += 1
                    return slot(batch.index, position - 1)
                }
                if batch.failed { return nil }
                condition.lock()
                free.append(batch.index)
                condition.broadcast()
                current = nil
            } else {
                condition.lock()
            }
            while filled.isEmpty { condition.wait() }
            current = filled.removeFirst()
            position = 0
            condition.unlock()
        }
    }

    /// Stops the parser's thread and deletes the events the session did not read.
    func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        while !parserDone { condition.wait() }
        condition.unlock()
        if let batch = current {
            for i in position..<batch.count { yaml_event_delete(slot(batch.index, i)) }
        }
        for batch in filled {
            for i in 0..<batch.count { yaml_event_delete(slot(batch.index, i)) }
        }
        events.deallocate()
    }
}

/// A sequence or mapping whose events are still arriving.
private struct Frame {
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

    private static func bits(_ d: Double) -> UInt64 {
        d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern)
    }

    private static func customTag(_ tag: String?) -> String? {
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
private enum Anchor {
    /// A collection whose events are still arriving, which starts at this location.
    case open(SourceLocation)
    /// A finished node and the number of nodes in it.
    case node(YAMLNode, count: Int)
}
