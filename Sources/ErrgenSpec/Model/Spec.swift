import ErrgenRuntime

/// A spec file as errgen understands it: the single source of truth for the errors of one or more APIs.
///
/// Every value remembers where it was written, so later stages can point at it.
public struct Spec: Sendable, Hashable {
    /// The spec format version (`errgen: 1`).
    public var version: Int
    /// The file the spec was read from, as the user named it.
    public var file: String
    public var catalogs: [CatalogSpec]
    /// Errors defined once at the top of the spec (`shared-errors:`), which catalogs `include`.
    public var sharedErrors: [ErrorSpec] = []

    public init(version: Int, file: String, catalogs: [CatalogSpec]) {
        self.version = version
        self.file = file
        self.catalogs = catalogs
    }
}

/// A value and the place in the spec it was read from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// The errors one API answers with, and how it puts them on the wire.
public struct CatalogSpec: Sendable, Hashable {
    /// The catalog's name, its key under `catalogs:` (`RAWS`).
    public var name: Located<String>
    public var title: String
    public var summary: String?
    /// Markdown.
    public var description: String?
    /// The Swift type name given in the spec, if any; otherwise derived (`RAWSError`).
    public var swiftName: Located<String>?
    /// Where the catalog's documentation is published; problem details link to it.
    public var documentationURL: Located<String>?
    /// The formats the catalog answers with, in order of preference.
    public var formats: [FormatSpec]
    /// The format used when the client states no preference.
    public var defaultFormat: Located<FormatSpec.Kind>?
    /// Parameters every error of the catalog carries (RAWS's `reason`).
    public var parameters: [ParameterSpec]
    public var errors: [ErrorSpec]
    /// The languages the messages are written in (BCP 47 tags), the default first; empty when
    /// the spec lists none (then the messages are English: `effectiveLanguages`).
    public var languages: [Located<String>] = []
    /// The typed metadata keys the catalog declares (`metadata:`), in spec order.
    public var metadata: [MetadataKeySpec] = []
    /// How the errors' Swift case names are derived from their wire codes (`swift-naming:`).
    public var naming = SwiftNamingRules()
    /// False for a catalog declared `http: false`: its errors have no status (0 here), and it has
    /// no formats and no headers.
    public var isHTTP = true
    /// `code-type:` as written; codes are strings without it.
    public var codeType: Located<Catalog.CodeType>?
    /// Whether errors may answer with a 2xx status (`allow-success-status: true`, as Slack's).
    public var allowsSuccessStatus = false
    /// `not-acceptable:` as written: what a request whose `Accept` excludes every format gets
    /// (a 406 without it).
    public var notAcceptable: Located<Catalog.NotAcceptable>?
    /// False when `http` could not be read (reported by the decoder): statuses are then not checked.
    var isHTTPKnown = true

    /// What the wire codes are: integers or strings.
    public var effectiveCodeType: Catalog.CodeType { codeType?.value ?? .string }

    /// The languages, the default first: the spec's, or `en`.
    public var effectiveLanguages: [String] { languages.isEmpty ? ["en"] : languages.map(\.value) }

    public init(
        name: Located<String>, title: String, summary: String? = nil, description: String? = nil,
        swiftName: Located<String>? = nil, formats: [FormatSpec], defaultFormat: Located<FormatSpec.Kind>? = nil,
        parameters: [ParameterSpec] = [], errors: [ErrorSpec]
    ) {
        self.name = name
        self.title = title
        self.summary = summary
        self.description = description
        self.swiftName = swiftName
        self.documentationURL = nil
        self.formats = formats
        self.defaultFormat = defaultFormat
        self.parameters = parameters
        self.errors = errors
    }

    /// The body shape of the catalog's `json` format, if it gives one.
    public var jsonShape: ShapeValue? { formats.first { $0.kind == .json }?.body }
    /// Whether documentation links go on the wire: problem details (their `type`) or a body shape
    /// with `{documentation}`.
    public var sendsDocumentationLink: Bool {
        formats.contains { $0.kind == .problemJSON || $0.kind == .problemXML }
            || [jsonShape, xmlShape].compactMap { $0 }.flatMap(\.templates).contains { $0.value.placeholderNames.contains(ShapePlaceholder.documentation.rawValue) }
    }

    /// The body layout of the catalog's `xml` format, if it gives one.
    public var xmlShape: ShapeValue? { formats.first { $0.kind == .xml }?.body }

    /// The default format: the one named by `default-format`, else the first listed.
    public var effectiveDefaultFormat: FormatSpec? {
        if let wanted = defaultFormat?.value {
            return formats.first { $0.kind == wanted }
        }
        return formats.first
    }
}

