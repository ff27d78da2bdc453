/// What a generated catalog knows about itself at run time: every error's wire code, status,
/// message template, parameters and headers, and the catalog's wire formats.
///
/// Generated code builds one per catalog from a compact table (one line per error), which keeps
/// thousands of errors cheap to compile; the table is read once, on first use.
public final class Catalog: Sendable {
    public let name: String
    public let title: String
    /// The formats the catalog answers with, in order of preference.
    public let formats: [WireFormat]
    /// The format used when the client states no preference.
    public let defaultFormat: WireFormat
    /// The namespace of the XML format's root element, if any.
    public let xmlNamespace: String?
    /// Where the catalog's documentation lives; problem details link each error's anchor there.
    public let documentationURL: String?
    /// The error sent when content negotiation finds nothing acceptable: the first with status 406.
    public let notAcceptableIndex: Int?
    /// Parameters every error of the catalog carries, after its own.
    public let sharedParameters: [Entry.Parameter]
    /// Every error, in spec order; an error's `Code.rawValue` is its index here.
    public let entries: [Entry]
    /// The languages the catalog's messages are written in (BCP 47 tags), the default first.
    public let languages: [String]
    /// Per language after the default, per entry: its translation, if it has one.
    let translations: [[Translation?]]
    /// The metadata keys the catalog declares, in spec order: every entry's `metadata` holds a
    /// value (or none) per key, in this order.
    public let metadataKeys: [MetadataKey]
    private let metadataIndex: [String: Int]
    /// Whether wire codes are strings or integers (`code-type: integer`, as Twilio's and MySQL's).
    public let codeType: CodeType
    /// Whether the catalog's errors travel over HTTP: false for a catalog declared `http: false`
    /// (a database's, a library's), whose errors have no status (`Entry.status` is 0) and no formats.
    public let isHTTP: Bool
    private let indexByIntegerCode: [Int: Int]
    /// The body of the `json` format in the API's own shape, if the spec gives one.
    public let jsonShape: JSONShape?
    /// The body of the `xml` format in the API's own layout, if the spec gives one.
    public let xmlShape: XMLShape?
    /// What a request whose `Accept` fields exclude every format gets (`not-acceptable:` in the spec).
    public let notAcceptable: NotAcceptable

    /// What a catalog answers a request whose `Accept` fields exclude every format it offers.
    public enum NotAcceptable: String, Sendable, Hashable, CaseIterable {
        /// A 406: the catalog's first error with status 406, or a 406 without a body
        /// (`notAcceptableResponse(accept:method:language:)`). RFC 9110 §15.5.7.
        case error
        /// The answer in the default format, as if the request had no `Accept` field: what most
        /// JSON APIs do (Slack, Stripe, GitHub), which RFC 9110 §12.5.1 allows ("disregard the
        /// header field by treating the response as if it is not subject to content negotiation").
        case defaultFormat = "default-format"
    }

    /// What a catalog's wire codes are.
    public enum CodeType: String, Sendable, Hashable, CaseIterable {
        /// Text, sent as JSON strings.
        case string
        /// Decimal integers (`20404`), sent as JSON numbers.
        case integer
    }
    private let indexByWireCode: [String: Int]

    /// An error's message and title in another language.
    public struct Translation: Sendable, Hashable {
        public var message: Template
        public var title: String

        public init(message: Template, title: String) {
            self.message = message
            self.title = title
        }
    }

    /// A typed fact the errors of a catalog state about themselves (an SQLSTATE, whether a retry
    /// can help).
    public struct MetadataKey: Sendable, Hashable {
        public var name: String
        public var kind: ParameterKind
        /// Whether an error may have no value.
        public var isOptional: Bool

        public init(name: String, kind: ParameterKind, isOptional: Bool) {
            self.name = name
            self.kind = kind
            self.isOptional = isOptional
        }
    }

    /// One error of the catalog.
    public struct Entry: Sendable, Hashable {
        public struct Parameter: Sendable, Hashable {
            public var name: String
            public var kind: ParameterKind
            /// Whether the error may be raised without a value for it (`ArgumentValue.absent`).
            public var isOptional: Bool
            /// Whether the value is a list of `kind` values (`ArgumentValue.list`).
            public var isList: Bool

