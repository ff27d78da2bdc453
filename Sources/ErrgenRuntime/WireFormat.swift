/// A way a catalog puts its errors on the wire.
public enum WireFormat: String, Sendable, Hashable, CaseIterable {
    /// The rendered message as `text/plain`.
    case text
    /// A JSON object with the code, message and parameters.
    case json
    /// An XML document whose root is `error` in the catalog's namespace.
    case xml
    /// RFC 9457 problem details.
    case problemJSON = "problem+json"
    /// RFC 9457 problem details in XML (its appendix B).
    case problemXML = "problem+xml"

    /// The media type a response in this format carries.
    public var mediaType: String {
        switch self {
        case .text: return "text/plain"
        case .json: return "application/json"
        case .xml: return "application/xml"
        case .problemJSON: return "application/problem+json"
        case .problemXML: return "application/problem+xml"
        }
    }
}