/// A way of putting an error on the wire.
public struct FormatSpec: Sendable, Hashable {
    /// The runtime's formats: `text`, `json`, `xml`, `problem+json`, `problem+xml`.
    public typealias Kind = WireFormat

    public var kind: Kind
    /// The XML namespace of the root element (`xml` only).
    public var namespace: String?
    /// The body in the API's own shape (`json` and `xml`), instead of errgen's layout: for xml,
    /// one member (the root element) whose members are child elements, `@name` attributes.
    public var body: ShapeValue?
    public var location: SourceLocation

    public init(kind: Kind, namespace: String? = nil, at location: SourceLocation) {
        self.kind = kind
        self.namespace = namespace
        self.location = location
    }
}

/// One error condition of a catalog.
public struct ErrorSpec: Sendable, Hashable {
    /// The code exactly as the service sends it (`ResponsetTypeNotAcceptable`, typo included).
    public var code: Located<String> {
        didSet { derivedSwiftName = SwiftNames.lowerCamel(code.value) }
    }
    /// The Swift name derived from the code, computed once (see `swiftCaseName`).
    public private(set) var derivedSwiftName: String
    public var status: Located<Int>
    public var message: Located<MessageTemplate>
    /// Markdown.
    public var description: String?
    /// The problem type's summary for problem details, if the spec gives one.
    public var title: Located<String>?
    public var parameters: [ParameterSpec]
    /// The Swift case name given in the spec, if any; otherwise derived from the code.
    public var swiftName: Located<String>?
    /// Response headers this error adds; values may use the error's placeholders.
    public var headers: [HeaderSpec]
    public var deprecation: Deprecation?
    /// The message (and title) in the catalog's other languages, in the order written.
    public var translations: [TranslationSpec] = []
    /// Set when the error is no longer sent: it stays in the spec for good, so its code and Swift
    /// name are never taken by another error, and clients can still decode it.
    public var retirement: Retirement?
    /// The version of the API that first sent the error, if the spec says.
    public var since: Located<String>?
    /// Where this error is documented, if the spec gives it its own link (`documentation-url` on
    /// the error), instead of the catalog's URL and the error's anchor.
    public var documentationURL: Located<String>?
    /// The metadata values the error gives, as written (see `CatalogSpec.metadataValues(of:)`).
    public var metadata: [MetadataValueSpec] = []
    /// Where `metadata:` is written, if it is.
    public var metadataLocation: SourceLocation?
    /// False when part of `metadata` could not be read (reported by the decoder): values the
    /// error lacks are then not reported as well.
    var isMetadataComplete = true
    /// False when the spec lacks the status or message (reported by the decoder): checks that
    /// need them are skipped rather than reporting follow-on problems.
    var isComplete = true

    public init(
        code: Located<String>, status: Located<Int>, message: Located<MessageTemplate>, description: String? = nil,
        parameters: [ParameterSpec] = [], swiftName: Located<String>? = nil, headers: [HeaderSpec] = [],
        deprecation: Deprecation? = nil
    ) {
        self.code = code
        self.derivedSwiftName = SwiftNames.lowerCamel(code.value)
        self.status = status
        self.message = message
        self.description = description
        self.title = nil
        self.parameters = parameters
        self.swiftName = swiftName
        self.headers = headers
        self.deprecation = deprecation
    }
}

extension ErrorSpec {
    /// The translation into `language`, a tag as the catalog's `languages` spell it (the decoder
    /// gives every translation that spelling).
    public func translation(_ language: String) -> TranslationSpec? {
        translations.first { $0.language.value == language }
    }
}

extension ErrorSpec {
    /// Derives the Swift case name from the wire code again, under a catalog's naming rules.
    mutating func applyNaming(_ rules: SwiftNamingRules) {
        guard !rules.isEmpty else { return }
        derivedSwiftName = SwiftNames.lowerCamel(
            code.value, strippingPrefixes: rules.stripPrefixes.map(\.value), acronyms: rules.acronyms.map(\.value))
    }
}

/// A catalog's rules for deriving its errors' Swift case names from their wire codes; an
/// error's `swift-name` still wins.
public struct SwiftNamingRules: Sendable, Hashable {
    /// Prefixes dropped from wire codes (`ER_`): the first one a code starts with.
    public var stripPrefixes: [Located<String>] = []
    /// Words kept as written here (`SQL`, `UTF8`, `ID`), in lower case at the start of a name.
    public var acronyms: [Located<String>] = []

    public init(stripPrefixes: [Located<String>] = [], acronyms: [Located<String>] = []) {
        self.stripPrefixes = stripPrefixes
        self.acronyms = acronyms
    }

