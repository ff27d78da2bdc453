import Foundation

/// An extra output the user shapes (SwiftGen's model): a template of theirs, rendered with
/// errgen's documented context (`Documentation/Templates.md`) into a file of their choosing.
///
/// ```yaml
/// outputs:
///   custom:
///     - template: templates/enum.java.mustache   # relative to the config's folder
///       output: java/src/{type}.java             # one file per catalog
///       params: {package: com.example.errors}    # read by the template as {{params.package}}
/// ```
///
/// An output path holding `{catalog}` (the catalog's file name, `raws`) or `{type}` (its type
/// name, `RAWSError`) in its file name gives one file per catalog, each rendered with that
/// catalog's context; without one, a single file is rendered with the whole spec's context.
public struct CustomOutput: Sendable, Hashable {
    /// What can stand in the file name of an output path.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable {
        /// The catalog's file name, as its docs page has it: `raws`.
        case catalog = "{catalog}"
        /// The catalog's type name: `RAWSError`.
        case type = "{type}"
    }

    /// The template file: relative to the config's folder, or absolute.
    public var template: String
    /// The file to write, relative to the config's folder and inside it; at most one placeholder,
    /// in the file name.
    public var output: String
    /// Values the config gives the template, in the config's order (`{{params.name}}`).
    public var params: [CustomParam]
    /// Where the entry is in the config, for diagnostics about what it writes.
    public var location: SourceLocation?

    public init(template: String, output: String, params: [CustomParam] = [], location: SourceLocation? = nil) {
        self.template = template
        self.output = output
        self.params = params
        self.location = location
    }

    /// The placeholder of the output path, if it has one: then there is a file per catalog.
    public var placeholder: Placeholder? {
        Placeholder.allCases.first { output.contains($0.rawValue) }
    }

    /// The output path with its folders resolved (`a/./b/../c` → `a/c`).
    public var canonicalOutput: String { CustomOutput.canonical(output) }

    /// The file written for `catalog` (or for the whole spec, when the path has no placeholder).
    public func path(for catalog: ResolvedCatalog?) -> String {
        let path = canonicalOutput
        guard let placeholder, let catalog else { return path }
        let value = placeholder == .catalog ? catalog.fileName : catalog.typeName
        return path.replacingOccurrences(of: placeholder.rawValue, with: value)
    }

    /// The files a per-catalog output owns, so that one the spec no longer produces is removed
    /// (when it starts with errgen's marker): those in the output's folder whose name is the
    /// pattern's, with a name of letters, digits, `-` and `_` in the placeholder's place.
    public var ownedFolder: OutputPlan.OwnedFolder? {
        guard let placeholder else { return nil }
        let path = canonicalOutput
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let range = name.range(of: placeholder.rawValue) else { return nil }
        return OutputPlan.OwnedFolder(
            path: folder, namePattern: .init(prefix: String(name[..<range.lowerBound]), suffix: String(name[range.upperBound...])))
    }

    /// A relative path with `.` and `..` components resolved; the path must stay inside.
    static func canonical(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// Why `output` cannot be an output path, or `nil` when it can.
    static func outputProblem(_ output: String) -> String? {
        if output.hasPrefix("/") || output.hasPrefix("~") {
            return "the output path '\(output)' must be relative to the config's folder, not absolute (an output outside it is not written)"
        }
        if !ErrgenConfig.staysInside(output) {
            return "the output path '\(output)' leaves the config's folder; outputs are written only below it"
        }
        let last = output.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        if canonical(output).isEmpty || last.isEmpty || last == "." || last == ".." {
            return "the output path '\(output)' names a folder; it must name a file"
        }
        // Every brace must belong to a known placeholder, and there is at most one, in the file name.
        var rest = Substring(output)
        var found: [Placeholder] = []
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                return "the output path '\(output)' has a brace that is not part of a placeholder ({catalog} or {type})"
            }
            let text = String(rest[open...close])
            guard let placeholder = Placeholder(rawValue: text) else {
                return "unknown placeholder '\(text)' in the output path (the placeholders are {catalog} and {type})"
            }
            found.append(placeholder)
            rest = rest[rest.index(after: close)...]
        }
        if found.count > 1 {
            return "the output path '\(output)' has more than one placeholder; it takes one, {catalog} or {type}"
        }
        if let placeholder = found.first, !last.contains(placeholder.rawValue) {
            return "the placeholder \(placeholder.rawValue) goes in the file name of the output path, not in a folder"
        }
        return nil
    }
}

