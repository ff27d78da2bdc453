@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift
import Mustache
import Testing

/// Each template context answers every one of its stored properties by name, and nothing else,
/// so templates see exactly the documented context (the lookups are written by hand for speed).
@Suite struct ContextLookupTests {
    func check(_ value: any MustacheParent, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let mirror = Mirror(reflecting: value)
        for child in mirror.children {
            guard let label = child.label else { continue }
            let looked = value.child(named: label)
            #expect(looked != nil, "\(type(of: value)) does not answer '\(label)'", sourceLocation: sourceLocation)
            #expect(String(describing: looked.map { $0 } ?? "nil") == String(describing: child.value), "\(type(of: value)).\(label)", sourceLocation: sourceLocation)
            if let nested = child.value as? [any MustacheParent], let first = nested.first { check(first, sourceLocation: sourceLocation) }
        }
        #expect(value.child(named: "noSuchProperty") == nil)
    }

    @Test func everyContextAnswersItsProperties() throws {
        let spec = ResolvedSpec(try validSpec(try Paths.text("Tests/References/edge-cases/errors.yaml")))
        let catalog = try #require(spec.catalogs.first)
        check(ContextBuilder.docsIndex(spec, header: "h"))
        check(ContextBuilder.docsCatalog(catalog, header: "h"))
        // A split catalog's overview and pages, whose page links are contexts too.
        let paging = DocsPaging(errorCount: catalog.errors.count, pageSize: 2)
        check(ContextBuilder.docsCatalog(catalog, header: "h", page: .overview(paging)))
        check(ContextBuilder.docsCatalog(catalog, header: "h", page: .part(paging, 2)))
    }
}
