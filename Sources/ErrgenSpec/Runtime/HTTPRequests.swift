import ErrgenRuntime
import HTTPTypes

/// The methods the examples use.
enum HTTPMethodName: String {
    case get = "GET", head = "HEAD"
}

/// Builds the example requests.
struct HTTPFieldsBuilder {
    var fields = HTTPFields()

    mutating func add(_ name: String, _ value: String) {
        if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
    }

    func request(method: HTTPMethodName) -> HTTPRequest {
        HTTPRequest(method: method == .get ? .get : .head, scheme: "https", authority: "api.example.com", path: "/", headerFields: fields)
    }
}

extension ErrorResponse {
    /// The response's header fields as name and value pairs, in order.
    package var fieldPairs: [(name: String, value: String)] {
        head.headerFields.map { ($0.name.rawName, $0.value) }
    }

    /// The status line and header fields as HTTP/1.1 writes them, a line each (`\n`-terminated).
    package var headText: String {
        var text = "HTTP/1.1 \(head.status.code) \(head.status.reasonPhrase)\n"
        for (name, value) in fieldPairs { text += "\(name): \(value)\n" }
        return text
    }
}
