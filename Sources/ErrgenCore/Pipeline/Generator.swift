import ErrgenSpec
import Foundation

extension Generator {
    /// The template set: errgen's own, with the config's template folder taking precedence.
    public func templates() throws -> TemplateSet {
        guard let folder = config.templates else { return .defaults }
        return try TemplateSet.defaults.overridden(by: config.url(folder))
    }

    /// The whole run: the spec read and checked, then every output of the config rendered in
    /// memory (`plan(for:config:renderer:)`); nothing is written here.
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

    /// Every output of a spec, rendered in memory: the layout (`layout(for:config:)`, what is
    /// written where, computed without rendering), then each output rendered as a job
    /// (`OutputRunner`): independent outputs render in parallel, and the plan's order does not
    /// depend on which finishes first.
    public static func plan(for spec: Spec, config: ErrgenConfig, renderer: TemplateRenderer) throws -> OutputPlan {
        let spec = ResolvedSpec(spec)
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
}
