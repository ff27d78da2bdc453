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
        WireBody.render(format, entry: code.entry, arguments: arguments, catalog: Self.catalog)
    }

    /// The response to `request`: the format negotiated from its `Accept` fields (RFC 9110,
    /// section 12), the status and headers a GET would get and no body for HEAD, and a 406 Not
    /// Acceptable when the request accepts none of the catalog's formats.
    ///
    /// The 406 is the catalog's first error with status 406 (RestAuth's `not-acceptable`, RAWS's
    /// `ResponsetTypeNotAcceptable`), in the catalog's default format; its string parameters say
    /// what was asked for and what is offered. A catalog without such an error (or one whose 406
    /// error takes parameters that are not strings) answers a 406 with no body.
    public func response(to request: HTTPRequest) -> ErrorResponse {
        let catalog = Self.catalog
        let accept = request.headerFields[values: .accept]
        let offered = catalog.formats.map(\.contentType)
        switch ContentNegotiation.negotiate(accept: accept, offered: offered, defaultIndex: catalog.formats.firstIndex(of: catalog.defaultFormat) ?? 0) {
        case let .chosen(index):
            return response(in: catalog.formats[index], method: request.method)
        case .notAcceptable:
            return Self.notAcceptable(accept: accept, method: request.method)
        }
    }

    /// The response in `format`, without negotiation; no body for HEAD.
    public func response(in format: WireFormat, method: HTTPRequest.Method = .get) -> ErrorResponse {
        let body = Array(self.body(in: format).utf8)
        var fields = HTTPFields()
        fields[.contentType] = format.contentType
        fields[.contentLength] = String(body.count)
        for (name, value) in headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            // Values carry parameter values: a line break or NUL in one must not start a new field.
            fields.append(HTTPField(name: fieldName, value: Self.fieldValue(value)))
        }
        if Self.catalog.formats.count > 1 { fields[.vary] = "Accept" }
        let head = HTTPResponse(status: Self.status(status), headerFields: fields)
        return ErrorResponse(head: head, body: method == .head ? [] : body, format: format)
    }

    static func status(_ code: Int) -> HTTPResponse.Status {
        HTTPResponse.Status(code: code, reasonPhrase: StatusPhrase.of(code) ?? "")
    }

    /// A header value with every control character (line breaks, NUL) replaced by a space.
    static func fieldValue(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F ? " " : $0 }))
    }

    static func notAcceptable(accept: [String], method: HTTPRequest.Method) -> ErrorResponse {
        let catalog = Self.catalog
        var asked = accept.joined(separator: ", ")
        if asked.unicodeScalars.count > 200 { asked = String(String.UnicodeScalarView(asked.unicodeScalars.prefix(200))) + "…" }
        let explanation = "None of the media types the request accepts (\(asked)) is available; available: \(catalog.formats.map(\.mediaType).joined(separator: ", "))."
        if let index = catalog.notAcceptableIndex {
            let code = Code(uncheckedRawValue: index)
            let parameters = code.entry.parameters
            if parameters.allSatisfy({ $0.kind == .string }) {
                let error = Self(unchecked: code, arguments: parameters.map { _ in .string(explanation) })
                var response = error.response(in: catalog.defaultFormat, method: method)
                response.head.headerFields[.vary] = "Accept"
                return response
            }
        }
        var fields = HTTPFields()
        fields[.contentLength] = "0"
        fields[.vary] = "Accept"
        return ErrorResponse(head: HTTPResponse(status: status(406), headerFields: fields), body: [], format: nil)
    }
}
