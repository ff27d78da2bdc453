/// Reason phrases of the statuses errgen sends: the error statuses of RFC 9110 section 15 and
/// the registered ones of RFC 6585, 4918, 8470 and 7725, and the success statuses a catalog may
/// answer with (`allow-success-status`).
public enum StatusPhrase {
    /// The reason phrase of an error status (400-599), or `nil` for an unregistered one: what an
    /// error without a title of its own is titled.
    public static func of(_ status: Int) -> String? { phrases[status] }

    /// The reason phrase a response of `status` carries on its status line: an error status's, or
    /// a success status's (`200 OK`, RFC 9110 §15.3); `nil` for an unregistered one.
    public static func reason(_ status: Int) -> String? { phrases[status] ?? successPhrases[status] }

    /// RFC 9110 §15.3, and the registered 2xx of RFC 4918 (207), RFC 5842 (208) and RFC 3229 (226).
    static let successPhrases: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
        205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
    ]

    static let phrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
        408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
        413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
        417: "Expectation Failed", 421: "Misdirected Request", 422: "Unprocessable Content", 423: "Locked",
        424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
        429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout", 505: "HTTP Version Not Supported", 507: "Insufficient Storage", 508: "Loop Detected",
        511: "Network Authentication Required",
    ]
}
