import Mustache

// Direct property lookup for the template contexts: swift-mustache otherwise finds every
// `{{name}}` through reflection, which dominated rendering time. `ContextLookupTests` keeps each
// lookup equal to the type's stored properties.

extension SwiftFileContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "header": return self.header
        case "catalogs": return self.catalogs
        default: return nil
        }
    }
}

extension SwiftCatalogContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "typeName": return self.typeName
        case "docLines": return self.docLines
        case "errors": return self.errors
        case "factories": return self.factories
        case "hasFactories": return self.hasFactories
        case "accessors": return self.accessors
        case "hasAccessors": return self.hasAccessors
        case "nameLiteral": return self.nameLiteral
        case "titleLiteral": return self.titleLiteral
        case "formats": return self.formats
        case "defaultFormat": return self.defaultFormat
        case "xmlNamespaceLiteral": return self.xmlNamespaceLiteral
        case "documentationURLLiteral": return self.documentationURLLiteral
        case "sharedParametersLiteral": return self.sharedParametersLiteral
        case "tableLines": return self.tableLines
        default: return nil
        }
    }
}

extension SwiftErrorContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "index": return self.index
        case "docLines": return self.docLines
        case "codeDoc": return self.codeDoc
        case "parameters": return self.parameters
        case "hasParameters": return self.hasParameters
        case "deprecated": return self.deprecated
        case "deprecationArgument": return self.deprecationArgument
        default: return nil
        }
    }
}

extension SwiftParameterContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "labelAndName": return self.labelAndName
        case "binding": return self.binding
        case "swiftType": return self.swiftType
        case "kind": return self.kind
        case "nameLiteral": return self.nameLiteral
        default: return nil
        }
    }
}

extension SwiftAccessorContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "specName": return self.specName
        case "nameLiteral": return self.nameLiteral
        case "swiftType": return self.swiftType
        case "conversion": return self.conversion
        default: return nil
        }
    }
}

extension DocsIndexContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "header": return self.header
        case "catalogs": return self.catalogs
        default: return nil
        }
    }
}

extension DocsCatalogSummary: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "title": return self.title
        case "titleMarkdown": return self.titleMarkdown
        case "summary": return self.summary
        case "summaryMarkdown": return self.summaryMarkdown
        case "fileName": return self.fileName
        case "errorCount": return self.errorCount
        default: return nil
        }
    }
}

extension DocsCatalogContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "header": return self.header
        case "name": return self.name
        case "title": return self.title
        case "titleMarkdown": return self.titleMarkdown
        case "summaryMarkdown": return self.summaryMarkdown
        case "summaryHTML": return self.summaryHTML
        case "descriptionMarkdown": return self.descriptionMarkdown
        case "descriptionHTML": return self.descriptionHTML
        case "hasDescription": return self.hasDescription
        case "formats": return self.formats
        case "errors": return self.errors
        case "hasSharedParameters": return self.hasSharedParameters
        case "sharedParameters": return self.sharedParameters
        default: return nil
        }
    }
}

extension DocsFormat: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "format": return self.format
        case "contentType": return self.contentType
        case "contentTypeMarkdown": return self.contentTypeMarkdown
        case "isDefault": return self.isDefault
        default: return nil
        }
    }
}

extension DocsError: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": return self.code
        case "codeMarkdown": return self.codeMarkdown
        case "codeCellMarkdown": return self.codeCellMarkdown
        case "anchor": return self.anchor
        case "status": return self.status
        case "statusLine": return self.statusLine
        case "message": return self.message
        case "messageMarkdown": return self.messageMarkdown
        case "messageCellMarkdown": return self.messageCellMarkdown
        case "title": return self.title
        case "descriptionMarkdown": return self.descriptionMarkdown
        case "descriptionHTML": return self.descriptionHTML
        case "hasDescription": return self.hasDescription
        case "deprecated": return self.deprecated
        case "deprecationMessage": return self.deprecationMessage
        case "deprecationMarkdown": return self.deprecationMarkdown
        case "swiftName": return self.swiftName
        case "swiftNameMarkdown": return self.swiftNameMarkdown
        case "parameters": return self.parameters
        case "hasParameters": return self.hasParameters
        case "headers": return self.headers
        case "hasHeaders": return self.hasHeaders
        case "examples": return self.examples
        default: return nil
        }
    }
}

extension DocsParameter: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "nameCellMarkdown": return self.nameCellMarkdown
        case "type": return self.type
        case "description": return self.description
        case "descriptionCellMarkdown": return self.descriptionCellMarkdown
        case "descriptionHTML": return self.descriptionHTML
        case "sample": return self.sample
        case "sampleCellMarkdown": return self.sampleCellMarkdown
        case "shared": return self.shared
        default: return nil
        }
    }
}

extension DocsHeader: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "nameCellMarkdown": return self.nameCellMarkdown
        case "value": return self.value
        case "valueCellMarkdown": return self.valueCellMarkdown
        default: return nil
        }
    }
}

extension DocsExample: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "format": return self.format
        case "contentType": return self.contentType
        case "contentTypeMarkdown": return self.contentTypeMarkdown
        case "head": return self.head
        case "body": return self.body
        case "bodyBlock": return self.bodyBlock
        case "language": return self.language
        case "headFence": return self.headFence
        case "bodyFence": return self.bodyFence
        default: return nil
        }
    }
}

extension SwiftShardContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "header": return self.header
        case "blocks": return self.blocks
        default: return nil
        }
    }
}

extension SwiftFactoryBlock: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "typeName": return self.typeName
        case "factories": return self.factories
        default: return nil
        }
    }
}
