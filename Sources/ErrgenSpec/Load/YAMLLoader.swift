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
        let result = text.withUnsafeBufferPointer { input in
            Result { () throws(DiagnosticError) -> [YAMLNode] in
                var session = try LoadSession.start(input: input, file: file, limits: limits)
                return try session.run(singleDocument: singleDocument)
            }
        }
        return try result.get()
    }
}
