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
    /// The body of this error in `format`, exactly as it goes on the wire (see `WireBody`).
    public func body(in format: WireFormat) -> String {
        Self.catalog.body(entry: code.rawValue, arguments: arguments, format: format)
    }

    /// The response to `request`: the format negotiated from its `Accept` fields (RFC 9110,
    /// section 12), the status and headers a GET would get and no body for HEAD, and a 406 Not
    /// Acceptable when the request accepts none of the catalog's formats (see
    /// `Catalog.notAcceptableResponse(accept:method:)`).
    public func response(to request: HTTPRequest) -> ErrorResponse {
        Self.catalog.response(entry: code.rawValue, arguments: arguments, to: request)
    }

    /// The response in `format`, without negotiation; no body for HEAD.
    public func response(in format: WireFormat, method: HTTPRequest.Method = .get) -> ErrorResponse {
        Self.catalog.response(entry: code.rawValue, arguments: arguments, in: format, method: method)
    }
}

extension Catalog {
    /// The body of error `index` with these argument values in `format`.
    public func body(entry index: Int, arguments: [ArgumentValue], format: WireFormat) -> String {
        WireBody.render(format, entry: entries[index], arguments: arguments, catalog: self)
    }

    /// The response of error `index` to `request`; see `CatalogError.response(to:)`.
    public func response(entry index: Int, arguments: [ArgumentValue], to request: HTTPRequest) -> ErrorResponse {
        switch answer(to: request) {
        case let .format(format):
            return response(entry: index, arguments: arguments, in: format, method: request.method)
        case let .notAcceptable(accept):
            return notAcceptableResponse(accept: accept, method: request.method)
        }
    }

    /// How the catalog answers a request, whichever error it is: in the format negotiated from
    /// the request's `Accept` fields, or, when they exclude every format, with its 406 response
    /// (which does not depend on the error either).
    package enum Answer: Sendable, Hashable {
        case format(WireFormat)
        case notAcceptable(accept: [String])
    }

    package func answer(to request: HTTPRequest) -> Answer {
        let accept = request.headerFields[values: .accept]
        let offered = formats.map(\.contentType)
        switch ContentNegotiation.negotiate(accept: accept, offered: offered, defaultIndex: formats.firstIndex(of: defaultFormat) ?? 0) {
        case let .chosen(chosen): return .format(formats[chosen])
        case .notAcceptable: return .notAcceptable(accept: accept)
        }
    }

    /// The response of error `index` in `format`, without negotiation; no body for HEAD.
    public func response(entry index: Int, arguments: [ArgumentValue], in format: WireFormat, method: HTTPRequest.Method = .get) -> ErrorResponse {
        let entry = entries[index]
        let body = Array(self.body(entry: index, arguments: arguments, format: format).utf8)
        var fields = HTTPFields()
        fields[.contentType] = format.contentType
        fields[.contentLength] = String(body.count)
        for header in entry.headers {
            guard let name = HTTPField.Name(header.name) else { continue }
            // Values carry parameter values: a line break or NUL in one must not start a new field.
            fields.append(HTTPField(name: name, value: Self.fieldValue(header.value.render(arguments))))
        }
        if formats.count > 1 { fields[.vary] = "Accept" }
        let head = HTTPResponse(status: Self.status(entry.status), headerFields: fields)
        return ErrorResponse(head: head, body: method == .head ? [] : body, format: format)
    }

    /// What the catalog answers when a request's `Accept` fields exclude every format it offers:
    /// its first error with status 406 (RestAuth's `not-acceptable`, RAWS's
    /// `ResponsetTypeNotAcceptable`), in its default format, every text parameter saying what was
    /// asked for and what is available; a catalog without such an error, or whose 406 error takes
    /// parameters that are not text, answers a 406 with no body.
    public func notAcceptableResponse(accept: [String], method: HTTPRequest.Method = .get) -> ErrorResponse {
        var asked = accept.joined(separator: ", ")
        if asked.unicodeScalars.count > 200 { asked = String(String.UnicodeScalarView(asked.unicodeScalars.prefix(200))) + "\u{2026}" }
        let explanation = "None of the media types the request accepts (\(asked)) is available; available: \(formats.map(\.mediaType).joined(separator: ", "))."
        if let index = notAcceptableIndex, entries[index].parameters.allSatisfy({ $0.kind == .string }) {
            let arguments = entries[index].parameters.map { _ in ArgumentValue.string(explanation) }
            var response = response(entry: index, arguments: arguments, in: defaultFormat, method: method)
            response.head.headerFields[.vary] = "Accept"
            return response
        }
        var fields = HTTPFields()
        fields[.contentLength] = "0"
        fields[.vary] = "Accept"
        return ErrorResponse(head: HTTPResponse(status: Self.status(406), headerFields: fields), body: [], format: nil)
    }

    static func status(_ code: Int) -> HTTPResponse.Status {
        HTTPResponse.Status(code: code, reasonPhrase: StatusPhrase.of(code) ?? "")
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
