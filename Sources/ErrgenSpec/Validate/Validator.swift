@_spi(ErrgenGenerated) import ErrgenRuntime

/// The rules a spec must satisfy beyond its structure. Every rule reports at the position of the
/// offending value; one run reports every problem.
public enum Validator {
    public static func validate(_ spec: Spec, diagnostics: inout DiagnosticCollector) {
        let file = spec.file
        for shared in spec.sharedErrors {
            // An included error is checked in each catalog that includes it, with that catalog's
            // parameters, metadata and languages; its diagnostics point here.
            let location = shared.code.location
            if !spec.catalogs.contains(where: { catalog in catalog.errors.contains { $0.code.location == location } }) {
                diagnostics.warning("shared error '\(shared.code.value)' is included by no catalog", file: file, at: location)
            }
        }
        var typeNames: [String: CatalogSpec] = [:]
        // Output files are named after catalogs; two names that agree ignoring case would be one
        // file on a case-insensitive file system (macOS, Windows), so they are compared folded.
        var swiftFiles: [String: CatalogSpec] = [:]
        var pageFiles: [String: CatalogSpec] = [:]
        for catalog in spec.catalogs {
            let page = catalog.fileName
            if Self.reservedPageNames.contains(page) {
                diagnostics.error(
                    "catalog '\(catalog.name.value)' would write the pages \(page).md and \(page).html, whose names the docs index takes (README.md, index.html); rename the catalog",
                    file: file, at: catalog.name.location)
            } else if let other = pageFiles[page] {
                diagnostics.error(
                    "catalogs '\(other.name.value)' and '\(catalog.name.value)' would both write the pages \(page).md and \(page).html and the fixture \(page).json; rename one of them",
                    file: file, at: catalog.name.location)
            } else {
                pageFiles[page] = catalog
            }

            validateCatalog(catalog, file: file, diagnostics: &diagnostics)

            let typeName = catalog.swiftTypeName
            let where_ = catalog.swiftName?.location ?? catalog.name.location
            if !SwiftNames.isValidIdentifier(typeName) {
                diagnostics.error("'\(typeName)' is not a valid Swift type name", file: file, at: where_)
            } else if GeneratedNames.reservedTypes.contains(typeName) || SwiftNames.keywords.contains(typeName) {
                diagnostics.error(
                    "the Swift type name '\(typeName)' of catalog '\(catalog.name.value)' is taken by errgen's runtime or by Swift; set 'swift-name'",
                    file: file, at: where_)
            } else if let other = typeNames[typeName] {
                diagnostics.error(
                    "catalogs '\(other.name.value)' and '\(catalog.name.value)' both generate the Swift type '\(typeName)'; set 'swift-name' on one of them",
                    file: file, at: where_)
            } else if let other = swiftFiles[typeName.lowercased()] {
                diagnostics.error(
                    "the Swift types '\(other.swiftTypeName)' and '\(typeName)' differ only in case, so their files would be one file on a case-insensitive file system; set 'swift-name' on one of them",
                    file: file, at: where_)
            } else {
                typeNames[typeName] = catalog
                swiftFiles[typeName.lowercased()] = catalog
            }
        }
        // Said last, of a spec otherwise right: a message that does not parse shows nothing.
        if !diagnostics.hasErrors {
            for catalog in spec.catalogs { checkCarried(catalog, file: file, diagnostics: &diagnostics) }
        }
    }

    /// Page names the docs index takes (`README.md`, `index.html`), as catalog file names.
    static let reservedPageNames: Set<String> = ["readme", "index"]

