import Foundation

/// A run of errgen for a config: here the spec read and checked (load → model → validate) and
/// what every generated file says first; the outputs are rendered by the modules that make them
/// (ErrgenSwift for Swift, ErrgenCore for the rest) into an `OutputPlan` in memory, which
/// `OutputWriter` writes only when every stage succeeded.
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

        public init(diagnostics: [Diagnostic], spec: Spec?, plan: OutputPlan?) {
            self.diagnostics = diagnostics
            self.spec = spec
            self.plan = plan
        }

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
}
