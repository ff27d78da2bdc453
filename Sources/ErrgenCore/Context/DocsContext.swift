import ErrgenRuntime
import ErrgenSpec

/// What the docs templates receive. Markdown templates use the `…Markdown` strings, already
/// escaped for where they go (`{{{…}}}`); HTML templates use the plain strings, which Mustache
/// escapes (`{{…}}`), and the `…HTML` strings, already safe HTML (`{{{…}}}`).
public struct DocsIndexContext: Sendable {
    /// The generated-file line, as a comment for the page type (`<!-- … -->`).
    public var header: String
    public var catalogs: [DocsCatalogSummary]
}

public struct DocsCatalogSummary: Sendable {
    public var name: String
    public var title: String
    public var titleMarkdown: String
    public var summary: String
    public var summaryMarkdown: String
    /// The page's file name without extension (`raws`).
    public var fileName: String
    public var errorCount: Int
}

public struct DocsCatalogContext: Sendable {
    public var header: String
    public var name: String
    public var title: String
    public var titleMarkdown: String
    /// Markdown as the spec wrote it, and the same as HTML.
    public var summaryMarkdown: String
    public var summaryHTML: String
    public var descriptionMarkdown: String
    public var descriptionHTML: String
    public var hasDescription: Bool
    public var formats: [DocsFormat]
    /// The page's errors: every error of the catalog, except on a page of a split catalog
    /// (`isPart`), which holds its own errors only.
    public var errors: [DocsError]
    public var hasSharedParameters: Bool
    public var sharedParameters: [DocsParameter]
    /// The catalog's number of errors, on every page.
    public var errorCount: Int
    /// Whether the catalog is split into pages (see `DocsPaging`): this context is its overview
    /// (the table of every error, each row with the error's anchor as its id, no sections) or one
    /// of its pages (`isPart`: the sections of its errors, no table).
    public var isSplit: Bool
    public var isPart: Bool
    /// Whether the errors' sections are on this page: not on a split catalog's overview.
    public var hasSections: Bool
    /// The pages of a split catalog, in order; empty otherwise.
    public var pages: [DocsPageLink]
    public var hasPages: Bool
    /// On a page of a split catalog: which errors it holds (`Errors 501–1000`).
    public var partLabel: String
    public var partLabelMarkdown: String
    /// The file name, without extension, of the catalog's page or overview (`raws`).
    public var overviewFileName: String
    /// The catalog's languages, the default first, each with how many errors it covers.
    public var languages: [DocsLanguage]
    /// Whether the catalog has more than one language.
    public var hasLanguages: Bool
    /// Whether any error is retired (listed apart from the others).
    public var hasRetired: Bool
    /// The catalog's metadata keys, in spec order.
    public var metadataKeys: [DocsMetadataKey]
    public var hasMetadataKeys: Bool
    /// False for a catalog without HTTP (`http: false`): no formats, no statuses.
    public var isHTTP: Bool = true
    /// Whether a request that accepts none of the formats is answered in the default format
    /// (`not-acceptable: default-format`) rather than with a 406.
    public var answersInDefaultFormat: Bool = false
}

/// A metadata key of a catalog.
public struct DocsMetadataKey: Sendable {
    public var name: String
    public var nameCellMarkdown: String
    /// `string`, `integer`, `number` or `boolean`.
    public var type: String
    public var optional: Bool
    /// The value of an error that states none, as text; empty without one.
    public var defaultValue: String
    public var defaultCellMarkdown: String
    public var hasDefault: Bool
    public var descriptionCellMarkdown: String
    public var descriptionHTML: String
}

/// A metadata value of an error.
public struct DocsMetadata: Sendable {
    public var name: String
    public var nameCellMarkdown: String
    /// The value as text (`23505`, `true`).
    public var value: String
    public var valueCellMarkdown: String
}

/// A language of a catalog and its coverage.
public struct DocsLanguage: Sendable {
    /// The BCP 47 tag.
    public var tag: String
    public var isDefault: Bool
    /// How many errors have a message in this language (all, for the default language).
    public var translatedCount: Int
    public var errorCount: Int
    /// `translatedCount` as a whole percentage of `errorCount`, rounded down.
    public var percent: Int
}

/// An error's message in another language.
public struct DocsTranslation: Sendable {
    public var language: String
    public var message: String
    public var messageMarkdown: String
    public var messageCellMarkdown: String
    public var title: String
}

