import ErrgenRuntime

/// A JSON body in the API's own shape, as the spec writes it under a `json` format's `body`: any
/// JSON value whose strings may hold placeholders. A string that is exactly one placeholder is
/// replaced by the value with its own JSON type (`"{status}"` → `404`), and a member or element
/// whose value the error has none of is left out (`"{needed|null}"`: null there instead); a
/// placeholder inside a longer string by the value's text.
public indirect enum ShapeValue: Sendable, Hashable {
    case object([ShapeMember])
    case array([ShapeValue])
    case string(Located<MessageTemplate>)
    /// `"{name|null}"`: the whole placeholder `{name}` (the template), null where the error has none.
    case orNull(Located<MessageTemplate>)
    /// A JSON number, as JSON text.
    case number(String)
    case bool(Bool)
    case null
}

public struct ShapeMember: Sendable, Hashable {
    public var key: Located<String>
    public var value: ShapeValue

    public init(key: Located<String>, value: ShapeValue) {
        self.key = key
        self.value = value
    }
}

/// The placeholders every body shape knows, besides the catalog's parameters and metadata keys.
public enum ShapePlaceholder: String, Sendable, CaseIterable {
    case code, message, status, title, documentation, parameters, metadata

    var source: JSONShape.Source {
        switch self {
        case .code: return .code
        case .message: return .message
        case .status: return .status
        case .title: return .title
        case .documentation: return .documentation
        case .parameters: return .parameters
        case .metadata: return .metadata
        }
    }
}

