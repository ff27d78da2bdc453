// Built with the package trait `Hummingbird` only: without it this module is empty, and neither
// Hummingbird nor SwiftNIO is fetched or built.
#if Hummingbird
import ErrgenRuntime
import Hummingbird

/// Turns every catalog error a route throws into the response its spec promises, negotiated
/// against the request: the format its `Accept` asks for (406 when none fits), the language of
/// its `Accept-Language`, the spec's headers, and for HEAD the GET's status and headers without
/// the body.
///
/// One line of setup, before the routes it covers (Hummingbird applies a router's middleware to
/// the routes added after it, and to requests no route matches):
///
/// ```swift
/// let router = Router(options: .autoGenerateHeadEndpoints)
/// router.add(middleware: ErrgenMiddleware())
/// ```
///
/// Hummingbird's own errors (an unknown route or method is `HTTPError(.notFound)`, a body that
/// does not decode `HTTPError(.badRequest)` with the decoder's message) can become errors of a
/// catalog of yours, so that they answer in the same shape:
///
/// ```swift
/// router.add(middleware: ErrgenMiddleware { error, request in
///     switch error.status {
///     case .notFound: NotesError.routeNotFound(path: request.uri.path)
///     case .badRequest: NotesError.malformedRequest(reason: error.body ?? "It is not what the route takes.")
///     default: nil
///     }
/// })
/// ```
///
/// Every other error passes through untouched, to the middleware before this one or to
/// Hummingbird. `.autoGenerateHeadEndpoints` is what routes a HEAD to its GET route in Hummingbird;
/// the middleware then answers the HEAD with the GET's `Content-Length` and no body.
public struct ErrgenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The catalog error that stands for one of Hummingbird's own errors, or nil to let it pass.
    public typealias FrameworkErrors = @Sendable (HTTPError, Request) -> (any CatalogError)?

    let frameworkErrors: FrameworkErrors

    /// - Parameter frameworkErrors: the catalog error to answer in place of one of Hummingbird's
    ///   own errors; by default none (they pass through).
    public init(frameworkErrors: @escaping FrameworkErrors = { _, _ in nil }) {
        self.frameworkErrors = frameworkErrors
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any CatalogError {
            return Self.response(error, to: request)
        } catch let error as HTTPError {
            guard let mapped = frameworkErrors(error, request) else { throw error }
            return Self.response(mapped, to: request)
        }
    }

    /// The response to `request` for `error`, as `CatalogError.response(to:)` gives it.
    public static func response(_ error: any CatalogError, to request: Request) -> Response {
        let answer = error.response(to: request.head)
        // The header fields already hold the Content-Length (for HEAD, the GET body's), which
        // Hummingbird keeps as it is.
        return Response(status: answer.head.status, headers: answer.head.headerFields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
#endif
