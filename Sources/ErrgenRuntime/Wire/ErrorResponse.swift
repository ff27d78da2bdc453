import HTTPTypes

/// A complete HTTP response for an error: status, header fields and body bytes.
public struct ErrorResponse: Sendable, Hashable {
    /// The status and header fields (`Content-Type`, `Content-Length`, the error's own headers,
    /// `Vary: Accept` when the catalog offers several formats).
    public var head: HTTPResponse
    /// The body; empty for a HEAD request.
    public var body: [UInt8]
    /// The format of the body (the one a GET would have had, for HEAD); `nil` for a body-less 406.
    public var format: WireFormat?

    public init(head: HTTPResponse, body: [UInt8], format: WireFormat?) {
        self.head = head
        self.body = body
        self.format = format
    }

    /// The body as text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

extension WireFormat {
    /// The `Content-Type` of a response in this format.
    public var contentType: String {
        switch self {
        case .text: return "text/plain; charset=utf-8"
        default: return mediaType
        }
    }
}

extension CatalogError {
    /// The body of this error in `format`, exactly as it goes on the wire (see `WireBody`), in the
    /// catalog's language closest to `language` (a BCP 47 tag; see `message(in:)`).
    public func body(in format: WireFormat, language: String? = nil) -> String {
        Self.catalog.body(entry: code.rawValue, arguments: arguments, format: format, language: Self.languageIndex(language))
    }

    /// The response to `request`: the format negotiated from its `Accept` fields (RFC 9110,
    /// section 12), the language from its `Accept-Language` fields (see `LanguageNegotiation`),
    /// the status and headers a GET would get and no body for HEAD. When the request accepts none
    /// of the catalog's formats: a 406 Not Acceptable (see
    /// `Catalog.notAcceptableResponse(accept:method:language:)`), or, in a catalog that never
    /// answers 406 (`not-acceptable: default-format`), the answer in its default format.
    public func response(to request: HTTPRequest) -> ErrorResponse {
        Self.catalog.response(entry: code.rawValue, arguments: arguments, to: request)
    }

    /// The response in `format` and the catalog's language closest to `language`, without
    /// negotiation; no body for HEAD.
    public func response(in format: WireFormat, method: HTTPRequest.Method = .get, language: String? = nil) -> ErrorResponse {
        Self.catalog.response(entry: code.rawValue, arguments: arguments, in: format, method: method, language: Self.languageIndex(language))
    }
}

extension Catalog {
    /// The body of error `index` with these argument values in `format` and language `language`
    /// (an index into `languages`).
    public func body(entry index: Int, arguments: [ArgumentValue], format: WireFormat, language: Int = 0) -> String {
        WireBody.render(format, entry: entry(index, language: language), arguments: arguments, catalog: self)
    }

    /// The response of error `index` to `request`; see `CatalogError.response(to:)`.
    public func response(entry index: Int, arguments: [ArgumentValue], to request: HTTPRequest) -> ErrorResponse {
        let language = language(for: request)
        switch answer(to: request) {
        case let .format(format):
            return response(entry: index, arguments: arguments, in: format, method: request.method, language: language)
        case let .notAcceptable(accept):
            return notAcceptableResponse(accept: accept, method: request.method, language: language)
        }
    }

    /// The index in `languages` of the language to answer `request` in, from its
    /// `Accept-Language` fields (see `LanguageNegotiation`).
    public func language(for request: HTTPRequest) -> Int {
        languages.count > 1 ? LanguageNegotiation.choose(acceptLanguage: request.headerFields[values: .acceptLanguage], available: languages) : 0
    }

    /// The `Vary` field of the catalog's responses: what a response depends on besides the URL.
    var vary: String? {
        switch (formats.count > 1, languages.count > 1) {
        case (true, true): return "Accept, Accept-Language"
        case (true, false): return "Accept"
        case (false, true): return "Accept-Language"
        case (false, false): return nil
        }
    }

    /// How the catalog answers a request, whichever error it is: in the format negotiated from
    /// the request's `Accept` fields, or, when they exclude every format, with its 406 response
    /// (which does not depend on the error either), or in the default format for a catalog that
    /// never answers 406 (`NotAcceptable.defaultFormat`).
    package enum Answer: Sendable, Hashable {
        case format(WireFormat)
        case notAcceptable(accept: [String])
    }

