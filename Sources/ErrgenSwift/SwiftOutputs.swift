import ErrgenSpec

/// The Swift outputs of a run (`PlannedOutput.Kind.swiftTypes` and `.swiftFactories`), printed by
/// `SwiftPrinter`: each catalog's parts printed once, in parallel, then each file made from its
/// slices. What the build plugin's tool writes alone, and the CLI beside the other outputs.
public struct SwiftOutputs: Sendable {
    let printer: SwiftPrinter
    /// Each catalog's printed parts, in spec order.
    let parts: [SwiftPrinter.CatalogParts]

    /// Prints the parts of every catalog of `spec`.
    public init(spec: ResolvedSpec, config: ErrgenConfig) throws {
        let printer = SwiftPrinter(access: config.access, header: Generator.header(spec: config.spec, command: config.regenerateCommand))
        self.printer = printer
        parts = try parallelMap(spec.catalogs) { printer.parts($0) }
    }

    /// The file of a Swift output; nil for an output of another kind.
    public func files(_ output: PlannedOutput) -> [OutputFile]? {
        switch output.kind {
        case let .swiftTypes(slices): return [OutputFile(path: output.paths[0], bytes: printer.file(self.slices(slices)))]
        case let .swiftFactories(slices): return [OutputFile(path: output.paths[0], bytes: printer.shard(self.slices(slices)))]
        default: return nil
        }
    }

    /// The printed parts of the slices' catalogs, each with its slice of errors' factories.
    func slices(_ slices: [PlannedOutput.SwiftSlice]) -> [SwiftPrinter.Slice] {
        slices.map { SwiftPrinter.Slice(parts[$0.catalog], factories: $0.errors) }
    }

    /// Everything a run writes when its config asks for Swift alone: the layout's files, printed
    /// in parallel, in the layout's order. A config that asks for another output (docs, fixtures,
    /// OpenAPI, custom templates) is refused: those are the full command's (`errgen`).
    public static func plan(for spec: Spec, config: ErrgenConfig) throws -> OutputPlan {
        let spec = ResolvedSpec(spec)
        let layout = try Generator.layout(for: spec, config: config)
        if let other = layout.outputs.first(where: { !$0.kind.isSwift }) {
            throw DiagnosticError(.error(
                "this tool writes Swift only, not \(Generator.describe(other.kind, config)); run errgen itself, or pass --only swift", file: "errgen"))
        }
        let outputs = try SwiftOutputs(spec: spec, config: config)
        let files = try parallelMap(layout.outputs) { outputs.files($0) ?? [] }.flatMap { $0 }
        return OutputPlan(files: files, ownedFolders: layout.ownedFolders, generatedFrom: OutputPlan.generatedFrom(spec: config.spec))
    }
}

extension Generator {
    /// The spec read and checked, and its Swift printed: a run of a config that asks for Swift alone.
    public func runSwift() -> Result {
        let (spec, diagnostics) = loadSpec()
        guard let spec else { return Result(diagnostics: diagnostics, spec: nil, plan: nil) }
        do {
            return Result(diagnostics: diagnostics, spec: spec, plan: try SwiftOutputs.plan(for: spec, config: config))
        } catch let error as DiagnosticError {
            return Result(diagnostics: diagnostics + error.diagnostics, spec: spec, plan: nil)
        } catch {
            return Result(diagnostics: diagnostics + [.error("\(error)", file: config.spec)], spec: spec, plan: nil)
        }
    }
}
