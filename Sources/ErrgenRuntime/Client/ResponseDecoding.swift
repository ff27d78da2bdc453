import HTTPTypes

/// Why a response could not be read as an error of a catalog.
public enum ResponseDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is larger than the limit the caller gave (nothing of it was read).
    case tooLarge(size: Int, limit: Int)
    /// The response's `Content-Type` is none of the catalog's formats.
    case unsupportedMediaType(String?)
    /// The body is not a document of its format (truncated, not UTF-8, nested too deep, …).
    case malformedBody(String)
    /// The body names an error of the catalog, but a value is missing or not of its type.
    case mismatchedValues(code: String, reason: String)

    public var description: String {
        switch self {
        case let .tooLarge(size, limit): return "the body has \(size) bytes, more than the \(limit) allowed"
        case let .unsupportedMediaType(type): return "the media type \(type.map { "'\($0)'" } ?? "(none)") is not one the catalog answers in"
        case let .malformedBody(reason): return "the body is \(reason)"
        case let .mismatchedValues(code, reason): return "error '\(code)': \(reason)"
        }
    }
}

/// An error response whose code the catalog does not know (a newer server's, another API's),
/// kept as it came: what a client can still show and log.
public struct UnknownError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// The wire code the body names, if it names one (as text, also for integer codes).
    public var code: String?
    /// The message the body carries, if it carries one.
    public var message: String?

    public init(status: HTTPResponse.Status, code: String?, message: String?) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(code ?? "unknown") (\(status.code))" + (message.map { ": " + $0 } ?? "") }
}

/// What a client reads from an error response: an error of the catalog with its typed values, or
/// one the catalog does not know.
public enum DecodedError<E: CatalogError>: Sendable, Hashable, CustomStringConvertible {
    case known(E)
    case unknown(UnknownError)

    /// The error as its own `description` says it (`not-found (404): No item 7.`).
    public var description: String {
        switch self {
        case let .known(error): return error.description
        case let .unknown(error): return error.description
        }
    }

    /// The response's status.
    public var status: HTTPResponse.Status {
        switch self {
        case let .known(error): return error.status
        case let .unknown(error): return error.status
        }
    }
}

/// An error response read against a catalog without its generated type (`Catalog.decode`): which
/// error it is, if the catalog knows it, with its values in the order of its parameters.
public struct DecodedResponse: Sendable, Hashable {
    /// The error's index in the catalog (`Catalog.entries`), nil for a code the catalog does not
    /// know or a body without one.
    public var index: Int?
    /// The wire code the body names, as text.
    public var code: String?
    /// The message the body carries, as it came (in the response's language), where it carries one.
    public var message: String?
    /// The known error's parameter values, its own then the catalog's; empty when unknown.
    public var arguments: [ArgumentValue]
    /// The language the response says its text is in (`Content-Language`), if it says.
    public var language: String?

    public init(index: Int?, code: String?, message: String?, arguments: [ArgumentValue], language: String? = nil) {
        self.index = index
        self.code = code
        self.message = message
        self.arguments = arguments
        self.language = language
    }
}

/// An error response as a client received it (`CatalogError.receive(_:body:maxBodySize:)`): the
/// error, typed where the catalog knows it, with what the response said in its own words: the
/// language of its text (`Content-Language`) and the message as the body carried it. A German
/// response's `message` is the German text, never the catalog's default language's.
public struct ReceivedError<E: CatalogError>: Sendable, Hashable, CustomStringConvertible {
    public var error: DecodedError<E>
    /// The response's `Content-Language`, if it has one.
    public var language: String?
    /// The message as the body carried it; nil where it carries none (a HEAD, an empty 406, a
    /// body shape without the message).
    public var receivedMessage: String?

    public init(error: DecodedError<E>, language: String?, receivedMessage: String?) {
        self.error = error
        self.language = language
        self.receivedMessage = receivedMessage
    }

    /// The message for people, in the response's language: the one the body carried; else a
    /// known error's own message in the catalog's language closest to `language`; nil for an
    /// unknown error whose body carried none.
    public var message: String? {
        if let receivedMessage { return receivedMessage }
        guard case let .known(error) = error else { return nil }
        return language.map(error.message(in:)) ?? error.message
    }

    /// `not-found (404): Nein.`, the message in the response's language.
    public var description: String {
        switch error {
        case let .known(known): return "\(known.wireCode) (\(known.statusCode))" + (message.map { ": " + $0 } ?? "")
        case let .unknown(unknown): return unknown.description
        }
    }
}