    public var isEmpty: Bool { stripPrefixes.isEmpty && acronyms.isEmpty }
}

/// An error's message in another language of its catalog.
public struct TranslationSpec: Sendable, Hashable {
    /// The language tag, as the spec writes it under `translations`.
    public var language: Located<String>
    public var message: Located<MessageTemplate>
    /// The problem type's title in that language (problem details' `title`), if given.
    public var title: Located<String>?

    public init(language: Located<String>, message: Located<MessageTemplate>, title: Located<String>? = nil) {
        self.language = language
        self.message = message
        self.title = title
    }
}

/// An error that is no longer sent (`retired:`).
public struct Retirement: Sendable, Hashable {
    /// The version of the API that stopped sending it (`in:`).
    public var version: Located<String>
    /// Why, for people; may be empty.
    public var reason: String?
    /// The wire code of the error of the same catalog that is sent instead, if any.
    public var replacement: Located<String>?
    /// Where `retired:` is written.
    public var location: SourceLocation

    public init(version: Located<String>, reason: String? = nil, replacement: Located<String>? = nil, at location: SourceLocation) {
        self.version = version
        self.reason = reason
        self.replacement = replacement
        self.location = location
    }
}

public struct Deprecation: Sendable, Hashable {
    /// What to use instead, or why; may be empty.
    public var message: String

    public init(message: String) { self.message = message }
}

/// A response header an error adds, for example `WWW-Authenticate` on a 401.
public struct HeaderSpec: Sendable, Hashable {
    public var name: Located<String>
    public var value: Located<MessageTemplate>

    public init(name: Located<String>, value: Located<MessageTemplate>) {
        self.name = name
        self.value = value
    }
}

/// A typed, named value that fills a placeholder of a message or header.
public struct ParameterSpec: Sendable, Hashable {
    /// The runtime's parameter types: `string`, `integer`, `number`, `boolean`.
    public typealias Kind = ParameterKind

    /// The name as written in the spec and used in placeholders (`ip-address`).
    public var name: Located<String> {
        didSet { swiftName = SwiftNames.lowerCamel(name.value) }
    }
    /// The argument label of the parameter in its case (`ip-address` → `ipAddress`), computed once.
    /// Not escaped.
    public private(set) var swiftName: String
    public var kind: Kind
    /// Markdown.
    public var description: String?
    /// Whether the value is a list of `kind` values (`type: [string]`): `ArgumentValue.list`.
    public var isList = false
    /// A sample value for docs and fixtures, in its wire form (a scalar parameter's).
    public var example: String?
    /// A list parameter's sample items, each in its wire form.
    public var exampleItems: [String]?
    /// Where `optional: true` is written, for a parameter an error may be raised without
    /// (`ArgumentValue.absent`): a message shows it only through a section, `{name?…|…}`.
    public var optional: Located<Bool>?
    public var isOptional: Bool { optional != nil }
    /// `server-only: true`: the server keeps the value (for its logs) and no response carries it,
    /// which the validator then does not warn about.
    public var isServerOnly = false

    public init(name: Located<String>, kind: Kind, description: String? = nil, example: String? = nil) {
        self.name = name
        self.swiftName = SwiftNames.lowerCamel(name.value)
        self.kind = kind
        self.description = description
        self.example = example
    }
}

/// A parameter's type: a kind of value, or a list of values of that kind.
public struct ParameterType: Sendable, Hashable {
    public var kind: ParameterKind
    public var isList: Bool

    public init(kind: ParameterKind, isList: Bool) {
        self.kind = kind
        self.isList = isList
    }
}

extension ParameterSpec {
    public var type: ParameterType { ParameterType(kind: kind, isList: isList) }

    /// The type as the spec writes it: `string`, `[string]` for a list.
    public var typeName: String { kind.name(list: isList) }

    /// The Swift type of the parameter's value: `String`, `[String]` for a list.
    public var swiftType: String { isList ? "[" + kind.swiftType + "]" : kind.swiftType }

    /// The type in words, for diagnostics: `a string`, `a list of strings`.
    public var describedType: String {
        let plural: String
        switch kind {
        case .string: plural = "strings"
        case .integer: plural = "integers"
        case .unsigned: plural = "unsigned integers"
        case .number: plural = "numbers"
        case .boolean: plural = "booleans"
        }
        if isList { return "a list of " + plural }
        return (kind == .integer || kind == .unsigned ? "an " : "a ") + kind.rawValue
    }
}

extension ParameterKind {
    /// The Swift type of a value of this kind.
    public var swiftType: String {
        switch self {
        case .string: return "String"
        case .integer: return "Int"
        case .number: return "Double"
        case .boolean: return "Bool"
        case .unsigned: return "UInt64"
        }
    }
}

