// Built with the package trait `Vapor` only.
#if Vapor
import ErrgenRuntime
import Vapor

extension RoutesBuilder {
    /// Adds errgen's conformance route, `GET /errgen/<catalog>/<code>?<name>=<value>…` (Vapor
    /// answers HEAD through it too), which throws the error of one of `catalogs` that the path
    /// names, with the query's values, for `ErrgenMiddleware` to answer; an unknown catalog or
    /// code is `Abort(.notFound)`, a query that does not give every parameter a value of its type
    /// `Abort(.badRequest)`. For errgen's conformance runner, in a test configuration only, never
    /// in production:
    ///
    /// ```swift
    /// if conformanceRoutes { app.addConformanceRoute(for: NotesError.self) }
    /// ```
    @discardableResult
    public func addConformanceRoute(for catalogs: any CatalogError.Type...) -> Route {
        get(PathComponent(stringLiteral: ConformanceRoute.prefix), ":catalog", ":code") { request async throws -> Response in
            let outcome = ConformanceRoute.outcome(
                catalog: try request.parameters.require("catalog"), code: try request.parameters.require("code"), query: request.url.query,
                among: catalogs)
            switch outcome {
            case let .error(error): throw error
            case .notFound: throw Abort(.notFound)
            case let .badQuery(reason): throw Abort(.badRequest, reason: reason)
            }
        }
    }
}
#endif