    static func validateCatalog(_ catalog: CatalogSpec, file: String, diagnostics: inout DiagnosticCollector) {
        if let wanted = catalog.defaultFormat, !catalog.formats.contains(where: { $0.kind == wanted.value }) {
            diagnostics.error(
                "default format '\(wanted.value.rawValue)' is not among the catalog's formats (\(catalog.formats.map(\.kind.rawValue).joined(separator: ", ")))",
                file: file, at: wanted.location)
        }
        checkParameterNames(catalog.parameters, file: file, diagnostics: &diagnostics)
        for parameter in catalog.parameters {
            if let optional = parameter.optional {
                diagnostics.error(
                    "catalog parameter '\(parameter.name.value)' is carried by every error: it cannot be optional (make it a parameter of the errors that may lack it)",
                    file: file, at: optional.location)
            }
        }
        checkMetadataKeys(catalog, file: file, diagnostics: &diagnostics)
        checkNamingRules(catalog.naming, file: file, diagnostics: &diagnostics)
        if let shape = catalog.jsonShape { checkShape(shape, catalog: catalog, file: file, diagnostics: &diagnostics) }
        if let shape = catalog.xmlShape {
            checkShape(shape, catalog: catalog, absent: "left out where absent", file: file, diagnostics: &diagnostics)
            let format = catalog.formats.first { $0.kind == .xml }
            let lists = Set((catalog.parameters + catalog.errors.flatMap(\.parameters)).filter(\.isList).map(\.name.value))
            checkXMLShape(shape, namespace: format?.namespace != nil, lists: lists, at: format?.location ?? catalog.name.location, file: file, diagnostics: &diagnostics)
        }
        for format in catalog.formats where format.namespace.map(reservedNamespaces.contains) == true {
            diagnostics.error("'\(format.namespace ?? "")' is a namespace XML reserves for itself", file: file, at: format.location)
        }
        checkLanguages(catalog.languages, file: file, diagnostics: &diagnostics)
        if let url = catalog.documentationURL {
            if !isAbsoluteURL(url.value) || url.value.contains("#") {
                diagnostics.error(
                    "'documentation-url' must be an absolute URL without a fragment (errgen adds '#' and the error's anchor), of a scheme that runs nothing (not javascript:, vbscript: or data:)",
                    file: file, at: url.location)
            }
        }
        // Members the body layouts use themselves (a json body in the API's own shape has none).
        let kinds = Set(catalog.formats.filter { $0.body == nil }.map(\.kind))
        if !kinds.isDisjoint(with: [.json, .xml]) {
            for parameter in catalog.parameters where ["code", "message", "details"].contains(parameter.name.value) {
                diagnostics.error(
                    "catalog parameter '\(parameter.name.value)' would clash with the '\(parameter.name.value)' member of the json and xml bodies",
                    file: file, at: parameter.name.location)
            }
        }
        if kinds.contains(.problemJSON) || kinds.contains(.problemXML) {
            for parameter in catalog.parameters + catalog.errors.flatMap(\.parameters)
            where ["type", "title", "status", "detail", "instance", "code"].contains(parameter.name.value) {
                diagnostics.error(
                    "parameter '\(parameter.name.value)' would clash with the '\(parameter.name.value)' member of problem details (RFC 9457)",
                    file: file, at: parameter.name.location)
            }
        }

        if catalog.effectiveCodeType == .integer {
            for entry in catalog.errors {
                if let problem = Self.integerCodeProblem(entry.code.value) {
                    diagnostics.error("wire code '\(entry.code.value)' \(problem)", file: file, at: entry.code.location)
                }
            }
        }
        // Indices, not copies of the errors: a catalog may hold thousands.
        var codes: [String: Int] = [:]
        var caseNames: [String: Int] = [:]
        codes.reserveCapacity(catalog.errors.count)
        caseNames.reserveCapacity(catalog.errors.count)
        // A duplicate's own rules are not checked (its first definition's are).
        var duplicates = Set<Int>()
        for (index, entry) in catalog.errors.enumerated() {
            if let first = codes[entry.code.value] {
                diagnostics.error(
                    "duplicate wire code '\(entry.code.value)' (first defined at \(catalog.errors[first].code.location))",
                    file: file, at: entry.code.location)
                duplicates.insert(index)
                continue
            } else {
                codes[entry.code.value] = index
            }

            let caseName = entry.swiftCaseName
            let nameLocation = entry.swiftName?.location ?? entry.code.location
            let origin = entry.swiftName == nil ? " (derived from wire code '\(entry.code.value)')" : ""
            if !SwiftNames.isValidIdentifier(caseName) {
                diagnostics.error("'\(caseName)' is not a valid Swift case name", file: file, at: nameLocation)
            } else if GeneratedNames.reservedMembers.contains(caseName) {
                diagnostics.error(
                    "the Swift case name '\(caseName)'\(origin) is a member every generated type has; set 'swift-name'",
                    file: file, at: nameLocation)
            } else if let other = caseNames[caseName] {
                diagnostics.error(
                    "errors '\(catalog.errors[other].code.value)' and '\(entry.code.value)' both have the Swift case name '\(caseName)'; set 'swift-name' on one of them",
                    file: file, at: nameLocation)
            } else {
                caseNames[caseName] = index
            }
        }
        // The catalog's first 406 error is what a request accepting none of its formats gets: the
        // runtime fills its parameters in itself, with text. A catalog that answers such a request
        // in its default format sends it only where the server raises it, with its own values.
        if catalog.isHTTP, catalog.notAcceptable?.value != .defaultFormat, let first406 = catalog.errors.first(where: { $0.status.value == 406 }) {
            for parameter in first406.parameters + catalog.parameters
            where !Catalog.fitsNotAcceptable(Catalog.Entry.Parameter(name: parameter.name.value, kind: parameter.kind, isOptional: parameter.isOptional, isList: parameter.isList)) {
                diagnostics.error(
                    "parameter '\(parameter.name.value)' of '\(first406.code.value)', the catalog's first error with status 406, must be a string: when no format is acceptable the runtime fills it in (accept: the request's Accept field, available: the catalog's media types, as a list where it is [string], any other name: a sentence saying both)",
                    file: file, at: parameter.name.location)
            }
        }
        // One parameter name with different types in different errors: the catalog type's
        // property for it cannot be typed (it is an `ArgumentValue?`), which is said once per name.
        var firstOfName: [String: (parameter: ParameterSpec, error: ErrorSpec)] = [:]
        var warned = Set<String>()
        for (index, entry) in catalog.errors.enumerated() where !duplicates.contains(index) {
            for parameter in entry.parameters {
                guard let first = firstOfName[parameter.swiftName] else {
                    firstOfName[parameter.swiftName] = (parameter, entry)
                    continue
                }
                guard first.parameter.typeName != parameter.typeName, warned.insert(parameter.swiftName).inserted else { continue }
                diagnostics.warning(
                    "parameter '\(parameter.name.value)' is \(parameter.describedType) here but \(first.parameter.describedType) in error '\(first.error.code.value)' (at \(first.parameter.name.location)), so the property '\(parameter.swiftName)' of \(catalog.swiftTypeName) is an untyped ArgumentValue?; give them one type, or different names",
                    file: file, at: parameter.name.location)
            }
        }
        // Each error's own rules depend on it and its catalog alone.
        for (index, entry) in catalog.errors.enumerated() where !duplicates.contains(index) {
            validateError(entry, catalog: catalog, file: file, diagnostics: &diagnostics)
        }
    }

