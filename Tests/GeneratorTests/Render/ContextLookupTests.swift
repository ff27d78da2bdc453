@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift
import Mustache
import Testing

/// Reads a context as a template does, by name: every name its type lists answers a value (for
/// errgen's compiled templates and for swift-mustache alike), a name it does not list answers
/// nothing, and every name is documented in `Documentation/Templates.md`. The contexts nested in
/// it (the first item of each list) are read the same way.
func checkContext(_ value: any TemplateContext, seen: inout Set<String>, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let type = Swift.type(of: value)
    let documentation = try Paths.text("Documentation/Templates.md")
    #expect(!type.keys.isEmpty || value is CustomParams, "\(type) lists no names", sourceLocation: sourceLocation)
    seen.insert(String(describing: type))
    for name in type.keys {
        #expect(value.value(named: name) != nil, "\(type) does not answer '\(name)'", sourceLocation: sourceLocation)
        #expect(value.child(named: name) != nil, "\(type) does not answer '\(name)' to swift-mustache", sourceLocation: sourceLocation)
        #expect(documentation.contains("`\(name)`"), "\(type).\(name) is not in Templates.md: \(name)", sourceLocation: sourceLocation)
        for item in value.child(named: name) as? [any TemplateContext] ?? [] {
            try checkContext(item, seen: &seen, sourceLocation: sourceLocation)
        }
        if let nested = value.child(named: name) as? any TemplateContext {
            try checkContext(nested, seen: &seen, sourceLocation: sourceLocation)
        }
    }
    #expect(value.value(named: "noSuchProperty") == nil && value.child(named: "noSuchProperty") == nil, sourceLocation: sourceLocation)
}

@Suite struct ContextLookupTests {
    @Test func everyDocsContextAnswersItsNames() throws {
        let spec = ResolvedSpec(try validSpec(try Paths.text("Tests/References/edge-cases/errors.yaml")))
        let catalog = try #require(spec.catalogs.first)
        var seen: Set<String> = []
        try checkContext(ContextBuilder.docsIndex(spec, header: "h"), seen: &seen)
        try checkContext(ContextBuilder.docsCatalog(catalog, header: "h"), seen: &seen)
        // A split catalog's overview and pages, whose page links are contexts too.
        let paging = DocsPaging(errorCount: catalog.errors.count, pageSize: 2)
        try checkContext(ContextBuilder.docsCatalog(catalog, header: "h", page: .overview(paging)), seen: &seen)
        try checkContext(ContextBuilder.docsCatalog(catalog, header: "h", page: .part(paging, 2)), seen: &seen)
        // Languages, translations and metadata, from the catalogs that have them.
        for file in ["Tests/References/languages/errors.yaml", "Tests/References/shared/errors.yaml"] {
            for catalog in ResolvedSpec(try validSpec(try Paths.text(file))).catalogs {
                try checkContext(ContextBuilder.docsCatalog(catalog, header: "h"), seen: &seen)
            }
        }
        #expect(seen.isSuperset(of: [
            "DocsIndexContext", "DocsCatalogSummary", "DocsCatalogContext", "DocsError", "DocsParameter", "DocsHeader", "DocsExample",
            "DocsFormat", "DocsPageLink", "DocsLanguage", "DocsTranslation", "DocsMetadata", "DocsMetadataKey",
        ]), "\(seen.sorted())")
    }
}
