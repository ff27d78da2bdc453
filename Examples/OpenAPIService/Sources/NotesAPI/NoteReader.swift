import OpenAPIRuntime

/// What a client shows for a note: its text, or the catalog error the API answered with, read
/// typed by the client swift-openapi-generator made from the bundle.
public func noteText(_ id: Int, from client: Client) async throws -> String {
    switch try await client.getNote(path: .init(id: id)) {
    case let .ok(response):
        return try response.body.json.text
    case let .notFound(response):
        let error = try response.body.json
        return "\(error.code): \(error.message)"
    case let .undocumented(statusCode, _):
        return "unexpected status \(statusCode)"
    }
}