    static func validateError(_ entry: ErrorSpec, catalog: CatalogSpec, file: String, diagnostics: inout DiagnosticCollector) {
        let status = entry.status
        if let title = entry.title, title.value.allSatisfy(\.isWhitespace) {
            diagnostics.error("the title of error '\(entry.code.value)' is empty", file: file, at: title.location)
        }
        if !catalog.isHTTPKnown {
            // `http` itself is wrong (reported): whether a status belongs here is unknown.
        } else if !catalog.isHTTP {
            // A shared error included here may have one.
            if status.value != 0 || status.location != entry.code.location {
                diagnostics.error(
                    "the errors of catalog '\(catalog.name.value)', which has no HTTP ('http: false'), have no status", file: file, at: status.location)
            }
            if let header = entry.headers.first {
                diagnostics.error(
                    "the errors of catalog '\(catalog.name.value)', which has no HTTP ('http: false'), have no headers", file: file, at: header.name.location)
            }
        } else if status.value == 0, status.location == entry.code.location {
            diagnostics.error(
                "shared error '\(entry.code.value)' has no status, which catalog '\(catalog.name.value)' answers with over HTTP",
                file: file, at: entry.code.location)
        } else if catalog.allowsSuccessStatus {
            if !(400...599).contains(status.value), !(200...299).contains(status.value) {
                diagnostics.error(
                    "status \(status.value) is neither a success status (200-299, which 'allow-success-status' permits) nor an error status (400-599)",
                    file: file, at: status.location)
            }
        } else if !(400...599).contains(status.value) {
            var message = "status \(status.value) is not an error status (400-599)"
            if (200...299).contains(status.value) {
                message += "; a catalog whose errors travel with a success status says 'allow-success-status: true'"
            }
            diagnostics.error(message, file: file, at: status.location)
        }

        checkParameterNames(entry.parameters, file: file, diagnostics: &diagnostics)
        for parameter in entry.parameters {
            if let shared = catalog.parameters.first(where: { $0.swiftName == parameter.swiftName }) {
                diagnostics.error(
                    "parameter '\(parameter.name.value)' clashes with the catalog parameter '\(shared.name.value)' (declared at \(shared.name.location))",
                    file: file, at: parameter.name.location)
            }
        }

        checkMetadata(entry, catalog: catalog, file: file, diagnostics: &diagnostics)
        if let url = entry.documentationURL, !isAbsoluteURL(url.value) {
            diagnostics.error("'documentation-url' of error '\(entry.code.value)' must be an absolute URL (https://…), of a scheme that runs nothing (not javascript:, vbscript: or data:)", file: file, at: url.location)
        }

        // Every placeholder names a declared parameter (in a header, or a metadata key the error
        // has a value for); every parameter of the error is used.
        let declared = Set((entry.parameters + catalog.parameters).map(\.name.value))
        // Keys the error states a value for (a wrong one is reported on its own) or has by default.
        let metadataNames = Set(catalog.metadata.filter { $0.defaultValue != nil }.map(\.name.value))
            .union(entry.metadata.filter { $0.resolved != .null }.map(\.key.value))
        // A body shape that names a parameter (or holds them all) carries it too: S3's `<Key>`.
        var used = Set([catalog.jsonShape, catalog.xmlShape].compactMap { $0 }.flatMap(\.templates).flatMap(\.value.placeholderNames))
        if used.contains(ShapePlaceholder.parameters.rawValue) { used.formUnion(entry.parameters.map(\.name.value)) }
        let templates = [entry.message] + entry.headers.map(\.value)
        let parameters = entry.parameters + catalog.parameters
        for (position, located) in templates.enumerated() {
            let template = located.value
            let isHeader = position > 0
            checkSections(template, at: located.location, parameters: parameters, file: file, diagnostics: &diagnostics)
            for (name, offset, isSection, _) in template.uses {
                used.insert(name)
                if isHeader, metadataNames.contains(name) {
                    if isSection {
                        diagnostics.error(
                            "'{\(name)?…}' is a section, for an optional parameter, but '\(name)' is a metadata key, whose value is known when errgen runs: write '{\(name)}'",
                            file: file, at: template.location(ofOffset: offset) ?? located.location)
                    }
                    continue
                }
                if !declared.contains(name) {
                    let at = template.location(ofOffset: offset) ?? located.location
                    if let key = catalog.metadata.first(where: { $0.name.value == name }) {
                        diagnostics.error(
                            isHeader
                                ? "placeholder '{\(name)}' names metadata key '\(name)', of which error '\(entry.code.value)' has no value"
                                : "placeholder '{\(name)}' names metadata key '\(name)' (declared at \(key.name.location)); a message holds parameters only, a header value may name metadata",
                            file: file, at: at)
                        continue
                    }
                    var message = "placeholder '{\(name)}' has no declared parameter"
                    if let suggestion = Spelling.suggestion(for: name, among: (isHeader ? declared.union(metadataNames) : declared).sorted()) {
                        message += "; did you mean '{\(suggestion)}'?"
                    } else {
                        message += " (declare it under 'parameters')"
                    }
                    diagnostics.error(message, file: file, at: at)
                }
            }
        }
        // A parameter the server keeps for itself (`server-only`) may go out nowhere.
        for parameter in entry.parameters where entry.isComplete && !parameter.isServerOnly && !used.contains(parameter.name.value) {
            diagnostics.error(
                "parameter '\(parameter.name.value)' is never used in the message, the headers or a body shape of error '\(entry.code.value)'",
                file: file, at: parameter.name.location)
        }

        checkTranslations(entry, catalog: catalog, declared: declared, file: file, diagnostics: &diagnostics)
        checkRetirement(entry, catalog: catalog, file: file, diagnostics: &diagnostics)

        var headerNames: [String: HeaderSpec] = [:]
        for header in entry.headers {
            let name = header.name.value
            if name.isEmpty || !name.unicodeScalars.allSatisfy(HTTPToken.isTokenCharacter) {
                diagnostics.error("'\(name)' is not a valid HTTP header name", file: file, at: header.name.location)
            } else if ["content-type", "content-length"].contains(name.lowercased()) {
                diagnostics.error("header '\(name)' is set by the runtime from the chosen wire format and may not be given", file: file, at: header.name.location)
            } else if let first = headerNames[name.lowercased()] {
                diagnostics.error("header '\(name)' is given twice (first at \(first.name.location))", file: file, at: header.name.location)
            } else {
                headerNames[name.lowercased()] = header
            }
            if header.value.value.source.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                diagnostics.error("the value of header '\(name)' contains a line break or NUL", file: file, at: header.value.location)
            }
        }
    }

    /// A retired error is not also deprecated (that is for errors still sent), names versions that
    /// are one line of text, and is replaced, if at all, by another error of its catalog that is sent.
    static func checkRetirement(_ entry: ErrorSpec, catalog: CatalogSpec, file: String, diagnostics: inout DiagnosticCollector) {
        for version in [entry.retirement?.version, entry.since].compactMap({ $0 }) {
            if version.value.trimmingCharacters(in: .whitespaces).isEmpty || version.value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                diagnostics.error("a version is one line of text, not empty", file: file, at: version.location)
            }
        }
        guard let retirement = entry.retirement else { return }
        if entry.deprecation != nil {
            diagnostics.error(
                "error '\(entry.code.value)' is both retired (no longer sent) and deprecated (still sent, discouraged); keep one",
                file: file, at: retirement.location)
        }
        guard let replacement = retirement.replacement else { return }
        if replacement.value == entry.code.value {
            diagnostics.error("error '\(entry.code.value)' cannot replace itself", file: file, at: replacement.location)
        } else if let other = catalog.errors.first(where: { $0.code.value == replacement.value }) {
            if other.retirement != nil {
                diagnostics.error(
                    "the replacement '\(replacement.value)' is retired too; name the error that is sent instead",
                    file: file, at: replacement.location)
            }
        } else {
            var message = "the replacement '\(replacement.value)' is not an error of catalog '\(catalog.name.value)'"
            if let suggestion = Spelling.suggestion(for: replacement.value, among: catalog.errors.map(\.code.value).filter { $0 != entry.code.value }) {
                message += "; did you mean '\(suggestion)'?"
            }
            diagnostics.error(message, file: file, at: replacement.location)
        }
    }

    /// Why a wire code is not one of a catalog of integer codes (`code-type: integer`): it is
    /// written in canonical decimal (no sign but `-`, no leading zero) and fits in 64 bits, so
    /// that it is one JSON number and one `Int`, and two codes never name the same number.
    static func integerCodeProblem(_ code: String) -> String? {
        var digits = Substring(code)
        if digits.hasPrefix("-") || digits.hasPrefix("+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return "is not an integer, which the catalog's 'code-type: integer' requires"
        }
        guard let value = Int(code) else {
            return "is out of range: an integer code fits in 64 bits (\(Int.min) to \(Int.max))"
        }
        if String(value) != code {
            return "is not written as the integer is (no '+', no leading zero): write '\(value)'"
        }
        return nil
    }

    /// A parameter that a response in some format carries nowhere (not in the body, not in a
    /// message the body holds, not in a header) cannot be read back by a client, which then reads
    /// it as absent: a warning at the parameter, once per parameter and error, naming the
    /// formats, unless the parameter says `server-only: true`. errgen's own layouts and problem
    /// details carry every parameter; text carries what the message shows; a body shape what it
    /// names, all of them with `{parameters}`, and what the message shows with `{message}`.
    static func checkCarried(_ catalog: CatalogSpec, file: String, diagnostics: inout DiagnosticCollector) {
        guard catalog.isHTTP else { return }
        func names(_ shape: ShapeValue?) -> (names: Set<String>, all: Bool, message: Bool)? {
            guard let shape else { return nil }
            let used = Set(shape.templates.flatMap(\.value.placeholderNames))
            return (used, used.contains(ShapePlaceholder.parameters.rawValue), used.contains(ShapePlaceholder.message.rawValue))
        }
        let json = names(catalog.jsonShape), xml = names(catalog.xmlShape)
        var warned: Set<String> = []
        for entry in catalog.errors {
            let inMessage = Set(entry.message.value.placeholderNames)
            let inHeaders = Set(entry.headers.flatMap(\.value.value.placeholderNames))
            for parameter in entry.parameters + catalog.parameters where !parameter.isServerOnly {
                let name = parameter.name.value
                guard !inHeaders.contains(name) else { continue }
                let missing = catalog.formats.filter { format in
                    let shape: (names: Set<String>, all: Bool, message: Bool)?
                    switch format.kind {
                    case .problemJSON, .problemXML: return false
                    case .text: return !inMessage.contains(name)
                    case .json: shape = json
                    case .xml: shape = xml
                    }
                    guard let shape else { return false }  // errgen's own layout
                    return !(shape.all || shape.names.contains(name) || (shape.message && inMessage.contains(name)))
                }.map(\.kind.rawValue)
                guard !missing.isEmpty else { continue }
                // A shared parameter is said once, for the first error that loses it.
                let isShared = catalog.parameters.contains { $0.name.value == name }
                if isShared, !warned.insert(name).inserted { continue }
                let owner = isShared ? "catalog parameter '\(name)'" : "parameter '\(name)' of '\(entry.code.value)'"
                let formats = missing.joined(separator: ", ")
                diagnostics.warning(
                    "\(owner) goes out in no \(formats) response (not in the body, the message or a header): a client reading one cannot read it back, and gets it absent; carry it, or mark it 'server-only: true'",
                    file: file, at: parameter.name.location)
            }
        }
    }

    /// A body shape's placeholders: each a value the shape knows (`{code}`, `{message}`,
    /// `{status}`, `{title}`, `{documentation}`, `{parameters}`, `{metadata}`), a parameter or a
    /// metadata key. A string that is exactly one placeholder takes the value's JSON type, and is
    /// left out on an error without it (`null` there with `|null`); inside a longer string a placeholder is text, so it names a
    /// value every error has: not an object, not an error's own parameter, not an optional key.
    static func checkShape(
        _ shape: ShapeValue, catalog: CatalogSpec, absent: String = "left out where absent", file: String, diagnostics: inout DiagnosticCollector
    ) {
        // Member names are text: two keys the loader kept apart (by a tag) are one name here.
        func checkNames(_ value: ShapeValue) {
            switch value {
            case let .object(members):
                var seen: [String: SourceLocation] = [:]
                for member in members {
                    if let first = seen[member.key.value] {
                        diagnostics.error("'\(member.key.value)' is written twice in the body shape (first at \(first))", file: file, at: member.key.location)
                    } else {
                        seen[member.key.value] = member.key.location
                    }
                    checkNames(member.value)
                }
            case let .array(items): items.forEach(checkNames)
            case .string, .orNull, .number, .bool, .null: break
            }
        }
        checkNames(shape)
        let builtins = ShapePlaceholder.allCases.map(\.rawValue)
        let shared = Set(catalog.parameters.map(\.name.value))
        let own = Set(catalog.errors.flatMap(\.parameters).map(\.name.value))
        let keys = Dictionary(catalog.metadata.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        let known = builtins + catalog.parameters.map(\.name.value) + own.sorted() + catalog.metadata.map(\.name.value)
        for name in Set(shared.union(own).union(keys.keys)) where builtins.contains(name) {
            let location = catalog.metadata.first { $0.name.value == name }?.name.location
                ?? (catalog.parameters + catalog.errors.flatMap(\.parameters)).first { $0.name.value == name }?.name.location
            diagnostics.error(
                "'\(name)' names the body shape's own '{\(name)}'; rename the \(keys[name] == nil ? "parameter" : "metadata key")",
                file: file, at: location)
        }
        for located in shape.templates {
            let template = located.value
            let whole = template.segments.count == 1
            for use in template.uses where use.isSection {
                diagnostics.error(
                    "a body shape has no sections: '{\(use.name)}' as a whole string is the value, \(absent)",
                    file: file, at: template.location(ofOffset: use.offset) ?? located.location)
            }
            for segment in template.segments {
                guard case let .placeholder(name, offset) = segment else { continue }
                let at = template.location(ofOffset: offset) ?? located.location
                if name == ShapePlaceholder.documentation.rawValue, catalog.documentationURL == nil,
                    !whole || !catalog.errors.contains(where: { $0.documentationURL != nil })
                {
                    diagnostics.error(
                        whole
                            ? "'{documentation}' is the error's documentation link, but catalog '\(catalog.name.value)' has no 'documentation-url' and no error has one"
                            : "'{documentation}' is the error's documentation link, but catalog '\(catalog.name.value)' has no 'documentation-url', so some errors have none: it can only be a whole string (\"{documentation}\", \(absent)), not part of one",
                        file: file, at: at)
                } else if builtins.contains(name) {
                    if !whole, name == "parameters" || name == "metadata" {
                        diagnostics.error("'{\(name)}' is an object: it can only be a whole string (\"{\(name)}\"), not part of one", file: file, at: at)
                    }
                } else if shared.contains(name) {
                    continue
                } else if let key = keys[name] {
                    if !whole, key.isOptional {
                        diagnostics.error(
                            "metadata key '\(name)' is optional, so some errors have no value: it can only be a whole string (\"{\(name)}\", \(absent)), not part of one",
                            file: file, at: at)
                    }
                } else if own.contains(name) {
                    if !whole {
                        diagnostics.error(
                            "parameter '\(name)' belongs to some errors only: it can only be a whole string (\"{\(name)}\", \(absent)), not part of one",
                            file: file, at: at)
                    }
                } else {
                    var message = "unknown placeholder '{\(name)}' in the body shape"
                    if let suggestion = Spelling.suggestion(for: name, among: known) {
                        message += "; did you mean '{\(suggestion)}'?"
                    } else {
                        message += " (expected one of: \(builtins.joined(separator: ", ")), or a parameter or metadata key of the catalog)"
                    }
                    diagnostics.error(message, file: file, at: at)
                }
            }
        }
    }

    /// An XML layout (`formats: [{type: xml, body: …}]`): one member, the root element, holding a
    /// mapping; element and attribute names XML names; attributes (`@name`) plain values, not
    /// objects, lists or `{parameters}`/`{metadata}`, nor a whole list parameter (`lists`); no list
    /// directly inside a list; `@xmlns` only where the format names no `namespace`.
    static func checkXMLShape(
        _ shape: ShapeValue, namespace: Bool, lists: Set<String>, at location: SourceLocation, file: String, diagnostics: inout DiagnosticCollector
    ) {
        guard case let .object(members) = shape, members.count == 1, !members[0].key.value.hasPrefix("@") else {
            diagnostics.error(
                "an xml body is a mapping with one member, the root element and what it holds (Error: {Code: \"{code}\", Message: \"{message}\"})",
                file: file, at: location)
            return
        }
        guard case .object = members[0].value else {
            diagnostics.error("the root element '\(members[0].key.value)' holds a mapping of elements and @attributes", file: file, at: members[0].key.location)
            return
        }
        func check(_ name: Located<String>, _ value: ShapeValue, inList: Bool) {
            let isAttribute = name.value.hasPrefix("@")
            let bare = isAttribute ? String(name.value.dropFirst()) : name.value
            if !isXMLName(bare), !(isAttribute && bare == "xmlns") {
                diagnostics.error(
                    "'\(bare)' is not an XML \(isAttribute ? "attribute" : "element") name: a letter or '_', then letters, digits, '-', '_' or '.', not starting with 'xml'"
                        + (bare.contains(":") ? " (prefixed names are not supported; set the format's 'namespace')" : ""),
                    file: file, at: name.location)
            }
            if case let .orNull(template) = value {
                diagnostics.error(
                    "an xml layout leaves out an element or attribute whose value the error has none of: '|null' is for json bodies",
                    file: file, at: template.location)
                return
            }
            if isAttribute {
                if bare == "xmlns", namespace {
                    diagnostics.error("'@xmlns' and the format's 'namespace' both set the namespace; keep one", file: file, at: name.location)
                }
                if bare == "xmlns", case let .string(template) = value, reservedNamespaces.contains(template.value.source) {
                    diagnostics.error("'\(template.value.source)' is a namespace XML reserves for itself", file: file, at: template.location)
                }
                switch value {
                case .object, .array, .null:
                    diagnostics.error("attribute '\(bare)' holds a value (a string, a number or a boolean), not \(value.kindDescription)", file: file, at: name.location)
                case let .string(template):
                    for case let .placeholder(placeholder, offset) in template.value.segments where placeholder == "parameters" || placeholder == "metadata" {
                        diagnostics.error(
                            "'{\(placeholder)}' is a list of elements: it cannot stand in attribute '\(bare)'",
                            file: file, at: template.value.location(ofOffset: offset) ?? template.location)
                    }
                    if template.value.segments.count == 1, case let .placeholder(placeholder, offset)? = template.value.segments.first,
                        lists.contains(placeholder)
                    {
                        diagnostics.error(
                            "parameter '\(placeholder)' is a list, and attribute '\(bare)' holds one value: make it an element, which is repeated for each item",
                            file: file, at: template.value.location(ofOffset: offset) ?? template.location)
                    }
                case .number, .bool, .orNull: break
                }
                return
            }
            switch value {
            case let .object(members):
                for member in members { check(member.key, member.value, inList: false) }
                if case let .string(template)? = members.first(where: { $0.key.value == "@xmlns" })?.value, template.value.placeholderNames.count > 0 {
                    diagnostics.error("a namespace is fixed text, not a placeholder", file: file, at: template.location)
                }
            case let .array(items):
                if inList {
                    diagnostics.error("a list inside a list has no XML form (a list is the element '\(bare)' repeated)", file: file, at: name.location)
                    return
                }
                for item in items { check(name, item, inList: true) }
            case .string, .orNull, .number, .bool, .null: break
            }
        }
        check(members[0].key, members[0].value, inList: false)
    }

    /// The namespaces XML binds itself, which no document may declare as a default namespace.
    static let reservedNamespaces: Set<String> = ["http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/"]

    /// An XML 1.0 name without a prefix, ASCII: a letter or `_`, then letters, digits, `-`, `_`
    /// or `.`, not starting with `xml` in any case (names reserved by XML).
    static func isXMLName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        guard name.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "-_.".unicodeScalars.contains($0) }) else { return false }
        return !name.lowercased().hasPrefix("xml")
    }

    /// An absolute URL as a link can hold it: a scheme (letters, digits, `+`, `-`, `.`) that runs
    /// nothing when followed (not `javascript:`, `vbscript:` or `data:`, which the HTML docs would
    /// turn into live links), a colon, and no whitespace or control character.
    static func isAbsoluteURL(_ text: String) -> Bool {
        let scheme = text.prefix { $0 != ":" }
        return text.contains(":") && !scheme.isEmpty
            && scheme.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "+-.".unicodeScalars.contains($0) })
            && !["javascript", "vbscript", "data"].contains(scheme.lowercased())
            && !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    /// Prefixes are not empty; acronyms are ASCII letters and digits starting with a letter, each
    /// listed once ignoring case.
    static func checkNamingRules(_ rules: SwiftNamingRules, file: String, diagnostics: inout DiagnosticCollector) {
        for prefix in rules.stripPrefixes where prefix.value.isEmpty {
            diagnostics.error("a prefix to strip is not empty", file: file, at: prefix.location)
        }
        var seen: [String: Located<String>] = [:]
        for acronym in rules.acronyms {
            let scalars = acronym.value.unicodeScalars
            if scalars.isEmpty || !scalars.first!.isASCIILetter || !scalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit }) {
                diagnostics.error(
                    "acronym '\(acronym.value)' is not a word: ASCII letters and digits, starting with a letter",
                    file: file, at: acronym.location)
            } else if let first = seen[acronym.value.lowercased()] {
                diagnostics.error("acronym '\(acronym.value)' is listed twice (first at \(first.location))", file: file, at: acronym.location)
            } else {
                seen[acronym.value.lowercased()] = acronym
            }
        }
    }

    /// Metadata keys: one Swift name each, none named like a parameter (header placeholders name
    /// both), a default of the key's type, and not both a default and `optional`.
    static func checkMetadataKeys(_ catalog: CatalogSpec, file: String, diagnostics: inout DiagnosticCollector) {
        var seen: [String: MetadataKeySpec] = [:]
        let parameters = catalog.parameters + catalog.errors.flatMap(\.parameters)
        for key in catalog.metadata {
            let name = key.name.value
            if let other = seen[key.swiftName] {
                diagnostics.error(
                    "metadata keys '\(other.name.value)' and '\(name)' both have the Swift name '\(key.swiftName)'",
                    file: file, at: key.name.location)
            } else {
                seen[key.swiftName] = key
            }
            if let parameter = parameters.first(where: { $0.name.value == name }) {
                diagnostics.error(
                    "metadata key '\(name)' has the name of parameter '\(name)' (declared at \(parameter.name.location)); a placeholder '{\(name)}' could not tell them apart",
                    file: file, at: key.name.location)
            }
            if GeneratedNames.reservedMembers.contains(key.swiftName) || GeneratedNames.reservedCodeMembers.contains(key.swiftName) {
                diagnostics.warning(
                    "metadata key '\(name)' gets no property on the generated Code, whose member '\(key.swiftName)' every catalog has; read it with code.metadata[\"\(name)\"]",
                    file: file, at: key.name.location)
            }
            if let value = key.defaultValue {
                if key.isOptional {
                    diagnostics.error(
                        "metadata key '\(name)' has a default, so no error is without a value; drop 'optional' or 'default'",
                        file: file, at: value.location)
                }
                checkMetadataValue(value, key: key, owner: "the default of metadata key '\(name)'", file: file, diagnostics: &diagnostics)
            }
        }
    }

    /// An error's metadata: values for declared keys only, each of its key's type, and one for
    /// every key that is neither optional nor defaulted.
    static func checkMetadata(_ entry: ErrorSpec, catalog: CatalogSpec, file: String, diagnostics: inout DiagnosticCollector) {
        // A key a misspelling was taken for is not reported missing as well.
        var suggested = Set<String>()
        for written in entry.metadata {
            let name = written.key.value
            guard let key = catalog.metadata.first(where: { $0.name.value == name }) else {
                var message = "unknown metadata key '\(name)'"
                if catalog.metadata.isEmpty {
                    message += "; declare it under the 'metadata' of catalog '\(catalog.name.value)'"
                } else if let suggestion = Spelling.suggestion(for: name, among: catalog.metadata.map(\.name.value)) {
                    suggested.insert(suggestion)
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += " (catalog '\(catalog.name.value)' declares: \(catalog.metadata.map(\.name.value).joined(separator: ", ")))"
                }
                diagnostics.error(message, file: file, at: written.key.location)
                continue
            }
            if case .null = written.resolved, key.isOptional { continue }
            checkMetadataValue(written, key: key, owner: "metadata '\(name)' of error '\(entry.code.value)'", file: file, diagnostics: &diagnostics)
        }
        for key in catalog.metadata where entry.isMetadataComplete && !key.isOptional && key.defaultValue == nil && !suggested.contains(key.name.value) {
            if !entry.metadata.contains(where: { $0.key.value == key.name.value }) {
                diagnostics.error(
                    "error '\(entry.code.value)' lacks metadata '\(key.name.value)', which every error of catalog '\(catalog.name.value)' states (give it a value, or give the key a 'default' or 'optional: true')",
                    file: file, at: entry.metadataLocation ?? entry.code.location)
            }
        }
    }

    static func checkMetadataValue(_ written: MetadataValueSpec, key: MetadataKeySpec, owner: String, file: String, diagnostics: inout DiagnosticCollector) {
        guard case let .failure(problem) = key.value(of: written) else { return }
        switch problem {
        case .null:
            diagnostics.error(
                "\(owner) has no value\(key.isOptional ? "" : " (the key is not optional)")",
                file: file, at: written.location)
        case .wrongType:
            let article = key.kind == .integer ? "an" : "a"
            var hint = ""
            if case .string = written.resolved, key.kind.parse(written.text) != nil {
                hint = " (remove the quotes: \(written.text))"
            } else if key.kind == .integer, case .float = written.resolved {
                hint = " (an integer has no fraction or exponent)"
            } else if key.kind == .number, case let .float(x) = written.resolved, !x.isFinite {
                hint = " (a number is finite)"
            }
            diagnostics.error(
                "\(owner) must be \(article) \(key.kind.rawValue), not \(written.describedValue)\(hint)",
                file: file, at: written.location)
        }
    }

    /// Each tag well-formed (RFC 5646) and listed once, ignoring case.
    static func checkLanguages(_ languages: [Located<String>], file: String, diagnostics: inout DiagnosticCollector) {
        var seen: [String: Located<String>] = [:]
        for tag in languages {
            if let problem = LanguageTag.problem(tag.value) {
                diagnostics.error("'\(tag.value)' is not a well-formed BCP 47 language tag: \(problem)", file: file, at: tag.location)
            } else if let first = seen[tag.value.lowercased()] {
                diagnostics.error("language '\(tag.value)' is listed twice (first at \(first.location), as '\(first.value)')", file: file, at: tag.location)
            } else {
                seen[tag.value.lowercased()] = tag
            }
        }
    }

    /// Each translation in a language of the catalog other than the default, once, with exactly
    /// the placeholders of the default message (in any order).
    static func checkTranslations(
        _ entry: ErrorSpec, catalog: CatalogSpec, declared: Set<String>, file: String, diagnostics: inout DiagnosticCollector
    ) {
        guard !entry.translations.isEmpty else { return }
        let languages = catalog.effectiveLanguages
        let listed = Dictionary(languages.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let expected = entry.message.value.placeholderNames
        var seen: [String: TranslationSpec] = [:]
        for translation in entry.translations {
            let tag = translation.language
            guard let language = listed[tag.value.lowercased()] else {
                // Named as the catalog lists them, without those refused above.
                var shown: [String] = []
                for language in languages where LanguageTag.problem(language) == nil && !shown.contains(where: { $0.lowercased() == language.lowercased() }) {
                    shown.append(language)
                }
                var message = "language '\(tag.value)' is not among the catalog's languages (\(shown.joined(separator: ", ")))"
                if let suggestion = Spelling.suggestion(for: tag.value, among: Array(languages.dropFirst())) {
                    message += "; did you mean '\(suggestion)'?"
                } else if catalog.languages.isEmpty {
                    message += "; list it under the catalog's 'languages', after the default language"
                }
                diagnostics.error(message, file: file, at: tag.location)
                continue
            }
            if language == languages[0] {
                diagnostics.error(
                    "'\(tag.value)' is the catalog's default language, whose text is the error's 'message'; a translation is in another language",
                    file: file, at: tag.location)
                continue
            }
            if let first = seen[language] {
                diagnostics.error("error '\(entry.code.value)' is translated into '\(language)' twice (first at \(first.language.location))", file: file, at: tag.location)
                continue
            }
            seen[language] = translation
            guard entry.isComplete else { continue }
            let template = translation.message.value
            let written = Set(template.placeholderNames)
            var used = Set<String>()
            checkSections(template, at: translation.message.location, parameters: entry.parameters + catalog.parameters, file: file, diagnostics: &diagnostics)
            for (name, offset, _, _) in template.uses {
                used.insert(name)
                if !expected.contains(name) {
                    let at = template.location(ofOffset: offset) ?? translation.message.location
                    var message = "the '\(language)' message has the placeholder '{\(name)}', which the default message does not have"
                    // A misspelling of a placeholder the translation lacks: said here, not again as missing.
                    if let suggestion = Spelling.suggestion(for: name, among: expected.filter { !written.contains($0) && !used.contains($0) }) {
                        used.insert(suggestion)
                        message += "; did you mean '{\(suggestion)}'?"
                    } else if declared.contains(name) {
                        message += " (a translation uses exactly the default message's placeholders)"
                    }
                    diagnostics.error(message, file: file, at: at)
                }
            }
            let missing = expected.filter { !used.contains($0) }
            if !missing.isEmpty {
                let names = missing.map { "'{\($0)}'" }.joined(separator: ", ")
                diagnostics.error(
                    "the '\(language)' message lacks the placeholder\(missing.count == 1 ? "" : "s") \(names) of the default message",
                    file: file, at: translation.message.location)
            }
        }
    }

    /// Sections and optional parameters in a message or header value (`parameters`: the error's
    /// and its catalog's): a section names an optional parameter or a list (which may be empty; a
    /// parameter every raise has a value for needs none); an optional parameter appears only
    /// inside a section on itself, where it has a value. Undeclared names are reported elsewhere.
    static func checkSections(
        _ template: MessageTemplate, at location: SourceLocation, parameters: [ParameterSpec], file: String,
        diagnostics: inout DiagnosticCollector
    ) {
        for use in template.uses {
            guard let parameter = parameters.first(where: { $0.name.value == use.name }) else { continue }
            let at = template.location(ofOffset: use.offset) ?? location
            if use.isSection, !parameter.isOptional, !parameter.isList {
                diagnostics.error(
                    "'{\(use.name)?…}' is a section, for a parameter that may be absent or a list that may be empty, but '\(use.name)' is neither: write '{\(use.name)}', or declare it 'optional: true'",
                    file: file, at: at)
            } else if !use.isSection, parameter.isOptional, use.section != use.name {
                diagnostics.error(
                    "optional parameter '\(use.name)' may be absent, so it stands only inside a section on it: '{\(use.name)?… {\(use.name)} …}', and after '|' the text for when it is absent",
                    file: file, at: at)
            }
        }
    }

    static func checkParameterNames(_ parameters: [ParameterSpec], file: String, diagnostics: inout DiagnosticCollector) {
        var seen: [String: ParameterSpec] = [:]
        for parameter in parameters {
            let swiftName = parameter.swiftName
            if let other = seen[swiftName] {
                diagnostics.error(
                    "parameters '\(other.name.value)' and '\(parameter.name.value)' both have the Swift name '\(swiftName)'",
                    file: file, at: parameter.name.location)
            } else {
                seen[swiftName] = parameter
            }
        }
    }
}

/// RFC 9110 tokens (header field names).
enum HTTPToken {
    static func isTokenCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCIILetter || c.isASCIIDigit || "!#$%&'*+-.^_`|~".unicodeScalars.contains(c)
    }
}
