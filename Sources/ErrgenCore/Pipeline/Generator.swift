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
        let (spec, diagnostics) = Self.check(bytes: [UInt8](data), file: path, loader: loader)
        guard let spec, !config.requiredTranslations.isEmpty else { return (spec, diagnostics) }
        var coverage = DiagnosticCollector()
        Coverage.requireTranslations(config.requiredTranslations, in: spec, diagnostics: &coverage)
        return (coverage.hasErrors ? nil : spec, (diagnostics + coverage.sorted))
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

    /// What every generated file says first, without comment syntax: one line, whatever the
    /// spec's path or the command hold (a control character becomes U+FFFD, a backtick a quote).
    public static func headerText(spec: String, command: String) -> String {
        "\(OutputPlan.marker) from \(oneLine(spec)). Do not edit: regenerate with `\(oneLine(command))`."
    }

    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.breaksALine || $0 == "`" }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "`": scalars.append("'")
            case _ where scalar.breaksALine: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Every output of a spec, rendered in memory: the layout (`layout(for:config:)`, what is
    /// written where, computed without rendering), then each output rendered as a job
    /// (`OutputRunner`): independent outputs render in parallel, and the plan's order does not
    /// depend on which finishes first.
    public static func plan(for spec: Spec, config: ErrgenConfig, renderer: TemplateRenderer) throws -> OutputPlan {
        let layout = try layout(for: spec, config: config)
        let customTemplates = try loadCustomTemplates(config)
        return try OutputRunner(spec: spec, config: config, renderer: renderer, customTemplates: customTemplates).run(layout)
    }

    /// The templates of the config's custom outputs, each read and checked once.
    public static func loadCustomTemplates(_ config: ErrgenConfig) throws(DiagnosticError) -> [CustomTemplate] {
        var templates: [CustomTemplate] = []
        var diagnostics = DiagnosticCollector()
        var loaded: [String: CustomTemplate] = [:]
        var failed: Set<String> = []
        for output in config.customOutputs {
            if let template = loaded[output.template] {
                templates.append(template)
                continue
            }
            guard !failed.contains(output.template) else { continue }
            do {
                let template = try CustomTemplate.load(path: config.displayPath(output.template), url: config.url(output.template))
                loaded[output.template] = template
                templates.append(template)
            } catch {
                failed.insert(output.template)
                diagnostics.append(contentsOf: error.diagnostics)
            }
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted) }
        return templates
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

extension Unicode.Scalar {
    /// A control character or a Unicode line or paragraph separator: what ends a line in some
    /// reader, so never written into a generated file's one-line header.
    var breaksALine: Bool { properties.generalCategory == .control || self == "\u{2028}" || self == "\u{2029}" }
}
