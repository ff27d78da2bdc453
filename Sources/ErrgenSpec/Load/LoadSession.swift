import CYAML

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
struct LoadSession: ~Copyable {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The event being read.
    let event: UnsafeMutablePointer<yaml_event_t>
    var source: YAMLSource
    let file: String
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
    var gapCheckedUpTo = 0
    /// Where the input's last line starts, if it holds only spaces and tabs and no line break ends it.
    let finalLineOfSpaces: Int?

    /// A session over `input`, or an error if libyaml cannot allocate its parser.
    static func start(
        input: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits
    ) throws(DiagnosticError) -> LoadSession {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            throw DiagnosticError(.error("out of memory while starting the YAML parser", file: file))
        }
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
        return LoadSession(parser: parser, input: input, file: file, limits: limits)
    }

    /// Takes over `parser`, initialized and reading `input`.
    private init(parser: UnsafeMutablePointer<yaml_parser_t>, input: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits) {
        let source = YAMLSource(input)
        var lastLine = source.count
        while lastLine > source.start, source[lastLine - 1] == Self.space || source[lastLine - 1] == Self.tab {
            lastLine -= 1
        }
        let lastLineIsSpaces = lastLine < source.count && (lastLine == source.start || source.lineBreakEnds(at: lastLine))
        self.parser = parser
        self.event = .allocate(capacity: 1)
        self.source = source
        self.gapCheckedUpTo = source.start
        self.finalLineOfSpaces = lastLineIsSpaces ? lastLine : nil
        self.file = file
        self.limits = limits
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

    var startLocation: SourceLocation {
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

    var inFlow: Bool {
        stack.isEmpty ? false : stack[stack.count - 1].isFlow
    }

    var topBlockIndent: Int {
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
        if scalar.style == .plain, scalar.value == "<<", node.tag == nil {
            // YAML 1.1's merge key: YAML 1.2 has none, so it would be an ordinary key here.
            throw error(
                "YAML merge keys ('<<') are not supported (a spec is YAML 1.2, which has none): write the keys out, or share whole errors between catalogs with the spec's 'shared-errors' and a catalog's 'include'",
                at: node.location)
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

    static func excerpt(_ text: String) -> String {
        var text = text
        if let newline = text.firstIndex(where: \.isNewline) {
            text = text[..<newline] + "…"
        }
        if text.unicodeScalars.count > 60 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(60))) + "…"
        }
        return text
    }

    /// An error at `location` in this input.
    func error(_ message: String, at location: SourceLocation?) -> DiagnosticError {
        DiagnosticError(.error(message, file: file, at: location))
    }
}