public struct DocsFormat: Sendable {
    public var format: String
    public var contentType: String
    public var contentTypeMarkdown: String
    public var isDefault: Bool
}

public struct DocsError: Sendable {
    public var code: String
    /// The code as a Markdown code span (for headings) and as one in a table cell.
    public var codeMarkdown: String
    public var codeCellMarkdown: String
    /// The fragment of the error's section, the one problem details link to.
    public var anchor: String
    /// Where the error's section is, from the page of the context: `#anchor` on a page that
    /// holds it, `raws-2.html#anchor` (`raws-2.md#anchor`) on a split catalog's overview.
    public var htmlHref: String
    public var markdownHref: String
    public var status: Int
    /// `400 Bad Request`.
    public var statusLine: String
    /// The message template, escaped as text and for a table cell.
    public var message: String
    public var messageMarkdown: String
    public var messageCellMarkdown: String
    public var title: String
    public var descriptionMarkdown: String
    public var descriptionHTML: String
    public var hasDescription: Bool
    public var deprecated: Bool
    public var deprecationMessage: String
    public var deprecationMarkdown: String
    public var swiftName: String
    public var swiftNameMarkdown: String
    public var parameters: [DocsParameter]
    public var hasParameters: Bool
    public var headers: [DocsHeader]
    public var hasHeaders: Bool
    /// The error's metadata, a value per key of the catalog it has one for, in key order.
    public var metadata: [DocsMetadata] = []
    public var hasMetadata: Bool = false
    /// False in a catalog without HTTP, whose errors have no status (`statusLine` is then empty).
    public var isHTTP: Bool = true
    /// The error's own documentation link (`documentation-url` on the error), empty without one;
    /// as Markdown link text and destination.
    public var documentationLink: String = ""
    public var documentationLinkMarkdown: String = ""
    public var documentationLinkMarkdownHref: String = ""
    public var hasDocumentationLink: Bool = false
    /// A GET per offered format, as the runtime answers it.
    public var examples: [DocsExample]
    /// The message in each language after the default that the error is translated into.
    public var translations: [DocsTranslation]
    public var hasTranslations: Bool
    /// No longer sent (`retired:`): the version, the reason and the error sent instead.
    public var retired: Bool
    public var retiredIn: String
    public var retiredInMarkdown: String
    public var retiredInCellMarkdown: String
    public var retirementReason: String
    public var retirementReasonMarkdown: String
    public var hasRetirementReason: Bool
    public var replacement: String
    public var replacementMarkdown: String
    public var replacementCellMarkdown: String
    public var replacementHTMLHref: String
    public var replacementMarkdownHref: String
    public var hasReplacement: Bool
    /// The version that first sent the error (`since:`), or empty.
    public var since: String
    public var sinceMarkdown: String
    public var hasSince: Bool
}

public struct DocsParameter: Sendable {
    public var name: String
    public var nameCellMarkdown: String
    public var type: String
    public var description: String
    public var descriptionCellMarkdown: String
    public var descriptionHTML: String
    public var sample: String
    public var sampleCellMarkdown: String
    public var shared: Bool
}

public struct DocsHeader: Sendable {
    public var name: String
    public var nameCellMarkdown: String
    public var value: String
    public var valueCellMarkdown: String
}

public struct DocsExample: Sendable {
    public var format: String
    public var contentType: String
    public var contentTypeMarkdown: String
    /// The status line and header fields, one per line.
    public var head: String
    public var body: String
    /// The body ending in exactly one line break, for a fenced code block.
    public var bodyBlock: String
    /// The language of the body's fenced code block: `xml`, `json` or `text`.
    public var language: String
    /// Fences long enough for the head and the body.
    public var headFence: String
    public var bodyFence: String
}

/// Builds template contexts from the resolved spec.
public enum ContextBuilder {
    public static func docsIndex(_ spec: ResolvedSpec, header: String) -> DocsIndexContext {
        DocsIndexContext(
            header: header,
            catalogs: spec.catalogs.map { catalog in
                DocsCatalogSummary(
                    name: catalog.name, title: catalog.title, titleMarkdown: Markdown.text(catalog.title),
                    summary: catalog.summary ?? "", summaryMarkdown: Markdown.markdownCell(catalog.summary ?? ""),
                    fileName: catalog.fileName, errorCount: catalog.errors.count)
            })
    }

