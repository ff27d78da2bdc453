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
        // A file beyond the size limit is refused before it is read into memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > loader.limits.maxInputBytes {
            return (nil, [YAMLLoader.sizeError(bytes: size, limit: loader.limits.maxInputBytes, file: path)])
        }
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
        // The largest outputs start first (the lowest number), so that the small ones fill in
        // around them.
        var priorities: [Int] = []
        func add(priority: Int = 3, _ job: @escaping @Sendable () throws -> [OutputFile]) {
            jobs.append(job)
            priorities.append(priority)
        }
        var owned: [OutputPlan.OwnedFolder] = []
        // A catalog's types go in one file and its factories in shards of `shardSize` errors, so
        // that the compiler works on a large catalog's files in parallel (10,000 errors: 13.5 s as
        // one file, 5.8 s as five on two cores).
        // Each catalog's Swift is printed once, in parallel, and shared by the files that hold it.
        let printer = SwiftPrinter(access: config.access, header: swiftHeader)
        let needsSwift = config.swiftOutput != nil || config.swiftFile != nil
        let printed = needsSwift ? try parallelMap(spec.catalogs) { printer.parts($0) } : []
        let partsIndex = Dictionary(uniqueKeysWithValues: spec.catalogs.enumerated().map { ($1.name.value, $0) })
        @Sendable func parts(_ catalog: CatalogSpec) -> SwiftPrinter.CatalogParts {
            printed[partsIndex[catalog.name.value]!]
        }
        @Sendable func mainFile(_ catalogs: [CatalogSpec], factories: (Int, CatalogSpec) -> Range<Int>) -> [UInt8] {
            printer.file(catalogs.enumerated().map { index, catalog in SwiftPrinter.Slice(parts(catalog), factories: factories(index, catalog)) })
        }
        @Sendable func shardFile(_ slices: [(CatalogSpec, Range<Int>)]) -> [UInt8] {
            printer.shard(slices.map { catalog, range in SwiftPrinter.Slice(parts(catalog), factories: range) })
        }
        let shardSize = config.swiftShardSize
        if let folder = config.swiftOutput.map(normalized) {
            for catalog in spec.catalogs {
                let count = catalog.errors.count
                add {
                    [OutputFile(path: join(folder, catalog.swiftTypeName + ".swift"), bytes: mainFile([catalog]) { _, _ in 0..<min(count, shardSize) })]
                }
                for (shard, start) in stride(from: shardSize, to: count, by: shardSize).enumerated() {
                    let range = start..<min(count, start + shardSize)
                    add {
                        [OutputFile(path: join(folder, "\(catalog.swiftTypeName)+Errors\(shard + 1).swift"), bytes: shardFile([(catalog, range)]))]
                    }
                }
            }
            owned.append(.init(path: folder, fileExtensions: ["swift"]))
        }
        if let path = config.swiftFile {
            // As the build plugin declares its outputs: every catalog in `path`, and the factories
            // spread over `swiftFileShards` more files beside it, each written even when empty.
            let shards = config.swiftFileShards
            if shards == 0 {
                add { [OutputFile(path: path, bytes: mainFile(spec.catalogs) { _, catalog in 0..<catalog.errors.count })] }
            } else {
                add { [OutputFile(path: path, bytes: mainFile(spec.catalogs) { _, _ in 0..<0 })] }
                let all = spec.catalogs.flatMap { catalog in catalog.errors.indices.map { (catalog, $0) } }
                let perShard = (all.count + shards - 1) / max(1, shards)
                for shard in 0..<shards {
                    let slice = all.dropFirst(shard * perShard).prefix(perShard)
                    var slices: [(CatalogSpec, Range<Int>)] = []
                    for (catalog, index) in slice {
                        if let last = slices.last, last.0.name == catalog.name {
                            slices[slices.count - 1].1 = last.1.lowerBound..<(index + 1)
                        } else {
                            slices.append((catalog, index..<(index + 1)))
                        }
                    }
                    let shardPath = Self.shardPath(path, shard + 1)
                    let contents = slices
                    add { [OutputFile(path: shardPath, bytes: shardFile(contents))] }
                }
            }
        }
        // Docs and fixtures show the runtime's responses for every error: computed once per
        // catalog, in parallel chunks of errors; then the fixture files and the pages (each
        // building its context first) render as independent jobs.
        let needsExamples = config.docsOutput != nil || config.fixturesOutput != nil
        let examples = needsExamples ? spec.catalogs.map { CatalogExamples($0) } : []
        if let folder = config.docsOutput.map(normalized) {
            add {
                let index = ContextBuilder.docsIndex(spec, header: htmlHeader)
                return [
                    OutputFile(path: join(folder, "README.md"), bytes: try renderer.renderBytes("docs/index.md", index)),
                    OutputFile(path: join(folder, "index.html"), bytes: try renderer.renderBytes("docs/index.html", index)),
                ]
            }
            for (catalog, examples) in zip(spec.catalogs, examples) {
                // The page's context (built in parallel chunks), then its Markdown and HTML at once.
                add(priority: 1) {
                    let context = ContextBuilder.docsCatalog(catalog, header: htmlHeader, examples: examples)
                    return try parallelMap([("docs/catalog.md", ".md"), ("docs/catalog.html", ".html")]) { template, fileExtension in
                        OutputFile(path: join(folder, catalog.fileName + fileExtension), bytes: try renderer.renderBytes(template, context))
                    }
                }
            }
            owned.append(.init(path: folder, fileExtensions: ["md", "html"]))
        }
        if let folder = config.fixturesOutput.map(normalized) {
            for (catalog, examples) in zip(spec.catalogs, examples) {
                add(priority: 0) {
                    [OutputFile(path: join(folder, catalog.fileName + ".json"), bytes: FixtureBuilder.fixture(catalog, header: text, examples: examples).bytes)]
                }
            }
            owned.append(.init(path: folder, fileExtensions: ["json"]))
        }
        // Fixtures (every response of every error) first, then the pages; the plan lists the
        // files in the jobs' order whatever order they ran in.
        let order = jobs.indices.sorted { (priorities[$0], $0) < (priorities[$1], $1) }
        let ordered = try parallelMap(order.map { jobs[$0] }) { job in Swift.Result { try job() } }
        // The first error in the jobs' order is the one reported.
        var results = [Swift.Result<[OutputFile], any Error>](repeating: .success([]), count: jobs.count)
        for (position, index) in order.enumerated() { results[index] = ordered[position] }
        let files = try results.flatMap { try $0.get() }
        return OutputPlan(files: files, ownedFolders: owned)
    }

    /// `Errors.swift` → `Errors+Errors1.swift`: the shard files beside a `--swift-file`.
    public static func shardPath(_ path: String, _ number: Int) -> String {
        let stem = path.hasSuffix(".swift") ? String(path.dropLast(6)) : path
        return "\(stem)+Errors\(number).swift"
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
