import ErrgenSpec
import ErrgenSwift

/// Renders the outputs a layout describes: each output is a job, the jobs run in parallel with the
/// largest first, and the plan lists the files in the layout's order whatever order the jobs
/// finished in; when jobs fail, the first failure in the layout's order is the one thrown.
struct OutputRunner: Sendable {
    let spec: ResolvedSpec
    let config: ErrgenConfig
    let renderer: TemplateRenderer
    /// The templates of `config.customOutputs`, in its order.
    let customTemplates: [CustomTemplate]

    /// What the generated files say first, without comment syntax.
    var headerText: String { Generator.headerText(spec: config.spec, command: config.regenerateCommand) }

    /// What several outputs are made from, built once, before the jobs, as far as they need it.
    struct Inputs: Sendable {
        /// Each catalog's printed Swift, shared by its files.
        var swift: SwiftOutputs?
        /// The runtime's responses for every error, which the docs and fixtures show.
        var examples: [CatalogExamples] = []
        /// Each catalog's custom context, without params.
        var customCatalogs: [CustomCatalogContext] = []
    }

    func run(_ layout: OutputLayout) throws -> OutputPlan {
        let inputs = try prepare(layout)
        let outputs = layout.outputs
        let order = outputs.indices.sorted { (outputs[$0].priority, $0) < (outputs[$1].priority, $1) }
        let ordered = try parallelMap(order) { index in Swift.Result { try render(outputs[index], inputs) } }
        var results = [Swift.Result<[OutputFile], any Error>](repeating: .success([]), count: outputs.count)
        for (position, index) in order.enumerated() { results[index] = ordered[position] }
        let files = try results.flatMap { try $0.get() }
        return OutputPlan(files: files, ownedFolders: layout.ownedFolders, generatedFrom: OutputPlan.generatedFrom(spec: config.spec))
    }

    func prepare(_ layout: OutputLayout) throws -> Inputs {
        var needsSwift = false, needsExamples = false, needsCustom = false
        for output in layout.outputs {
            switch output.kind {
            case .swiftTypes, .swiftFactories: needsSwift = true
            case .docsPage, .docsPart, .fixtures, .openAPI: needsExamples = true
            case .docsIndex: break
            case .custom: needsCustom = true
            }
        }
        var inputs = Inputs()
        if needsSwift { inputs.swift = try SwiftOutputs(spec: spec, config: config) }
        // Computed once per catalog.
        if needsExamples { inputs.examples = spec.catalogs.map { CatalogExamples($0) } }
        if needsCustom {
            let header = headerText, file = config.spec
            inputs.customCatalogs = try parallelMap(spec.catalogs) { ContextBuilder.customCatalog($0, header: header, spec: file) }
        }
        return inputs
    }

    /// One output's files.
    func render(_ output: PlannedOutput, _ inputs: Inputs) throws -> [OutputFile] {
        switch output.kind {
        case .swiftTypes, .swiftFactories:
            return inputs.swift?.files(output) ?? []
        case .docsIndex:
            let index = ContextBuilder.docsIndex(spec, header: htmlHeader)
            return [
                OutputFile(path: output.paths[0], bytes: try renderer.renderBytes("docs/index.md", index)),
                OutputFile(path: output.paths[1], bytes: try renderer.renderBytes("docs/index.html", index)),
            ]
        case let .docsPage(catalog):
            // The page's context, then its Markdown and HTML at once.
            let entry = spec.catalogs[catalog]
            let paging = DocsPaging(errorCount: entry.errors.count, pageSize: config.docsPageSize)
            let context = ContextBuilder.docsCatalog(
                entry, header: htmlHeader, examples: inputs.examples[catalog], page: paging.isSplit ? .overview(paging) : .whole)
            return try renderDocsPage(output, context)
        case let .docsPart(catalog, page, _):
            let entry = spec.catalogs[catalog]
            let paging = DocsPaging(errorCount: entry.errors.count, pageSize: config.docsPageSize)
            let context = ContextBuilder.docsCatalog(entry, header: htmlHeader, examples: inputs.examples[catalog], page: .part(paging, page))
            return try renderDocsPage(output, context)
        case let .fixtures(catalog):
            let fixture = FixtureBuilder.fixture(spec.catalogs[catalog], header: headerText, examples: inputs.examples[catalog])
            return [OutputFile(path: output.paths[0], bytes: fixture.bytes)]
        case let .openAPI(catalog):
            let document = OpenAPIProjection.document(spec.catalogs[catalog], header: headerText, examples: inputs.examples[catalog])
            return [OutputFile(path: output.paths[0], bytes: document.bytes)]
        case let .custom(index, catalog):
            let params = config.customOutputs[index].params
            let template = customTemplates[index]
            let bytes: [UInt8]
            if let catalog {
                var context = inputs.customCatalogs[catalog]
                context.params = CustomParams(params)
                bytes = try template.render(context)
            } else {
                let catalogs = inputs.customCatalogs.map { context in
                    var context = context
                    context.params = CustomParams(params)
                    return context
                }
                bytes = try template.render(ContextBuilder.customSpec(catalogs, header: headerText, spec: config.spec, params: params))
            }
            return [OutputFile(path: output.paths[0], bytes: bytes)]
        }
    }

    /// A docs page's Markdown and HTML, rendered at once.
    func renderDocsPage(_ output: PlannedOutput, _ context: DocsCatalogContext) throws -> [OutputFile] {
        let renderer = renderer
        return try parallelMap([(output.paths[0], "docs/catalog.md"), (output.paths[1], "docs/catalog.html")]) { path, template in
            OutputFile(path: path, bytes: try renderer.renderBytes(template, context))
        }
    }

    /// The docs pages' first line: inside an HTML comment `--` must not appear.
    var htmlHeader: String { "<!-- " + headerText.replacingOccurrences(of: "--", with: "- -") + " -->" }
}
