import ErrgenSpec
import Foundation
import Mustache

/// The template of a custom output with its partials, parsed by swift-mustache (which renders
/// every user template: errgen's compiled renderer is only for its own), and checked so that a
/// mistake does not render silently as nothing:
///
/// - it renders as text: nothing is escaped unless a template names a content type itself
///   (`{{% CONTENT_TYPE: HTML }}`), partials included;
/// - `{{> name}}` includes `name.mustache` from the main template's folder (`{{> parts/row}}`:
///   `parts/row.mustache`); a partial that is missing, or that includes itself, is an error, and so
///   is a dynamic partial (`{{> *name}}`);
/// - a transform that neither errgen nor swift-mustache has is an error, at its tag;
/// - a name that no context answers where the template uses it (a typo such as `{{cdoe}}`) is an
///   error, at the first tag naming it. (Only the first part of a dotted name is checked, and
///   `params.…` is not: a param the config does not give reads as nothing.)
public struct CustomTemplate: Sendable {
    /// The main template's path, for diagnostics.
    public let path: String
    let library: MustacheLibrary
    /// Each file's tags, the main template's first, for pointing at a name.
    let files: [(path: String, tags: [MustacheTags.Tag])]

    /// The name the main template is registered under: no partial tag can name it (names are trimmed).
    static let mainName = " main"

    /// Transforms swift-mustache applies itself (strings, lists, integers, list positions).
    static let mustacheTransforms: Set<String> = [
        "capitalized", "lowercased", "uppercased", "reversed", "empty", "first", "last", "count", "sorted", "enumerated",
        "equalzero", "plusone", "minusone", "even", "odd", "index",
    ]

    /// Reads and parses the template at `url` (`path` is how diagnostics name it) and its partials.
    public static func load(path: String, url: URL) throws(DiagnosticError) -> CustomTemplate {
        var diagnostics = DiagnosticCollector()
        let folder = url.deletingLastPathComponent()
        let folderPath = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ""
        var library = MustacheLibrary()
        var files: [(path: String, tags: [MustacheTags.Tag])] = []
        // Which partials each file includes, by name, with the tag that includes it.
        var includes: [String: [(name: String, tag: MustacheTags.Tag, file: String)]] = [:]
        var queue: [(name: String, path: String, url: URL, from: (tag: MustacheTags.Tag, file: String)?)] = [(mainName, path, url, nil)]
        var seen: Set<String> = [mainName]
        while !queue.isEmpty {
            let item = queue.removeFirst()
            guard let data = FileManager.default.contents(atPath: item.url.path) else {
                if let from = item.from {
                    diagnostics.error(
                        "partial '\(item.name)' not found: there is no file \(item.path)", file: from.file, at: from.tag.location)
                } else {
                    diagnostics.error("cannot read the template", file: item.path, at: nil)
                }
                continue
            }
            guard let source = String(data: data, encoding: .utf8) else {
                diagnostics.error("cannot read the template (is it UTF-8?)", file: item.path, at: nil)
                continue
            }
            let tags = MustacheTags.scan(source)
            files.append((item.path, tags))
            for tag in tags {
                for transform in tag.transforms where !ContextText.transforms.contains(where: { $0.name == transform }) && !mustacheTransforms.contains(transform) {
                    var message = "unknown transform '\(transform)'"
                    let known = ContextText.transforms.map(\.name) + mustacheTransforms.sorted()
                    if let suggestion = Spelling.suggestion(for: transform, among: known) {
                        message += "; did you mean '\(suggestion)'?"
                    } else {
                        message += " (errgen's: \(ContextText.transforms.map(\.name).joined(separator: ", ")); swift-mustache's: \(mustacheTransforms.sorted().joined(separator: ", ")))"
                    }
                    diagnostics.error(message, file: item.path, at: tag.location)
                }
                guard tag.sigil == ">" || tag.sigil == "<" else { continue }
                if tag.name.hasPrefix("*") {
                    diagnostics.error("dynamic partials ('\(tag.name)') are not supported in custom templates", file: item.path, at: tag.location)
                    continue
                }
                includes[item.name, default: []].append((tag.name, tag, item.path))
                if seen.insert(tag.name).inserted {
                    let relative = tag.name + "." + TemplateSet.fileExtension
                    queue.append((tag.name, folderPath + relative, folder.appendingPathComponent(relative), (tag, item.path)))
                }
            }
            let text = source.contains("{{% CONTENT_TYPE") ? source : "{{% CONTENT_TYPE: TEXT }}\n" + source
            let addedLines = text == source ? 0 : 1
            do {
                library.register(try MustacheTemplate(string: text), named: item.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    "template does not parse: \(error.error)", file: item.path,
                    at: SourceLocation(line: error.context.lineNumber - addedLines, column: error.context.columnNumber))
            } catch {
                diagnostics.error("template does not parse: \(error)", file: item.path, at: nil)
            }
        }
        // A partial that includes itself, directly or not, would never end.
        var state: [String: Bool] = [:]  // false: being visited; true: done
        func visit(_ name: String) {
            state[name] = false
            for include in includes[name] ?? [] {
                switch state[include.name] {
                case false?:
                    diagnostics.error("partial '\(include.name)' includes itself, which would never end", file: include.file, at: include.tag.location)
                case nil: visit(include.name)
                default: break
                }
            }
            state[name] = true
        }
        visit(mainName)
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted) }
        return CustomTemplate(path: path, library: library, files: files)
    }

    /// The template rendered with `context` as UTF-8 bytes; a name that no context answers is an
    /// error at the first tag using it.
    public func render(_ context: some MustacheParent) throws(DiagnosticError) -> [UInt8] {
        let root = StrictRoot(context)
        guard let text = library.render(root, withTemplate: Self.mainName) else {
            throw DiagnosticError(.error("the template did not render", file: path))
        }
        guard root.missing.isEmpty else {
            throw DiagnosticError(root.missing.map { name -> Diagnostic in
                var message: String
                if CustomContextKeys.all.contains(name) {
                    message = "the template uses '\(name)' outside the contexts that have it"
                } else {
                    message = "the template uses '\(name)', which is not in its context"
                    if let suggestion = Spelling.suggestion(for: name, among: CustomContextKeys.all) {
                        message += "; did you mean '\(suggestion)'?"
                    }
                }
                message += " (see Documentation/Templates.md)"
                for file in files {
                    let uses = file.tags.filter { !["!", "%", ">", "<", "$"].contains($0.sigil) }
                    if let tag = uses.first(where: { $0.name.split(separator: ".").first.map(String.init) == name }) {
                        return .error(message, file: file.path, at: tag.location)
                    }
                }
                return .error(message, file: path)
            })
        }
        return Array(text.utf8)
    }
}

/// The root of a render: records every name that no context answered. swift-mustache asks the
/// innermost context first and the root last, so a name the root does not answer either is one no
/// context has.
private final class StrictRoot<Context: MustacheParent>: MustacheParent {
    let context: Context
    private(set) var missing: [String] = []

    init(_ context: Context) { self.context = context }

    func child(named name: String) -> Any? {
        let value = context.child(named: name)
        if value == nil, !missing.contains(name) { missing.append(name) }
        return value
    }
}
