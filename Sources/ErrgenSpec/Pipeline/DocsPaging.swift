/// How a catalog's documentation is split into pages: a catalog of more than `pageSize` errors
/// gets an overview page (`raws.html`, `raws.md`: the table of every error, each row carrying the
/// error's anchor, so `raws.html#<anchor>` still resolves) and pages of `pageSize` errors each
/// (`raws-1.html`, `raws-2.html`, …) with the errors' sections. A smaller catalog is one page.
public struct DocsPaging: Sendable, Hashable {
    public struct Page: Sendable, Hashable {
        /// From 1.
        public var number: Int
        public var errors: Range<Int>
    }

    public var errorCount: Int
    public var pageSize: Int

    public init(errorCount: Int, pageSize: Int) {
        self.errorCount = errorCount
        self.pageSize = max(1, pageSize)
    }

    public var isSplit: Bool { errorCount > pageSize }

    /// The pages of errors, none when the catalog is one page.
    public var pages: [Page] {
        guard isSplit else { return [] }
        return stride(from: 0, to: errorCount, by: pageSize).enumerated().map { number, start in
            Page(number: number + 1, errors: start..<min(errorCount, start + pageSize))
        }
    }

    /// The page (from 1) that holds error `index`.
    public func page(of index: Int) -> Int { index / pageSize + 1 }

    /// `raws-2`: a page's file name without extension.
    public static func fileName(_ catalog: String, page: Int) -> String { "\(catalog)-\(page)" }
}

/// Which page of a catalog a docs context describes.
public enum DocsPageKind: Sendable, Hashable {
    /// Every error, on one page.
    case whole
    /// The overview of a split catalog: the table of every error, linking to the pages.
    case overview(DocsPaging)
    /// One page of a split catalog's errors, numbered from 1.
    case part(DocsPaging, Int)
}