extension Catalog {
    /// A response of this catalog's API, read as `CatalogError.decode(_:body:maxBodySize:)` reads
    /// it, for code that has the catalog but not its generated type (a gateway, a logger).
    public func decode(_ response: HTTPResponse, body: [UInt8], maxBodySize: Int = 1 << 20) throws(ResponseDecodingError) -> DecodedResponse {
        switch try decode(
            status: response.status.code, contentType: response.headerFields[.contentType], language: response.headerFields[.contentLanguage],
            body: body, maxBodySize: maxBodySize) {
        case let .known(index, arguments, message):
            return DecodedResponse(index: index, code: entries[index].wireCode, message: message, arguments: arguments, language: response.headerFields[.contentLanguage])
        case let .unknown(code, message):
            return DecodedResponse(index: nil, code: code, message: message, arguments: [], language: response.headerFields[.contentLanguage])
        }
    }
}

extension CatalogError {
    /// The error a response of this catalog's API carries, as a client reads it: the format from
    /// `Content-Type`, the code and the parameter values, typed, from the body (JSON's own types;
    /// text parsed as each parameter's type). A code the catalog does not know, or a body without
    /// one (an empty 406, a HEAD), gives `.unknown` with what there is.
    ///
    /// Reads every format: JSON (errgen's layout, problem+json, a body shape of the spec), XML
    /// (errgen's layout, problem+xml, an XML layout of the spec; no document type declaration is
    /// accepted, so no entity is ever expanded) and text (the message matched against the
    /// catalog's templates). Never reads more than
    /// `maxBodySize` bytes' worth: a larger body is refused before it is parsed.
    public static func decode(_ response: HTTPResponse, body: [UInt8], maxBodySize: Int = 1 << 20) throws(ResponseDecodingError) -> DecodedError<Self> {
        try receive(response, body: body, maxBodySize: maxBodySize).error
    }

    /// The error a response carries, as `decode(_:body:maxBodySize:)` reads it, with the
    /// language of its text (`Content-Language`) and its message as it came: what a client shows
    /// its users, in their language.
    public static func receive(_ response: HTTPResponse, body: [UInt8], maxBodySize: Int = 1 << 20) throws(ResponseDecodingError) -> ReceivedError<Self> {
        let decoded = try catalog.decode(
            status: response.status.code, contentType: response.headerFields[.contentType], language: response.headerFields[.contentLanguage],
            body: body, maxBodySize: maxBodySize)
        let error: DecodedError<Self>, message: String?
        switch decoded {
        case let .known(index, arguments, text):
            (error, message) = (.known(Self(unchecked: Code(uncheckedRawValue: index), arguments: arguments)), text)
        case let .unknown(code, text):
            (error, message) = (.unknown(UnknownError(status: response.status, code: code, message: text)), text)
        }
        return ReceivedError(error: error, language: response.headerFields[.contentLanguage], receivedMessage: message)
    }
}

extension Catalog {
    enum Decoded {
        /// The error's index, its values, and the message the body carries, if it carries one.
        case known(Int, [ArgumentValue], message: String?)
        case unknown(code: String?, message: String?)
    }

    /// `language`: the response's `Content-Language`, the language a text body is matched in.
    func decode(status: Int, contentType: String?, language: String? = nil, body: [UInt8], maxBodySize: Int) throws(ResponseDecodingError) -> Decoded {
        guard body.count <= maxBodySize else { throw .tooLarge(size: body.count, limit: maxBodySize) }
        let mediaType = contentType.map { String($0.prefix { $0 != ";" }).trimmingSpaces.lowercased() }
        guard let format = formats.first(where: { $0.mediaType == mediaType }) else {
            // An empty body (HEAD, a 406 without an error) says nothing more than its status.
            if body.isEmpty { return .unknown(code: nil, message: nil) }
            throw .unsupportedMediaType(mediaType)
        }
        if body.isEmpty { return .unknown(code: nil, message: nil) }
        switch format {
        case .text:
            guard let message = String(validating: body, as: UTF8.self) else { throw .malformedBody("not UTF-8") }
            return decodeText(message, status: status, language: language.flatMap(languageIndex(for:)) ?? 0)
        case .json:
            let document = try JSONDocument.parse(body)
            if let shape = jsonShape { return try ShapeReader.reader(for: shape).decode(document, in: self) }
            return try decodeJSON(document, members: document["details"], message: document["message"])
        case .problemJSON:
            let document = try JSONDocument.parse(body)
            return try decodeJSON(document, members: document, message: document["detail"])
        case .xml:
            let root = try XMLNode.parse(body)
            if let shape = xmlShape { return try XMLShapeReader.reader(for: shape).decode(root, in: self) }
            return try decodeXML(root, problem: false)
        case .problemXML:
            return try decodeXML(try XMLNode.parse(body), problem: true)
        }
    }

