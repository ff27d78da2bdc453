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
        var shared: [ErrorSpec] = []
        if let node = fields.node("shared-errors", diagnostics: &diagnostics) {
            shared = keyedEntries(
                node, key: "shared-errors", of: "wire codes to errors", empty: "'shared-errors' must list at least one error",
                file: file, diagnostics: &diagnostics
            ) { code, node, file, diagnostics in
                // Whether it needs a status depends on the catalogs that include it (the validator's to say).
                decodeError(code, node, file: file, http: nil, diagnostics: &diagnostics)
            }
        }
        var catalogs: [CatalogSpec] = []
        if let node = fields.node("catalogs", required: true, diagnostics: &diagnostics) {
            catalogs = keyedEntries(
                node, key: "catalogs", of: "catalog names to catalogs", empty: "'catalogs' must name at least one catalog",
                file: file, diagnostics: &diagnostics
            ) { name, node, file, diagnostics in
                decodeCatalog(name, node, file: file, shared: shared, diagnostics: &diagnostics)
            }
        }
        fields.finish(diagnostics: &diagnostics)
        var spec = Spec(version: version, file: file, catalogs: catalogs)
        spec.sharedErrors = shared
        return spec
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

    static func decodeCatalog(
        _ name: Located<String>, _ node: YAMLNode, file: String, shared: [ErrorSpec] = [], diagnostics: inout DiagnosticCollector
    ) -> CatalogSpec? {
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

        // `http: false`: errors that never travel over HTTP (a database's, a library's), without
        // statuses, formats or headers.
        var isHTTP = true
        // Whether `http` could be read: if not, neither formats nor statuses are required, so
        // that its mistake is reported alone.
        var httpKnown = true
        if let node = fields.node("http", diagnostics: &diagnostics) {
            if case let .bool(flag)? = node.scalar?.resolved {
                isHTTP = flag
            } else {
                diagnostics.error("'http' must be true or false, not \(node.kindDescription)", file: file, at: node.location)
                httpKnown = false
            }
        }
        var codeType: Located<Catalog.CodeType>?
        if let node = fields.node("code-type", diagnostics: &diagnostics) {
            codeType = oneOf(Catalog.CodeType.self, node, key: "code-type", what: "code type", file: file, diagnostics: &diagnostics)
        }
        var allowsSuccessStatus = false
        if let node = fields.node("allow-success-status", diagnostics: &diagnostics) {
            if case let .bool(flag)? = node.scalar?.resolved {
                allowsSuccessStatus = flag
                if !isHTTP, flag {
                    diagnostics.error("a catalog without HTTP has no statuses; 'allow-success-status' is for a catalog with HTTP", file: file, at: node.location)
                }
            } else {
                diagnostics.error("'allow-success-status' must be true or false, not \(node.kindDescription)", file: file, at: node.location)
            }
        }
        var notAcceptable: Located<Catalog.NotAcceptable>?
        if let node = fields.node("not-acceptable", diagnostics: &diagnostics) {
            if isHTTP {
                notAcceptable = oneOf(Catalog.NotAcceptable.self, node, key: "not-acceptable", what: "'not-acceptable' value", file: file, diagnostics: &diagnostics)
            } else {
                diagnostics.error("a catalog without HTTP ('http: false') negotiates no format; 'not-acceptable' is for a catalog with HTTP", file: file, at: node.location)
            }
        }
        var formats: [FormatSpec] = []
        if let node = fields.node("formats", required: isHTTP && httpKnown, diagnostics: &diagnostics) {
            if isHTTP {
                formats = decodeFormats(node, catalog: what, file: file, diagnostics: &diagnostics)
            } else {
                diagnostics.error("a catalog without HTTP ('http: false') has no wire formats", file: file, at: node.location)
            }
        }
        var defaultFormat: Located<FormatSpec.Kind>?
        if let node = fields.node("default-format", diagnostics: &diagnostics) {
            if isHTTP {
                defaultFormat = formatKind(node, key: "default-format", file: file, diagnostics: &diagnostics)
            } else {
                diagnostics.error("a catalog without HTTP ('http: false') has no wire formats", file: file, at: node.location)
            }
        }
        var parameters: [ParameterSpec] = []
        if let node = fields.node("parameters", diagnostics: &diagnostics) {
            parameters = decodeParameters(node, owner: what, file: file, diagnostics: &diagnostics)
        }
        var metadata: [MetadataKeySpec] = []
        if let node = fields.node("metadata", diagnostics: &diagnostics) {
            metadata = decodeMetadataKeys(node, owner: what, file: file, diagnostics: &diagnostics)
        }
        var naming = SwiftNamingRules()
        if let node = fields.node("swift-naming", diagnostics: &diagnostics),
            var rules = MappingReader(node, what: "'swift-naming' of \(what)", file: file, diagnostics: &diagnostics)
        {
            naming.stripPrefixes = stringList(rules.node("strip-prefixes", diagnostics: &diagnostics), key: "strip-prefixes", file: file, diagnostics: &diagnostics)
            naming.acronyms = stringList(rules.node("acronyms", diagnostics: &diagnostics), key: "acronyms", file: file, diagnostics: &diagnostics)
            rules.finish(diagnostics: &diagnostics)
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
        let includeNode = fields.node("include", diagnostics: &diagnostics)
        var errors: [ErrorSpec] = []
        if let node = fields.node("errors", required: includeNode == nil, diagnostics: &diagnostics) {
            errors = keyedEntries(
                node, key: "errors", of: "wire codes to errors", empty: "\(what) must list at least one error under 'errors'",
                file: file, diagnostics: &diagnostics
            ) { code, node, file, diagnostics in
                decodeError(code, node, file: file, http: httpKnown ? isHTTP : nil, diagnostics: &diagnostics)
            }
        }
        if let includeNode {
            errors += included(includeNode, from: shared, into: errors, catalog: name.value, file: file, diagnostics: &diagnostics)
            if errors.isEmpty, !diagnostics.hasErrors {
                diagnostics.error("\(what) has no errors: list some under 'errors' or include shared ones", file: file, at: includeNode.location)
            }
        }
        fields.finish(diagnostics: &diagnostics)
        // Without a title (already reported) the catalog is still built, so the rest of it is
        // checked in the same run.
        var catalog = CatalogSpec(
            name: name, title: title?.value ?? "", summary: summary?.value, description: description?.value,
            swiftName: swiftName, formats: formats, defaultFormat: defaultFormat, parameters: parameters, errors: errors)
        catalog.documentationURL = documentationURL
        catalog.languages = languages
        catalog.metadata = metadata
        catalog.naming = naming
        catalog.isHTTP = isHTTP
        catalog.isHTTPKnown = httpKnown
        catalog.codeType = codeType
        catalog.allowsSuccessStatus = allowsSuccessStatus
        catalog.notAcceptable = notAcceptable
        if !naming.isEmpty {
            for index in catalog.errors.indices { catalog.errors[index].applyNaming(naming) }
        }
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

    /// The shared errors a catalog's `include` names (`"*"`: all of them, in spec order), after
    /// its own errors; a name that is not a shared error, is listed twice or is also one of the
    /// catalog's own errors is reported at the name.
    static func included(
        _ node: YAMLNode, from shared: [ErrorSpec], into own: [ErrorSpec], catalog: String, file: String, diagnostics: inout DiagnosticCollector
    ) -> [ErrorSpec] {
        if let scalar = node.scalar, scalar.value == "*", scalar.style == .plain || scalar.style == .doubleQuoted || scalar.style == .singleQuoted {
            if shared.isEmpty {
                diagnostics.error("'include: \"*\"' includes the spec's 'shared-errors', but it has none", file: file, at: node.location)
            }
            var result: [ErrorSpec] = []
            for error in shared {
                if let mine = own.first(where: { $0.code.value == error.code.value }) {
                    diagnostics.error(
                        "catalog '\(catalog)' defines '\(error.code.value)' itself (at \(mine.code.location)) and includes the shared one (at \(error.code.location)); rename or remove one",
                        file: file, at: node.location)
                } else {
                    result.append(error)
                }
            }
            return result
        }
        guard node.sequence != nil else {
            diagnostics.error("'include' must be a sequence of shared errors' wire codes, or \"*\" for all of them, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        var result: [ErrorSpec] = []
        var seen: [String: SourceLocation] = [:]
        for code in stringList(node, key: "include", file: file, diagnostics: &diagnostics) {
            if let first = seen[code.value] {
                diagnostics.error("'\(code.value)' is included twice (first at \(first))", file: file, at: code.location)
                continue
            }
            seen[code.value] = code.location
            guard let error = shared.first(where: { $0.code.value == code.value }) else {
                var message = "'\(code.value)' is not one of the spec's 'shared-errors'"
                if let suggestion = Spelling.suggestion(for: code.value, among: shared.map(\.code.value)) {
                    message += "; did you mean '\(suggestion)'?"
                } else if shared.isEmpty {
                    message += " (it has none: define the error under 'shared-errors' at the top of the spec)"
                }
                diagnostics.error(message, file: file, at: code.location)
                continue
            }
            if let mine = own.first(where: { $0.code.value == code.value }) {
                diagnostics.error(
                    "catalog '\(catalog)' defines '\(code.value)' itself (at \(mine.code.location)) and includes the shared one; remove one",
                    file: file, at: code.location)
                continue
            }
            result.append(error)
        }
        return result
    }

    /// A sequence of strings.
    static func stringList(_ node: YAMLNode?, key: String, file: String, diagnostics: inout DiagnosticCollector) -> [Located<String>] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            diagnostics.error("'\(key)' must be a sequence of strings, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        return items.compactMap { MappingReader.string($0, key: key, file: file, diagnostics: &diagnostics) }
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
                let bodyNode = fields.node("body", diagnostics: &diagnostics)
                fields.finish(diagnostics: &diagnostics)
                if let typeNode, let kind = formatKind(typeNode, key: "type", file: file, diagnostics: &diagnostics) {
                    if let namespace, kind.value != .xml {
                        diagnostics.error("'namespace' applies only to the xml format", file: file, at: namespace.location)
                    }
                    format = FormatSpec(kind: kind.value, namespace: namespace?.value, at: item.location)
                    if let bodyNode {
                        if kind.value == .json || kind.value == .xml {
                            format?.body = ShapeValue.decode(bodyNode, file: file, diagnostics: &diagnostics)
                        } else {
                            diagnostics.error(
                                "'body' applies only to the json and xml formats (a body in the API's own shape)", file: file, at: bodyNode.location)
                        }
                    }
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
            if pair.value.sequence != nil || pair.value.scalar.map({ if case .string = $0.resolved { true } else { false } }) == true {
                // The short form: `user: string`, `scopes: [string]`.
                let (kind, isList) = parameterType(pair.value, file: file, diagnostics: &diagnostics) ?? (.string, pair.value.sequence != nil)
                var parameter = ParameterSpec(name: located, kind: kind)
                parameter.isList = isList
                parameters.append(parameter)
                continue
            }
            if pair.value.mapping == nil {
                // Still declared, so its placeholders do not also report it missing.
                diagnostics.error(
                    "parameter '\(name)' is a type (\(ParameterSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")), or one in brackets for a list: [string]) or a mapping with 'type', not \(pair.value.kindDescription)",
                    file: file, at: pair.value.location)
                parameters.append(ParameterSpec(name: located, kind: .string))
                continue
            }
            guard var fields = MappingReader(pair.value, what: "parameter '\(name)' of \(owner)", file: file, key: pair.key.location, diagnostics: &diagnostics) else { continue }
            let typeNode = fields.node("type", required: true, diagnostics: &diagnostics)
            let description = fields.string("description", diagnostics: &diagnostics)
            let optional = fields.node("optional", diagnostics: &diagnostics)
            var isOptional: Located<Bool>?
            if let optional {
                if case let .bool(b)? = optional.scalar?.resolved {
                    isOptional = Located(b, at: optional.location)
                } else {
                    diagnostics.error("'optional' must be true or false, not \(optional.kindDescription)", file: file, at: optional.location)
                    isOptional = Located(true, at: optional.location)  // so that its sections are not reported as well
                }
            }
            let exampleNode = fields.node("example", diagnostics: &diagnostics)
            var isServerOnly = false
            if let node = fields.node("server-only", diagnostics: &diagnostics) {
                if case let .bool(b)? = node.scalar?.resolved {
                    isServerOnly = b
                } else {
                    diagnostics.error("'server-only' must be true or false, not \(node.kindDescription)", file: file, at: node.location)
                    isServerOnly = true  // so that its not being used is not reported as well
                }
            }
            fields.finish(diagnostics: &diagnostics)
            // A parameter whose type is wrong still counts as declared, so its placeholders do not
            // also report it missing.
            let (kind, isList) = typeNode.flatMap { parameterType($0, file: file, diagnostics: &diagnostics) } ?? (.string, typeNode?.sequence != nil)
            var parameter = ParameterSpec(name: located, kind: kind, description: description?.value)
            parameter.isList = isList
            parameter.optional = isOptional?.value == true ? isOptional : nil
            parameter.isServerOnly = isServerOnly
            if let exampleNode {
                if isList {
                    // A list's example: a sequence of items, each of the items' type.
                    if let items = exampleNode.sequence {
                        if let bad = items.first(where: { $0.scalar == nil || $0.scalar?.resolved == .null }) {
                            diagnostics.error(
                                "an item of the example of list parameter '\(name)' is a single value, not \(bad.kindDescription)", file: file, at: bad.location)
                        } else {
                            parameter.exampleItems = items.map { $0.scalar!.value }
                            for item in items { checkExample(Located(item.scalar!.value, at: item.location), kind, file: file, diagnostics: &diagnostics) }
                        }
                    } else {
                        diagnostics.error(
                            "the example of list parameter '\(name)' is a sequence of its items ([a, b]), not \(exampleNode.kindDescription)",
                            file: file, at: exampleNode.location)
                    }
                } else if let scalar = exampleNode.scalar, scalar.resolved != .null {
                    parameter.example = scalar.value
                    checkExample(Located(scalar.value, at: exampleNode.location), kind, file: file, diagnostics: &diagnostics)
                } else {
                    diagnostics.error("'example' must be a single value, not \(exampleNode.kindDescription)", file: file, at: exampleNode.location)
                }
            }
            parameters.append(parameter)
        }
        return parameters
    }

    /// A catalog's `metadata`: key names to a type (the short form: a required key) or to a
    /// mapping of `type`, `description`, `default` and `optional`.
    static func decodeMetadataKeys(_ node: YAMLNode, owner: String, file: String, diagnostics: inout DiagnosticCollector) -> [MetadataKeySpec] {
        guard let pairs = node.mapping else {
            diagnostics.error("'metadata' must be a mapping of metadata keys to types, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        let types = ParameterSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        var keys: [MetadataKeySpec] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.value, MessageTemplate.isValidParameterName(name) else {
                diagnostics.error(
                    "'\(pair.key.scalar?.value ?? pair.key.kindDescription)' is not a valid metadata key: it starts with a letter and holds only letters, digits, '-' and '_'",
                    file: file, at: pair.key.location)
                continue
            }
            let located = Located(name, at: pair.key.location)
            if pair.value.sequence != nil || pair.value.scalar.map({ if case .string = $0.resolved { true } else { false } }) == true {
                // The short form: `sqlstate: string`. A list type is refused; the key still counts
                // as declared (and optional), so the errors' values are not reported as well.
                let kind = parameterKind(pair.value, file: file, diagnostics: &diagnostics)
                keys.append(MetadataKeySpec(name: located, kind: kind ?? .string, isOptional: pair.value.sequence != nil))
                continue
            }
            guard pair.value.mapping != nil else {
                diagnostics.error("metadata key '\(name)' is a type (\(types)) or a mapping with 'type', not \(pair.value.kindDescription)", file: file, at: pair.value.location)
                continue
            }
            guard var fields = MappingReader(pair.value, what: "metadata key '\(name)' of \(owner)", file: file, key: pair.key.location, diagnostics: &diagnostics) else { continue }
            let typeNode = fields.node("type", required: true, diagnostics: &diagnostics)
            let description = fields.string("description", diagnostics: &diagnostics)
            let defaultNode = fields.node("default", diagnostics: &diagnostics)
            var isOptional = false
            if let node = fields.node("optional", diagnostics: &diagnostics) {
                if case let .bool(b)? = node.scalar?.resolved {
                    isOptional = b
                } else {
                    diagnostics.error("'optional' must be true or false, not \(node.kindDescription)", file: file, at: node.location)
                    isOptional = true  // so that errors without a value are not reported as well
                }
            }
            fields.finish(diagnostics: &diagnostics)
            guard let typeNode, let kind = parameterKind(typeNode, file: file, diagnostics: &diagnostics) else {
                // A list type: declared still (see the short form).
                if typeNode?.sequence != nil { keys.append(MetadataKeySpec(name: located, kind: .string, isOptional: true)) }
                continue
            }
            var key = MetadataKeySpec(name: located, kind: kind, description: description?.value, isOptional: isOptional)
            if let defaultNode {
                if let scalar = defaultNode.scalar {
                    key.defaultValue = MetadataValueSpec(key: located, text: scalar.value, resolved: scalar.resolved, at: defaultNode.location)
                } else {
                    diagnostics.error("'default' must be a single value, not \(defaultNode.kindDescription)", file: file, at: defaultNode.location)
                    key.isOptional = true  // so that errors without a value are not reported as well
                }
            }
            keys.append(key)
        }
        return keys
    }

    /// An error's `metadata`: keys of its catalog to single values, typed by the validator; and
    /// whether every value could be read (else missing values are not reported as well).
    static func decodeMetadataValues(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> ([MetadataValueSpec], Bool) {
        guard let pairs = node.mapping else {
            diagnostics.error("'metadata' must be a mapping of the catalog's metadata keys to values, not \(node.kindDescription)", file: file, at: node.location)
            return ([], false)
        }
        var complete = true
        var values: [MetadataValueSpec] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.value else {
                diagnostics.error("a metadata key must be a string", file: file, at: pair.key.location)
                continue
            }
            guard let scalar = pair.value.scalar else {
                diagnostics.error("metadata '\(name)' must be a single value, not \(pair.value.kindDescription)", file: file, at: pair.value.location)
                complete = false
                continue
            }
            values.append(MetadataValueSpec(key: Located(name, at: pair.key.location), text: scalar.value, resolved: scalar.resolved, at: pair.value.location))
        }
        return (values, complete)
    }

    static func parameterKind(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> ParameterSpec.Kind? {
        if node.sequence != nil {
            diagnostics.error("a metadata key has a single value: its type is one of \(ParameterSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")), not a list", file: file, at: node.location)
            return nil
        }
        return oneOf(ParameterSpec.Kind.self, node, key: "type", what: "parameter type", file: file, diagnostics: &diagnostics)?.value
    }

    /// A parameter's type: a type's name, or a sequence of one (`[string]`) for a list of them.
    static func parameterType(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> (ParameterKind, isList: Bool)? {
        guard let items = node.sequence else {
            return oneOf(ParameterSpec.Kind.self, node, key: "type", what: "parameter type", file: file, diagnostics: &diagnostics).map { ($0.value, false) }
        }
        guard items.count == 1, let item = items.first, item.scalar != nil else {
            diagnostics.error(
                "a list's type is the type of its items in brackets ([string]), not a sequence of \(items.count == 1 ? items[0].kindDescription : "\(items.count) items")",
                file: file, at: node.location)
            return nil
        }
        return oneOf(ParameterSpec.Kind.self, item, key: "type", what: "item type", file: file, diagnostics: &diagnostics).map { ($0.value, true) }
    }

    /// An example's text is a value of its type; an integer out of range says which type holds it.
    static func checkExample(_ example: Located<String>, _ kind: ParameterKind, file: String, diagnostics: inout DiagnosticCollector) {
        guard kind.parse(example.value) == nil else { return }
        let digits = example.value.hasPrefix("-") || example.value.hasPrefix("+") ? example.value.dropFirst() : Substring(example.value)
        let larger = "a larger number travels safely only as a string (JSON readers keep integers exactly only up to 2^53)"
        if kind == .integer, !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let unsigned = !example.value.hasPrefix("-") && UInt64(digits) != nil
            diagnostics.error(
                "example '\(example.value)' is out of range: an integer parameter holds a 64-bit integer (\(Int.min) to \(Int.max)); "
                    + (unsigned ? "'type: unsigned' holds it (0 to \(UInt64.max))" : larger),
                file: file, at: example.location)
        } else if kind == .unsigned, !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            diagnostics.error(
                "example '\(example.value)' is out of range: an unsigned parameter holds 0 to \(UInt64.max)"
                    + (example.value.hasPrefix("-") ? "" : "; " + larger),
                file: file, at: example.location)
        } else {
            diagnostics.error("example '\(example.value)' is not a valid \(kind.rawValue)", file: file, at: example.location)
        }
    }

    /// An error; in a catalog without HTTP (`http` false) one without a status; `http` nil for a
    /// shared error, whose status the catalogs that include it require or refuse (0 when absent).
    static func decodeError(
        _ code: Located<String>, _ node: YAMLNode, file: String, http: Bool? = true, diagnostics: inout DiagnosticCollector
    ) -> ErrorSpec? {
        let what = "error '\(code.value)'"
        guard var fields = MappingReader(node, what: what, file: file, key: code.location, diagnostics: &diagnostics) else { return nil }
        var status = fields.int("status", required: http == true, diagnostics: &diagnostics)
        if http == false, let given = status {
            diagnostics.error("the errors of a catalog without HTTP ('http: false') have no status", file: file, at: given.location)
            status = nil
        }
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
        let documentationURL = fields.string("documentation-url", diagnostics: &diagnostics)
        var metadata: [MetadataValueSpec] = []
        var metadataComplete = true
        let metadataNode = fields.node("metadata", diagnostics: &diagnostics)
        if let metadataNode {
            (metadata, metadataComplete) = decodeMetadataValues(metadataNode, file: file, diagnostics: &diagnostics)
        }
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
            code: code, status: status ?? Located(http == true ? 500 : 0, at: code.location),
            message: message ?? Located(MessageTemplate.parse("").0, at: code.location), description: description?.value,
            parameters: parameters, swiftName: swiftName, headers: headers, deprecation: deprecation)
        entry.title = title
        entry.translations = translations
        entry.retirement = retirement
        entry.since = since
        entry.documentationURL = documentationURL
        entry.metadata = metadata
        entry.metadataLocation = metadataNode?.location
        entry.isMetadataComplete = metadataComplete
        entry.isComplete = (status != nil || http != true) && message != nil
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
