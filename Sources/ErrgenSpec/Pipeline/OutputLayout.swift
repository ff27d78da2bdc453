/// One output of a run, described before anything is rendered: the files it writes, what they are
/// made from, and when it starts.
public struct PlannedOutput: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Swift: the types of these catalogs, each with the factories of its slice of errors.
        case swiftTypes([SwiftSlice])
        /// Swift: the factories of errors whose types another file declares.
        case swiftFactories([SwiftSlice])
        /// The docs' index pages: `README.md` and `index.html`.
        case docsIndex
        /// A catalog's page, Markdown and HTML: every error, or, for a catalog of more than
        /// `docsPageSize` errors, the overview table linking each error to its page.
        case docsPage(catalog: Int)
        /// One page of a large catalog's errors (`page` counts from 1), Markdown and HTML.
        case docsPart(catalog: Int, page: Int, errors: Range<Int>)
        /// A catalog's fixture file.
        case fixtures(catalog: Int)
        /// A catalog's OpenAPI document of components.
        case openAPI(catalog: Int)
        /// `config.customOutputs[output]`, for one catalog, or for the whole spec (`nil`).
        case custom(output: Int, catalog: Int?)

        /// Whether the output is Swift (what the build plugin's tool writes).
        public var isSwift: Bool {
            switch self {
            case .swiftTypes, .swiftFactories: return true
            default: return false
            }
        }
    }

    /// Errors of one catalog: the catalog's index in the spec, and a range of its errors.
    public struct SwiftSlice: Sendable, Hashable {
        public var catalog: Int
        public var errors: Range<Int>

        public init(catalog: Int, errors: Range<Int>) {
            self.catalog = catalog
            self.errors = errors
        }
    }

    /// The files, relative to the output root (or absolute), in the order the output makes them.
    public var paths: [String]
    public var kind: Kind
    /// Outputs with a lower number start first: the largest (fixtures, every response of every
    /// error, then the docs pages), so that the small ones fill in around them.
    public var priority: Int
}

/// Every output of a run and the folders it owns, computed from the spec and the config alone.
public struct OutputLayout: Sendable, Hashable {
    public var outputs: [PlannedOutput]
    public var ownedFolders: [OutputPlan.OwnedFolder]

    /// Every file, in the outputs' order.
    public var paths: [String] { outputs.flatMap(\.paths) }
}

extension Generator {
    /// What a run writes, without rendering anything: Swift, docs, fixtures and custom outputs,
    /// each where the config says (an output whose folder is `nil` is not written), with the
    /// catalogs and slices of errors each file is made from. Two outputs that would write the same
    /// file (or files whose paths differ only in case) are an error.
    public static func layout(for spec: Spec, config: ErrgenConfig) throws(DiagnosticError) -> OutputLayout {
        try layout(for: ResolvedSpec(spec), config: config)
    }

