import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Generated
import Testing

/// The spec against the two pages it was written from (`../shared/seeds/`): every RAWS code,
/// message and status exactly as its table gives them, and every RestAuth message as its page
/// writes it. Skipped where the pages are absent, except in CI, where that fails.
@Suite struct SeedFidelityTests {
    static let rawsPage = "seeds/raws-error-response.txt"
    static let restAuthPage = "seeds/restauth-general-response-codes.txt"

    @Test(.needs(rawsPage))
    func rawsTableIsTheSpec() throws {
        let page = try String(contentsOf: SharedMaterial.require(Self.rawsPage), encoding: .utf8)
        // Table rows: `Code Message... 400 BAD REQUEST`.
        var rows: [(code: String, message: String, status: Int)] = []
        let pattern = try Regex(#"^(\w+) (.+?) (\d{3}) [A-Z ]+$"#)
        for line in page.split(separator: "\n") {
            if let match = try pattern.wholeMatch(in: String(line)),
                let code = match.output[1].substring, let message = match.output[2].substring,
                let status = match.output[3].substring.flatMap({ Int($0) })
            {
                rows.append((String(code), String(message), status))
            }
        }
        #expect(rows.count == 24)
        let catalog = try #require(try bundledSpec().catalogs.first { $0.name.value == "RAWS" })
        #expect(catalog.errors.map(\.code.value) == rows.map(\.code))
        for (entry, row) in zip(catalog.errors, rows) {
            #expect(entry.status.value == row.status, "\(row.code)")
            #expect(entry.message.value.source == row.message, "\(row.code)")
        }
        // The generated type sends the same.
        #expect(RAWSError.allCodes == rows.map(\.code))
        #expect(RAWSError.Code.allCases.map(\.statusCode) == rows.map(\.status))
        // The namespace of the page's example document.
        #expect(page.contains(#"<error xmlns="\#(RAWSError.catalog.xmlNamespace ?? "-")">"#))
    }

    @Test(.needs(restAuthPage))
    func restAuthMessagesAreThePage() throws {
        let page = try String(contentsOf: SharedMaterial.require(Self.restAuthPage), encoding: .utf8)
        let lines = Set(page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let catalog = try #require(try bundledSpec().catalogs.first { $0.name.value == "RestAuth" })
        // The page writes placeholders as <name>; the spec as {name}.
        let pageMessages = [
            "service-not-allowed-from-address": 401, "authentication-required": 401,
            "no-service-allowed-from-address": 403, "invalid-auth-provider": 500, "unknown-webserver-user": 500,
        ]
        for (code, status) in pageMessages {
            let entry = try #require(catalog.errors.first { $0.code.value == code })
            #expect(entry.status.value == status)
            let asOnPage = entry.message.value.render { "<\($0)>" }
            #expect(lines.contains(asOnPage), "\(code): '\(asOnPage)' is not a line of the page")
        }
        // Statuses the page names, and none other.
        #expect(Set(catalog.errors.map(\.status.value)) == [401, 403, 406, 500])
        #expect(catalog.formats.map(\.kind) == [.text, .json])
        // Every explanation the page gives is in the description of its error.
        let explanations = [
            "service-not-allowed-from-address": "The service is known to the system, but is not allowed to connect from the IP address that the request is coming from.",
            "authentication-required": "This means that no initial authentication was provided.",
            "no-service-allowed-from-address": "This means that no service is allowed to connect from the IP address you use.",
            "not-acceptable": "Currently the only supported Content-Types are 'text/plain' and 'application/json'.",
            "unknown-webserver-user": "Indicates that the webserver already authenticated the service, but the username it used is unknown to RestAuth.",
            "internal-error": "If you encounter this, you should view this in your browser and file a bug-report.",
        ]
        for (code, sentence) in explanations {
            #expect(page.contains(sentence))
            let description = catalog.errors.first { $0.code.value == code }?.description ?? ""
            #expect(description.contains(sentence), "\(code)")
        }
    }
}