            public init(name: String, kind: ParameterKind, isOptional: Bool = false, isList: Bool = false) {
                self.name = name
                self.kind = kind
                self.isOptional = isOptional
                self.isList = isList
            }
        }

        public struct Header: Sendable, Hashable {
            public var name: String
            public var value: Template
        }

        public var wireCode: String
        /// The name of the error's code constant in Swift.
        public var swiftName: String
        public var status: Int
        public var message: Template
        /// The problem type's short summary (RFC 9457 `title`), the same for every occurrence.
        public var title: String
        /// The error's own parameters followed by the catalog's shared ones: the order of
        /// `CatalogError.arguments`.
        public var parameters: [Parameter]
        public var headers: [Header]
        /// A value (or none) per metadata key of the catalog, in `Catalog.metadataKeys` order.
        public var metadata: [ArgumentValue?] = []
        /// The error's own documentation link (`documentation-url` on the error), which wins over
        /// the catalog's (see `Catalog.documentationLink(for:)`).
        public var documentationLink: String?
    }

    /// A message or header value, its placeholders resolved to argument positions.
    public struct Template: Sendable, Hashable {
        public enum Segment: Sendable, Hashable {
            case text(String)
            case argument(Int)
            /// `{name?present|absent}`: `present` where argument `argument` has a value (a list: one
            /// with items), else `absent`.
            case section(argument: Int, present: [Segment], absent: [Segment])
        }

        public var segments: [Segment]

        public func render(_ arguments: [ArgumentValue]) -> String {
            var out = ""
            Self.render(segments, arguments, to: &out)
            return out
        }

        static func render(_ segments: [Segment], _ arguments: [ArgumentValue], to out: inout String) {
            for segment in segments {
                switch segment {
                case let .text(t): out += t
                case let .argument(i): out += i < arguments.count ? arguments[i].description : ""
                case let .section(i, present, absent):
                    render(i < arguments.count && arguments[i].isPresent ? present : absent, arguments, to: &out)
                }
            }
        }
    }

    /// The catalog of a generated `Code` enum (generated code only: see `GeneratedCodeVersion2`).
    ///
    /// - Parameters:
    ///   - code: the generated enum; `checking` one of its cases (`nil` when it has none that may
    ///     be named without a warning) and `at` that case's index in spec order: the layout
    ///     `CaseIndex` relies on is checked against them once, here.
    ///   - parameters: the shared parameters as `name:type` items separated by commas.
    ///   - table: the catalog table (see `CatalogTable`).
    @_spi(ErrgenGenerated) public convenience init<Code: ErrorCode>(
        generatedCode: GeneratedCodeVersion2.Type, code: Code.Type, checking knownCase: Code?, at knownIndex: Int,
        name: String, title: String, formats: [WireFormat], defaultFormat: WireFormat, xmlNamespace: String?,
        documentationURL: String?, parameters: String, table: String, languages: String = "", translations: [String] = [],
        metadataKeys: String = "", metadata: String = "", codeType: CodeType = .string, http: Bool = true,
        notAcceptable: NotAcceptable = .error, jsonBody: String = "", xmlBody: String = "", documentationLinks: String = ""
    ) {
        let shared = CatalogTable.parameters(parameters)
        var entries = CatalogTable.entries(table, shared: shared, catalog: name)
        let keys = CatalogTable.metadataKeys(metadataKeys)
        if !keys.isEmpty {
            for (index, values) in CatalogTable.metadata(metadata, keys: keys, count: entries.count, catalog: name).enumerated() {
                entries[index].metadata = values
            }
        }
        if !documentationLinks.isEmpty {
            for (index, link) in CatalogTable.documentationLinks(documentationLinks, count: entries.count, catalog: name).enumerated() {
                entries[index].documentationLink = link
            }
        }
        CaseIndex.checkLayout(of: code, case: knownCase, at: knownIndex, count: entries.count, catalog: name)
        let tags = languages.isEmpty ? [] : languages.split(separator: ",").map(String.init)
        self.init(
            name: name, title: title, formats: formats, defaultFormat: defaultFormat, xmlNamespace: xmlNamespace,
            documentationURL: documentationURL, sharedParameters: shared, entries: entries, languages: tags,
            translations: translations.map { CatalogTable.translations($0, entries: entries, catalog: name) }, metadataKeys: keys,
            codeType: codeType, isHTTP: http, jsonShape: jsonBody.isEmpty ? nil : JSONShape(program: jsonBody, catalog: name),
            xmlShape: xmlBody.isEmpty ? nil : XMLShape(program: xmlBody, catalog: name), notAcceptable: notAcceptable)
    }

