import ErrgenRuntime
import ErrgenSpec

// What the docs templates receive, documented in `Documentation/Templates.md`. Each context wraps
// the resolved spec and lists its names once (`fields`). Markdown templates use the `…Markdown`
// strings, escaped for where they go (`{{{…}}}`); HTML templates use the plain strings, which
// Mustache escapes (`{{…}}`), and the `…HTML` strings, already safe HTML (`{{{…}}}`). Escaped
// strings are made when a template reads them, from the plain ones.

/// The index page: every catalog.
public struct DocsIndexContext: TemplateContext {
    /// The generated-file line, as a comment for the page type (`<!-- … -->`).
    public var header: String
    public var catalogs: [DocsCatalogSummary]

    public static let fields = ContextFields<Self>([
        "header": { .init($0.header) },
        "catalogs": { .init($0.catalogs) },
    ])
}

/// A catalog on the index page.
public struct DocsCatalogSummary: TemplateContext {
    let catalog: ResolvedCatalog

    public static let fields = ContextFields<Self>([
        "name": { .init($0.catalog.name) },
        "title": { .init($0.catalog.title) },
        "titleMarkdown": { .init(Markdown.text($0.catalog.title)) },
        "summary": { .init($0.catalog.summary ?? "") },
        "summaryMarkdown": { .init(Markdown.markdownCell($0.catalog.summary ?? "")) },
        // The page's file name without extension (`raws`).
        "fileName": { .init($0.catalog.fileName) },
        "errorCount": { .init($0.catalog.errors.count) },
    ])
}

/// A catalog's page: the whole catalog, or the overview or one page of a split catalog.
public struct DocsCatalogContext: TemplateContext {
    public var header: String
    let catalog: ResolvedCatalog
    /// The page's errors: every error of the catalog, except on a page of a split catalog
    /// (`isPart`), which holds its own errors only.
    public var errors: [DocsError]
    let sharedParameters: [DocsParameter]
    let formats: [DocsFormat]
    /// The pages of a split catalog, in order; empty otherwise.
    public var pages: [DocsPageLink]
    let isSplit: Bool
    let isPart: Bool

    var isOverview: Bool { isSplit && !isPart }
    /// On a page of a split catalog: which errors it holds (`Errors 501–1000`).
    var partLabel: String { pages.first { $0.isCurrent }?.label ?? "" }

    public static let fields = ContextFields<Self>([
        "header": { .init($0.header) },
        "name": { .init($0.catalog.name) },
        "title": { .init($0.catalog.title) },
        "titleMarkdown": { .init(Markdown.text($0.catalog.title)) },
        // Markdown as the spec wrote it, and the same as HTML.
        "summaryMarkdown": { .init(Markdown.block($0.catalog.summary ?? "")) },
        "summaryHTML": { .init(HTML.markdown($0.catalog.summary ?? "")) },
        "descriptionMarkdown": { .init(Markdown.block($0.catalog.description ?? "")) },
        "descriptionHTML": { .init(HTML.markdown($0.catalog.description ?? "")) },
        "hasDescription": { .init(!($0.catalog.description ?? "").isEmpty) },
        "formats": { .init($0.formats) },
        "errors": { .init($0.errors) },
        "hasSharedParameters": { .init(!$0.sharedParameters.isEmpty) },
        "sharedParameters": { .init($0.sharedParameters) },
        // The catalog's number of errors, on every page.
        "errorCount": { .init($0.catalog.errors.count) },
        // Whether the catalog is split into pages (see `DocsPaging`): this context is its overview
        // (the table of every error, each row with the error's anchor as its id, no sections) or
        // one of its pages (`isPart`: the sections of its errors, no table).
        "isSplit": { .init($0.isSplit) },
        "isPart": { .init($0.isPart) },
        // Whether the errors' sections are on this page: not on a split catalog's overview.
        "hasSections": { .init(!$0.isOverview) },
        "pages": { .init($0.pages) },
        "hasPages": { .init(!$0.pages.isEmpty) },
        "partLabel": { .init($0.partLabel) },
        "partLabelMarkdown": { .init(Markdown.text($0.partLabel)) },
        // The file name, without extension, of the catalog's page or overview (`raws`).
        "overviewFileName": { .init($0.catalog.fileName) },
        // The catalog's languages, the default first, each with how many errors it covers.
        "languages": { .init($0.catalog.coverage.map(DocsLanguage.init)) },
        "hasLanguages": { .init($0.catalog.languages.count > 1) },
        // Whether any error is retired (listed apart from the others).
        "hasRetired": { .init($0.catalog.hasRetired) },
        // The catalog's metadata keys, in spec order.
        "metadataKeys": { .init($0.catalog.metadataKeys.map(DocsMetadataKey.init)) },
        "hasMetadataKeys": { .init(!$0.catalog.metadataKeys.isEmpty) },
        // False for a catalog without HTTP (`http: false`): no formats, no statuses.
        "isHTTP": { .init($0.catalog.isHTTP) },
        // Whether a request that accepts none of the formats is answered in the default format
        // (`not-acceptable: default-format`) rather than with a 406.
        "answersInDefaultFormat": { .init($0.catalog.notAcceptable == .defaultFormat) },
        // The default language's tag where it is not English, for a `lang` attribute on the
        // messages of a page whose own words are English; empty where it is.
        "messageLanguage": { .init($0.messageLanguage) },
        // What the filter box can find, for its placeholder: `Code, status or words of a
        // message`, naming only what the catalog has (statuses, its metadata keys, languages).
        "filterPlaceholder": { .init($0.filterPlaceholder) },
        // The longest code's length in characters, at most 32, and the longest status line's:
        // the widths of the overview's columns, so that they keep their width while filtering.
        "codeColumnCharacters": { .init(min(32, $0.catalog.errors.lazy.map(\.code.count).max() ?? 4)) },
        "statusColumnCharacters": { .init($0.catalog.isHTTP ? $0.catalog.errors.lazy.map(\.statusLine.count).max() ?? 0 : 0) },
    ])