    /// errgen's JSON layout (shared parameters at the top, own ones in `details`) and problem
    /// details (every parameter a member).
    func decodeJSON(_ document: JSONDocument, members own: JSONDocument?, message: JSONDocument?) throws(ResponseDecodingError) -> Decoded {
        guard case .object = document else { throw .malformedBody("not a JSON object") }
        let text = message?.stringValue
        guard let (code, index) = code(of: document["code"]) else { return .unknown(code: nil, message: text) }
        guard let index else { return .unknown(code: code, message: text) }
        let entry = entries[index]
        let ownCount = entry.parameters.count - sharedParameters.count
        let nodes = entry.parameters.enumerated().map { position, parameter in
            // Every parameter has its place here: one the body leaves out is empty there.
            (position < ownCount ? own?[parameter.name] : document[parameter.name]) ?? .null
        }
        // Every parameter has its place in these layouts: one left out is absent, not in the message.
        return .known(index, try arguments(of: index, nodes: nodes, message: nil, code: code), message: text)
    }

    /// The values of error `index` from the body's JSON for each parameter: nil where the body
    /// has no place for it (Twilio's and AWS's bodies carry only the message; a body shape may
    /// leave a parameter to the message), which is then read from the message where the template
    /// shows it; null where its place is empty (absent, for an optional parameter).
    ///
    /// A parameter the response does not carry at all (no place in the body, and not in a
    /// message the body holds) reads as absent, even a required one: the body is the API's, and
    /// right (errgen warns at the spec's line about such a parameter, unless it is `server-only`).
    func arguments(of index: Int, nodes: [JSONDocument?], message: String?, code: String) throws(ResponseDecodingError) -> [ArgumentValue] {
        let entry = entries[index]
        var fromMessage: [String?]?
        var arguments: [ArgumentValue] = []
        for (position, (parameter, node)) in zip(entry.parameters, nodes).enumerated() {
            if node == nil {
                guard let message, entry.message.shows(argument: position) else {
                    arguments.append(.absent)
                    continue
                }
                fromMessage = fromMessage ?? entry.message.match(message, count: entry.parameters.count) ?? []
                if let texts = fromMessage, position < texts.count, let text = texts[position], let value = Self.value(text: text, of: parameter) {
                    arguments.append(value)
                    continue
                }
            }
            arguments.append(try Self.value(node, of: parameter, code: code))
        }
        return arguments
    }

    /// A parameter's value from its text in a message (a list's items separated by `, `).
    static func value(text: String, of parameter: Entry.Parameter) -> ArgumentValue? {
        guard parameter.isList else { return parameter.kind.parse(text) }
        var items: [String] = []
        if !text.isEmpty {
            var rest = Substring(text)
            while let range = ShapeReader.firstRange(of: ", ", in: rest) {
                items.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
            items.append(String(rest))
        }
        let values = items.compactMap(parameter.kind.parse)
        return values.count == items.count ? .list(values) : nil
    }

    /// The code a body names (its text), and the index of the error with it (nil when unknown);
    /// nil when the node is no code.
    func code(of node: JSONDocument?) -> (String, Int?)? {
        switch node {
        case let .string(code)?: return (code, codeType == .string ? index(ofWireCode: code) : Int(code).flatMap(index(ofIntegerCode:)))
        case let .number(text)?: return (text, Int(text).flatMap(index(ofIntegerCode:)) ?? index(ofWireCode: text))
        default: return nil
        }
    }

    /// A parameter's value from its JSON: JSON's own type for the parameter's (a list an array of
    /// them); missing or null only for an optional parameter (`absent`).
    static func value(_ node: JSONDocument?, of parameter: Entry.Parameter, code: String) throws(ResponseDecodingError) -> ArgumentValue {
        func scalar(_ node: JSONDocument) -> ArgumentValue? {
            switch (parameter.kind, node) {
            case let (.string, .string(s)): return .string(s)
            case let (.integer, .number(text)): return Int(text).map(ArgumentValue.integer)
            case let (.unsigned, .number(text)): return UInt64(text).map(ArgumentValue.unsigned)
            case let (.number, .number(text)): return Double(text).flatMap { $0.isFinite ? .number($0) : nil }
            case let (.boolean, .bool(b)): return .boolean(b)
            default: return nil
            }
        }
        guard let node, node != .null else {
            guard parameter.isOptional else { throw .mismatchedValues(code: code, reason: "parameter '\(parameter.name)' is missing") }
            return .absent
        }
        let typeName = parameter.kind.name(list: parameter.isList)
        if parameter.isList {
            guard case let .array(items) = node else { throw .mismatchedValues(code: code, reason: "parameter '\(parameter.name)' is not a \(typeName)") }
            var values: [ArgumentValue] = []
            for item in items {
                guard let value = scalar(item) else { throw .mismatchedValues(code: code, reason: "parameter '\(parameter.name)' is not a \(typeName)") }
                values.append(value)
            }
            return .list(values)
        }
        guard let value = scalar(node) else { throw .mismatchedValues(code: code, reason: "parameter '\(parameter.name)' is not a \(typeName)") }
        return value
    }

    /// A text body: the message of the first error with the response's status whose template it
    /// fits, its values read back as their types; an unknown error with the message when none
    /// fits, or with the code of the one that fits when the message does not show every value the
    /// error needs (a catalog parameter, a value only its headers carry).
    /// A text body matched against the messages of the errors with its status, in the response's
    /// language (an index into `languages`) where an error has a translation into it.
    func decodeText(_ message: String, status: Int, language: Int = 0) -> Decoded {
        var fitting: String?
        let target = Array(message.unicodeScalars)
        guard target.count <= Template.matchLimit else { return .unknown(code: nil, message: message) }
        for (index, entry) in entries.enumerated() where entry.status == status {
            let template = language > 0 && isTranslated(index, language: language) ? self.entry(index, language: language).message : entry.message
            guard let texts = template.match(target, count: entry.parameters.count) else { continue }
            var arguments: [ArgumentValue] = []
            for (position, (parameter, text)) in zip(entry.parameters, texts).enumerated() {
                guard let text else {
                    // Absent; or, for a parameter the message never shows, not carried.
                    guard parameter.isOptional || !template.shows(argument: position) else { break }
                    arguments.append(.absent)
                    continue
                }
                guard let value = Self.value(text: text, of: parameter) else { break }
                arguments.append(value)
            }
            if arguments.count == entry.parameters.count { return .known(index, arguments, message: message) }
            fitting = fitting ?? entry.wireCode
        }
        return .unknown(code: fitting, message: message)
    }
}

extension Catalog.Template {
    /// Whether the template shows argument `index` anywhere (a placeholder, or a section on it).
    func shows(argument index: Int) -> Bool {
        func shows(_ segments: [Segment]) -> Bool {
            segments.contains { segment in
                switch segment {
                case .text: return false
                case let .argument(argument): return argument == index
                case let .section(argument, present, absent): return argument == index || shows(present) || shows(absent)
                }
            }
        }
        return shows(segments)
    }

