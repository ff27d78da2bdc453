/// The lending desk: lends books from the library's own `Catalog`, failing with the errors of
/// `errors.yaml`.
public struct Desk: Sendable {
    let catalog: [Swift.String]
    let branch: Swift.String
    public private(set) var loans: [Swift.String] = []

    public init(catalog: Catalog, branch: Swift.String) {
        self.catalog = catalog.books
        self.branch = branch
    }

    /// Lends the book with this ISBN, or fails with the error the desk answers with.
    public mutating func lend(_ isbn: Swift.String) throws(LibraryError) {
        guard catalog.contains(isbn) else { throw .bookNotFound(isbn: isbn, branch: branch) }
        guard loans.count < 2 else { throw .loanLimitReached(limit: 2, branch: branch) }
        loans.append(isbn)
    }
}