    /// The layout of a resolved spec (see `layout(for:config:)`).
    public static func layout(for spec: ResolvedSpec, config: ErrgenConfig) throws(DiagnosticError) -> OutputLayout {
        var outputs: [PlannedOutput] = []
        var owned: [OutputPlan.OwnedFolder] = []
        func add(_ paths: [String], _ kind: PlannedOutput.Kind, priority: Int = 3) {
            outputs.append(PlannedOutput(paths: paths, kind: kind, priority: priority))
        }
        // A catalog's types go in one file and its factories in shards of `shardSize` errors, so
        // that the compiler works on a large catalog's files in parallel (10,000 errors: 13.5 s as
        // one file, 5.8 s as five on two cores).
        let shardSize = config.swiftShardSize
        if let folder = config.swiftOutput.map(normalized) {
            for (index, catalog) in spec.catalogs.enumerated() {
                let count = catalog.errors.count
                add([join(folder, catalog.typeName + ".swift")], .swiftTypes([.init(catalog: index, errors: 0..<min(count, shardSize))]))
                for (shard, start) in stride(from: shardSize, to: count, by: shardSize).enumerated() {
                    let range = start..<min(count, start + shardSize)
                    add([join(folder, "\(catalog.typeName)+Errors\(shard + 1).swift")], .swiftFactories([.init(catalog: index, errors: range)]))
                }
            }
            owned.append(.init(path: folder, fileExtensions: ["swift"]))
        }
        if let path = config.swiftFile {
            // As the build plugin declares its outputs: every catalog in `path`, and the factories
            // spread over `swiftFileShards` more files beside it, each written even when empty.
            let shards = config.swiftFileShards
            if shards == 0 {
                add([path], .swiftTypes(spec.catalogs.indices.map { .init(catalog: $0, errors: 0..<spec.catalogs[$0].errors.count) }))
            } else {
                add([path], .swiftTypes(spec.catalogs.indices.map { .init(catalog: $0, errors: 0..<0) }))
                let all = spec.catalogs.indices.flatMap { catalog in spec.catalogs[catalog].errors.indices.map { (catalog, $0) } }
                let perShard = (all.count + shards - 1) / max(1, shards)
                for shard in 0..<shards {
                    var slices: [PlannedOutput.SwiftSlice] = []
                    for (catalog, index) in all.dropFirst(shard * perShard).prefix(perShard) {
                        if let last = slices.last, last.catalog == catalog {
                            slices[slices.count - 1].errors = last.errors.lowerBound..<(index + 1)
                        } else {
                            slices.append(.init(catalog: catalog, errors: index..<(index + 1)))
                        }
                    }
                    add([shardPath(path, shard + 1)], .swiftFactories(slices))
                }
            }
        }
        if let folder = config.docsOutput.map(normalized) {
            add([join(folder, "README.md"), join(folder, "index.html")], .docsIndex)
            for (index, catalog) in spec.catalogs.enumerated() {
                add([join(folder, catalog.fileName + ".md"), join(folder, catalog.fileName + ".html")], .docsPage(catalog: index), priority: 1)
                for page in DocsPaging(errorCount: catalog.errors.count, pageSize: config.docsPageSize).pages {
                    let name = DocsPaging.fileName(catalog.fileName, page: page.number)
                    add([join(folder, name + ".md"), join(folder, name + ".html")], .docsPart(catalog: index, page: page.number, errors: page.errors), priority: 1)
                }
            }
            owned.append(.init(path: folder, fileExtensions: ["md", "html"]))
        }
        if let folder = config.fixturesOutput.map(normalized) {
            for (index, catalog) in spec.catalogs.enumerated() {
                add([join(folder, catalog.fileName + ".json")], .fixtures(catalog: index), priority: 0)
            }
            owned.append(.init(path: folder, fileExtensions: ["json"]))
        }
        if let folder = config.openAPIOutput.map(normalized) {
            // A catalog without HTTP answers with no response to describe.
            for (index, catalog) in spec.catalogs.enumerated() where catalog.isHTTP {
                add([join(folder, catalog.fileName + ".openapi.json")], .openAPI(catalog: index), priority: 1)
            }
            owned.append(.init(path: folder, fileExtensions: ["openapi.json"]))
        }
        for (index, custom) in config.customOutputs.enumerated() {
            if custom.placeholder == nil {
                add([custom.path(for: nil)], .custom(output: index, catalog: nil), priority: 2)
            } else {
                for (catalog, spec) in spec.catalogs.enumerated() {
                    add([custom.path(for: spec)], .custom(output: index, catalog: catalog), priority: 2)
                }
            }
            if let folder = custom.ownedFolder { owned.append(folder) }
        }
        try checkDistinct(outputs, config: config)
        return OutputLayout(outputs: outputs, ownedFolders: owned)
    }

    /// Two outputs writing one file would overwrite each other; on a case-insensitive file system
    /// so would two whose paths differ only in case.
    package static func checkDistinct(_ outputs: [PlannedOutput], config: ErrgenConfig) throws(DiagnosticError) {
        var seen: [String: (path: String, kind: PlannedOutput.Kind)] = [:]
        var diagnostics = DiagnosticCollector()
        for output in outputs {
            for path in output.paths {
                let key = ((path.hasPrefix("/") ? "/" : "") + CustomOutput.canonical(path)).lowercased()
                guard let first = seen[key] else {
                    seen[key] = (path, output.kind)
                    continue
                }
                let how = first.path == path ? "" : " (as '\(first.path)'; the paths name one file, or differ only in case)"
                let message = "the file '\(path)' would be written twice: by \(describe(first.kind, config)) and by \(describe(output.kind, config))\(how)"
                // A custom output is reported where the config declares it.
                let custom: CustomOutput? = [output.kind, first.kind].lazy.compactMap { kind -> CustomOutput? in
                    if case let .custom(index, _) = kind { return config.customOutputs[index] }
                    return nil
                }.first
                diagnostics.error(message, file: custom != nil ? config.file ?? "errgen" : "errgen", at: custom?.location)
            }
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted) }
    }

    package static func describe(_ kind: PlannedOutput.Kind, _ config: ErrgenConfig) -> String {
        switch kind {
        case .swiftTypes, .swiftFactories: return "the Swift output"
        case .docsIndex, .docsPage, .docsPart: return "the docs"
        case .fixtures: return "the fixtures"
        case .openAPI: return "the OpenAPI output"
        case let .custom(index, _): return "the custom output of template '\(config.customOutputs[index].template)'"
        }
    }
}

extension Generator {
    /// `Errors.swift` → `Errors+Errors1.swift`: the shard files beside a `--swift-file`.
    public static func shardPath(_ path: String, _ number: Int) -> String {
        let stem = path.hasSuffix(".swift") ? String(path.dropLast(6)) : path
        return "\(stem)+Errors\(number).swift"
    }

    package static func normalized(_ path: String) -> String {
        var p = path
        while p.hasSuffix("/"), p.count > 1 { p.removeLast() }
        if p.hasPrefix("./") { p.removeFirst(2) }
        return p == "." ? "" : p
    }

    package static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }
}

extension Unicode.Scalar {
    /// A control character or a Unicode line or paragraph separator: what ends a line in some
    /// reader, so never written into a generated file's one-line header.
    package var breaksALine: Bool { properties.generalCategory == .control || self == "\u{2028}" || self == "\u{2029}" }
}
