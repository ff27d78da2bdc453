import ErrgenSpec
import ErrgenSwift
import Foundation
import Mustache

/// The templates errgen renders outputs with: the defaults it carries inside itself (a copy of the
/// repository's `Templates/` folder), each replaceable by a file of the same name in a user's folder.
///
/// A template's name is its path below the folder without `.mustache`: `swift/catalog.swift`.
public struct TemplateSet: Sendable {
    /// Template sources by name.
    public private(set) var sources: [String: String]
    /// Where each template came from, for diagnostics: a file path, or `nil` for a built-in default.
    public private(set) var origins: [String: String]

    public init(sources: [String: String], origins: [String: String] = [:]) {
        self.sources = sources
        self.origins = origins
    }

    /// The templates errgen carries.
    public static var defaults: TemplateSet { TemplateSet(sources: DefaultTemplates.all) }

    public static let fileExtension = "mustache"

    /// Every `*.mustache` file below `directory`, by name (sorted, so reading is deterministic).
    public static func read(directory: URL) throws -> [String: (source: String, path: String)] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(.error("template folder does not exist", file: directory.relativePath))
        }
        var result: [String: (String, String)] = [:]
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = fm.enumerator(atPath: base) else { return [:] }
        for case let relative as String in enumerator where relative.hasSuffix("." + fileExtension) {
            let path = directory.appendingPathComponent(relative).path
            guard let data = fm.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
                throw DiagnosticError(.error("cannot read template (is it UTF-8?)", file: path))
            }
            let name = String(relative.dropLast(fileExtension.count + 1))
            result[name] = (source, path)
        }
        return result
    }

    /// These templates with any of the same name in `directory` taking their place. A file that
    /// replaces no default is an error: it would never be used, which is most likely a typo.
    public func overridden(by directory: URL) throws -> TemplateSet {
        var copy = self
        var diagnostics: [Diagnostic] = []
        for (name, file) in try Self.read(directory: directory).sorted(by: { $0.key < $1.key }) {
            guard sources[name] != nil else {
                var message = "template '\(name)' replaces no errgen template"
                if let suggestion = Spelling.suggestion(for: name, among: sources.keys.sorted()) {
                    message += "; did you mean '\(suggestion).\(Self.fileExtension)'?"
                } else {
                    message += " (errgen's templates: \(sources.keys.sorted().joined(separator: ", ")))"
                }
                diagnostics.append(.error(message, file: file.path))
                continue
            }
            copy.sources[name] = file.source
            copy.origins[name] = file.path
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return copy
    }

    /// A library holding every template, each parsed; a template that does not parse is reported
    /// at its line and column.
    ///
    /// A template that names no content type escapes `{{value}}` for HTML, as Mustache does, but
    /// with errgen's escaper (`HTML.escape`): the same five entities, applied to every Unicode
    /// scalar. (Mustache's own works on whole characters, so a quote followed by a combining mark
    /// would stay a quote and could end an attribute value.)
    public func library() throws -> MustacheLibrary {
        ErrgenHTMLContentType.register()
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let text = Self.withContentType(source)
            // A line put in front moves every position down by one.
            let addedLines = text == source ? 0 : 1
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        "template does not parse: \(error.error)", file: origins[name] ?? "<errgen template \(name)>",
                        at: SourceLocation(line: error.context.lineNumber - addedLines, column: error.context.columnNumber)))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return library
    }

    /// A template's source as errgen renders it: with a content-type pragma first when it names
    /// none (a pragma alone on its line renders as nothing, so the output is unchanged).
    static func withContentType(_ source: String) -> String {
        source.contains("{{% CONTENT_TYPE") ? source : "{{% CONTENT_TYPE: \(ErrgenHTMLContentType.name) }}\n" + source
    }

    /// errgen's own templates compiled, when the set is exactly the defaults and every one of them
    /// compiles; otherwise `nil`, and swift-mustache renders everything.
    func compiled() -> CompiledRenderer? {
        guard origins.isEmpty, sources == DefaultTemplates.all else { return nil }
        var templates: [String: CompiledTemplate] = [:]
        for (name, source) in sources {
            guard let template = CompiledTemplate(Self.withContentType(source)) else { return nil }
            templates[name] = template
        }
        return CompiledRenderer(templates: templates)
    }
}

/// HTML escaping for templates: errgen's escaper under a content type name of its own.
struct ErrgenHTMLContentType: MustacheContentType {
    static let name = "ERRGEN_HTML"

    func escapeText(_ text: String) -> String { HTML.escape(text) }

    private static let registration: Void = MustacheContentTypes.register(ErrgenHTMLContentType(), named: name)

    static func register() { _ = registration }
}

/// Renders contexts with a parsed template set.
public struct TemplateRenderer: Sendable {
    let library: MustacheLibrary
    let set: TemplateSet
    /// errgen's own templates, compiled (see `CompiledTemplate`); `nil` when a user's template
    /// replaces any of them.
    var compiled: CompiledRenderer?

    /// With `compiling` false, swift-mustache renders even errgen's own templates (the tests
    /// compare both renderers).
    public init(_ set: TemplateSet, compiling: Bool = true) throws {
        self.set = set
        self.library = try set.library()
        self.compiled = compiling ? set.compiled() : nil
    }

    /// The template rendered as UTF-8 bytes, as an output file holds them.
    public func renderBytes(_ name: String, _ context: Any) throws -> [UInt8] {
        if let compiled, let context = context as? any TemplateContext, let output = compiled.renderBytes(name, context) {
            return output
        }
        return Array(try render(name, context).utf8)
    }

    public func render(_ name: String, _ context: Any) throws -> String {
        if let compiled, let context = context as? any TemplateContext, let output = compiled.render(name, context) {
            return output
        }
        guard let output = library.render(context, withTemplate: name) else {
            throw DiagnosticError(.error("no template named '\(name)'", file: set.origins[name] ?? "<errgen templates>"))
        }
        return output
    }
}

/// Writes the Swift source of the default-template table from a template folder.
public enum TemplateEmbedder {
    public static func source(for directory: URL) throws -> String {
        let templates = try TemplateSet.read(directory: directory)
        var out = """
            // Generated by errgen from Templates/. Do not edit: regenerate with `swift run errgen embed-templates`.

            /// The templates errgen carries inside itself, so that it works from any package. A test
            /// keeps this table equal to the repository's `Templates/` folder.
            enum DefaultTemplates {
                static let all: [String: String] = [

            """
        for (name, file) in templates.sorted(by: { $0.key < $1.key }) {
            out += "        \(SwiftLiteral.string(name)): \(rawLiteral(file.source)),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// A raw multi-line string literal holding `text` exactly, with as many `#` as it needs.
    static func rawLiteral(_ text: String) -> String {
        var hashes = 1
        while text.contains("\"" + String(repeating: "#", count: hashes)) || text.contains("\\" + String(repeating: "#", count: hashes)) {
            hashes += 1
        }
        let fence = String(repeating: "#", count: hashes)
        // A multi-line literal drops the final line break before the closing delimiter; the
        // content is written on lines of its own so the text is kept byte for byte.
        return fence + "\"\"\"\n" + text + "\n\"\"\"" + fence
    }
}