    var messageLanguage: String {
        let tag = catalog.languages[0]
        return tag.lowercased() == "en" || tag.lowercased().hasPrefix("en-") ? "" : tag
    }

    var filterPlaceholder: String {
        let things = ["code"] + (catalog.isHTTP ? ["status"] : []) + catalog.metadataKeys.map(\.name)
        let languages = catalog.languages.count > 1 ? " in any of its \(catalog.languages.count) languages" : ""
        return "Part of a " + things.joined(separator: ", ") + " or words of a message" + languages
    }
}

/// A metadata key of a catalog.
public struct DocsMetadataKey: TemplateContext {
    let key: ResolvedMetadataKey

    /// The value of an error that states none, as text; empty without one.
    var defaultValue: String { key.defaultValue?.description ?? "" }

    public static let fields = ContextFields<Self>([
        "name": { .init($0.key.name) },
        "nameCellMarkdown": { .init(Markdown.code($0.key.name, inTable: true)) },
        // `string`, `integer`, `number` or `boolean`.
        "type": { .init($0.key.kind.rawValue) },
        "optional": { .init($0.key.isOptional) },
        "defaultValue": { .init($0.defaultValue) },
        "defaultCellMarkdown": { .init($0.defaultValue.isEmpty ? "" : Markdown.code($0.defaultValue, inTable: true)) },
        "hasDefault": { .init($0.key.source.defaultValue != nil) },
        "descriptionCellMarkdown": { .init(Markdown.markdownCell($0.key.description ?? "")) },
        "descriptionHTML": { .init(HTML.markdown($0.key.description ?? "")) },
    ])
}

/// A metadata value of an error.
public struct DocsMetadata: TemplateContext {
    let name: String
    /// The value as text (`23505`, `true`).
    let value: String

    public static let fields = ContextFields<Self>([
        "name": { .init($0.name) },
        "nameCellMarkdown": { .init(Markdown.code($0.name, inTable: true)) },
        "value": { .init($0.value) },
        "valueCellMarkdown": { .init(Markdown.code($0.value, inTable: true)) },
    ])
}

/// A language of a catalog and its coverage.
public struct DocsLanguage: TemplateContext {
    let line: Coverage.Line

    public static let fields = ContextFields<Self>([
        // The BCP 47 tag.
        "tag": { .init($0.line.language) },
        // Its English name from the platform's locale data (`German`, `Portuguese (Brazil)`);
        // the tag itself where the data has none.
        "name": { .init(LanguageName.english($0.line.language)) },
        "nameCellMarkdown": { .init(Markdown.cell(LanguageName.english($0.line.language))) },
        "isDefault": { .init($0.line.isDefault) },
        // How many errors have a message in this language (all, for the default language).
        "translatedCount": { .init($0.line.translated) },
        "errorCount": { .init($0.line.errors) },
        // `translatedCount` as a whole percentage of `errorCount`, rounded down.
        "percent": { .init($0.line.percent) },
    ])
}