extension ShapeValue {
    /// The shape of a YAML node: mappings are objects, sequences arrays, scalars as the YAML core
    /// schema reads them, strings templates; what JSON cannot hold (a float that is not finite) is
    /// reported at its position.
    static func decode(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> ShapeValue {
        if let pairs = node.mapping {
            var members: [ShapeMember] = []
            for pair in pairs {
                guard let key = pair.key.scalar?.value else {
                    diagnostics.error("a member name of a body shape must be a string", file: file, at: pair.key.location)
                    continue
                }
                members.append(ShapeMember(key: Located(key, at: pair.key.location), value: decode(pair.value, file: file, diagnostics: &diagnostics)))
            }
            return .object(members)
        }
        if let items = node.sequence { return .array(items.map { decode($0, file: file, diagnostics: &diagnostics) }) }
        guard let scalar = node.scalar else { return .null }
        switch scalar.resolved {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .int(n): return .number(String(n))
        case let .float(x):
            guard x.isFinite else {
                diagnostics.error("'\(scalar.value)' is not a JSON number (JSON numbers are finite)", file: file, at: node.location)
                return .null
            }
            return .number(x.description)
        case .string:
            if scalar.value.hasPrefix("{"), scalar.value.hasSuffix(Self.nullRequest + "}") {
                // `{name|null}`: the placeholder `{name}`, at the same place in the scalar.
                let source = String(scalar.value.dropLast(Self.nullRequest.count + 1)) + "}"
                var (template, problems) = MessageTemplate.parse(source)
                template.anchor = SourceAnchor(location: node.location, style: scalar.style)
                for problem in problems {
                    diagnostics.error(problem.message, file: file, at: template.location(ofOffset: problem.offset) ?? node.location)
                }
                guard problems.isEmpty else { return .null }
                guard template.segments.count == 1, case .placeholder = template.segments[0] else {
                    diagnostics.error(
                        "'\(nullRequest)' asks for null where a whole placeholder has no value: write it inside one placeholder that is the whole string (\"{needed|null}\")",
                        file: file, at: node.location)
                    return .null
                }
                return .orNull(Located(template, at: node.location))
            }
            if scalar.value.contains(Self.nullRequest + "}") {
                diagnostics.error(
                    "'\(nullRequest)' asks for null where a whole placeholder has no value: it ends a string that is one placeholder (\"{needed|null}\"), not a placeholder inside a longer string, which is text",
                    file: file, at: node.location)
                return .null
            }
            return SpecDecoder.template(node, key: "body", file: file, diagnostics: &diagnostics).map(ShapeValue.string) ?? .null
        }
    }

    /// What follows a whole placeholder's name to ask for null where it has no value.
    static let nullRequest = "|null"

    /// What the value is, for diagnostics: `a mapping`, `a list`, `null`.
    var kindDescription: String {
        switch self {
        case .object: return "a mapping"
        case .array: return "a list"
        case .string, .orNull: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// Every string template of the shape, in document order.
    package var templates: [Located<MessageTemplate>] {
        switch self {
        case let .object(members): return members.flatMap(\.value.templates)
        case let .array(items): return items.flatMap(\.templates)
        case let .string(template), let .orNull(template): return [template]
        case .number, .bool, .null: return []
        }
    }

    /// The shape as a JSON value, its templates as their source text (the fixtures' `body`).
    package var json: JSONValue {
        switch self {
        case let .object(members): return .object(Dictionary(members.map { ($0.key.value, $0.value.json) }, uniquingKeysWith: { first, _ in first }))
        case let .array(items): return .array(items.map(\.json))
        case let .string(template): return .string(template.value.source)
        case let .orNull(template): return .string(String(template.value.source.dropLast()) + Self.nullRequest + "}")
        case let .number(text): return Int(text).map(JSONValue.int) ?? Double(text).map(JSONValue.double) ?? .null
        case let .bool(b): return .bool(b)
        case .null: return .null
        }
    }
}

/// Compiles a validated shape into the runtime's steps.
package enum ShapeCompiler {
    /// What a placeholder names: a value every shape knows, else a metadata key, else a parameter.
    static func source(_ name: String, metadataKeys: Set<String>) -> JSONShape.Source {
        if let placeholder = ShapePlaceholder(rawValue: name) { return placeholder.source }
        return metadataKeys.contains(name) ? .metadataKey(name) : .parameter(name)
    }

    /// Appends literal text, joined to the last step where that is literal text too.
    static func appendLiteral<Step: LiteralStep>(_ text: String, to steps: inout [Step]) {
        if let previous = steps.last?.literalText {
            steps[steps.count - 1] = .literal(previous + text)
        } else {
            steps.append(.literal(text))
        }
    }

    /// The tree of `shape` in a catalog with these metadata keys: the runtime writes it as compact
    /// JSON text.
    package static func compile(_ shape: ShapeValue, metadataKeys: Set<String>) -> JSONShape {
        func source(_ name: String) -> JSONShape.Source { Self.source(name, metadataKeys: metadataKeys) }
        func node(_ value: ShapeValue) -> JSONShape.Node {
            switch value {
            case let .object(members): return .object(members.map { JSONShape.Member(key: $0.key.value, value: node($0.value)) })
            case let .array(items): return .array(items.map(node))
            case let .string(template), let .orNull(template):
                let segments = template.value.segments
                if segments.count == 1, case let .placeholder(name, _) = segments[0] {
                    if case .orNull = value { return .value(source(name), orNull: true) }
                    return .value(source(name), orNull: false)
                }
                var parts: [JSONShape.Part] = []
                for segment in segments {
                    switch segment {
                    case let .text(text): parts.append(.text(String(WireBody.jsonString(text).dropFirst().dropLast())))
                    case let .placeholder(name, _): parts.append(.hole(source(name)))
                    case .section: break  // refused in shapes by the validator
                    }
                }
                // Adjacent text joined (a text segment is never split, but `{{` ends one).
                var joined: [JSONShape.Part] = []
                for part in parts {
                    if case let .text(text) = part, case let .text(previous)? = joined.last {
                        joined[joined.count - 1] = .text(previous + text)
                    } else {
                        joined.append(part)
                    }
                }
                return .string(joined)
            case let .number(text): return .literal(text)
            case let .bool(b): return .literal(b ? "true" : "false")
            case .null: return .literal("null")
            }
        }
        return JSONShape(root: node(shape))
    }

    /// The steps of a validated XML layout: the declaration, then the root element (in the
    /// format's namespace, if it names one) and what it holds, an element a line, indented by
    /// four spaces a level; adjacent literals joined.
    package static func compileXML(_ shape: ShapeValue, namespace: String?, metadataKeys: Set<String>) -> XMLShape {
        var steps: [XMLShape.Step] = []
        func literal(_ text: String) { appendLiteral(text, to: &steps) }
        func escaped(_ text: String, attribute: Bool) -> String {
            var out = ""
            XML.escape(text, to: &out, attribute: attribute)
            return out
        }
        func source(_ name: String) -> JSONShape.Source { Self.source(name, metadataKeys: metadataKeys) }
        func whole(_ template: MessageTemplate) -> String? {
            if template.segments.count == 1, case let .placeholder(name, _) = template.segments[0] { return name }
            return nil
        }
        func attribute(_ name: String, _ value: ShapeValue) {
            switch value {
            case let .string(template), let .orNull(template):
                if let placeholder = whole(template.value) {
                    steps.append(.attribute(name: name, source: source(placeholder)))
                    return
                }
                literal(" " + name + "=\"")
                for segment in template.value.segments {
                    switch segment {
                    case let .text(text): literal(escaped(text, attribute: true))
                    case let .placeholder(placeholder, _): steps.append(.attributeText(source(placeholder)))
                    case .section: break  // refused in shapes by the validator
                    }
                }
                literal("\"")
            case let .number(text): literal(" " + name + "=\"" + text + "\"")
            case let .bool(b): literal(" " + name + "=\"" + (b ? "true" : "false") + "\"")
            case .object, .array, .null: break
            }
        }
        func element(_ name: String, _ value: ShapeValue, indent: Int, namespace: String? = nil) {
            let margin = String(repeating: " ", count: indent)
            switch value {
            case let .object(members):
                literal(margin + "<" + name)
                if let namespace { literal(" xmlns=\"" + escaped(namespace, attribute: true) + "\"") }
                for member in members where member.key.value.hasPrefix("@") { attribute(String(member.key.value.dropFirst()), member.value) }
                let children = members.filter { !$0.key.value.hasPrefix("@") }
                if children.isEmpty {
                    literal("/>\n")
                    return
                }
                literal(">\n")
                for child in children { element(child.key.value, child.value, indent: indent + 4) }
                literal(margin + "</" + name + ">\n")
            case let .array(items):
                for item in items { element(name, item, indent: indent) }
            case let .string(template), let .orNull(template):
                if let placeholder = whole(template.value) {
                    steps.append(.element(name: name, source: source(placeholder), indent: indent))
                    return
                }
                literal(margin + "<" + name + ">")
                for segment in template.value.segments {
                    switch segment {
                    case let .text(text): literal(escaped(text, attribute: false))
                    case let .placeholder(placeholder, _): steps.append(.text(source(placeholder)))
                    case .section: break  // refused in shapes by the validator
                    }
                }
                literal("</" + name + ">\n")
            case let .number(text): literal(margin + "<" + name + ">" + text + "</" + name + ">\n")
            case let .bool(b): literal(margin + "<" + name + ">" + (b ? "true" : "false") + "</" + name + ">\n")
            case .null: literal(margin + "<" + name + "/>\n")
            }
        }
        literal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        if case let .object(members) = shape, let root = members.first {
            element(root.key.value, root.value, indent: 0, namespace: namespace)
        }
        return XMLShape(steps: steps)
    }
}

/// A step of a compiled shape that can be literal text.
protocol LiteralStep {
    static func literal(_ text: String) -> Self
    var literalText: String? { get }
}

extension XMLShape.Step: LiteralStep {
    var literalText: String? {
        if case let .literal(text) = self { return text }
        return nil
    }
}