/// A metadata key of a catalog: a typed fact every error can state about itself (an SQLSTATE, a
/// product, whether retrying can help), which generated code, docs and fixtures carry.
public struct MetadataKeySpec: Sendable, Hashable {
    /// The name as written in the spec (`sqlstate`, `log-level`).
    public var name: Located<String> {
        didSet { swiftName = SwiftNames.lowerCamel(name.value) }
    }
    /// The name of the key's property on the generated `Code` (`log-level` → `logLevel`). Not escaped.
    public private(set) var swiftName: String
    public var kind: ParameterKind
    /// Markdown.
    public var description: String?
    /// The value of an error that states none.
    public var defaultValue: MetadataValueSpec?
    /// Whether an error may state no value (then it has none, and the property is optional).
    public var isOptional: Bool

    public init(name: Located<String>, kind: ParameterKind, description: String? = nil, defaultValue: MetadataValueSpec? = nil, isOptional: Bool = false) {
        self.name = name
        self.swiftName = SwiftNames.lowerCamel(name.value)
        self.kind = kind
        self.description = description
        self.defaultValue = defaultValue
        self.isOptional = isOptional
    }

    /// The typed value of a scalar written for this key, or why it is not one.
    ///
    /// A string key takes any scalar's text as written (`sqlstate: 23505` is the string `23505`);
    /// an integer key an integer; a number key an integer or a finite float; a boolean key `true`
    /// or `false`. `null` is no value.
    public func value(of written: MetadataValueSpec) -> Result<ArgumentValue, MetadataProblem> {
        switch (kind, written.resolved) {
        case (_, .null): return .failure(.null)
        case let (.string, .string(text)): return .success(.string(text))
        case (.string, _): return .success(.string(written.text))
        case let (.integer, .int(n)): return .success(.integer(n))
        case let (.unsigned, .int(n)) where n >= 0: return .success(.unsigned(UInt64(n)))
        // Beyond Int the loader asks for quotes (YAML integers are 64-bit): the quoted digits.
        case let (.unsigned, .string(text)) where UInt64(text) != nil && text.first != "+": return .success(.unsigned(UInt64(text)!))
        case let (.number, .int(n)): return .success(.number(Double(n)))
        case let (.number, .float(x)) where x.isFinite: return .success(.number(x))
        case let (.boolean, .bool(b)): return .success(.boolean(b))
        default: return .failure(.wrongType)
        }
    }

    /// The default as a typed value; nil without one, or when it is not of the key's type (reported).
    public var typedDefault: ArgumentValue? { defaultValue.flatMap { try? value(of: $0).get() } }

    public enum MetadataProblem: Error, Sendable, Hashable {
        case null, wrongType
    }
}

/// A metadata value as an error (or a key's `default`) writes it: the YAML scalar, typed against
/// its key by `MetadataKeySpec.value(of:)`.
public struct MetadataValueSpec: Sendable, Hashable {
    /// The key (for a `default`, the key it belongs to).
    public var key: Located<String>
    /// The scalar's text.
    public var text: String
    /// The scalar under the YAML core schema (quoted scalars are strings).
    public var resolved: YAMLScalar.Resolved
    public var location: SourceLocation

    public init(key: Located<String>, text: String, resolved: YAMLScalar.Resolved, at location: SourceLocation) {
        self.key = key
        self.text = text
        self.resolved = resolved
        self.location = location
    }

    /// The value for a diagnostic: `the string "x"`, `the integer 3`.
    var describedValue: String {
        switch resolved {
        case .null: return "null"
        case .bool: return "the boolean \(text)"
        case .int: return "the integer \(text)"
        case .float: return "the number \(text)"
        case .string: return "the string \"\(text)\""
        }
    }
}

extension CatalogSpec {
    /// The metadata of an error, a value per key of the catalog in declaration order: the one the
    /// error states, else the key's default, else none. A value of the wrong type (which the
    /// validator reports) counts as none.
    public func metadataValues(of entry: ErrorSpec) -> [ArgumentValue?] {
        metadata.map { key in
            let written = entry.metadata.last { $0.key.value == key.name.value } ?? key.defaultValue
            guard let written, case let .success(value) = key.value(of: written) else { return nil }
            return value
        }
    }
}

extension CatalogSpec {
    /// The name of the catalog's docs and fixture files, without extension: the catalog name in
    /// lower case, every character but ASCII letters, digits, `-` and `_` replaced by `-`.
    public var fileName: String { Catalog.anchor(forWireCode: name.value) }
}