    /// The context of a catalog's page: by default every error on one page; `page` selects the
    /// overview or one page of a catalog split by `DocsPaging`.
    public static func docsCatalog(
        _ spec: ResolvedCatalog, header: String, examples: CatalogExamples? = nil, page: DocsPageKind = .whole
    ) -> DocsCatalogContext {
        let examples = examples ?? CatalogExamples(spec)
        let catalog = examples.catalog
        // The shared parameters' rows are the same in every error's table: made once.
        let shared = spec.parameters.map(docsParameter)
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
            var error = docsError(resolved, in: spec, shared: shared, examples: isOverview ? nil : examples.errors[index])
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
            let label = "Errors \(page.errors.lowerBound + 1)–\(page.errors.upperBound)"
            return DocsPageLink(
                number: page.number, fileName: DocsPaging.fileName(spec.fileName, page: page.number),
                label: label, labelMarkdown: Markdown.text(label), isCurrent: page.number == current)
        }
        let partLabel = pages.first { $0.isCurrent }?.label ?? ""
        var context = DocsCatalogContext(
            header: header, name: spec.name, title: spec.title, titleMarkdown: Markdown.text(spec.title),
            summaryMarkdown: Markdown.block(spec.summary ?? ""), summaryHTML: HTML.markdown(spec.summary ?? ""),
            descriptionMarkdown: Markdown.block(spec.description ?? ""), descriptionHTML: HTML.markdown(spec.description ?? ""),
            hasDescription: !(spec.description ?? "").isEmpty,
            formats: catalog.formats.map { format in
                DocsFormat(
                    format: format.rawValue, contentType: format.contentType, contentTypeMarkdown: Markdown.code(format.contentType),
                    isDefault: format == catalog.defaultFormat)
            },
            errors: errors, hasSharedParameters: !shared.isEmpty, sharedParameters: shared,
            errorCount: spec.errors.count, isSplit: paging != nil, isPart: current != 0, hasSections: !isOverview,
            pages: pages, hasPages: !pages.isEmpty, partLabel: partLabel, partLabelMarkdown: Markdown.text(partLabel),
            overviewFileName: spec.fileName,
            languages: spec.coverage.map { line in
                DocsLanguage(
                    tag: line.language, isDefault: line.isDefault, translatedCount: line.translated, errorCount: line.errors,
                    percent: line.percent)
            },
            hasLanguages: spec.languages.count > 1,
            hasRetired: spec.hasRetired,
            metadataKeys: spec.metadataKeys.map { key in
                let value = key.defaultValue?.description ?? ""
                let description = key.description ?? ""
                return DocsMetadataKey(
                    name: key.name, nameCellMarkdown: Markdown.code(key.name, inTable: true), type: key.kind.rawValue,
                    optional: key.isOptional, defaultValue: value, defaultCellMarkdown: value.isEmpty ? "" : Markdown.code(value, inTable: true),
                    hasDefault: key.source.defaultValue != nil, descriptionCellMarkdown: Markdown.markdownCell(description),
                    descriptionHTML: HTML.markdown(description))
            },
            hasMetadataKeys: !spec.metadataKeys.isEmpty)
        context.isHTTP = spec.isHTTP
        context.answersInDefaultFormat = spec.notAcceptable == .defaultFormat
        return context
    }

    static func docsParameter(_ parameter: ResolvedParameter) -> DocsParameter {
        let description = parameter.description ?? ""
        return DocsParameter(
            name: parameter.name, nameCellMarkdown: Markdown.code(parameter.name, inTable: true),
            type: parameter.typeName + (parameter.isOptional ? " (optional)" : ""), description: description,
            descriptionCellMarkdown: Markdown.markdownCell(description), descriptionHTML: HTML.markdown(description),
            sample: parameter.sample, sampleCellMarkdown: Markdown.code(parameter.sample, inTable: true), shared: parameter.shared)
    }

    static func docsError(_ entry: ResolvedError, in spec: ResolvedCatalog, shared: [DocsParameter], examples: ErrorExamples?) -> DocsError {
        let description = entry.description ?? ""
        let parameters = entry.parameters.prefix(entry.ownParameterCount).map(docsParameter) + shared
        let headers = entry.headers.map { header in
            DocsHeader(
                name: header.name.value, nameCellMarkdown: Markdown.code(header.name.value, inTable: true),
                value: header.value.value.source, valueCellMarkdown: Markdown.code(header.value.value.source, inTable: true))
        }
        let examples = (examples?.exchanges ?? []).filter { $0.kind == .get }.map { exchange -> DocsExample in
            let response = exchange.response
            let head = response.headText
            let format = response.format ?? .text
            let body = response.bodyText
            return DocsExample(
                format: format.rawValue, contentType: format.contentType, contentTypeMarkdown: Markdown.code(format.contentType),
                head: head, body: body, bodyBlock: body.hasSuffix("\n") ? body : body + "\n", language: format == .xml || format == .problemXML ? "xml" : format == .text ? "text" : "json",
                headFence: Markdown.fence(for: head), bodyFence: Markdown.fence(for: body))
        }
        let deprecation = entry.deprecation?.message ?? ""
        let translations = entry.translations.map { translation -> DocsTranslation in
            let source = translation.message.source
            return DocsTranslation(
                language: translation.language, message: source, messageMarkdown: Markdown.text(source), messageCellMarkdown: Markdown.cell(source),
                title: translation.ownTitle ?? "")
        }
        let retiredIn = entry.retirement?.version.value ?? ""
        let reason = entry.retirement?.reason ?? ""
        let replacement = entry.retirement?.replacement?.value ?? ""
        let since = entry.since ?? ""
        var metadata: [DocsMetadata] = []
        for (key, value) in zip(spec.metadataKeys, entry.metadata) {
            guard let text = value?.description else { continue }
            metadata.append(DocsMetadata(
                name: key.name, nameCellMarkdown: Markdown.code(key.name, inTable: true),
                value: text, valueCellMarkdown: Markdown.code(text, inTable: true)))
        }
        let message = entry.message.source
        var error = DocsError(
            code: entry.code, codeMarkdown: Markdown.code(entry.code),
            codeCellMarkdown: Markdown.code(entry.code, inTable: true),
            anchor: entry.anchor, htmlHref: "#" + entry.anchor, markdownHref: "#" + entry.anchor, status: entry.status,
            statusLine: spec.isHTTP ? entry.statusLine : "",
            message: message, messageMarkdown: Markdown.text(message),
            messageCellMarkdown: Markdown.cell(message), title: entry.title,
            descriptionMarkdown: Markdown.block(description), descriptionHTML: HTML.markdown(description), hasDescription: !description.isEmpty,
            deprecated: entry.deprecation != nil, deprecationMessage: deprecation, deprecationMarkdown: Markdown.text(deprecation),
            swiftName: entry.swiftName, swiftNameMarkdown: Markdown.code(entry.swiftName),
            parameters: parameters, hasParameters: !parameters.isEmpty, headers: headers, hasHeaders: !headers.isEmpty,
            examples: examples, translations: translations, hasTranslations: !translations.isEmpty,
            retired: entry.retirement != nil, retiredIn: retiredIn, retiredInMarkdown: Markdown.text(retiredIn),
            retiredInCellMarkdown: Markdown.cell(retiredIn), retirementReason: reason, retirementReasonMarkdown: Markdown.text(reason),
            hasRetirementReason: !reason.isEmpty, replacement: replacement, replacementMarkdown: Markdown.code(replacement),
            replacementCellMarkdown: Markdown.code(replacement, inTable: true), replacementHTMLHref: "", replacementMarkdownHref: "",
            hasReplacement: !replacement.isEmpty, since: since, sinceMarkdown: Markdown.text(since), hasSince: !since.isEmpty)
        error.metadata = metadata
        error.hasMetadata = !metadata.isEmpty
        error.isHTTP = spec.isHTTP
        if let link = entry.ownDocumentationLink {
            error.documentationLink = link
            error.documentationLinkMarkdown = Markdown.text(link)
            error.documentationLinkMarkdownHref = Markdown.destination(link)
            error.hasDocumentationLink = true
        }
        return error
    }
}

/// A link to one page of a split catalog.
public struct DocsPageLink: Sendable {
    public var number: Int
    /// The file name without extension (`raws-2`).
    public var fileName: String
    /// `Errors 501–1000`, and the same escaped for Markdown.
    public var label: String
    public var labelMarkdown: String
    /// Whether it is the page the context describes.
    public var isCurrent: Bool
}
