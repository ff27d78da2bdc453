import ErrgenCore
import Foundation
import Testing

@Suite struct NamingTests {
    @Test(arguments: [
        ("InvalidURI", "invalidURI"), ("ResponsetTypeNotAcceptable", "responsetTypeNotAcceptable"),
        ("ip-address", "ipAddress"), ("ERR_DUP_KEY", "errDupKey"), ("1045", "_1045"), ("URLError", "urlError"),
        ("service-not-allowed-from-address", "serviceNotAllowedFromAddress"), ("RAWS", "raws"), ("HY000", "hy000"),
        ("already_exists", "alreadyExists"), ("", "_"),
    ])
    func lowerCamelCase(_ input: String, _ expected: String) {
        #expect(SwiftNames.lowerCamel(input) == expected)
    }

    @Test(arguments: [("RAWS", "RAWSError"), ("RestAuth", "RestAuthError"), ("rest-auth", "RestAuthError"), ("HTTPError", "HTTPError"), ("edge-cases", "EdgeCasesError")])
    func catalogTypeNames(_ name: String, _ expected: String) {
        let catalog = CatalogSpec(name: Located(name, at: .init(line: 1, column: 1)), title: "t", formats: [], errors: [])
        #expect(catalog.swiftTypeName == expected)
    }

    @Test func keywordsAreEscaped() {
        #expect(SwiftNames.escaped("default") == "`default`")
        #expect(SwiftNames.escaped("self") == "`self`")
        #expect(SwiftNames.escaped("notFound") == "notFound")
        #expect(SwiftNames.localName("in") == "in_")
        #expect(SwiftNames.localName("arguments") == "arguments_")
        #expect(SwiftNames.argumentLabel("in") == "in")
        #expect(SwiftNames.argumentLabel("inout") == "`inout`")
    }
}
