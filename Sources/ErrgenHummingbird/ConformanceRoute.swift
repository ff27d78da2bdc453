// Built with the package trait `Hummingbird` only.
#if Hummingbird
import ErrgenRuntime
import Hummingbird

extension RouterMethods {
    /// Adds errgen's conformance route, `GET /errgen/<catalog>/<code>?<name>=<value>…` (and HEAD,
    /// with `.autoGenerateHeadEndpoints`), which throws the error of one of `catalogs` that the
    /// path names, with the query's values, for `ErrgenMiddleware` to answer; an unknown catalog
    /// or code is `HTTPError(.notFound)`, a query that does not give every parameter a value of
    /// its type `HTTPError(.badRequest)`. For errgen's conformance runner, in a test
    /// configuration only, never in production:
    ///
    /// ```swift
    /// if conformanceRoutes { router.addConformanceRoute(for: NotesError.self) }
    /// ```
    @discardableResult
    public func addConformanceRoute(for catalogs: any CatalogError.Type...) -> Self {
        get("/\(ConformanceRoute.prefix)/:catalog/:code") { request, context -> Response in
            let outcome = ConformanceRoute.outcome(
                catalog: try context.parameters.require("catalog"), code: try context.parameters.require("code"), query: request.uri.query,
                among: catalogs)
            switch outcome {
            case let .error(error): throw error
            case .notFound: throw HTTPError(.notFound)
            case let .badQuery(reason): throw HTTPError(.badRequest, message: reason)
            }
        }
    }
}
#endif