/// An error's message in another language.
public struct DocsTranslation: TemplateContext {
    let translation: ResolvedTranslation

    public static let fields = ContextFields<Self>([
        "language": { .init($0.translation.language) },
        // The language's English name (see `DocsLanguage`).
        "languageName": { .init(LanguageName.english($0.translation.language)) },
        "message": { .init($0.translation.message.source) },
        "messageMarkdown": { .init(Markdown.text($0.translation.message.source)) },
        "messageCellMarkdown": { .init(Markdown.cell($0.translation.message.source)) },
        // The translation's own title; empty without one.
        "title": { .init($0.translation.ownTitle ?? "") },
    ])
}

/// A format of a catalog.
public struct DocsFormat: TemplateContext {
    let format: WireFormat
    let isDefault: Bool

    public static let fields = ContextFields<Self>([
        "format": { .init($0.format.rawValue) },
        "contentType": { .init($0.format.contentType) },
        "contentTypeMarkdown": { .init(Markdown.code($0.format.contentType)) },
        "isDefault": { .init($0.isDefault) },
    ])
}

/// An error of a catalog's page.
public struct DocsError: TemplateContext {
    let error: ResolvedError
    let isHTTP: Bool
    /// The error's own parameters, then the catalog's.
    let parameters: [DocsParameter]
    /// A GET per offered format, as the runtime answers it.
    let examples: [DocsExample]
    let metadata: [DocsMetadata]
    /// Where the error's section is, from the page of the context: `#anchor` on a page that
    /// holds it, `raws-2.html#anchor` (`raws-2.md#anchor`) on a split catalog's overview.
    var htmlHref: String
    var markdownHref: String
    /// Where the section of the error sent instead of a retired one is, from the page.
    var replacementHTMLHref = ""
    var replacementMarkdownHref = ""

    var description: String { error.description ?? "" }
    var deprecation: String { error.deprecation?.message ?? "" }
    var retiredIn: String { error.retirement?.version.value ?? "" }
    var reason: String { error.retirement?.reason ?? "" }
    var replacement: String { error.retirement?.replacement?.value ?? "" }
    var since: String { error.since ?? "" }
    var link: String { error.ownDocumentationLink ?? "" }

