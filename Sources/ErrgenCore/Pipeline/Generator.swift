import Foundation

/// The whole pipeline: load → model → validate → context → render, producing an `OutputPlan`
/// in memory. Nothing is written here; `OutputWriter` writes a plan only when every stage succeeded.
public struct Generator: Sendable {
    public var config: ErrgenConfig
    public var loader: YAMLLoader

    public init(config: ErrgenConfig, loader: YAMLLoader = YAMLLoader()) {
        self.config = config
        self.loader = loader
    }

    /// What a run found and, if there were no errors, what it would write.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var spec: Spec?
        public var plan: OutputPlan?

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Reads and checks the spec: every diagnostic, and the spec when it has no errors.
    public func loadSpec() -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let path = config.spec
        let url = config.url(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot read the spec file" : "spec file not found"
            return (nil, [.error(reason, file: path)])
        }
        return Self.check(bytes: [UInt8](data), file: path, loader: loader)
    }

    /// Loads, decodes and validates a spec held in memory.
    public static func check(bytes: [UInt8], file: String, loader: YAMLLoader = YAMLLoader()) -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let root: YAMLNode
        do {
            root = try loader.loadDocument(bytes, file: file)
        } catch {
            return (nil, error.diagnostics)
        }
        var diagnostics = DiagnosticCollector()
        let spec = SpecDecoder.decode(root, file: file, diagnostics: &diagnostics)
        if let spec { Validator.validate(spec, diagnostics: &diagnostics) }
        return (diagnostics.hasErrors ? nil : spec, diagnostics.sorted)
    }

    /// The template set: errgen's own, with the config's template folder taking precedence.
    public func templates() throws -> TemplateSet {
        guard let folder = config.templates else { return .defaults }
        return try TemplateSet.defaults.overridden(by: config.url(folder))
    }

    public func run() -> Result {
        let (spec, diagnostics) = loadSpec()
        guard let spec else { return Result(diagnostics: diagnostics, spec: nil, plan: nil) }
        do {
            let renderer = try TemplateRenderer(templates())
            let plan = try Self.plan(for: spec, config: config, renderer: renderer)
            return Result(diagnostics: diagnostics, spec: spec, plan: plan)
        } catch let error as DiagnosticError {
            return Result(diagnostics: diagnostics + error.diagnostics, spec: spec, plan: nil)
        } catch {
            return Result(diagnostics: diagnostics + [.error("\(error)", file: config.spec)], spec: spec, plan: nil)
        }
    }

    /// The first line of every generated Swift file.
    public static func header(spec: String, command: String) -> String {
        "// " + headerText(spec: spec, command: command)
    }

    /// What every generated file says first, without comment syntax.
    public static func headerText(spec: String, command: String) -> String {
        "\(OutputPlan.marker) from \(spec). Do not edit: regenerate with `\(command)`."
    }

    /// Every output of a spec, rendered in memory: Swift, docs and fixtures, each where the config
    /// says (an output whose folder is `nil` is not written). Independent outputs render in
    /// parallel; the plan's order does not depend on which finishes first.
    public static func plan(for spec: Spec, config: ErrgenConfig, renderer: TemplateRenderer) throws -> OutputPlan {
        let text = headerText(spec: config.spec, command: config.regenerateCommand)
        // Inside an HTML comment `--` must not appear.
        let htmlHeader = "<!-- " + text.replacingOccurrences(of: "--", with: "- -") + " -->"
        let swiftHeader = "// " + text
        var jobs: [@Sendable () throws -> [OutputFile]] = []
        var owned: [OutputPlan.OwnedFolder] = []
        @Sendable func swiftFile(_ catalogs: [CatalogSpec]) throws -> String {
            try renderer.render("swift/file.swift", SwiftFileContext(header: swiftHeader, catalogs: catalogs.map(ContextBuilder.swiftCatalog)))
        }
        if let folder = config.swiftOutput.map(normalized) {
            for catalog in spec.catalogs {
                jobs.append { [OutputFile(path: join(folder, catalog.swiftTypeName + ".swift"), contents: try swiftFile([catalog]))] }
            }
            owned.append(.init(path: folder, fileExtensions: ["swift"]))
        }
        if let path = config.swiftFile {
            // Every catalog in one file, as the build plugin declares it (written even when empty).
            jobs.append { [OutputFile(path: path, contents: try swiftFile(spec.catalogs))] }
        }
        if let folder = config.docsOutput.map(normalized) {
            jobs.append {
                let index = ContextBuilder.docsIndex(spec, header: htmlHeader)
                return [
                    OutputFile(path: join(folder, "README.md"), contents: try renderer.render("docs/index.md", index)),
                    OutputFile(path: join(folder, "index.html"), contents: try renderer.render("docs/index.html", index)),
                ]
            }
            for catalog in spec.catalogs {
                jobs.append {
                    let context = ContextBuilder.docsCatalog(catalog, header: htmlHeader)
                    return [
                        OutputFile(path: join(folder, catalog.fileName + ".md"), contents: try renderer.render("docs/catalog.md", context)),
                        OutputFile(path: join(folder, catalog.fileName + ".html"), contents: try renderer.render("docs/catalog.html", context)),
                    ]
                }
            }
            owned.append(.init(path: folder, fileExtensions: ["md", "html"]))
        }
        if let folder = config.fixturesOutput.map(normalized) {
            for catalog in spec.catalogs {
                jobs.append { [OutputFile(path: join(folder, catalog.fileName + ".json"), contents: FixtureBuilder.fixture(catalog, header: text).text)] }
            }
            owned.append(.init(path: folder, fileExtensions: ["json"]))
        }
        let files = try parallelMap(jobs) { try $0() }.flatMap { $0 }
        return OutputPlan(files: files, ownedFolders: owned)
    }

    static func normalized(_ path: String) -> String {
        var p = path
        while p.hasSuffix("/"), p.count > 1 { p.removeLast() }
        if p.hasPrefix("./") { p.removeFirst(2) }
        return p == "." ? "" : p
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }
}
