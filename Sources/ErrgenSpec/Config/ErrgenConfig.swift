import Foundation

/// Where errgen reads and writes, from an optional config file (`errgen-config.yaml`).
///
/// Every path is relative to the folder of the config file, or to the current folder when
/// there is none.
public struct ErrgenConfig: Sendable, Hashable {
    /// The name errgen looks for in the current folder when no `--config` is given.
    public static let defaultFileName = "errgen-config.yaml"

    /// The spec file. Default `spec/errors.yaml`.
    public var spec: String = "spec/errors.yaml"
    /// A folder of templates that replace errgen's own by name. Default: none.
    public var templates: String?
    /// The folder of the generated Swift files, one per catalog. Default `Sources/Generated`.
    public var swiftOutput: String? = "Sources/Generated"
    /// One Swift file holding every catalog, instead of a file per catalog (the build plugin's
    /// way: its outputs are known before the spec is read). Set by `--swift-file`; default none.
    public var swiftFile: String?
    /// With `swiftFile`: how many files beside it hold the errors' factories. Default 0.
    public var swiftFileShards: Int = 0
    /// Errors per generated Swift file of a catalog; the rest go in `<Type>+Errors<n>.swift`.
    public var swiftShardSize: Int = 1000
    /// Errors per documentation page. A catalog with more errors gets an overview page (its
    /// table of every error, each row carrying the error's anchor) and pages of this many errors
    /// each, `<catalog>-1.html`, `<catalog>-2.html`, …, so that no page grows without bound.
    /// Default 500 (about 1.5 MB of HTML).
    public var docsPageSize: Int = 500
    /// The folder of the documentation pages. Default `docs`.
    public var docsOutput: String? = "docs"
    /// The folder of the fixture files. Default `fixtures`.
    public var fixturesOutput: String? = "fixtures"
    /// The folder of the OpenAPI documents of components (`<catalog>.openapi.json`). Default: none
    /// (not written).
    public var openAPIOutput: String?
    /// Extra outputs rendered from the user's own templates (`outputs.custom`). Default: none.
    public var customOutputs: [CustomOutput] = []
    /// Languages every error of each catalog that lists them must be translated into
    /// (`require-translations`); `*` stands for every language of every catalog. Default: none.
    public var requiredTranslations: [String] = []
    /// The access level of the generated Swift declarations. Default `public`.
    public var access: SwiftAccess = .public
    /// The command the header of each generated file names for regenerating it: the config's
    /// `regenerate-command`, else what the command line composes from its options (see
    /// `regenerateCommandIsGiven`). Default `errgen generate`.
    public var regenerateCommand: String = "errgen generate"
    /// Whether `regenerateCommand` was given (by the config file or by the caller), rather than
    /// left for the command line to compose from the options it was run with.
    public var regenerateCommandIsGiven = false
    /// The folder paths are relative to.
    public var root: URL
    /// The config file, when one was read.
    public var file: String?

    public init(root: URL) {
        self.root = root
    }

    /// What is wrong with a regenerate command, which every generated file's first line quotes
    /// (in a Swift, HTML or template comment): nil when it is one line of text.
    public static func regenerateCommandProblem(_ command: String) -> String? {
        if command.trimmingCharacters(in: .whitespaces).isEmpty { return "is empty" }
        if command.unicodeScalars.contains(where: \.breaksALine) {
            return "must be one line, without control characters"
        }
        if command.contains("`") { return "must not contain a backtick (the header quotes it in backticks)" }
        return nil
    }