    public static let fields = ContextFields<Self>([
        "code": { .init($0.error.code) },
        // The code as a Markdown code span (for headings) and as one in a table cell.
        "codeMarkdown": { .init(Markdown.code($0.error.code)) },
        "codeCellMarkdown": { .init(Markdown.code($0.error.code, inTable: true)) },
        // The fragment of the error's section, the one problem details link to.
        "anchor": { .init($0.error.anchor) },
        "htmlHref": { .init($0.htmlHref) },
        "markdownHref": { .init($0.markdownHref) },
        "status": { .init($0.error.status) },
        // `400 Bad Request`; empty in a catalog without HTTP.
        "statusLine": { .init($0.isHTTP ? $0.error.statusLine : "") },
        // The message template, escaped as text and for a table cell.
        "message": { .init($0.error.message.source) },
        "messageMarkdown": { .init(Markdown.text($0.error.message.source)) },
        "messageCellMarkdown": { .init(Markdown.cell($0.error.message.source)) },
        "title": { .init($0.error.title) },
        "descriptionMarkdown": { .init(Markdown.block($0.description)) },
        "descriptionHTML": { .init(HTML.markdown($0.description)) },
        "hasDescription": { .init(!$0.description.isEmpty) },
        "deprecated": { .init($0.error.deprecation != nil) },
        "deprecationMessage": { .init($0.deprecation) },
        "deprecationMarkdown": { .init(Markdown.text($0.deprecation)) },
        "swiftName": { .init($0.error.swiftName) },
        "swiftNameMarkdown": { .init(Markdown.code($0.error.swiftName)) },
        "parameters": { .init($0.parameters) },
        "hasParameters": { .init(!$0.parameters.isEmpty) },
        "headers": { .init($0.error.headers.map(DocsHeader.init)) },
        "hasHeaders": { .init(!$0.error.headers.isEmpty) },
        "examples": { .init($0.examples) },
        // The message in each language after the default that the error is translated into.
        "translations": { .init($0.error.translations.map(DocsTranslation.init)) },
        "hasTranslations": { .init(!$0.error.translations.isEmpty) },
        // No longer sent (`retired:`): the version, the reason and the error sent instead.
        "retired": { .init($0.error.retirement != nil) },
        "retiredIn": { .init($0.retiredIn) },
        "retiredInMarkdown": { .init(Markdown.text($0.retiredIn)) },
        "retiredInCellMarkdown": { .init(Markdown.cell($0.retiredIn)) },
        "retirementReason": { .init($0.reason) },
        "retirementReasonMarkdown": { .init(Markdown.text($0.reason)) },
        "hasRetirementReason": { .init(!$0.reason.isEmpty) },
        "replacement": { .init($0.replacement) },
        "replacementMarkdown": { .init(Markdown.code($0.replacement)) },
        "replacementCellMarkdown": { .init(Markdown.code($0.replacement, inTable: true)) },
        "replacementHTMLHref": { .init($0.replacementHTMLHref) },
        "replacementMarkdownHref": { .init($0.replacementMarkdownHref) },
        "hasReplacement": { .init(!$0.replacement.isEmpty) },
        // The version that first sent the error (`since:`), or empty.
        "since": { .init($0.since) },
        "sinceMarkdown": { .init(Markdown.text($0.since)) },
        "hasSince": { .init(!$0.since.isEmpty) },
        // The error's metadata, a value per key of the catalog it has one for, in key order.
        "metadata": { .init($0.metadata) },
        "hasMetadata": { .init(!$0.metadata.isEmpty) },
        // False in a catalog without HTTP, whose errors have no status.
        "isHTTP": { .init($0.isHTTP) },
        // The error's own documentation link (`documentation-url` on the error), empty without
        // one; as Markdown link text and destination.
        "documentationLink": { .init($0.link) },
        "documentationLinkMarkdown": { .init($0.link.isEmpty ? "" : Markdown.text($0.link)) },
        "documentationLinkMarkdownHref": { .init($0.link.isEmpty ? "" : Markdown.destination($0.link)) },
        "hasDocumentationLink": { .init(!$0.link.isEmpty) },
    ])
}

/// A parameter in an error's table.
public struct DocsParameter: TemplateContext {
    let parameter: ResolvedParameter

    public static let fields = ContextFields<Self>([
        "name": { .init($0.parameter.name) },
        "nameCellMarkdown": { .init(Markdown.code($0.parameter.name, inTable: true)) },
        "type": { .init($0.parameter.typeName + ($0.parameter.isOptional ? " (optional)" : "")) },
        "description": { .init($0.parameter.description ?? "") },
        "descriptionCellMarkdown": { .init(Markdown.markdownCell($0.parameter.description ?? "")) },
        "descriptionHTML": { .init(HTML.markdown($0.parameter.description ?? "")) },
        "sample": { .init($0.parameter.sample) },
        "sampleCellMarkdown": { .init(Markdown.code($0.parameter.sample, inTable: true)) },
        "shared": { .init($0.parameter.shared) },
    ])
}

/// A header an error adds.
public struct DocsHeader: TemplateContext {
    let header: HeaderSpec

    public static let fields = ContextFields<Self>([
        "name": { .init($0.header.name.value) },
        "nameCellMarkdown": { .init(Markdown.code($0.header.name.value, inTable: true)) },
        "value": { .init($0.header.value.value.source) },
        "valueCellMarkdown": { .init(Markdown.code($0.header.value.value.source, inTable: true)) },
    ])
}

/// An example response.
public struct DocsExample: TemplateContext {
    let response: ErrorResponse
    /// The status line and header fields, one per line.
    let head: String
    let body: String

    init(_ response: ErrorResponse) {
        self.response = response
        head = response.headText
        body = response.bodyText
    }

    var format: WireFormat { response.format ?? .text }

    public static let fields = ContextFields<Self>([
        "format": { .init($0.format.rawValue) },
        "contentType": { .init($0.format.contentType) },
        "contentTypeMarkdown": { .init(Markdown.code($0.format.contentType)) },
        "head": { .init($0.head) },
        "body": { .init($0.body) },
        // The body ending in exactly one line break, for a fenced code block.
        "bodyBlock": { .init($0.body.hasSuffix("\n") ? $0.body : $0.body + "\n") },
        // The language of the body's fenced code block: `xml`, `json` or `text`.
        "language": { .init($0.format == .xml || $0.format == .problemXML ? "xml" : $0.format == .text ? "text" : "json") },
        // Fences long enough for the head and the body.
        "headFence": { .init(Markdown.fence(for: $0.head)) },
        "bodyFence": { .init(Markdown.fence(for: $0.body)) },
    ])
}

