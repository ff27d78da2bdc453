import ErrgenCore
import ErrgenSpec
import ErrgenSwift
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

/// A catalog's `swift-naming` rules, and YAML merge keys, which a spec cannot use.
@Suite struct NamingRuleTests {
    @Test(arguments: [
        ("ER_DUP_ENTRY", "dupEntry"), ("ER_BAD_SQL_QUERY", "badSQLQuery"), ("ER_SQL_ERROR", "sqlError"),
        ("WARN_UTF8_ID_BAD", "utf8IDBad"), ("ER_1045", "_1045"), ("ER_", "er"), ("InvalidSqlQuery", "invalidSQLQuery"),
        ("NOT_PREFIXED", "notPrefixed"),
    ])
    func prefixesAreStrippedAndAcronymsKept(_ code: String, _ expected: String) {
        #expect(SwiftNames.lowerCamel(code, strippingPrefixes: ["ER_", "WARN_"], acronyms: ["SQL", "UTF8", "ID"]) == expected)
    }

    @Test func aCatalogsRulesNameItsErrorsAndSwiftNameStillWins() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              MySQL:
                title: MySQL
                formats: [json]
                swift-naming:
                  strip-prefixes: [ER_]
                  acronyms: [SQL]
                errors:
                  ER_BAD_SQL: {status: 400, message: Bad.}
                  ER_DUP_ENTRY: {status: 409, message: Dup., swift-name: duplicate}
            """)
        #expect(spec.catalogs[0].errors.map(\.swiftCaseName) == ["badSQL", "duplicate"])
    }

    @Test func badRulesAreNamed() {
        #expect(diagnose("""
            errgen: 1
            catalogs:
              A:
                title: A
                formats: [json]
                swift-naming: {strip-prefixes: [""], acronyms: [SQL, sql, "U-8"], strip: x}
                errors:
                  E: {status: 400, message: E.}
            """) == [
                "6:37: error: a prefix to strip is not empty",
                "6:58: error: acronym 'sql' is listed twice (first at 6:53)",
                "6:63: error: acronym 'U-8' is not a word: ASCII letters and digits, starting with a letter",
                "6:71: error: unknown key 'strip' in 'swift-naming' of catalog 'A' (expected one of: acronyms, strip-prefixes)",
            ])
    }

    @Test func twoCodesThatTheRulesMakeOneNameClash() {
        #expect(diagnose("""
            errgen: 1
            catalogs:
              A:
                title: A
                formats: [json]
                swift-naming: {strip-prefixes: [ER_]}
                errors:
                  ER_GONE: {status: 410, message: A.}
                  GONE: {status: 410, message: B.}
            """) == [
                "9:7: error: errors 'ER_GONE' and 'GONE' both have the Swift case name 'gone'; set 'swift-name' on one of them"
            ])
    }

    @Test func aMergeKeyIsOneDiagnosticThatSaysWhatToUse() {
        #expect(diagnose("""
            errgen: 1
            catalogs:
              A:
                title: A
                formats: [json]
                errors:
                  Base: &base {status: 400, message: Bad.}
                  Other:
                    <<: *base
                    message: Other.
            """) == [
                "9:9: error: YAML merge keys ('<<') are not supported (a spec is YAML 1.2, which has none): write the keys out, or share whole errors between catalogs with the spec's 'shared-errors' and a catalog's 'include'"
            ])
        // Quoted, it is an ordinary key (YAML 1.2 has no merge): unknown, as any other.
        #expect(diagnose("""
            errgen: 1
            catalogs:
              A:
                title: A
                formats: [json]
                errors:
                  Other: {"<<": x, status: 400, message: Other.}
            """).first?.hasPrefix("7:15: error: unknown key '<<' in error 'Other'") == true)
    }
}

/// Errors defined once under `shared-errors` and included by catalogs.
@Suite struct SharedErrorTests {
    func spec(_ catalogs: String) -> String {
        """
        errgen: 1
        shared-errors:
          invalid_auth:
            status: 401
            message: Invalid token.
          not_authed:
            status: 401
            message: "No token{hint}."
            parameters: {hint: string}
        catalogs:
        \(catalogs.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    @Test func includedErrorsFollowTheCatalogsOwnInTheOrderNamed() throws {
        let spec = try validSpec(spec("""
            Chat:
              title: Chat
              formats: [json]
              include: [not_authed, invalid_auth]
              errors:
                channel_not_found: {status: 404, message: No channel.}
            Files:
              title: Files
              formats: [json]
              include: "*"
            """))
        #expect(spec.catalogs[0].errors.map(\.code.value) == ["channel_not_found", "not_authed", "invalid_auth"])
        #expect(spec.catalogs[1].errors.map(\.code.value) == ["invalid_auth", "not_authed"])
        // One definition: both catalogs' copies point at it.
        #expect(spec.catalogs[0].errors[2].code.location == spec.catalogs[1].errors[0].code.location)
        #expect(spec.catalogs[0].errors[2].code.location.line == 3)
    }

    @Test func wrongIncludesAreNamedAtTheName() {
        #expect(diagnose(spec("""
            Chat:
              title: Chat
              formats: [json]
              include: [invalid_auht, invalid_auth, invalid_auth]
              errors:
                not_authed: {status: 401, message: Mine.}
            Files:
              title: Files
              formats: [json]
              include: [not_authed]
              errors:
                not_authed: {status: 401, message: Mine.}
            """)) == [
                "6:3: warning: shared error 'not_authed' is included by no catalog",
                "14:15: error: 'invalid_auht' is not one of the spec's 'shared-errors'; did you mean 'invalid_auth'?",
                "14:43: error: 'invalid_auth' is included twice (first at 14:29)",
                "20:15: error: catalog 'Files' defines 'not_authed' itself (at 22:7) and includes the shared one; remove one",
            ])
    }

    @Test func anIncludedErrorIsCheckedInEachCatalogAtItsOwnLines() {
        // The shared error's parameter clashes with one catalog's members; its diagnostics point at the shared definition.
        #expect(diagnose(spec("""
            Chat:
              title: Chat
              formats: [json]
              metadata: {product: string}
              include: [invalid_auth]
            """)) == [
                "3:3: error: error 'invalid_auth' lacks metadata 'product', which every error of catalog 'Chat' states (give it a value, or give the key a 'default' or 'optional: true')",
                "6:3: warning: shared error 'not_authed' is included by no catalog",
            ])
    }
}
