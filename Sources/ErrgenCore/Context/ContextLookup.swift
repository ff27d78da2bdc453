import ErrgenSpec
import Mustache

// Direct, typed property lookup for the template contexts: errgen's compiled templates read them
// directly, and swift-mustache (for users' templates) through `MustacheParent`, instead of
// reflection, which dominated rendering time. `ContextLookupTests` keeps each lookup equal to the
// type's stored properties.

extension DocsIndexContext: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "header": return .init(self.header)
        case "catalogs": return .init(self.catalogs)
        default: return nil
        }
    }
}

extension DocsCatalogSummary: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": return .init(self.name)
        case "title": return .init(self.title)
        case "titleMarkdown": return .init(self.titleMarkdown)
        case "summary": return .init(self.summary)
        case "summaryMarkdown": return .init(self.summaryMarkdown)
        case "fileName": return .init(self.fileName)
        case "errorCount": return .init(self.errorCount)
        default: return nil
        }
    }
}

extension DocsCatalogContext: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "header": return .init(self.header)
        case "name": return .init(self.name)
        case "title": return .init(self.title)
        case "titleMarkdown": return .init(self.titleMarkdown)
        case "summaryMarkdown": return .init(self.summaryMarkdown)
        case "summaryHTML": return .init(self.summaryHTML)
        case "descriptionMarkdown": return .init(self.descriptionMarkdown)
        case "descriptionHTML": return .init(self.descriptionHTML)
        case "hasDescription": return .init(self.hasDescription)
        case "formats": return .init(self.formats)
        case "errors": return .init(self.errors)
        case "hasSharedParameters": return .init(self.hasSharedParameters)
        case "sharedParameters": return .init(self.sharedParameters)
        case "errorCount": return .init(self.errorCount)
        case "isSplit": return .init(self.isSplit)
        case "isPart": return .init(self.isPart)
        case "hasSections": return .init(self.hasSections)
        case "pages": return .init(self.pages)
        case "hasPages": return .init(self.hasPages)
        case "partLabel": return .init(self.partLabel)
        case "partLabelMarkdown": return .init(self.partLabelMarkdown)
        case "overviewFileName": return .init(self.overviewFileName)
        case "languages": return .init(self.languages)
        case "hasLanguages": return .init(self.hasLanguages)
        case "hasRetired": return .init(self.hasRetired)
        case "metadataKeys": return .init(self.metadataKeys)
        case "hasMetadataKeys": return .init(self.hasMetadataKeys)
        case "isHTTP": return .init(self.isHTTP)
        case "answersInDefaultFormat": return .init(self.answersInDefaultFormat)
        default: return nil
        }
    }
}

extension DocsPageLink: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "number": return .init(self.number)
        case "fileName": return .init(self.fileName)
        case "label": return .init(self.label)
        case "labelMarkdown": return .init(self.labelMarkdown)
        case "isCurrent": return .init(self.isCurrent)
        default: return nil
        }
    }
}

extension DocsFormat: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "format": return .init(self.format)
        case "contentType": return .init(self.contentType)
        case "contentTypeMarkdown": return .init(self.contentTypeMarkdown)
        case "isDefault": return .init(self.isDefault)
        default: return nil
        }
    }
}

