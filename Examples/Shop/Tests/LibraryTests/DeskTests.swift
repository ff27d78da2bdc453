import ErrgenRuntime
import Foundation
import HTTPTypes
import Testing

@testable import Library

/// The Library target declares its own `Catalog`, `String`, `Int`, `Bool`, `Double`, `Error` and
/// more; the generated `LibraryError` still works as the spec says.
@Suite struct DeskTests {
    @Test func theLibrarysOwnCatalogAndTheGeneratedErrorsLiveSideBySide() throws {
        var books = Catalog()
        books.books = ["978-0-13-110362-7"]
        var desk = Desk(catalog: books, branch: "Main Street")
        try desk.lend("978-0-13-110362-7")
        #expect(throws: LibraryError.bookNotFound(isbn: "0", branch: "Main Street")) { try desk.lend("0") }
        try desk.lend("978-0-13-110362-7")
        do {
            try desk.lend("978-0-13-110362-7")
            Issue.record("no error")
        } catch where error.code == .loanLimitReached {
            #expect(error.limit == 2)
            #expect(error.branch == "Main Street")
            #expect(error.message == "You may borrow 2 books at once.")
        }
    }

    @Test func everyParameterTypeAndTheCatalogTableWork() throws {
        let fine = LibraryError.fineDue(amount: 2.5, online: true, branch: "East")
        #expect(fine.message == "A fine of 2.5 is due (payable online: true).")
        #expect(fine.amount == 2.5)
        #expect(fine.online == true)
        #expect(fine.status == 402)
        #expect(LibraryError.Code.allCases.map(\.wireCode) == ["BookNotFound", "LoanLimitReached", "FineDue", "ReservationsClosed", "default"])
        #expect(LibraryError.Code(wireCode: "default") == .default)
        let request = HTTPRequest(method: .get, scheme: "https", authority: "library.example.com", path: "/loans")
        let response = LibraryError.default(branch: "East").response(to: request)
        #expect(response.head.status.code == 400)
        #expect(response.head.headerFields[.contentType] == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [Swift.String: Any])
        #expect(body["code"] as? Swift.String == "default")
    }
}