    /// A catalog of entries already read (errgen builds its catalogs from a spec this way).
    package init(
        name: String, title: String, formats: [WireFormat], defaultFormat: WireFormat, xmlNamespace: String?,
        documentationURL: String?, sharedParameters: [Entry.Parameter], entries: [Entry], languages: [String] = [],
        translations: [[Translation?]] = [], metadataKeys: [MetadataKey] = [], codeType: CodeType = .string, isHTTP: Bool = true,
        jsonShape: JSONShape? = nil, xmlShape: XMLShape? = nil, notAcceptable: NotAcceptable = .error
    ) {
        precondition(translations.count == max(languages.count - 1, 0), "catalog \(name): one translation table per language after the first")
        precondition(entries.allSatisfy { $0.metadata.count == metadataKeys.count }, "catalog \(name): a metadata value (or none) per key for every entry")
        self.metadataKeys = metadataKeys
        self.codeType = codeType
        self.isHTTP = isHTTP
        self.jsonShape = jsonShape
        self.xmlShape = xmlShape
        self.notAcceptable = notAcceptable
        var byInteger: [Int: Int] = [:]
        if codeType == .integer {
            byInteger.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() {
                guard let number = Int(entry.wireCode) else { preconditionFailure("catalog \(name): wire code '\(entry.wireCode)' is not an integer") }
                byInteger[number] = position
            }
        }
        self.indexByIntegerCode = byInteger
        self.metadataIndex = Dictionary(metadataKeys.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.languages = languages.isEmpty ? ["en"] : languages
        self.translations = translations
        self.name = name
        self.title = title
        self.formats = formats
        self.defaultFormat = defaultFormat
        self.xmlNamespace = xmlNamespace
        self.documentationURL = documentationURL
        self.sharedParameters = sharedParameters
        self.entries = entries
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() { index[entry.wireCode] = position }
        self.indexByWireCode = index
        self.notAcceptableIndex = entries.firstIndex { $0.status == 406 }
    }

    /// Error `index` as it reads in language `language` (an index into `languages`): its message
    /// and title translated where the spec translates them, the default language's otherwise.
    public func entry(_ index: Int, language: Int) -> Entry {
        guard language > 0, let translation = translations[language - 1][index] else { return entries[index] }
        var entry = entries[index]
        entry.message = translation.message
        entry.title = translation.title
        return entry
    }

    /// Whether error `index` has its own text in language `language` (the default language always has).
    public func isTranslated(_ index: Int, language: Int) -> Bool {
        language == 0 || translations[language - 1][index] != nil
    }

    /// The index in `languages` of the language a tag asks for (RFC 4647 lookup, then a catalog
    /// language the tag is a prefix of), or nil.
    public func languageIndex(for tag: String) -> Int? {
        LanguageNegotiation.lookup(tag, in: languages)
    }

    /// The value of metadata key `key` for error `index`, if the catalog has the key and the error a value.
    public func metadata(_ key: String, of index: Int) -> ArgumentValue? {
        metadata(key, in: entries[index])
    }

    /// The value of metadata key `key` in `entry`, if the catalog has the key and the entry a value.
    func metadata(_ key: String, in entry: Entry) -> ArgumentValue? {
        guard let position = metadataIndex[key] else { return nil }
        return entry.metadata[position]
    }

    /// The index of the error with this wire code, in constant time.
    public func index(ofWireCode code: String) -> Int? { indexByWireCode[code] }

    /// The index of the error with this integer wire code, in constant time; nil in a catalog
    /// whose codes are strings.
    public func index(ofIntegerCode code: Int) -> Int? { indexByIntegerCode[code] }

    /// The fragment that names an error in the catalog's documentation: the wire code in lower case,
    /// every character but ASCII letters, digits, `-` and `_` replaced by `-` (`InvalidURI` → `invaliduri`).
    public static func anchor(forWireCode code: String) -> String {
        String(String.UnicodeScalarView(code.lowercased().unicodeScalars.map { scalar in
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": return scalar
            default: return "-"
            }
        }))
    }

