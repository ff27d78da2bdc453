import ErrgenRuntime

/// Turns the YAML node tree of a spec file into a `Spec`, reporting every structural problem
/// (unknown keys, wrong types, missing keys, malformed templates) instead of stopping at the first.
public enum SpecDecoder {
    /// The spec format versions this errgen reads.
    public static let supportedVersions = [1]

    public static func decode(_ root: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> Spec? {
        guard var fields = MappingReader(root, what: "the spec", file: file, diagnostics: &diagnostics) else { return nil }
        var version = 1
        if let v = fields.int("errgen", required: true, diagnostics: &diagnostics) {
            if supportedVersions.contains(v.value) {
                version = v.value
            } else {
                diagnostics.error(
                    "unsupported spec format version \(v.value) (this errgen reads version \(supportedVersions.map(String.init).joined(separator: ", ")))",
                    file: file, at: v.location)
            }
        }
        var catalogs: [CatalogSpec] = []
        if let node = fields.node("catalogs", required: true, diagnostics: &diagnostics) {
            catalogs = keyedEntries(
                node, key: "catalogs", of: "catalog names to catalogs", empty: "'catalogs' must name at least one catalog",
                file: file, diagnostics: &diagnostics, decodeCatalog)
        }
        fields.finish(diagnostics: &diagnostics)
        return Spec(version: version, file: file, catalogs: catalogs)
    }

    /// The entries of a mapping keyed by name (catalogs by name, errors by wire code), each decoded
    /// by `decode`; a mapping that is empty or not a mapping is reported.
    static func keyedEntries<Entry>(
        _ node: YAMLNode, key: String, of what: String, empty: String, file: String, diagnostics: inout DiagnosticCollector,
        _ decode: (Located<String>, YAMLNode, String, inout DiagnosticCollector) -> Entry?
    ) -> [Entry] {
        guard let pairs = node.mapping else {
            diagnostics.error("'\(key)' must be a mapping of \(what), not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        if pairs.isEmpty { diagnostics.error(empty, file: file, at: node.location) }
        return pairs.compactMap { pair in
            guard let name = pair.key.scalar?.value else {
                diagnostics.error("keys of '\(key)' must be scalars", file: file, at: pair.key.location)
                return nil
            }
            if name.isEmpty {
                diagnostics.error(
                    key == "catalogs"
                        ? "a catalog name must not be empty (it names the Swift type and the docs and fixture files)"
                        : "a wire code must not be empty (clients tell errors apart by it)",
                    file: file, at: pair.key.location)
            }
            return decode(Located(name, at: pair.key.location), pair.value, file, &diagnostics)
        }
    }

    static func decodeCatalog(_ name: Located<String>, _ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> CatalogSpec? {
        let what = "catalog '\(name.value)'"
        guard var fields = MappingReader(node, what: what, file: file, key: name.location, diagnostics: &diagnostics) else { return nil }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        if let title, title.value.allSatisfy(\.isWhitespace) {
            diagnostics.error("the title of catalog '\(name.value)' is empty", file: file, at: title.location)
        }
        let summary = fields.string("summary", diagnostics: &diagnostics)
        let description = fields.string("description", diagnostics: &diagnostics)
        let swiftName = fields.string("swift-name", diagnostics: &diagnostics)
        let documentationURL = fields.string("documentation-url", diagnostics: &diagnostics)

        var formats: [FormatSpec] = []
        if let node = fields.node("formats", required: true, diagnostics: &diagnostics) {
            formats = decodeFormats(node, catalog: what, file: file, diagnostics: &diagnostics)
        }
        var defaultFormat: Located<FormatSpec.Kind>?
        if let node = fields.node("default-format", diagnostics: &diagnostics) {
            defaultFormat = formatKind(node, key: "default-format", file: file, diagnostics: &diagnostics)
        }
        var parameters: [ParameterSpec] = []
        if let node = fields.node("parameters", diagnostics: &diagnostics) {
            parameters = decodeParameters(node, owner: what, file: file, diagnostics: &diagnostics)
        }
        var languages: [Located<String>] = []
        if let node = fields.node("languages", diagnostics: &diagnostics) {
            if let items = node.sequence {
                if items.isEmpty { diagnostics.error("'languages' must list at least one language (the first is the default)", file: file, at: node.location) }
                for item in items {
                    if let tag = MappingReader.string(item, key: "languages", file: file, diagnostics: &diagnostics) { languages.append(tag) }
                }
            } else {
                diagnostics.error("'languages' must be a sequence of BCP 47 language tags, not \(node.kindDescription)", file: file, at: node.location)
            }
        }
        var errors: [ErrorSpec] = []
        if let node = fields.node("errors", required: true, diagnostics: &diagnostics) {
            errors = keyedEntries(
                node, key: "errors", of: "wire codes to errors", empty: "\(what) must list at least one error under 'errors'",
                file: file, diagnostics: &diagnostics, decodeError)
        }
        fields.finish(diagnostics: &diagnostics)
        // Without a title (already reported) the catalog is still built, so the rest of it is
        // checked in the same run.
        var catalog = CatalogSpec(
            name: name, title: title?.value ?? "", summary: summary?.value, description: description?.value,
            swiftName: swiftName, formats: formats, defaultFormat: defaultFormat, parameters: parameters, errors: errors)
        catalog.documentationURL = documentationURL
        catalog.languages = languages
        // Translations name their language as the catalog lists it (tags compare without case), so
        // that looking one up is a plain comparison; a tag the catalog does not list is kept as
        // written, for the validator to report.
        if !languages.isEmpty {
            let listed = Dictionary(languages.map { ($0.value.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
            for e in catalog.errors.indices {
                for t in catalog.errors[e].translations.indices {
                    let tag = catalog.errors[e].translations[t].language
                    if let canonical = listed[tag.value.lowercased()], canonical != tag.value {
                        catalog.errors[e].translations[t].language = Located(canonical, at: tag.location)
                    }
                }
            }
        }
        return catalog
    }

    static func formatKind(_ node: YAMLNode, key: String, file: String, diagnostics: inout DiagnosticCollector) -> Located<FormatSpec.Kind>? {
        oneOf(FormatSpec.Kind.self, node, key: key, what: "wire format", file: file, diagnostics: &diagnostics)
    }

    /// A string naming one case of `Value`; anything else is reported with a did-you-mean or the
    /// list of the names it may be.
    static func oneOf<Value: RawRepresentable & CaseIterable & Sendable & Hashable>(
        _ type: Value.Type, _ node: YAMLNode, key: String, what: String, file: String, diagnostics: inout DiagnosticCollector
    ) -> Located<Value>? where Value.RawValue == String {
        guard let name = MappingReader.string(node, key: key, file: file, diagnostics: &diagnostics) else { return nil }
        if let value = Value(rawValue: name.value) { return Located(value, at: name.location) }
        let known = Value.allCases.map(\.rawValue)
        var message = "unknown \(what) '\(name.value)'"
        if let suggestion = Spelling.suggestion(for: name.value, among: known) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += " (expected one of: \(known.joined(separator: ", ")))"
        }
        diagnostics.error(message, file: file, at: name.location)
        return nil
    }

    static func decodeFormats(_ node: YAMLNode, catalog: String, file: String, diagnostics: inout DiagnosticCollector) -> [FormatSpec] {
        guard let items = node.sequence else {
            diagnostics.error("'formats' must be a sequence of wire formats, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        if items.isEmpty {
            diagnostics.error("\(catalog) must offer at least one wire format", file: file, at: node.location)
        }
        var formats: [FormatSpec] = []
        for item in items {
            var format: FormatSpec?
            if let scalar = item.scalar, case .string = scalar.resolved {
                if let kind = formatKind(item, key: "formats", file: file, diagnostics: &diagnostics) {
                    format = FormatSpec(kind: kind.value, at: item.location)
                }
            } else if item.mapping == nil {
                diagnostics.error(
                    "a wire format is a name (\(FormatSpec.Kind.allCases.map(\.rawValue).joined(separator: ", "))) or a mapping with 'type', not \(item.kindDescription)",
                    file: file, at: item.location)
            } else if var fields = MappingReader(item, what: "a wire format", file: file, diagnostics: &diagnostics) {
                let typeNode = fields.node("type", required: true, diagnostics: &diagnostics)
                let namespace = fields.string("namespace", diagnostics: &diagnostics)
                fields.finish(diagnostics: &diagnostics)
                if let typeNode, let kind = formatKind(typeNode, key: "type", file: file, diagnostics: &diagnostics) {
                    if let namespace, kind.value != .xml {
                        diagnostics.error("'namespace' applies only to the xml format", file: file, at: namespace.location)
                    }
                    format = FormatSpec(kind: kind.value, namespace: namespace?.value, at: item.location)
                }
            }
            guard let format else { continue }
            if let first = formats.first(where: { $0.kind == format.kind }) {
                diagnostics.error(
                    "wire format '\(format.kind.rawValue)' is listed twice (first at \(first.location))",
                    file: file, at: format.location)
                continue
            }
            formats.append(format)
        }
        return formats
    }

    static func decodeParameters(_ node: YAMLNode, owner: String, file: String, diagnostics: inout DiagnosticCollector) -> [ParameterSpec] {
        guard let pairs = node.mapping else {
            diagnostics.error("'parameters' must be a mapping of parameter names to types, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        var parameters: [ParameterSpec] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.value else {
                diagnostics.error("a parameter name must be a string", file: file, at: pair.key.location)
                continue
            }
            if !MessageTemplate.isValidParameterName(name) {
                diagnostics.error(
                    "'\(name)' is not a valid parameter name: it starts with a letter and holds only letters, digits, '-' and '_'",
                    file: file, at: pair.key.location)
                continue
            }
            let located = Located(name, at: pair.key.location)
            if let scalar = pair.value.scalar, case .string = scalar.resolved {
                // The short form: `user: string`.
                let kind = parameterKind(pair.value, file: file, diagnostics: &diagnostics) ?? .string
                parameters.append(ParameterSpec(name: located, kind: kind))
                continue
            }
            if pair.value.mapping == nil {
                // Still declared, so its placeholders do not also report it missing.
                diagnostics.error(
                    "parameter '\(name)' is a type (\(ParameterSpec.Kind.allCases.map(\.rawValue).joined(separator: ", "))) or a mapping with 'type', not \(pair.value.kindDescription)",
                    file: file, at: pair.value.location)
                parameters.append(ParameterSpec(name: located, kind: .string))
                continue
            }
            guard var fields = MappingReader(pair.value, what: "parameter '\(name)' of \(owner)", file: file, key: pair.key.location, diagnostics: &diagnostics) else { continue }
            let typeNode = fields.node("type", required: true, diagnostics: &diagnostics)
            let description = fields.string("description", diagnostics: &diagnostics)
            var example: Located<String>?
            if let exampleNode = fields.node("example", diagnostics: &diagnostics) {
                if let scalar = exampleNode.scalar, scalar.resolved != .null {
                    example = Located(scalar.value, at: exampleNode.location)
                } else {
                    diagnostics.error("'example' must be a single value, not \(exampleNode.kindDescription)", file: file, at: exampleNode.location)
                }
            }
            fields.finish(diagnostics: &diagnostics)
            // A parameter whose type is wrong still counts as declared, so its placeholders do not
            // also report it missing.
            let kind = typeNode.flatMap { parameterKind($0, file: file, diagnostics: &diagnostics) } ?? .string
            if let example, kind.parse(example.value) == nil {
                diagnostics.error("example '\(example.value)' is not a valid \(kind.rawValue)", file: file, at: example.location)
            }
            parameters.append(ParameterSpec(name: located, kind: kind, description: description?.value, example: example?.value))
        }
        return parameters
    }

    static func parameterKind(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> ParameterSpec.Kind? {
        oneOf(ParameterSpec.Kind.self, node, key: "type", what: "parameter type", file: file, diagnostics: &diagnostics)?.value
    }

    static func decodeError(_ code: Located<String>, _ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> ErrorSpec? {
        let what = "error '\(code.value)'"
        guard var fields = MappingReader(node, what: what, file: file, key: code.location, diagnostics: &diagnostics) else { return nil }
        let status = fields.int("status", required: true, diagnostics: &diagnostics)
        let messageNode = fields.node("message", required: true, diagnostics: &diagnostics)
        let description = fields.string("description", diagnostics: &diagnostics)
        let title = fields.string("title", diagnostics: &diagnostics)
        var parameters: [ParameterSpec] = []
        if let node = fields.node("parameters", diagnostics: &diagnostics) {
            parameters = decodeParameters(node, owner: what, file: file, diagnostics: &diagnostics)
        }
        let swiftName = fields.string("swift-name", diagnostics: &diagnostics)
        var headers: [HeaderSpec] = []
        if let node = fields.node("headers", diagnostics: &diagnostics) {
            headers = decodeHeaders(node, file: file, diagnostics: &diagnostics)
        }
        var deprecation: Deprecation?
        if let node = fields.node("deprecated", diagnostics: &diagnostics) {
            switch node.scalar?.resolved {
            case .bool(true)?: deprecation = Deprecation(message: "")
            case .bool(false)?: deprecation = nil
            case let .string(text)?: deprecation = Deprecation(message: text)
            default:
                diagnostics.error("'deprecated' must be true, false or a string saying what to use instead, not \(node.kindDescription)", file: file, at: node.location)
            }
        }
        var translations: [TranslationSpec] = []
        if let node = fields.node("translations", diagnostics: &diagnostics) {
            translations = decodeTranslations(node, file: file, diagnostics: &diagnostics)
        }
        var retirement: Retirement?
        if let node = fields.node("retired", diagnostics: &diagnostics),
            var retired = MappingReader(node, what: "'retired' of error '\(code.value)'", file: file, diagnostics: &diagnostics)
        {
            let version = retired.string("in", required: true, diagnostics: &diagnostics)
            let reason = retired.string("reason", diagnostics: &diagnostics)
            let replacement = retired.string("replacement", diagnostics: &diagnostics)
            retired.finish(diagnostics: &diagnostics)
            if let version {
                retirement = Retirement(version: version, reason: reason?.value, replacement: replacement, at: node.location)
            }
        }
        let since = fields.string("since", diagnostics: &diagnostics)
        fields.finish(diagnostics: &diagnostics)

        var message: Located<MessageTemplate>?
        if let messageNode {
            message = template(messageNode, key: "message", file: file, diagnostics: &diagnostics)
            if let message, message.value.isEmpty {
                diagnostics.error("the message of error '\(code.value)' is empty", file: file, at: message.location)
            }
        }
        // Without a status or a message (already reported) the error is still built, so the rest
        // of it is checked in the same run; the stand-ins raise nothing themselves.
        var entry = ErrorSpec(
            code: code, status: status ?? Located(500, at: code.location),
            message: message ?? Located(MessageTemplate.parse("").0, at: code.location), description: description?.value,
            parameters: parameters, swiftName: swiftName, headers: headers, deprecation: deprecation)
        entry.title = title
        entry.translations = translations
        entry.retirement = retirement
        entry.since = since
        entry.isComplete = status != nil && message != nil
        return entry
    }

    /// `translations`: language tags to a message (the short form) or to a mapping of `message`
    /// and `title`.
    static func decodeTranslations(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> [TranslationSpec] {
        guard let pairs = node.mapping else {
            diagnostics.error("'translations' must be a mapping of language tags to messages, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        var translations: [TranslationSpec] = []
        for pair in pairs {
            guard let tag = pair.key.scalar?.value else {
                diagnostics.error("a language tag must be a string", file: file, at: pair.key.location)
                continue
            }
            let language = Located(tag, at: pair.key.location)
            var messageNode: YAMLNode? = pair.value
            var title: Located<String>?
            if pair.value.mapping != nil {
                guard var fields = MappingReader(pair.value, what: "translation '\(tag)'", file: file, key: pair.key.location, diagnostics: &diagnostics)
                else { continue }
                messageNode = fields.node("message", required: true, diagnostics: &diagnostics)
                title = fields.string("title", diagnostics: &diagnostics)
                fields.finish(diagnostics: &diagnostics)
                if let title, title.value.allSatisfy(\.isWhitespace) {
                    diagnostics.error("the '\(tag)' title is empty", file: file, at: title.location)
                }
            }
            guard let messageNode, let message = template(messageNode, key: tag, file: file, diagnostics: &diagnostics) else { continue }
            if message.value.isEmpty {
                diagnostics.error("the '\(tag)' message is empty", file: file, at: message.location)
            }
            translations.append(TranslationSpec(language: language, message: message, title: title))
        }
        return translations
    }

    static func decodeHeaders(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> [HeaderSpec] {
        guard let pairs = node.mapping else {
            diagnostics.error("'headers' must be a mapping of header names to values, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        var headers: [HeaderSpec] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.value else {
                diagnostics.error("a header name must be a string", file: file, at: pair.key.location)
                continue
            }
            guard let value = template(pair.value, key: name, file: file, diagnostics: &diagnostics) else { continue }
            headers.append(HeaderSpec(name: Located(name, at: pair.key.location), value: value))
        }
        return headers
    }

    /// A string value parsed as a template; template problems are reported at their position.
    static func template(_ node: YAMLNode, key: String, file: String, diagnostics: inout DiagnosticCollector) -> Located<MessageTemplate>? {
        guard let text = MappingReader.string(node, key: key, file: file, diagnostics: &diagnostics) else { return nil }
        var (template, problems) = MessageTemplate.parse(text.value)
        if let style = node.scalar?.style {
            template.anchor = SourceAnchor(location: node.location, style: style)
        }
        for problem in problems {
            diagnostics.error(problem.message, file: file, at: template.location(ofOffset: problem.offset) ?? node.location)
        }
        return Located(template, at: node.location)
    }
}