/// A link to one page of a split catalog.
public struct DocsPageLink: TemplateContext {
    let number: Int
    /// The file name without extension (`raws-2`).
    let fileName: String
    /// `Errors 501–1000`.
    let label: String
    /// Whether it is the page the context describes.
    let isCurrent: Bool

    public static let fields = ContextFields<Self>([
        "number": { .init($0.number) },
        "fileName": { .init($0.fileName) },
        "label": { .init($0.label) },
        "labelMarkdown": { .init(Markdown.text($0.label)) },
        "isCurrent": { .init($0.isCurrent) },
    ])
}

/// Builds template contexts from the resolved spec.
public enum ContextBuilder {
    public static func docsIndex(_ spec: ResolvedSpec, header: String) -> DocsIndexContext {
        DocsIndexContext(header: header, catalogs: spec.catalogs.map(DocsCatalogSummary.init))
    }

    /// The context of a catalog's page: by default every error on one page; `page` selects the
    /// overview or one page of a catalog split by `DocsPaging`.
    public static func docsCatalog(
        _ spec: ResolvedCatalog, header: String, examples: CatalogExamples? = nil, page: DocsPageKind = .whole
    ) -> DocsCatalogContext {
        let examples = examples ?? CatalogExamples(spec)
        let catalog = examples.catalog
        // The shared parameters' rows are the same in every error's table: made once.
        let shared = spec.parameters.map(DocsParameter.init)
        let range: Range<Int>, paging: DocsPaging?, current: Int
        switch page {
        case .whole: (range, paging, current) = (0..<spec.errors.count, nil, 0)
        case let .overview(split): (range, paging, current) = (0..<spec.errors.count, split, 0)
        case let .part(split, number): (range, paging, current) = (split.pages.first { $0.number == number }?.errors ?? 0..<0, split, number)
        }
        let isOverview = paging != nil && current == 0
        let errors = range.map { index -> DocsError in
            let resolved = spec.errors[index]
            // The overview shows only the table: its rows need no examples.
            let exchanges = isOverview ? [] : examples.errors[index].exchanges.filter { $0.kind == .get }
            var metadata: [DocsMetadata] = []
            for (key, value) in zip(spec.metadataKeys, resolved.metadata) {
                if let value { metadata.append(DocsMetadata(name: key.name, value: value.description)) }
            }
            let anchor = "#" + resolved.anchor
            var error = DocsError(
                error: resolved, isHTTP: spec.isHTTP,
                parameters: resolved.parameters.prefix(resolved.ownParameterCount).map(DocsParameter.init) + shared,
                examples: exchanges.map { DocsExample($0.response) }, metadata: metadata, htmlHref: anchor, markdownHref: anchor)
            if let target = resolved.replacementIndex {
                // On a split catalog the error sent instead may be on another page: named with its page.
                let file = paging.map { DocsPaging.fileName(spec.fileName, page: $0.page(of: target)) }
                let anchor = "#" + spec.errors[target].anchor
                error.replacementHTMLHref = (file.map { $0 + ".html" } ?? "") + anchor
                error.replacementMarkdownHref = (file.map { $0 + ".md" } ?? "") + anchor
            }
            if isOverview, let paging {
                let file = DocsPaging.fileName(spec.fileName, page: paging.page(of: index))
                error.htmlHref = file + ".html" + error.htmlHref
                error.markdownHref = file + ".md" + error.markdownHref
            }
            return error
        }
        let pages = (paging?.pages ?? []).map { page in
            DocsPageLink(
                number: page.number, fileName: DocsPaging.fileName(spec.fileName, page: page.number),
                label: "Errors \(page.errors.lowerBound + 1)–\(page.errors.upperBound)", isCurrent: page.number == current)
        }
        return DocsCatalogContext(
            header: header, catalog: spec, errors: errors, sharedParameters: shared,
            formats: catalog.formats.map { DocsFormat(format: $0, isDefault: $0 == catalog.defaultFormat) },
            pages: pages, isSplit: paging != nil, isPart: current != 0)
    }
}
