/// A JSON body in an API's own shape (`formats: [{type: json, body: …}]` in the spec): the
/// shape's JSON text cut into literal runs and holes, so that a body is written in one pass, each
/// value escaped for the place it goes.
///
/// Slack's `{"ok":false,"error":"{code}"}` is a literal `{"ok":false,"error":`, the code as a
/// whole value (a JSON string, or a number in a catalog of integer codes), and a literal `}`.
public struct JSONShape: Sendable, Hashable {
    /// What a hole holds, for one error with its parameter values.
    public enum Source: Sendable, Hashable {
        /// The wire code.
        case code
        /// The message, its placeholders filled in, in the response's language.
        case message
        /// The HTTP status.
        case status
        /// The problem type's title.
        case title
        /// The error's documentation link (`Catalog.documentationLink(for:)`), null without one.
        case documentation
        /// Every parameter, its own then the catalog's, as an object of typed values.
        case parameters
        /// The metadata the error has, as an object of typed values in key order.
        case metadata
        /// One parameter by name; null on an error without it.
        case parameter(String)
        /// One metadata key by name; null on an error without a value.
        case metadataKey(String)
    }

    public enum Step: Sendable, Hashable {
        /// JSON text, as it is.
        case literal(String)
        /// A whole JSON value: a string, a number, a boolean, an object or null, as the value is.
        case value(Source)
        /// Inside a JSON string: the value's text, escaped for a JSON string.
        case text(Source)
    }

    public var steps: [Step]

    public init(steps: [Step]) { self.steps = steps }

    // MARK: The program generated code carries

    /// The shape as generated code hands it over: a line per step, `=` and JSON text, or `v`
    /// (a whole value) or `s` (text in a string) and the source: `@code`, `@message`, `@status`,
    /// `@title`, `@documentation`, `@parameters`, `@metadata`, `p:` and a parameter name, `m:` and
    /// a metadata key; fields with the catalog table's escapes.
    @_spi(ErrgenGenerated) public var program: String {
        steps.map { step in
            switch step {
            case let .literal(text): return "=" + CatalogTable.escaped(text)
            case let .value(source): return "v" + Self.name(source)
            case let .text(source): return "s" + Self.name(source)
            }
        }.joined(separator: "\n")
    }

    /// A program read back.
    @_spi(ErrgenGenerated) public init(program: String, catalog name: String) {
        steps = Array(program.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let text = CatalogTable.unescape(line.dropFirst())
            switch line.first {
            case UInt8(ascii: "="): return .literal(text)
            case UInt8(ascii: "v"): return .value(Self.source(text, catalog: name))
            case UInt8(ascii: "s"): return .text(Self.source(text, catalog: name))
            default: preconditionFailure("malformed body shape line for \(name): \(String(decoding: line, as: UTF8.self))")
            }
        }
    }

    static func name(_ source: Source) -> String {
        switch source {
        case .code: return "@code"
        case .message: return "@message"
        case .status: return "@status"
        case .title: return "@title"
        case .documentation: return "@documentation"
        case .parameters: return "@parameters"
        case .metadata: return "@metadata"
        case let .parameter(name): return "p:" + name
        case let .metadataKey(name): return "m:" + name
        }
    }

    static func source(_ text: String, catalog name: String) -> Source {
        switch text {
        case "@code": return .code
        case "@message": return .message
        case "@status": return .status
        case "@title": return .title
        case "@documentation": return .documentation
        case "@parameters": return .parameters
        case "@metadata": return .metadata
        default:
            if text.hasPrefix("p:") { return .parameter(String(text.dropFirst(2))) }
            if text.hasPrefix("m:") { return .metadataKey(String(text.dropFirst(2))) }
            preconditionFailure("unknown body shape source '\(text)' for \(name)")
        }
    }

    // MARK: Rendering

    /// The body of one error (`entry` in the response's language) with its parameter values.
    func render(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        var out = ""
        out.reserveCapacity(256)
        for step in steps {
            switch step {
            case let .literal(text): out += text
            case let .value(source): value(source, entry: entry, arguments: arguments, catalog: catalog, to: &out)
            case let .text(source):
                // errgen allows inside strings only values every error has.
                if let text = source.text(entry: entry, arguments: arguments, catalog: catalog) {
                    Escaper.append(text, to: &out, special: JSON.special, replacement: JSON.escape)
                }
            }
        }
        return out
    }

    private func value(_ source: Source, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog, to out: inout String) {
        switch source {
        case .code:
            if catalog.codeType == .integer { out += entry.wireCode } else { JSON.quote(entry.wireCode, to: &out) }
        case .message: JSON.quote(entry.message.render(arguments), to: &out)
        case .status: out += String(entry.status)
        case .title: JSON.quote(entry.title, to: &out)
        case .documentation:
            if let link = catalog.documentationLink(for: entry) { JSON.quote(link, to: &out) } else { out += "null" }
        case .parameters:
            out += "{"
            for (index, (parameter, value)) in WireBody.present(entry, arguments).enumerated() {
                JSON.member(parameter.name, value: value, to: &out, first: index == 0)
            }
            out += "}"
        case .metadata:
            out += "{"
            var first = true
            for (key, value) in zip(catalog.metadataKeys, entry.metadata) {
                guard let value else { continue }
                JSON.member(key.name, value: value, to: &out, first: first)
                first = false
            }
            out += "}"
        case let .parameter(name):
            if let index = entry.parameters.firstIndex(where: { $0.name == name }), index < arguments.count {
                JSON.value(arguments[index], to: &out)
            } else {
                out += "null"
            }
        case let .metadataKey(name):
            if let value = catalog.metadata(name, in: entry) {
                JSON.value(value, to: &out)
            } else {
                out += "null"
            }
        }
    }
}

extension JSONShape.Source {
    /// The value's text, as a message's placeholders read it; nil where the error has none (an
    /// absent or foreign parameter, a missing metadata value or link), and for `parameters` and
    /// `metadata`, which are not text.
    func text(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String? {
        switch self {
        case .code: return entry.wireCode
        case .message: return entry.message.render(arguments)
        case .status: return String(entry.status)
        case .title: return entry.title
        case .documentation: return catalog.documentationLink(for: entry)
        case .parameters, .metadata: return nil
        case let .parameter(name):
            guard let index = entry.parameters.firstIndex(where: { $0.name == name }), index < arguments.count, arguments[index] != .absent else {
                return nil
            }
            return arguments[index].description
        case let .metadataKey(name): return catalog.metadata(name, in: entry)?.description
        }
    }
}
