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

    /// The first line of every generated file.
    public static func header(spec: String, command: String) -> String {
        "\(OutputPlan.marker) from \(spec). Do not edit: regenerate with `\(command)`."
    }

    /// Every output of a spec, rendered in memory.
    public static func plan(for spec: Spec, config: ErrgenConfig, renderer: TemplateRenderer) throws -> OutputPlan {
        let header = Self.header(spec: config.spec, command: config.regenerateCommand)
        var files: [OutputFile] = []
        let swiftFolder = normalized(config.swiftOutput)
        for catalog in spec.catalogs {
            let context = ContextBuilder.swiftCatalog(catalog, header: header)
            let source = try renderer.render("swift/catalog.swift", context)
            files.append(OutputFile(path: join(swiftFolder, catalog.swiftTypeName + ".swift"), contents: source))
        }
        return OutputPlan(files: files, ownedFolders: [.init(path: swiftFolder, fileExtension: "swift")])
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