    /// Reads a config file; every problem is reported at its position.
    public static func load(path: String, loader: YAMLLoader = YAMLLoader()) throws(DiagnosticError) -> ErrgenConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("cannot read the config file", file: path))
        }
        let root = try loader.loadDocument([UInt8](data), file: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var config = ErrgenConfig(root: base)
        config.file = path
        var diagnostics = DiagnosticCollector()
        guard var fields = MappingReader(root, what: "the config", file: path, diagnostics: &diagnostics) else {
            throw DiagnosticError(diagnostics.sorted)
        }
        if let spec = fields.string("spec", diagnostics: &diagnostics) {
            config.spec = spec.value
        }
        if let templates = fields.string("templates", diagnostics: &diagnostics) {
            config.templates = templates.value
        }
        if let command = fields.string("regenerate-command", diagnostics: &diagnostics) {
            if let problem = Self.regenerateCommandProblem(command.value) {
                diagnostics.error("'regenerate-command' \(problem)", file: path, at: command.location)
            } else {
                config.regenerateCommand = command.value
                config.regenerateCommandIsGiven = true
            }
        }
        if let node = fields.node("require-translations", diagnostics: &diagnostics) {
            if let items = node.sequence {
                for item in items {
                    guard let tag = MappingReader.string(item, key: "require-translations", file: path, diagnostics: &diagnostics) else { continue }
                    if tag.value != "*", let problem = LanguageTag.problem(tag.value) {
                        diagnostics.error("'\(tag.value)' is not a well-formed BCP 47 language tag: \(problem)", file: path, at: tag.location)
                    } else {
                        config.requiredTranslations.append(tag.value)
                    }
                }
            } else {
                diagnostics.error(
                    "'require-translations' must be a sequence of language tags (or [\"*\"] for every language), not \(node.kindDescription)",
                    file: path, at: node.location)
            }
        }
        if let size = fields.int("docs-page-size", diagnostics: &diagnostics) {
            if size.value >= 1 {
                config.docsPageSize = size.value
            } else {
                diagnostics.error("'docs-page-size' must be 1 or more, not \(size.value)", file: path, at: size.location)
            }
        }
        if let access = fields.string("access", diagnostics: &diagnostics) {
            if let level = SwiftAccess(rawValue: access.value) {
                config.access = level
            } else {
                diagnostics.error(
                    "'access' must be one of \(SwiftAccess.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), not '\(access.value)'",
                    file: path, at: access.location)
            }
        }
        if let outputs = fields.node("outputs", diagnostics: &diagnostics),
            var outputFields = MappingReader(outputs, what: "'outputs'", file: path, diagnostics: &diagnostics)
        {
            config.swiftOutput = outputFields.optionalPath("swift", default: config.swiftOutput, diagnostics: &diagnostics)
            config.docsOutput = outputFields.optionalPath("docs", default: config.docsOutput, diagnostics: &diagnostics)
            config.fixturesOutput = outputFields.optionalPath("fixtures", default: config.fixturesOutput, diagnostics: &diagnostics)
            config.openAPIOutput = outputFields.optionalPath("openapi", default: config.openAPIOutput, diagnostics: &diagnostics)
            if let custom = outputFields.node("custom", diagnostics: &diagnostics) {
                config.customOutputs = CustomOutput.read(custom, config: config, file: path, diagnostics: &diagnostics)
            }
            outputFields.finish(diagnostics: &diagnostics)
        }
        fields.finish(diagnostics: &diagnostics)
        for (key, value) in [("spec", config.spec), ("templates", config.templates ?? "."), ("outputs.swift", config.swiftOutput ?? "."),
            ("outputs.docs", config.docsOutput ?? "."), ("outputs.fixtures", config.fixturesOutput ?? "."), ("outputs.openapi", config.openAPIOutput ?? ".")] where value.isEmpty {
            diagnostics.error("'\(key)' must not be empty", file: path, at: root.location)
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted) }
        return config
    }

    /// A path given on the command line, as the config holds paths: an absolute one as it is; a
    /// relative one (to `directory`, the current folder) made relative to the config's root when
    /// it lies below it, absolute otherwise.
    public func relativeToRoot(_ path: String, from directory: URL) -> String {
        if path.hasPrefix("/") { return path }
        let absolute = directory.appendingPathComponent(path)
        let target = absolute.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        if target == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
    }

    /// A path of the config as diagnostics name it: beside the config file as it was given
    /// (`api/templates/x.mustache` for `--config api/errgen-config.yaml`), or absolute.
    public func displayPath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let file else { return url(path).path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }

    /// A path of the config resolved against its root.
    public func url(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
}

extension MappingReader {
    /// A folder path, or `null` for "do not write this output"; `fallback` when the key is absent.
    /// An output folder must lie inside the config's folder: relative, and not climbing out of it
    /// with `..`, so a config from a pull request cannot make errgen write anywhere else.
    mutating func optionalPath(_ key: String, default fallback: String?, diagnostics: inout DiagnosticCollector) -> String? {
        guard let value = node(key, diagnostics: &diagnostics) else { return fallback }
        if value.scalar?.resolved == .null { return nil }
        guard let path = MappingReader.string(value, key: key, file: file, diagnostics: &diagnostics) else { return fallback }
        if path.value.hasPrefix("/") || path.value.hasPrefix("~") {
            diagnostics.error(
                "the output folder '\(path.value)' must be relative to the config's folder, not absolute (give an absolute folder on the command line instead)",
                file: file, at: path.location)
            return fallback
        }
        if !ErrgenConfig.staysInside(path.value) {
            diagnostics.error(
                "the output folder '\(path.value)' leaves the config's folder; outputs are written only below it",
                file: file, at: path.location)
            return fallback
        }
        return path.value
    }
}

extension ErrgenConfig {
    /// Whether a relative path, read component by component, never climbs above where it starts.
    static func staysInside(_ path: String) -> Bool {
        var depth = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                depth -= 1
                if depth < 0 { return false }
            default: depth += 1
            }
        }
        return true
    }
}
