/// Reading XML error bodies back: errgen's layout, problem+xml and a catalog's XML layout.
extension Catalog {
    /// errgen's layout (`error` in the catalog's namespace: `code`, `message`, the catalog's
    /// parameters, `details` with the error's own) or problem+xml (`problem` in RFC 9457's
    /// namespace: `code`, `detail`, every parameter): elements named after the parameters, a list
    /// parameter's element repeated.
    func decodeXML(_ root: XMLNode, problem: Bool) throws(ResponseDecodingError) -> Decoded {
        let (name, namespace) = problem ? ("problem", WireBody.problemNamespace) : ("error", xmlNamespace)
        guard root.name == name, root.namespace == namespace else {
            throw .malformedBody("not an error of this catalog: the root is '\(root.name)'\(root.namespace.map { " in \($0)" } ?? ""), not '\(name)'\(namespace.map { " in \($0)" } ?? "")")
        }
        let message = root.child(problem ? "detail" : "message")?.text
        guard let codeText = root.child("code")?.text, let (code, index) = self.code(of: .string(codeText)) else {
            return .unknown(code: nil, message: message)
        }
        guard let index else { return .unknown(code: code, message: message) }
        let entry = entries[index]
        let ownCount = entry.parameters.count - sharedParameters.count
        let details = problem ? root : root.child("details")
        let values = entry.parameters.enumerated().map { position, parameter -> [String]? in
            (position < ownCount ? details : root)?.children(named: parameter.name).map(\.text) ?? []
        }
        return .known(index, try arguments(of: index, texts: values, message: nil, code: code), message: message)
    }

    /// The values of error `index` from the texts of each parameter's elements (several for a
    /// list; nil where the body has no place for the parameter), else from the message, as
    /// `arguments(of:nodes:…)`. Where the body has a place for it but no element, a required list
    /// is empty (XML writes an empty list as no element) and anything else is absent.
    func arguments(of index: Int, texts: [[String]?], message: String?, code: String) throws(ResponseDecodingError) -> [ArgumentValue] {
        let nodes = zip(entries[index].parameters, texts).map { parameter, texts -> JSONDocument? in
            guard let texts else { return nil }
            if texts.isEmpty { return parameter.isList && !parameter.isOptional ? .array([]) : .null }
            func typed(_ text: String) -> JSONDocument {
                switch parameter.kind {
                case .string: return .string(text)
                case .integer, .unsigned, .number:
                    // A number as JSON writes one, not Swift's wider syntax (`+5`, `0x1p3`).
                    guard let first = text.utf8.first, first == UInt8(ascii: "-") || (0x30...0x39).contains(first),
                        !text.utf8.contains(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "p") || $0 == UInt8(ascii: "P") })
                    else { return .string(text) }
                    return .number(text)
                case .boolean: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
                }
            }
            return parameter.isList ? .array(texts.map(typed)) : typed(texts[0])
        }
        return try arguments(of: index, nodes: nodes, message: message, code: code)
    }
}

/// Reads a body written in a catalog's XML layout back, as `ShapeReader` reads JSON: the layout
/// written with a marker in every hole and parsed, each marker's place the hole's.
struct XMLShapeReader {
    /// Element names from the root's children down to the element.
    typealias Path = [String]

    var elements: [(path: Path, source: JSONShape.Source)] = []
    var attributes: [(path: Path, name: String, source: JSONShape.Source)] = []
    var texts: [(path: Path, attribute: String?, pieces: [ShapeReader.Piece])] = []
    var root = ""