/// A value a config gives a custom template under `params`.
public struct CustomParam: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// Any scalar but a boolean, as written.
        case string(String)
        /// `true` or `false`: a section the template shows or not.
        case bool(Bool)
    }

    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

extension CustomOutput {
    /// The entries of `outputs.custom`; every problem is reported at its position.
    static func read(_ node: YAMLNode, config: ErrgenConfig, file: String, diagnostics: inout DiagnosticCollector) -> [CustomOutput] {
        if node.scalar?.resolved == .null { return [] }
        guard let items = node.sequence else {
            diagnostics.error(
                "'outputs.custom' must be a list of outputs (each with 'template' and 'output'), not \(node.kindDescription)",
                file: file, at: node.location)
            return []
        }
        var outputs: [CustomOutput] = []
        for item in items {
            guard var fields = MappingReader(item, what: "a custom output", file: file, diagnostics: &diagnostics) else { continue }
            let template = fields.string("template", required: true, diagnostics: &diagnostics)
            let output = fields.string("output", required: true, diagnostics: &diagnostics)
            var params: [CustomParam] = []
            if let node = fields.node("params", diagnostics: &diagnostics) {
                params = readParams(node, file: file, diagnostics: &diagnostics)
            }
            fields.finish(diagnostics: &diagnostics)
            if let template {
                var isFolder: ObjCBool = false
                if template.value.isEmpty {
                    diagnostics.error("'template' must not be empty", file: file, at: template.location)
                } else if !FileManager.default.fileExists(atPath: config.url(template.value).path, isDirectory: &isFolder) {
                    diagnostics.error("template file '\(template.value)' not found (paths are relative to the config's folder)", file: file, at: template.location)
                } else if isFolder.boolValue {
                    diagnostics.error("template '\(template.value)' is a folder; it must name a template file", file: file, at: template.location)
                }
            }
            if let output, let problem = outputProblem(output.value) {
                diagnostics.error(problem, file: file, at: output.location)
            }
            if let template, let output {
                outputs.append(CustomOutput(template: template.value, output: output.value, params: params, location: item.location))
            }
        }
        return outputs
    }

    static func readParams(_ node: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> [CustomParam] {
        guard let pairs = node.mapping else {
            diagnostics.error("'params' must be a mapping of names to values, not \(node.kindDescription)", file: file, at: node.location)
            return []
        }
        var params: [CustomParam] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.value, case .string = pair.key.scalar?.resolved else {
                diagnostics.error("a param's name must be a string", file: file, at: pair.key.location)
                continue
            }
            guard MessageTemplate.isValidParameterName(name) else {
                diagnostics.error(
                    "'\(name)' is not a valid param name: it starts with a letter and holds only letters, digits, '-' and '_'",
                    file: file, at: pair.key.location)
                continue
            }
            guard let scalar = pair.value.scalar, scalar.resolved != .null else {
                diagnostics.error(
                    "param '\(name)' must be a string or a boolean, not \(pair.value.kindDescription)", file: file, at: pair.value.location)
                continue
            }
            if case let .bool(flag) = scalar.resolved {
                params.append(CustomParam(name: name, value: .bool(flag)))
            } else {
                params.append(CustomParam(name: name, value: .string(scalar.value)))
            }
        }
        return params
    }
}
