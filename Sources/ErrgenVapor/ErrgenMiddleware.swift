// Built with the package trait `Vapor` only: without it this module is empty, and neither Vapor
// nor SwiftNIO is fetched or built.
#if Vapor
import ErrgenRuntime
import HTTPTypes
import Vapor

/// Turns every catalog error a route throws into the response its spec promises, negotiated
/// against the request: the format its `Accept` asks for (406 when none fits), the language of
/// its `Accept-Language`, the spec's headers, and for HEAD the GET's status and headers without
/// the body.
///
/// One line of setup, among the application's middleware:
///
/// ```swift
/// app.middleware.use(ErrgenMiddleware())
/// ```
///
/// Errors travel outward through Vapor's middleware, from the last one added to the first, and
/// Vapor's `ErrorMiddleware` (which an application has from the start, before anything added)
/// turns every error that reaches it into its own `{"error": true, "reason": …}`. This middleware
/// must therefore come after it, inside it, to see the errors first: `app.middleware.use(_:)`
/// adds it there. The application's middleware also wraps the requests no route matches, so it
/// sees those too; added to a route group instead (`app.grouped(ErrgenMiddleware())`), it covers
/// that group's routes only, not unknown routes.
///
/// Vapor's own errors are `AbortError`s (an unknown route, and a method no route of the path
/// has, are `RouteNotFound`, status 404; a body that does not decode is a `DecodingError`,
/// status 400; a path parameter that `require(_:as:)` cannot convert is `Abort(.unprocessableEntity)`),
/// and they can become errors of a catalog of yours, so that they answer in the same shape:
///
/// ```swift
/// app.middleware.use(ErrgenMiddleware { error, request in
///     switch error.status {
///     case .notFound: NotesError.routeNotFound(path: request.url.path)
///     case .badRequest, .unprocessableEntity: NotesError.malformedRequest(reason: error.reason)
///     default: nil
///     }
/// })
/// ```
///
/// Every other error passes through untouched, to the middleware before this one and to
/// `ErrorMiddleware`. Vapor answers a HEAD with the GET route of its path; the middleware then
/// answers it with the GET's status and headers, `Content-Length` the length of the GET's body,
/// and no body.
public struct ErrgenMiddleware: AsyncMiddleware {
    /// The catalog error that stands for one of Vapor's own errors, or nil to let it pass.
    public typealias FrameworkErrors = @Sendable (any AbortError, Request) -> (any CatalogError)?

    let frameworkErrors: FrameworkErrors

    /// - Parameter frameworkErrors: the catalog error to answer in place of one of Vapor's own
    ///   errors; by default none (they pass through).
    public init(frameworkErrors: @escaping FrameworkErrors = { _, _ in nil }) {
        self.frameworkErrors = frameworkErrors
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as any CatalogError {
            return Self.response(error, to: request)
        } catch let error as any AbortError {
            guard let mapped = frameworkErrors(error, request) else { throw error }
            return Self.response(mapped, to: request)
        }
    }

    /// The response to `request` for `error`, as `CatalogError.response(to:)` gives it: the same
    /// status and reason phrase, header fields and body (for a mapped `AbortError`, the catalog
    /// error's headers, not the `AbortError`'s).
    public static func response(_ error: any CatalogError, to request: Request) -> Response {
        let answer = error.response(to: head(of: request))
        var headers = HTTPHeaders()
        for field in answer.head.headerFields {
            headers.add(name: field.name.rawName, value: field.value)
        }
        // The header fields already hold the Content-Length, for HEAD the GET body's. Vapor's
        // other initializer would set it again from the body (0 for HEAD's empty one); this one
        // keeps the fields as they are.
        return Response(
            status: status(answer.head.status),
            version: request.version,
            headersNoUpdate: headers,
            body: answer.body.isEmpty ? .empty : Response.Body(buffer: ByteBuffer(bytes: answer.body))
        )
    }

    /// Vapor's request as swift-http-types has it: the method, the target and every header field.
    static func head(of request: Request) -> HTTPRequest {
        var fields = HTTPFields()
        for (name, value) in request.headers {
            guard let name = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: name, value: value))
        }
        return HTTPRequest(
            method: HTTPRequest.Method(request.method.rawValue) ?? .get,
            scheme: nil,
            authority: request.headers.first(name: .host),
            path: request.url.string,
            headerFields: fields
        )
    }

    /// The status as NIO has it, with the runtime's reason phrase: NIO's named status where the
    /// phrases agree (`.notFound`), else a custom one (422 is "Unprocessable Content").
    static func status(_ status: HTTPResponse.Status) -> HTTPResponseStatus {
        let named = HTTPResponseStatus(statusCode: status.code)
        return named.reasonPhrase == status.reasonPhrase ? named : .custom(code: UInt(status.code), reasonPhrase: status.reasonPhrase)
    }
}
#endif