    static func reader(for shape: XMLShape) throws(ResponseDecodingError) -> XMLShapeReader {
        let literals = shape.steps.compactMap { step -> String? in
            if case let .literal(text) = step { return text }
            return nil
        }
        guard let marker = ShapeReader.marker(notIn: literals) else { throw .malformedBody("an XML layout this decoder cannot read") }
        var text = ""
        var sources: [JSONShape.Source] = []
        func mark(_ source: JSONShape.Source) -> String {
            sources.append(source)
            return String(marker) + String(sources.count - 1) + String(marker)
        }
        for step in shape.steps {
            switch step {
            case let .literal(literal): text += literal
            case let .text(source), let .attributeText(source): text += mark(source)
            case let .element(name, source, _): text += "<" + name + ">" + mark(source) + "</" + name + ">"
            case let .attribute(name, source): text += " " + name + "=\"" + mark(source) + "\""
            }
        }
        let template = try XMLNode.parse(Array(text.utf8))
        var reader = XMLShapeReader()
        reader.root = template.name
        func pieces(_ string: String) -> [ShapeReader.Piece]? { ShapeReader.pieces(string, marker: marker, sources: sources) }
        func walk(_ node: XMLNode, _ path: Path) {
            for (name, value) in node.attributes.sorted(by: { $0.key < $1.key }) {
                guard let found = pieces(value) else { continue }
                if found.count == 1, case let .hole(source) = found[0] {
                    reader.attributes.append((path, name, source))
                } else {
                    reader.texts.append((path, name, found))
                }
            }
            if node.children.isEmpty, let found = pieces(node.text) {
                if found.count == 1, case let .hole(source) = found[0] {
                    reader.elements.append((path, source))
                } else {
                    reader.texts.append((path, nil, found))
                }
            }
            for child in node.children { walk(child, path + [child.name]) }
        }
        walk(template, [])
        return reader
    }

    /// The elements at `path` under `root` (the last step's element repeated, for a list).
    static func nodes(at path: Path, in root: XMLNode) -> [XMLNode] {
        guard let last = path.last else { return [root] }
        var node = root
        for step in path.dropLast() {
            guard let next = node.child(step) else { return [] }
            node = next
        }
        return node.children(named: last)
    }

    func decode(_ document: XMLNode, in catalog: Catalog) throws(ResponseDecodingError) -> Catalog.Decoded {
        guard document.name == root else { throw .malformedBody("not an error of this catalog: the root is '\(document.name)', not '\(root)'") }
        var code: String?
        var message: String?
        var named: [String: [String]] = [:]
        var parameterElement: XMLNode?
        for (path, source) in elements {
            let found = Self.nodes(at: path, in: document)
            switch source {
            case .code: code = found.first?.text
            case .message: message = found.first?.text
            case .parameters: parameterElement = found.first
            case let .parameter(name): named[name] = found.map(\.text)
            case .status, .title, .documentation, .metadata, .metadataKey: break
            }
        }
        for (path, name, source) in attributes {
            guard let value = Self.nodes(at: path, in: document).first?.attributes[name] else { continue }
            switch source {
            case .code: code = value
            case .message: message = value
            case let .parameter(parameter): named[parameter] = [value]
            default: break
            }
        }
        for (path, attribute, pieces) in texts {
            guard let node = Self.nodes(at: path, in: document).first else { continue }
            guard let string = attribute.map({ node.attributes[$0] }) ?? node.text, let holes = ShapeReader.holeTexts(pieces, in: string) else { continue }
            for (source, text) in holes {
                switch source {
                case .code: code = code ?? text
                case .message: message = message ?? text
                default: break
                }
            }
        }
        guard let codeText = code, let (wire, index) = catalog.code(of: .string(codeText)) else { return .unknown(code: nil, message: message) }
        guard let index else { return .unknown(code: wire, message: message) }
        // `{parameters}` is left out where no value has an element: its place is still there.
        let container = elements.contains { $0.source == .parameters }
        let texts = catalog.entries[index].parameters.map { parameter -> [String]? in
            named[parameter.name] ?? parameterElement?.children(named: parameter.name).map(\.text) ?? (container ? [] : nil)
        }
        return .known(index, try catalog.arguments(of: index, texts: texts, message: message, code: wire), message: message)
    }
}
