import ErrgenRuntime
import Generated
import Testing

/// The conformance route's outcome, as every framework integration shares it: the catalog and
/// code from the path's percent-encoded segments, the values from the query as the request
/// carries it, 404 for what the catalogs lack, 400 for a query without a value of its type.
@Suite struct ConformanceRouteTests {
    static let catalogs: [any CatalogError.Type] = [RestAuthError.self, RAWSError.self]

    func raised(_ catalog: String, _ code: String, _ query: String?) -> (any CatalogError)? {
        if case let .error(error) = ConformanceRoute.outcome(catalog: catalog, code: code, query: query, among: Self.catalogs) { return error }
        return nil
    }

    @Test func theRouteRaisesTheNamedErrorWithTheQuerysValues() throws {
        let error = try #require(raised("RestAuth", "service-not-allowed-from-address", "service=example.com&ip-address=192.0.2.10"))
        #expect(error as? RestAuthError == .serviceNotAllowedFromAddress(service: "example.com", ipAddress: "192.0.2.10"))
        // Percent-encoded values and segments, `+` as a space, parameters in any order, names
        // the error does not have ignored.
        let encoded = try #require(raised("Rest%41uth", "service%2Dnot-allowed-from-address", "ip-address=192.0.2.10&extra=1&service=a+b%20%C3%A9%26"))
        #expect(encoded as? RestAuthError == .serviceNotAllowedFromAddress(service: "a b é&", ipAddress: "192.0.2.10"))
        // The second catalog, an error without parameters and no query.
        #expect(raised("RAWS", "InternalError", "reason=disk%20full") as? RAWSError == .internalError(reason: "disk full"))
        #expect(raised("RAWS", "InternalError", nil) == nil, "reason is required")
        #expect(raised("RestAuth", "authentication-required", "") as? RestAuthError == .authenticationRequired)
    }

    @Test func whatTheCatalogsLackIsNotFoundAndABadQueryIsSaid() {
        for (catalog, code) in [("Nope", "internal-error"), ("RestAuth", "InternalError"), ("restauth", "internal-error"), ("RestAuth", "%zz")] {
            guard case .notFound = ConformanceRoute.outcome(catalog: catalog, code: code, query: nil, among: Self.catalogs) else {
                Issue.record("\(catalog) \(code) is not 404")
                continue
            }
        }
        for query in ["service=example.com", "service=x&ip-address=%E2%28", "service=x&ip-address=%4"] {
            guard case let .badQuery(reason) = ConformanceRoute.outcome(catalog: "RestAuth", code: "service-not-allowed-from-address", query: query, among: Self.catalogs) else {
                Issue.record("\(query) is not a bad query")
                continue
            }
            #expect(!reason.isEmpty)
        }
        #expect(ConformanceRoute.percentDecoded("a%2Fb%c3%a9") == "a/bé")
        #expect(ConformanceRoute.percentDecoded("%C3") == nil)
    }
}