    package func answer(to request: HTTPRequest) -> Answer {
        let accept = request.headerFields[values: .accept]
        let offered = formats.map(\.contentType)
        switch ContentNegotiation.negotiate(accept: accept, offered: offered, defaultIndex: formats.firstIndex(of: defaultFormat) ?? 0) {
        case let .chosen(chosen): return .format(formats[chosen])
        case .notAcceptable: return notAcceptable == .error ? .notAcceptable(accept: accept) : .format(defaultFormat)
        }
    }

    /// The response of error `index` in `format` and language `language` (an index into
    /// `languages`), without negotiation; no body for HEAD. A catalog of several languages says
    /// in `Content-Language` which language the body is in (the default one where the error has
    /// no translation into `language`).
    public func response(
        entry index: Int, arguments: [ArgumentValue], in format: WireFormat, method: HTTPRequest.Method = .get, language: Int = 0
    ) -> ErrorResponse {
        let entry = entry(index, language: language)
        let body = Array(WireBody.render(format, entry: entry, arguments: arguments, catalog: self).utf8)
        var fields = HTTPFields()
        fields[.contentType] = format.contentType
        fields[.contentLength] = String(body.count)
        // The language the body is in: the default one where the error has no translation.
        if languages.count > 1 { fields[.contentLanguage] = languages[isTranslated(index, language: language) ? language : 0] }
        for header in entry.headers {
            guard let name = HTTPField.Name(header.name) else { continue }
            // Values carry parameter values: a line break or NUL in one must not start a new field.
            fields.append(HTTPField(name: name, value: Self.fieldValue(header.value.render(arguments))))
        }
        if let vary { fields[.vary] = vary }
        let head = HTTPResponse(status: Self.status(entry.status), headerFields: fields)
        return ErrorResponse(head: head, body: method == .head ? [] : body, format: format)
    }

    /// What the catalog answers when a request's `Accept` fields exclude every format it offers:
    /// its first error with status 406 (RestAuth's `not-acceptable`, RAWS's
    /// `ResponsetTypeNotAcceptable`), in its default format. Its parameters receive, by name:
    /// `accept` the request's `Accept` fields (joined with ", ", at most 200 characters),
    /// `available` the catalog's media types (joined with ", ", or each an item where it is a list
    /// of strings), and any other one a sentence saying both. A catalog without such an error, or
    /// whose 406 error takes other parameters (the validator refuses them), answers a 406 with
    /// no body.
    public func notAcceptableResponse(accept: [String], method: HTTPRequest.Method = .get, language: Int = 0) -> ErrorResponse {
        var asked = accept.joined(separator: ", ")
        if asked.unicodeScalars.count > 200 { asked = String(String.UnicodeScalarView(asked.unicodeScalars.prefix(200))) + "\u{2026}" }
        let explanation = "None of the media types the request accepts (\(asked)) is available; available: \(formats.map(\.mediaType).joined(separator: ", "))."
        if let index = notAcceptableIndex, entries[index].parameters.allSatisfy(Self.fitsNotAcceptable) {
            let available = formats.map(\.mediaType)
            let arguments = entries[index].parameters.map { parameter in
                switch parameter.name {
                case "accept": return ArgumentValue.string(asked)
                case "available" where parameter.isList: return ArgumentValue.list(available.map(ArgumentValue.string))
                case "available": return ArgumentValue.string(available.joined(separator: ", "))
                default: return ArgumentValue.string(explanation)
                }
            }
            var response = response(entry: index, arguments: arguments, in: defaultFormat, method: method, language: language)
            response.head.headerFields[.vary] = languages.count > 1 ? "Accept, Accept-Language" : "Accept"
            return response
        }
        var fields = HTTPFields()
        fields[.contentLength] = "0"
        fields[.vary] = languages.count > 1 ? "Accept, Accept-Language" : "Accept"
        return ErrorResponse(head: HTTPResponse(status: Self.status(406), headerFields: fields), body: [], format: nil)
    }

    /// Whether the 406 error's parameter can be filled in: a string, or `available` as a list of
    /// strings.
    @_spi(ErrgenGenerated) public static func fitsNotAcceptable(_ parameter: Entry.Parameter) -> Bool {
        parameter.kind == .string && (!parameter.isList || parameter.name == "available")
    }

    static func status(_ code: Int) -> HTTPResponse.Status {
        HTTPResponse.Status(code: code, reasonPhrase: StatusPhrase.reason(code) ?? "")
    }

    /// A header value as HTTP carries it: every control character (line breaks, NUL) replaced by
    /// a space, and the blanks around the value (which HTTP ignores) dropped.
    public static func fieldValue(_ value: String) -> String {
        var scalars = String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F ? " " : $0 })
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        let start = scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.endIndex
        return String(scalars[start...])
    }
}
