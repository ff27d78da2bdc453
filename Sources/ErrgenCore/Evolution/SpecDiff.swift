import ErrgenRuntime
import ErrgenSpec

/// What changed between two versions of a spec, each change classified by what it breaks: the
/// **wire** (what a deployed client sees) or the **Swift API** (what breaks a client's build).
/// Additions are compatible; a message whose wording changed is compatible but listed (clients
/// must not parse messages, but people read them).
public struct SpecDiff: Sendable {
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case breaking, compatible

        public static func < (a: Severity, b: Severity) -> Bool { a == .breaking && b == .compatible }
    }

    public enum Dimension: String, Sendable, CaseIterable {
        case wire
        case swift = "swift-api"
    }

    /// One change.
    public struct Change: Sendable, Hashable {
        public var severity: Severity
        public var dimension: Dimension
        /// The catalog, by its name in the spec.
        public var catalog: String
        /// The wire code of the error it concerns, if it concerns one.
        public var code: String?
        /// What changed, as a stable identifier (`status-changed`); `--allow` takes these.
        public var kind: String
        public var old: String?
        public var new: String?
        /// Where the change is: in the new spec, or in the old one for what was removed.
        public var location: SourceLocation?
        public var inOld: Bool
        /// For people: `status 409 → 410`.
        public var summary: String
    }

    public var changes: [Change]

    /// The semantic version bump the changes call for.
    public enum Bump: String, Sendable { case major, minor, patch, none }

    public var bump: Bump {
        if changes.contains(where: { $0.severity == .breaking }) { return .major }
        if changes.contains(where: { $0.kind.hasSuffix("-added") || $0.kind == "error-retired" }) { return .minor }
        return changes.isEmpty ? .none : .patch
    }

    /// Every kind of change, with its severity, for `--allow` and the docs.
    public static let kinds: [(kind: String, severity: Severity, meaning: String)] = [
        ("catalog-removed", .breaking, "a catalog is gone"),
        ("catalog-renamed", .breaking, "a catalog has another name, in the same place with the same errors: its Swift type and its files are renamed"),
        ("catalog-added", .compatible, "a new catalog"),
        ("type-renamed", .breaking, "a catalog's Swift type has another name"),
        ("error-removed", .breaking, "an error is gone without having been retired"),
        ("retired-error-removed", .breaking, "a retired error was deleted: its code could then be taken again"),
        ("retired-code-reused", .breaking, "a retired error is sent again"),
        ("error-added", .compatible, "a new error"),
        ("error-retired", .compatible, "an error is no longer sent (it stays in the spec)"),
        ("status-changed", .breaking, "an error answers with another status"),
        ("swift-name-changed", .breaking, "an error's Swift name changed"),
        ("parameter-removed", .breaking, "a parameter is gone"),
        ("parameter-renamed", .breaking, "a parameter has another name, in the same place with the same type: its wire member and its Swift argument label change"),
        ("parameter-added", .breaking, "a new parameter: the factory takes one more argument (the wire only gains a member)"),
        ("parameter-type-changed", .breaking, "a parameter has another type"),
        ("optional-parameter-added", .compatible, "a new optional parameter: the factory's new argument has a default, the wire may omit it"),
        ("parameter-became-optional", .breaking, "a parameter may now be absent: clients that read it must expect none"),
        ("parameter-became-required", .breaking, "an optional parameter is now required: calls that left it out no longer compile"),
        ("placeholders-changed", .breaking, "the message's placeholders changed"),
        ("message-changed", .compatible, "the message's wording changed"),
        ("format-removed", .breaking, "a catalog no longer answers in a format"),
        ("format-added", .compatible, "a catalog answers in one more format"),
        ("default-format-changed", .breaking, "the format answered without a preference changed"),
        ("header-removed", .breaking, "an error no longer sends a header"),
        ("header-added", .compatible, "an error sends one more header"),
        ("header-value-changed", .breaking, "a header an error sends has another value: clients act on headers (Retry-After, WWW-Authenticate)"),
        ("language-removed", .breaking, "a catalog no longer answers in a language: clients that asked for it get the default language"),
        ("language-added", .compatible, "a catalog answers in one more language"),
        ("translation-removed", .compatible, "an error lost a translation: asked for in that language, it answers in the default one, and says so in Content-Language"),
        ("translation-added", .compatible, "an error is translated into one more language"),
        ("translation-changed", .compatible, "a translation's wording changed (messages are for people)"),
        ("code-type-changed", .breaking, "a catalog's wire codes changed between strings and integers (JSON bodies carry them otherwise)"),
        ("http-changed", .breaking, "a catalog gained or lost HTTP: its Swift type is a CatalogError or a CodedError"),
        ("body-shape-changed", .breaking, "a json or xml format's body has another shape"),
        ("success-status-disallowed", .breaking, "a catalog no longer allows success statuses"),
        ("metadata-key-removed", .breaking, "a catalog's metadata key is gone: its property on the Code too"),
        ("metadata-key-type-changed", .breaking, "a metadata key has another type, or became optional or required"),
        ("metadata-key-added", .compatible, "a catalog declares a new metadata key"),
        ("metadata-changed", .breaking, "an error's metadata value changed: clients that act on it (a retryable flag, an SQLSTATE) behave otherwise; on the wire where a body shape or a header carries it, in Swift otherwise"),
        ("documentation-link-changed", .breaking, "an error's documentation link changed where it goes on the wire: problem details' type, which clients match on, or a shape's {documentation}"),
    ]

    public init(old: Spec, new: Spec) {
        var changes: [Change] = []
        func add(
            _ kind: String, _ dimension: Dimension, _ catalog: String, _ code: String?, _ old: String?, _ new: String?,
            _ location: SourceLocation?, _ inOld: Bool, _ summary: String
        ) {
            let severity = Self.kinds.first { $0.kind == kind }?.severity ?? .breaking
            changes.append(Change(
                severity: severity, dimension: dimension, catalog: catalog, code: code, kind: kind, old: old, new: new,
                location: location, inOld: inOld, summary: summary))
        }
        let newCatalogs = Dictionary(new.catalogs.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        let oldNames = Set(old.catalogs.map(\.name.value))
        let renames = Self.renamedCatalogs(old: old, new: new)
        for (position, before) in old.catalogs.enumerated() {
            let name = before.name.value
            if let after = renames[position] {
                add("catalog-renamed", .swift, name, nil, name, after.name.value, after.name.location, false,
                    "catalog '\(name)' is now '\(after.name.value)' (the Swift type \(before.swiftTypeName) is now \(after.swiftTypeName))")
                Self.compare(before, after, add: add)
                continue
            }
            guard let after = newCatalogs[name] else {
                add("catalog-removed", .wire, name, nil, name, nil, before.name.location, true, "catalog '\(name)' was removed")
                add("catalog-removed", .swift, name, nil, before.swiftTypeName, nil, before.name.location, true,
                    "the Swift type \(before.swiftTypeName) was removed")
                continue
            }
            if before.swiftTypeName != after.swiftTypeName {
                add("type-renamed", .swift, name, nil, before.swiftTypeName, after.swiftTypeName,
                    after.swiftName?.location ?? after.name.location, false, "the Swift type \(before.swiftTypeName) is now \(after.swiftTypeName)")
            }
            Self.compare(before, after, add: add)
        }
        let renamedTo = Set(renames.values.map(\.name.value))
        for after in new.catalogs where !oldNames.contains(after.name.value) && !renamedTo.contains(after.name.value) {
            add("catalog-added", .wire, after.name.value, nil, nil, after.name.value, after.name.location, false, "catalog '\(after.name.value)' was added")
        }
        self.changes = changes
    }

    /// Everything inside two versions of one catalog.
    static func compare(
        _ before: CatalogSpec, _ after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        compareFormats(before, after, add: add)
        compareKinds(before, after, add: add)
        compareLanguages(before, after, add: add)
        compareMetadataKeys(before, after, add: add)
        compareErrors(before, after, add: add)
    }

    /// Catalogs renamed: a catalog of the old spec gone from the new one, in whose place (the same
    /// position) the new spec has a catalog the old one lacks, with the same wire codes in the
    /// same order. By old position.
    static func renamedCatalogs(old: Spec, new: Spec) -> [Int: CatalogSpec] {
        let oldNames = Set(old.catalogs.map(\.name.value)), newNames = Set(new.catalogs.map(\.name.value))
        var renames: [Int: CatalogSpec] = [:]
        for (position, before) in old.catalogs.enumerated() where !newNames.contains(before.name.value) && position < new.catalogs.count {
            let after = new.catalogs[position]
            if !oldNames.contains(after.name.value), before.errors.map(\.code.value) == after.errors.map(\.code.value) {
                renames[position] = after
            }
        }
        return renames
    }

    static func compareLanguages(
        _ before: CatalogSpec, _ after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let name = before.name.value
        let now = Set(after.effectiveLanguages), was = Set(before.effectiveLanguages)
        for language in before.effectiveLanguages where !now.contains(language) {
            let location = before.languages.first { $0.value == language }?.location ?? before.name.location
            add("language-removed", .wire, name, nil, language, nil, location, true, "the catalog no longer answers in \(language)")
        }
        for language in after.effectiveLanguages where !was.contains(language) {
            let location = after.languages.first { $0.value == language }?.location ?? after.name.location
            add("language-added", .wire, name, nil, nil, language, location, false, "the catalog answers in \(language) too")
        }
    }

    /// The translations of an error into the languages both versions of its catalog have.
    static func compareTranslations(
        _ was: ErrorSpec, in before: CatalogSpec, _ now: ErrorSpec, in after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let name = before.name.value, code = was.code.value
        let kept = Set(before.effectiveLanguages.dropFirst())
        for language in after.effectiveLanguages.dropFirst() where kept.contains(language) {
            switch (was.translation(language), now.translation(language)) {
            case let (old?, nil):
                add("translation-removed", .wire, name, code, old.message.value.source, nil, old.language.location, true,
                    "error '\(code)': the \(language) translation was removed")
            case let (nil, new?):
                add("translation-added", .wire, name, code, nil, new.message.value.source, new.language.location, false,
                    "error '\(code)': translated into \(language)")
            case let (old?, new?):
                // Its placeholders are the message's (the validator holds them equal): when they
                // change, `placeholders-changed` says so once, for every language.
                if Set(old.message.value.placeholderNames) != Set(new.message.value.placeholderNames) { break }
                if old.message.value.source != new.message.value.source || old.title?.value != new.title?.value {
                    add("translation-changed", .wire, name, code, old.message.value.source, new.message.value.source, new.message.location, false,
                        "error '\(code)': the \(language) translation's wording changed")
                }
            case (nil, nil): break
            }
        }
    }

    static func compareFormats(
        _ before: CatalogSpec, _ after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let name = before.name.value
        let kinds = Set(after.formats.map(\.kind))
        for format in before.formats where !kinds.contains(format.kind) {
            add("format-removed", .wire, name, nil, format.kind.rawValue, nil, format.location, true, "format \(format.kind.rawValue) was removed")
        }
        let oldKinds = Set(before.formats.map(\.kind))
        for format in after.formats where !oldKinds.contains(format.kind) {
            add("format-added", .wire, name, nil, nil, format.kind.rawValue, format.location, false, "format \(format.kind.rawValue) was added")
        }
        if let was = before.effectiveDefaultFormat?.kind, let now = after.effectiveDefaultFormat?.kind, was != now {
            add("default-format-changed", .wire, name, nil, was.rawValue, now.rawValue,
                after.defaultFormat?.location ?? after.formats.first?.location, false, "the default format \(was.rawValue) is now \(now.rawValue)")
        }
    }

    static func compareErrors(
        _ before: CatalogSpec, _ after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let name = before.name.value
        let afterByCode = Dictionary(after.errors.map { ($0.code.value, $0) }, uniquingKeysWith: { first, _ in first })
        let beforeCodes = Set(before.errors.map(\.code.value))
        for was in before.errors {
            let code = was.code.value
            guard let now = afterByCode[code] else {
                if was.retirement != nil {
                    add("retired-error-removed", .wire, name, code, code, nil, was.code.location, true,
                        "the retired error '\(code)' was deleted: keep it, so its code is never taken again")
                } else {
                    add("error-removed", .wire, name, code, code, nil, was.code.location, true,
                        "error '\(code)' was removed without being retired")
                    add("error-removed", .swift, name, code, was.swiftCaseName, nil, was.code.location, true,
                        "the Swift case .\(was.swiftCaseName) was removed")
                }
                continue
            }
            if was.retirement != nil, now.retirement == nil {
                add("retired-code-reused", .wire, name, code, nil, nil, now.code.location, false,
                    "error '\(code)' was retired and is sent again")
            } else if was.retirement == nil, let retirement = now.retirement {
                add("error-retired", .wire, name, code, nil, retirement.version.value, retirement.location, false,
                    "error '\(code)' was retired in \(retirement.version.value)")
            }
            if was.status.value != now.status.value {
                add("status-changed", .wire, name, code, String(was.status.value), String(now.status.value), now.status.location, false,
                    "error '\(code)': status \(was.status.value) → \(now.status.value)")
            }
            if was.swiftCaseName != now.swiftCaseName {
                add("swift-name-changed", .swift, name, code, was.swiftCaseName, now.swiftCaseName,
                    now.swiftName?.location ?? now.code.location, false, "error '\(code)': Swift name .\(was.swiftCaseName) → .\(now.swiftCaseName)")
            }
            compareParameters(was, now, catalog: name, hadNoArguments: was.parameters.isEmpty && before.parameters.isEmpty, add: add)
            compareMetadata(was, in: before, now, in: after, add: add)
            // The link only matters to clients where it goes on the wire.
            if after.sendsDocumentationLink {
                let old = Self.documentationLink(was, in: before), new = Self.documentationLink(now, in: after)
                if old != new {
                    add("documentation-link-changed", .wire, name, code, old, new, now.documentationURL?.location ?? after.documentationURL?.location ?? now.code.location,
                        false, "error '\(code)': documentation link \(old ?? "(none)") → \(new ?? "(none)")")
                }
            }
            // A new optional parameter's section adds a name without changing what the message
            // says where it is absent: only its wording changed.
            let wasNames = Set(was.parameters.map(\.name.value))
            let addedOptional = Set(now.parameters.filter { $0.isOptional && !wasNames.contains($0.name.value) }.map(\.name.value))
            let oldPlaceholders = Set(was.message.value.placeholderNames)
            let newPlaceholders = Set(now.message.value.placeholderNames).subtracting(addedOptional)
            if oldPlaceholders != newPlaceholders {
                add("placeholders-changed", .wire, name, code, was.message.value.source, now.message.value.source, now.message.location, false,
                    "error '\(code)': the message's placeholders changed")
            } else if was.message.value.source != now.message.value.source {
                add("message-changed", .wire, name, code, was.message.value.source, now.message.value.source, now.message.location, false,
                    "error '\(code)': the message's wording changed")
            }
            let newHeaders = Set(now.headers.map { $0.name.value.lowercased() })
            for header in was.headers where !newHeaders.contains(header.name.value.lowercased()) {
                add("header-removed", .wire, name, code, header.name.value, nil, header.name.location, true,
                    "error '\(code)': header \(header.name.value) was removed")
            }
            let oldHeaders = Dictionary(was.headers.map { ($0.name.value.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            for header in now.headers {
                guard let old = oldHeaders[header.name.value.lowercased()] else {
                    add("header-added", .wire, name, code, nil, header.name.value, header.name.location, false,
                        "error '\(code)': header \(header.name.value) was added")
                    continue
                }
                if old.value.value.source != header.value.value.source {
                    add("header-value-changed", .wire, name, code, old.value.value.source, header.value.value.source, header.value.location, false,
                        "error '\(code)': header \(header.name.value): \(old.value.value.source) → \(header.value.value.source)")
                }
            }
            compareTranslations(was, in: before, now, in: after, add: add)
        }
        for now in after.errors where !beforeCodes.contains(now.code.value) {
            add("error-added", .wire, name, now.code.value, nil, now.code.value, now.code.location, false, "error '\(now.code.value)' was added")
        }
    }

    /// What kind of catalog it is: its code type, whether it has HTTP, its json body shape, and
    /// whether it allows success statuses.
    static func compareKinds(
        _ before: CatalogSpec, _ after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let name = before.name.value
        if before.effectiveCodeType != after.effectiveCodeType {
            let was = before.effectiveCodeType.rawValue, now = after.effectiveCodeType.rawValue
            add("code-type-changed", .wire, name, nil, was, now, after.codeType?.location ?? after.name.location, false,
                "wire codes are \(now)s, not \(was)s")
        }
        if before.isHTTP != after.isHTTP {
            add("http-changed", .swift, name, nil, String(before.isHTTP), String(after.isHTTP), after.name.location, false,
                after.isHTTP ? "the catalog has HTTP now: its type is a CatalogError" : "the catalog has no HTTP now: its type is a CodedError, without statuses or responses")
        }
        if before.jsonShape != nil || after.jsonShape != nil {
            let was = before.jsonShape.map { ShapeCompiler.compile($0, metadataKeys: Set(before.metadata.map(\.name.value))) }
            let now = after.jsonShape.map { ShapeCompiler.compile($0, metadataKeys: Set(after.metadata.map(\.name.value))) }
            if was != now {
                let location = after.formats.first { $0.kind == .json }?.location ?? after.name.location
                add("body-shape-changed", .wire, name, nil, nil, nil, location, false,
                    now == nil ? "the json body is errgen's layout, not the API's own shape" : "the json body has another shape")
            }
        }
        if before.xmlShape != nil || after.xmlShape != nil {
            func compiled(_ catalog: CatalogSpec) -> XMLShape? {
                catalog.xmlShape.map {
                    ShapeCompiler.compileXML(
                        $0, namespace: catalog.formats.first { $0.kind == .xml }?.namespace, metadataKeys: Set(catalog.metadata.map(\.name.value)))
                }
            }
            let was = compiled(before), now = compiled(after)
            if was != now {
                let location = after.formats.first { $0.kind == .xml }?.location ?? after.name.location
                add("body-shape-changed", .wire, name, nil, nil, nil, location, false,
                    now == nil ? "the xml body is errgen's layout, not the API's own" : "the xml body has another layout")
            }
        }
        if before.allowsSuccessStatus, !after.allowsSuccessStatus {
            add("success-status-disallowed", .wire, name, nil, "true", "false", after.name.location, false, "success statuses are no longer allowed")
        }
    }

    /// The Swift type of a metadata key's property (`String?` for an optional key).
    static func swiftType(_ key: MetadataKeySpec) -> String { key.kind.swiftType + (key.isOptional ? "?" : "") }

    static func compareMetadataKeys(
        _ before: CatalogSpec, _ after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let name = before.name.value
        let afterByName = Dictionary(after.metadata.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        for key in before.metadata {
            guard let now = afterByName[key.name.value] else {
                add("metadata-key-removed", .swift, name, nil, key.name.value, nil, key.name.location, true,
                    "metadata key \(key.name.value) was removed (and the property \(key.swiftName))")
                continue
            }
            if swiftType(key) != swiftType(now) {
                add("metadata-key-type-changed", .swift, name, nil, swiftType(key), swiftType(now), now.name.location, false,
                    "metadata key \(key.name.value) is \(swiftType(now)), not \(swiftType(key))")
            }
        }
        let beforeNames = Set(before.metadata.map(\.name.value))
        for key in after.metadata where !beforeNames.contains(key.name.value) {
            add("metadata-key-added", .swift, name, nil, nil, key.name.value, key.name.location, false, "metadata key \(key.name.value) was added")
        }
    }

    /// An error's documentation link as the runtime makes it (see `Catalog.documentationLink(for:)`).
    static func documentationLink(_ error: ErrorSpec, in catalog: CatalogSpec) -> String? {
        error.documentationURL?.value ?? catalog.documentationURL.map { Catalog.documentationLink(base: $0.value, wireCode: error.code.value) }
    }

    /// Whether a metadata key's values go on the wire: a body shape carries it (by name, or all
    /// of them through `{metadata}`), or a header value names it.
    static func sendsMetadata(_ key: String, in catalog: CatalogSpec) -> Bool {
        let inShapes = [catalog.jsonShape, catalog.xmlShape].compactMap { $0 }.flatMap(\.templates).flatMap(\.value.placeholderNames)
        let inHeaders = catalog.errors.flatMap(\.headers).flatMap(\.value.value.placeholderNames)
        return inShapes.contains(key) || inShapes.contains(ShapePlaceholder.metadata.rawValue) || inHeaders.contains(key)
    }

    /// Values of keys both versions declare with the same type.

    static func compareMetadata(
        _ was: ErrorSpec, in before: CatalogSpec, _ now: ErrorSpec, in after: CatalogSpec,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        guard !before.metadata.isEmpty, !after.metadata.isEmpty else { return }
        let code = was.code.value
        let oldValues = before.metadataValues(of: was), newValues = after.metadataValues(of: now)
        for (index, key) in after.metadata.enumerated() {
            guard let oldIndex = before.metadata.firstIndex(where: { $0.name.value == key.name.value && $0.kind == key.kind }) else { continue }
            let old = oldValues[oldIndex], new = newValues[index]
            guard old != new else { continue }
            let location = now.metadata.last { $0.key.value == key.name.value }?.location ?? key.defaultValue?.location ?? now.code.location
            add("metadata-changed", sendsMetadata(key.name.value, in: after) ? .wire : .swift, before.name.value, code, old?.description, new?.description, location, false,
                "error '\(code)': metadata \(key.name.value) \(old?.description ?? "(none)") → \(new?.description ?? "(none)")")
        }
    }

    static func compareParameters(
        _ was: ErrorSpec, _ now: ErrorSpec, catalog name: String, hadNoArguments: Bool,
        add: (String, Dimension, String, String?, String?, String?, SourceLocation?, Bool, String) -> Void
    ) {
        let code = was.code.value
        let nowByName = Dictionary(now.parameters.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        let wasNames = Set(was.parameters.map(\.name.value))
        // A parameter gone whose place (its position) a new one of the same type and optionality
        // takes is renamed, not removed and added.
        var renamedFrom: Set<String> = [], renamed: Set<String> = []
        for (position, parameter) in was.parameters.enumerated() where nowByName[parameter.name.value] == nil && position < now.parameters.count {
            let current = now.parameters[position]
            guard !wasNames.contains(current.name.value), current.type == parameter.type, current.isOptional == parameter.isOptional else { continue }
            renamedFrom.insert(parameter.name.value)
            renamed.insert(current.name.value)
            add("parameter-renamed", .wire, name, code, parameter.name.value, current.name.value, current.name.location, false,
                "error '\(code)': parameter \(parameter.name.value) is now \(current.name.value)")
            if parameter.swiftName != current.swiftName {
                add("parameter-renamed", .swift, name, code, parameter.swiftName, current.swiftName, current.name.location, false,
                    "error '\(code)': the factory's argument \(parameter.swiftName): is now \(current.swiftName):")
            }
        }
        for parameter in was.parameters where !renamedFrom.contains(parameter.name.value) {
            guard let current = nowByName[parameter.name.value] else {
                add("parameter-removed", .wire, name, code, parameter.name.value, nil, parameter.name.location, true,
                    "error '\(code)': parameter \(parameter.name.value) was removed")
                add("parameter-removed", .swift, name, code, parameter.swiftName, nil, parameter.name.location, true,
                    "error '\(code)': the factory lost its argument \(parameter.swiftName):")
                continue
            }
            if current.type != parameter.type {
                add("parameter-type-changed", .wire, name, code, parameter.typeName, current.typeName, current.name.location, false,
                    "error '\(code)': parameter \(parameter.name.value) is \(current.typeName), not \(parameter.typeName)")
                add("parameter-type-changed", .swift, name, code, parameter.swiftType, current.swiftType, current.name.location, false,
                    "error '\(code)': argument \(parameter.swiftName): is \(current.swiftType), not \(parameter.swiftType)")
            }
            if current.isOptional != parameter.isOptional {
                add(current.isOptional ? "parameter-became-optional" : "parameter-became-required", current.isOptional ? .wire : .swift, name, code,
                    String(parameter.isOptional), String(current.isOptional), current.optional?.location ?? current.name.location, false,
                    "error '\(code)': parameter \(parameter.name.value) is \(current.isOptional ? "optional" : "required") now")
            }
        }
        for parameter in now.parameters where !wasNames.contains(parameter.name.value) && !renamed.contains(parameter.name.value) {
            // An error without arguments is a static property: any parameter makes it a function.
            if parameter.isOptional, !hadNoArguments {
                add("optional-parameter-added", .swift, name, code, nil, parameter.swiftName, parameter.name.location, false,
                    "error '\(code)': the factory takes a new argument \(parameter.swiftName):, nil by default")
            } else {
                add("parameter-added", .swift, name, code, nil, parameter.swiftName, parameter.name.location, false,
                    "error '\(code)': the factory takes a new argument \(parameter.swiftName):")
            }
        }
    }
}
