/// An XML body in an API's own layout (`formats: [{type: xml, body: …}]` in the spec): the
/// document cut into literal runs and holes, as `JSONShape` cuts JSON, so that a body is written
/// in one pass and each value is escaped for where it goes (element text or attribute value).
///
/// S3's `<Error><Code>…</Code><Message>…</Message></Error>` is the declaration and `<Error>` as
/// literals, then the code and the message as whole-value elements, then `</Error>`.
///
/// A whole-value element or attribute is left out where the error has no value (XML has no
/// null): an optional metadata key without a value, a parameter of other errors, an empty
/// `{parameters}` or `{metadata}`. Those two are written as a child element per value. A list
/// parameter's whole-value element is repeated for each item (as a child of `{parameters}` too).
public struct XMLShape: Sendable, Hashable {
    public typealias Source = JSONShape.Source

    public enum Step: Sendable, Hashable {
        /// XML text, as it is.
        case literal(String)
        /// Element text: the value's text, escaped for character data.
        case text(Source)
        /// Inside an attribute value: the value's text, escaped for an attribute.
        case attributeText(Source)
        /// `<name>value</name>` on a line of its own, indented by `indent` spaces; for
        /// `parameters` and `metadata`, a child element per value, indented four spaces more.
        /// Nothing where the error has no value.
        case element(name: String, source: Source, indent: Int)
        /// ` name="value"` in a start tag; nothing where the error has no value.
        case attribute(name: String, source: Source)
    }

    public var steps: [Step]

    public init(steps: [Step]) { self.steps = steps }

    // MARK: The program generated code carries

    /// The shape as generated code hands it over: a line per step, `=` and XML text, `s` (element
    /// text) or `a` (attribute text) and the source, `e` and the indent, the element name and the
    /// source, `t` and the attribute name and the source, separated by spaces (XML names hold
    /// none); sources as `JSONShape` writes them; fields with the catalog table's escapes.
    @_spi(ErrgenGenerated) public var program: String {
        steps.map { step in
            switch step {
            case let .literal(text): return "=" + CatalogTable.escaped(text)
            case let .text(source): return "s" + CatalogTable.escaped(JSONShape.name(source))
            case let .attributeText(source): return "a" + CatalogTable.escaped(JSONShape.name(source))
            case let .element(name, source, indent): return "e\(indent) \(name) " + CatalogTable.escaped(JSONShape.name(source))
            case let .attribute(name, source): return "t\(name) " + CatalogTable.escaped(JSONShape.name(source))
            }
        }.joined(separator: "\n")
    }

    /// A program read back.
    @_spi(ErrgenGenerated) public init(program: String, catalog name: String) {
        steps = Array(program.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let text = CatalogTable.unescape(line.dropFirst())
            func fields(_ count: Int) -> [String] {
                let parts = text.split(separator: " ", maxSplits: count - 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == count else { preconditionFailure("malformed XML body shape line for \(name): \(text)") }
                return parts
            }
            switch line.first {
            case UInt8(ascii: "="): return .literal(text)
            case UInt8(ascii: "s"): return .text(JSONShape.source(text, catalog: name))
            case UInt8(ascii: "a"): return .attributeText(JSONShape.source(text, catalog: name))
            case UInt8(ascii: "e"):
                let parts = fields(3)
                guard let indent = Int(parts[0]) else { preconditionFailure("malformed XML body shape line for \(name): \(text)") }
                return .element(name: parts[1], source: JSONShape.source(parts[2], catalog: name), indent: indent)
            case UInt8(ascii: "t"):
                let parts = fields(2)
                return .attribute(name: parts[0], source: JSONShape.source(parts[1], catalog: name))
            default: preconditionFailure("malformed XML body shape line for \(name): \(String(decoding: line, as: UTF8.self))")
            }
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
            case let .text(source):
                if let text = source.text(entry: entry, arguments: arguments, catalog: catalog) {
                    XML.escape(text, to: &out, attribute: false)
                }
            case let .attributeText(source):
                if let text = source.text(entry: entry, arguments: arguments, catalog: catalog) {
                    XML.escape(text, to: &out, attribute: true)
                }
            case let .attribute(name, source):
                guard let text = source.text(entry: entry, arguments: arguments, catalog: catalog) else { continue }
                out += " " + name + "=\""
                XML.escape(text, to: &out, attribute: true)
                out += "\""
            case let .element(name, source, indent):
                element(name, source, indent: indent, entry: entry, arguments: arguments, catalog: catalog, to: &out)
            }
        }
        return out
    }

    private func element(
        _ name: String, _ source: Source, indent: Int, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog,
        to out: inout String
    ) {
        // `parameters` and `metadata`: a child element per value, the element only if there is one.
        var opened = false
        func child(_ child: String, _ value: ArgumentValue) {
            if value.listValue?.isEmpty == true { return }
            if !opened {
                opened = true
                XML.indent(indent, to: &out)
                out += "<" + name + ">\n"
            }
            XML.elements(child, value, indent: indent + 4, to: &out)
        }
        switch source {
        case .parameters:
            for (parameter, value) in zip(entry.parameters, arguments) where value != .absent { child(parameter.name, value) }
        case .metadata:
            for (key, value) in zip(catalog.metadataKeys, entry.metadata) { if let value { child(key.name, value) } }
        case let .parameter(parameter):
            // A list repeats its element for each item.
            guard let index = entry.parameters.firstIndex(where: { $0.name == parameter }), index < arguments.count,
                arguments[index] != .absent
            else { return }
            XML.elements(name, arguments[index], indent: indent, to: &out)
            return
        default:
            guard let text = source.text(entry: entry, arguments: arguments, catalog: catalog) else { return }
            XML.element(name, text, indent: indent, to: &out)
            return
        }
        guard opened else { return }
        XML.indent(indent, to: &out)
        out += "</" + name + ">\n"
    }
}