    /// Where an error is documented: its own link if the spec gives it one, else the catalog's
    /// documentation URL with `{code}` replaced by the wire code (percent-encoded), when it has
    /// one (Twilio's `https://www.twilio.com/docs/errors/{code}`), else the URL and the error's
    /// anchor (`…/raws#nosuchuser`); nil without either. Problem details' `type` and a body
    /// shape's `{documentation}`.
    public func documentationLink(for entry: Entry) -> String? {
        entry.documentationLink ?? documentationURL.map { Self.documentationLink(base: $0, wireCode: entry.wireCode) }
    }

    /// The link of the error with code `wireCode` made from a catalog's documentation URL `base`,
    /// as `documentationLink(for:)` makes it.
    public static func documentationLink(base: String, wireCode: String) -> String {
        guard base.contains("{code}") else { return base + "#" + anchor(forWireCode: wireCode) }
        var encoded = ""
        for byte in wireCode.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%"
                encoded.unicodeScalars.append(hexDigits[Int(byte >> 4)])
                encoded.unicodeScalars.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return base.split(separator: "{code}", omittingEmptySubsequences: false).joined(separator: encoded)
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    /// Every wire code, in spec order.
    public var wireCodes: [String] { entries.map(\.wireCode) }

    /// The title of an error that gives none: its message when the message has no placeholders
    /// (it is then the same for every occurrence), else the status's reason phrase.
    public static func derivedTitle(message: Template, status: Int) -> String {
        var text = ""
        for segment in message.segments {
            guard case let .text(part) = segment else { return StatusPhrase.of(status) ?? "Error \(status)" }
            text += part
        }
        return text
    }

    /// `{name}` placeholders become argument positions, `{name?present|absent}` sections (the
    /// text before the first `|` where the argument has a value, the text after it where it is
    /// absent; `||` a literal `|` inside a section); `{{` and `}}` are literal braces. Braces are
    /// ASCII, so the text is read as UTF-8 bytes (as errgen reads templates in a spec, which
    /// validated them).
    package static func parseTemplate(_ text: String, names: [String]) -> Template {
        guard text.utf8.contains(where: { $0 == open || $0 == close }) else {
            return Template(segments: text.isEmpty ? [] : [.text(text)])
        }
        var copy = text
        return copy.withUTF8 { bytes in
            var i = 0
            return Template(segments: templateSegments(bytes, &i, names: names, inSection: false).present)
        }
    }

    private static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), pipe = UInt8(ascii: "|"), question = UInt8(ascii: "?")

    /// The segments from `i` to the end or, in a section, to its closing `}` (consumed), split at
    /// the section's first `|`.
    private static func templateSegments(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, names: [String], inSection: Bool
    ) -> (present: [Template.Segment], absent: [Template.Segment]) {
        var segments: [Template.Segment] = []
        var present: [Template.Segment]?
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { segments.append(.text(String(decoding: literal, as: UTF8.self))) }
            literal.removeAll(keepingCapacity: true)
        }
        func finish() -> (present: [Template.Segment], absent: [Template.Segment]) {
            flush()
            return present.map { ($0, segments) } ?? (segments, [])
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == open || byte == close || (inSection && byte == pipe), i + 1 < bytes.count, bytes[i + 1] == byte {
                literal.append(byte)
                i += 2
                continue
            }
            if inSection, byte == close {
                i += 1
                return finish()
            }
            if inSection, byte == pipe, present == nil {
                flush()
                present = segments
                segments = []
                i += 1
                continue
            }
            if byte == open {
                var end = i + 1
                while end < bytes.count, bytes[end] != close, bytes[end] != question, bytes[end] != open { end += 1 }
                if end < bytes.count, bytes[end] != open, let index = names.firstIndex(of: String(decoding: bytes[(i + 1)..<end], as: UTF8.self)) {
                    flush()
                    i = end + 1
                    if bytes[end] == close {
                        segments.append(.argument(index))
                    } else {
                        let (whenPresent, whenAbsent) = templateSegments(bytes, &i, names: names, inSection: true)
                        segments.append(.section(argument: index, present: whenPresent, absent: whenAbsent))
                    }
                    continue
                }
            }
            literal.append(byte)
            i += 1
        }
        return finish()
    }
}
