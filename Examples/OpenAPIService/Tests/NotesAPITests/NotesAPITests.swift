import ErrgenOpenAPI
import Foundation
import HTTPTypes
import NotesAPI
import OpenAPIRuntime
import Testing

/// The notes API's generated server, with `ErrgenServerMiddleware`, and its generated client, joined
/// by a transport in memory: the answers are the fixtures' and the client reads them typed.
@Suite struct NotesAPITests {
    let loopback = Loopback()
    let client: Client

    init() throws {
        try NotesHandler().register(on: loopback)
        client = Client(serverURL: URL(string: "https://notes.example.com")!, transport: loopback)
    }

    /// The fixtures errgen-docs wrote for the catalog.
    static func fixture() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fixtures/NotesAPI/notes.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// A body's bytes, none for no body.
    static func bytes(_ body: HTTPBody?) async throws -> [UInt8] {
        guard let body else { return [] }
        return try await [UInt8](collecting: body, upTo: 1 << 20)
    }

    /// Every GET of the fixtures: one per format, those whose Accept takes weighing (q-values,
    /// q=0, wildcards), and the request nothing satisfies (406).
    @Test func aThrownErrorAnswersAsItsFixturesPromiseInEveryFormat() async throws {
        let errors = try #require(try Self.fixture()["errors"] as? [[String: Any]])
        let error = try #require(errors.first { $0["code"] as? String == "note-not-found" })
        let exchanges = try #require(error["responses"] as? [[String: Any]]).filter { ($0["request"] as? [String: Any])?["method"] as? String == "GET" }
        #expect(exchanges.count == 8)
        for exchange in exchanges {
            // The fixture's request (its sample id is 7), on the generated route.
            var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/notes/7")
            let sent = try #require((exchange["request"] as? [String: Any])?["headers"] as? [[String]])
            for pair in sent { request.headerFields[HTTPField.Name(pair[0])!] = pair[1] }
            let (response, body) = try await loopback.handle(request, body: nil)
            #expect(response.status.code == exchange["status"] as? Int)
            let headers = try #require(exchange["headers"] as? [[String]])
            #expect(response.headerFields.map { [$0.name.rawName, $0.value] } == headers)
            let bytes = try await Self.bytes(body)
            #expect(String(decoding: bytes, as: UTF8.self) == exchange["body"] as? String)
        }
    }

    /// A HEAD operation's error: the GET's status and headers, its Content-Length, no body.
    @Test func headAnswersWithTheGetsHeadersAndNoBody() async throws {
        let errors = try #require(try Self.fixture()["errors"] as? [[String: Any]])
        let error = try #require(errors.first { $0["code"] as? String == "note-not-found" })
        let responses = try #require(error["responses"] as? [[String: Any]])
        let head = try #require(responses.first { $0["case"] as? String == "head" })
        let request = HTTPRequest(method: .head, scheme: nil, authority: nil, path: "/notes/7")
        let (response, body) = try await ErrgenServerMiddleware().intercept(request, body: nil, metadata: .init(), operationID: "headNote") { request, _, metadata in
            throw ServerError(
                operationID: "headNote", request: request, requestBody: nil, requestMetadata: metadata,
                causeDescription: "the handler failed", underlyingError: NotesError.noteNotFound(id: 7))
        }
        #expect(response.status.code == head["status"] as? Int)
        #expect(response.headerFields.map { [$0.name.rawName, $0.value] } == head["headers"] as? [[String]])
        #expect(body == nil)
    }

    /// An error that is not a catalog error, and that the closure does not map, passes through.
    @Test func otherErrorsPassThrough() async throws {
        struct Unrelated: Error {}
        let request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/notes/7")
        await #expect(throws: ServerError.self) {
            _ = try await ErrgenServerMiddleware().intercept(request, body: nil, metadata: .init(), operationID: "getNote") { request, _, metadata in
                throw ServerError(operationID: "getNote", request: request, requestBody: nil, requestMetadata: metadata, causeDescription: "no", underlyingError: Unrelated())
            }
        }
    }

    @Test func theGeneratedClientReadsTheErrorTyped() async throws {
        let output = try await client.getNote(path: .init(id: 7))
        guard case let .notFound(response) = output else { Issue.record("expected 404, got \(output)"); return }
        let body = try response.body.json
        #expect(body.code == "note-not-found")
        #expect(body.message == "There is no note 7.")
    }

    @Test func theReaderInTheDocumentation() async throws {
        #expect(try await noteText(1, from: client) == "Buy milk.")
        #expect(try await noteText(7, from: client) == "note-not-found: There is no note 7.")
    }

    @Test func anErrorOfAnotherStatusOfTheSameOperation() async throws {
        let output = try await client.addNote(body: .json(.init(text: "A note.", tags: ["urgent"])))
        guard case let .unprocessableContent(response) = output else { Issue.record("expected 422, got \(output)"); return }
        let body = try response.body.json
        #expect(body.code == "invalid-tags")
        #expect(body.message == "Unknown tags: urgent.")
    }

    @Test func aBodyTheRuntimeCannotReadAnswersAsACatalogError() async throws {
        var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/notes")
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.accept] = "application/problem+json"
        let (response, body) = try await loopback.handle(request, body: HTTPBody("{\"text\":"))
        #expect(response.status == .badRequest)
        #expect(response.headerFields[.contentType] == "application/problem+json")
        let bytes = try await Self.bytes(body)
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(problem["code"] as? String == "malformed-request")
        #expect(problem["status"] as? Int == 400)
    }

    @Test func aSuccessPassesThrough() async throws {
        let output = try await client.getNote(path: .init(id: 1))
        guard case let .ok(response) = output else { Issue.record("expected 200, got \(output)"); return }
        #expect(try response.body.json.text == "Buy milk.")
    }
}

/// A transport in memory: the generated server registers its operations, the generated client
/// sends to them.
final class Loopback: ServerTransport, ClientTransport, @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    private let lock = NSLock()
    private var routes: [(method: HTTPRequest.Method, path: [Substring], handler: Handler)] = []

    func register(_ handler: @escaping Handler, method: HTTPRequest.Method, path: String) throws {
        lock.withLock { routes.append((method, path.split(separator: "/"), handler)) }
    }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        try await handle(request, body: body)
    }

    /// The answer of the operation whose path template the request's path fits (its `{name}`
    /// segments the path parameters), or an empty 404.
    func handle(_ request: HTTPRequest, body: HTTPBody?) async throws -> (HTTPResponse, HTTPBody?) {
        let path = (request.path ?? "/").split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        let routes = lock.withLock { self.routes }
        for route in routes where route.method == request.method && route.path.count == path.count {
            var parameters: [String: Substring] = [:]
            let fits = zip(route.path, path).allSatisfy { pattern, part in
                if pattern.hasPrefix("{") {
                    parameters[String(pattern.dropFirst().dropLast())] = part
                    return true
                }
                return pattern == part
            }
            if fits { return try await route.handler(request, body, ServerRequestMetadata(pathParameters: parameters)) }
        }
        return (HTTPResponse(status: .notFound), nil)
    }
}