extension DocsError: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "code": return .init(self.code)
        case "codeMarkdown": return .init(self.codeMarkdown)
        case "codeCellMarkdown": return .init(self.codeCellMarkdown)
        case "anchor": return .init(self.anchor)
        case "htmlHref": return .init(self.htmlHref)
        case "markdownHref": return .init(self.markdownHref)
        case "status": return .init(self.status)
        case "statusLine": return .init(self.statusLine)
        case "message": return .init(self.message)
        case "messageMarkdown": return .init(self.messageMarkdown)
        case "messageCellMarkdown": return .init(self.messageCellMarkdown)
        case "title": return .init(self.title)
        case "descriptionMarkdown": return .init(self.descriptionMarkdown)
        case "descriptionHTML": return .init(self.descriptionHTML)
        case "hasDescription": return .init(self.hasDescription)
        case "deprecated": return .init(self.deprecated)
        case "deprecationMessage": return .init(self.deprecationMessage)
        case "deprecationMarkdown": return .init(self.deprecationMarkdown)
        case "swiftName": return .init(self.swiftName)
        case "swiftNameMarkdown": return .init(self.swiftNameMarkdown)
        case "parameters": return .init(self.parameters)
        case "hasParameters": return .init(self.hasParameters)
        case "headers": return .init(self.headers)
        case "hasHeaders": return .init(self.hasHeaders)
        case "examples": return .init(self.examples)
        case "translations": return .init(self.translations)
        case "hasTranslations": return .init(self.hasTranslations)
        case "retired": return .init(self.retired)
        case "retiredIn": return .init(self.retiredIn)
        case "retiredInMarkdown": return .init(self.retiredInMarkdown)
        case "retiredInCellMarkdown": return .init(self.retiredInCellMarkdown)
        case "retirementReason": return .init(self.retirementReason)
        case "retirementReasonMarkdown": return .init(self.retirementReasonMarkdown)
        case "hasRetirementReason": return .init(self.hasRetirementReason)
        case "replacement": return .init(self.replacement)
        case "replacementMarkdown": return .init(self.replacementMarkdown)
        case "replacementCellMarkdown": return .init(self.replacementCellMarkdown)
        case "replacementHTMLHref": return .init(self.replacementHTMLHref)
        case "replacementMarkdownHref": return .init(self.replacementMarkdownHref)
        case "hasReplacement": return .init(self.hasReplacement)
        case "since": return .init(self.since)
        case "sinceMarkdown": return .init(self.sinceMarkdown)
        case "hasSince": return .init(self.hasSince)
        case "metadata": return .init(self.metadata)
        case "hasMetadata": return .init(self.hasMetadata)
        case "isHTTP": return .init(self.isHTTP)
        case "documentationLink": return .init(self.documentationLink)
        case "documentationLinkMarkdown": return .init(self.documentationLinkMarkdown)
        case "documentationLinkMarkdownHref": return .init(self.documentationLinkMarkdownHref)
        case "hasDocumentationLink": return .init(self.hasDocumentationLink)
        default: return nil
        }
    }
}

extension DocsMetadataKey: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": return .init(self.name)
        case "nameCellMarkdown": return .init(self.nameCellMarkdown)
        case "type": return .init(self.type)
        case "optional": return .init(self.optional)
        case "defaultValue": return .init(self.defaultValue)
        case "defaultCellMarkdown": return .init(self.defaultCellMarkdown)
        case "hasDefault": return .init(self.hasDefault)
        case "descriptionCellMarkdown": return .init(self.descriptionCellMarkdown)
        case "descriptionHTML": return .init(self.descriptionHTML)
        default: return nil
        }
    }
}

extension DocsMetadata: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": return .init(self.name)
        case "nameCellMarkdown": return .init(self.nameCellMarkdown)
        case "value": return .init(self.value)
        case "valueCellMarkdown": return .init(self.valueCellMarkdown)
        default: return nil
        }
    }
}

extension DocsLanguage: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "tag": return .init(self.tag)
        case "isDefault": return .init(self.isDefault)
        case "translatedCount": return .init(self.translatedCount)
        case "errorCount": return .init(self.errorCount)
        case "percent": return .init(self.percent)
        default: return nil
        }
    }
}

extension DocsTranslation: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "language": return .init(self.language)
        case "message": return .init(self.message)
        case "messageMarkdown": return .init(self.messageMarkdown)
        case "messageCellMarkdown": return .init(self.messageCellMarkdown)
        case "title": return .init(self.title)
        default: return nil
        }
    }
}

extension DocsParameter: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": return .init(self.name)
        case "nameCellMarkdown": return .init(self.nameCellMarkdown)
        case "type": return .init(self.type)
        case "description": return .init(self.description)
        case "descriptionCellMarkdown": return .init(self.descriptionCellMarkdown)
        case "descriptionHTML": return .init(self.descriptionHTML)
        case "sample": return .init(self.sample)
        case "sampleCellMarkdown": return .init(self.sampleCellMarkdown)
        case "shared": return .init(self.shared)
        default: return nil
        }
    }
}

extension DocsHeader: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": return .init(self.name)
        case "nameCellMarkdown": return .init(self.nameCellMarkdown)
        case "value": return .init(self.value)
        case "valueCellMarkdown": return .init(self.valueCellMarkdown)
        default: return nil
        }
    }
}

extension DocsExample: TemplateContext {
    public func value(named name: String) -> TemplateValue? {
        switch name {
        case "format": return .init(self.format)
        case "contentType": return .init(self.contentType)
        case "contentTypeMarkdown": return .init(self.contentTypeMarkdown)
        case "head": return .init(self.head)
        case "body": return .init(self.body)
        case "bodyBlock": return .init(self.bodyBlock)
        case "language": return .init(self.language)
        case "headFence": return .init(self.headFence)
        case "bodyFence": return .init(self.bodyFence)
        default: return nil
        }
    }
}