    /// The texts a rendered message gives each argument (nil where it shows none: absent, or not
    /// in the template), if `text` is this template rendered; the first way it fits, the earliest
    /// placeholder taking the shortest text. A section's text for a value is tried before its
    /// text for none. Gives up (nil) on a text longer than `Self.matchLimit` scalars or after as
    /// many steps, so that a hostile body cannot make it search for long.
    func match(_ text: String, count: Int) -> [String?]? {
        let target = Array(text.unicodeScalars)
        guard target.count <= Self.matchLimit else { return nil }
        return match(target, count: count)
    }

    /// `match(_:count:)` on a text's scalars, which the caller has checked against the limit.
    /// Values are positions into the text until the match succeeds, so a step copies nothing.
    func match(_ target: [Unicode.Scalar], count: Int) -> [String?]? {
        var ranges = [Range<Int>?](repeating: nil, count: count)
        var absent = Set<Int>()
        var budget = Self.matchLimit * 4
        func starts(_ scalars: some Collection<Unicode.Scalar>, at: Int) -> Bool {
            target.count - at >= scalars.count && target[at..<at + scalars.count].elementsEqual(scalars)
        }
        // The segments left to match.
        func fit(_ pieces: ArraySlice<Segment>, _ at: Int) -> Bool {
            budget -= 1
            guard budget > 0 else { return false }
            guard let piece = pieces.first else { return at == target.count }
            let rest = pieces.dropFirst()
            switch piece {
            case let .text(literal):
                let scalars = literal.unicodeScalars
                guard starts(scalars, at: at) else { return false }
                return fit(rest, at + scalars.count)
            case let .argument(i):
                if let known = ranges[i] {
                    guard starts(target[known], at: at) else { return false }
                    return fit(rest, at + known.count)
                }
                for end in at...target.count {
                    guard budget > 0 else { break }
                    ranges[i] = at..<end
                    if fit(rest, end) { return true }
                }
                ranges[i] = nil
                return false
            case let .section(i, present, absentSegments):
                if !absent.contains(i), fit(ArraySlice(present) + rest, at) { return true }
                guard ranges[i] == nil else { return false }
                absent.insert(i)
                if fit(ArraySlice(absentSegments) + rest, at) { return true }
                absent.remove(i)
                return false
            }
        }
        guard fit(ArraySlice(segments), 0) else { return nil }
        return ranges.map { $0.map { String(String.UnicodeScalarView(target[$0])) } }
    }
}

extension Catalog.Template {
    /// The longest text body matched against templates, in Unicode scalars, and a quarter of the
    /// steps a match may take.
    static let matchLimit = 16_384
}

extension String {
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        let start = scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.endIndex
        let end = scalars.lastIndex { $0 != " " && $0 != "\t" }.map(scalars.index(after:)) ?? start
        return Substring(scalars[start..<end])
    }
}
