import ErrgenRuntime
import ErrgenSpec
import Foundation

/// Puts the translations of PO files into a spec by editing its text: only the lines that hold
/// (or will hold) a translation change; comments, order and formatting of the rest stay.
///
/// What it refuses, with a diagnostic and no change: a malformed PO file (at its own position); a
/// file whose catalog or language cannot be told, or whose language is not one of the catalog's
/// other languages; a `msgctxt` naming no error; a `msgid` that is no longer the error's message;
/// a `msgstr` whose placeholders differ from the `msgid`'s; a spot of the spec that is not
/// written in block style (an error or its `translations` in `{...}`); and any result that does
/// not validate or does not read back as exactly the intended change.
public enum TranslationImport {
    /// A PO file's name (as the user gave it) and its bytes.
    public struct Input: Sendable {
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// A translation the files bring in: an error's message or title in a language.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var catalog: String
        public var code: String
        public var language: String
        public var isTitle: Bool
        public var text: String

        public var description: String { "\(catalog) \(code) \(language)\(isTitle ? " title" : "")" }
    }

    public struct Outcome: Sendable {
        /// Every problem found; when one is an error nothing is to be written.
        public var diagnostics: [Diagnostic]
        /// The edited spec, when it changes and nothing went wrong.
        public var bytes: [UInt8]?
        /// The translations that change, in spec order.
        public var changes: [Change]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public static func run(spec bytes: [UInt8], file: String, poFiles: [Input], loader: YAMLLoader = YAMLLoader()) -> Outcome {
        let (checked, specDiagnostics) = Generator.check(bytes: bytes, file: file, loader: loader)
        guard let spec = checked, let root = try? loader.loadDocument(bytes, file: file) else {
            return Outcome(diagnostics: specDiagnostics, bytes: nil, changes: [])
        }
        var diagnostics: [Diagnostic] = specDiagnostics
        var changes: [Change] = []
        /// Where each change was read, for repeats.
        var seen: [Change: (String, SourceLocation)] = [:]
        for input in poFiles {
            diagnostics += read(input, spec: spec, into: &changes, seen: &seen)
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            return Outcome(diagnostics: diagnostics, bytes: nil, changes: [])
        }
        // Changes that change nothing are dropped.
        changes = changes.filter { change in
            guard let entry = error(change, in: spec) else { return false }
            let existing = entry.translation(change.language)
            return change.isTitle ? existing?.title?.value != change.text : existing?.message.value.source != change.text
        }
        changes.sort { order($0, in: spec).lexicographicallyPrecedes(order($1, in: spec)) }
        guard !changes.isEmpty else { return Outcome(diagnostics: diagnostics, bytes: nil, changes: []) }

        guard let text = SpecText(bytes) else {
            return Outcome(diagnostics: diagnostics + [.error("the spec is not UTF-8; errgen edits only UTF-8 specs", file: file)], bytes: nil, changes: [])
        }
        var editor = Editor(text: text, file: file, spec: spec, root: root)
        editor.plan(changes)
        if !editor.diagnostics.isEmpty {
            return Outcome(diagnostics: diagnostics + editor.diagnostics, bytes: nil, changes: [])
        }
        let edited = text.applying(editor.edits).bytes

        // The result must be a valid spec that reads back as exactly the intended change.
        let (after, afterDiagnostics) = Generator.check(bytes: edited, file: file, loader: loader)
        guard let after else {
            return Outcome(
                diagnostics: diagnostics + afterDiagnostics.map { diagnostic in
                    var copy = diagnostic
                    copy.message += " (in the spec as the import would write it; nothing was written)"
                    return copy
                }, bytes: nil, changes: [])
        }
        var expected = Fingerprint(spec)
        for change in changes { expected.apply(change) }
        let actual = Fingerprint(after)
        if expected != actual {
            let differing = expected.errors.keys.filter { expected.errors[$0] != actual.errors[$0] }.sorted().first
            let parts = differing?.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init) ?? []
            let location = parts.count == 2
                ? spec.catalogs.first { $0.name.value == parts[0] }?.errors.first { $0.code.value == parts[1] }?.code.location : nil
            return Outcome(
                diagnostics: diagnostics + [.error("cannot edit the spec safely here: the edited text would not read back as the imported translations; nothing was written", file: file, at: location)],
                bytes: nil, changes: [])
        }
        return Outcome(diagnostics: diagnostics + afterDiagnostics, bytes: edited, changes: changes)
    }

    // MARK: - Reading PO files

    static func read(_ input: Input, spec: Spec, into changes: inout [Change], seen: inout [Change: (String, SourceLocation)]) -> [Diagnostic] {
        let file = input.path
        let (entries, problems) = POFile.parse(input.bytes, file: file)
        var diagnostics = problems
        guard problems.isEmpty else { return diagnostics }
        let header = entries.first { $0.isHeader }
        var fields: [String: (String, SourceLocation)] = [:]
        if let header {
            // Each header line, with the position of the piece it starts in.
            var line = ""
            var lineAt: SourceLocation?
            func take() {
                defer { line = ""; lineAt = nil }
                guard let lineAt, let colon = line.firstIndex(of: ":") else { return }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                fields[name.lowercased()] = (line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines), lineAt)
            }
            for (piece, at) in header.string.pieces {
                for scalar in piece.unicodeScalars {
                    if lineAt == nil { lineAt = at }
                    if scalar == "\n" { take() } else { line.unicodeScalars.append(scalar) }
                }
            }
            take()
        }
        let fileLevel = header?.string.start
        let baseName = URL(fileURLWithPath: file).lastPathComponent
        let nameParts = baseName.hasSuffix(".po") ? baseName.dropLast(3).split(separator: ".", omittingEmptySubsequences: false).map(String.init) : []

        if let (charset, at) = fields["content-type"], let range = charset.range(of: "charset=", options: .caseInsensitive) {
            let value = charset[range.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
            if value != "utf-8" && value != "utf8" {
                diagnostics.append(.error("the file's charset is '\(value)'; errgen reads PO files in UTF-8", file: file, at: at))
                return diagnostics
            }
        }

        // The catalog: the header's X-Errgen-Catalog, else the file name's first part, else the only one.
        let catalog: CatalogSpec
        if let (name, at) = fields["x-errgen-catalog"] {
            guard let found = spec.catalogs.first(where: { $0.name.value == name }) else {
                diagnostics.append(.error("the spec has no catalog '\(name)' (it has \(spec.catalogs.map { "'\($0.name.value)'" }.joined(separator: ", ")))", file: file, at: at))
                return diagnostics
            }
            catalog = found
        } else if nameParts.count >= 2, let found = spec.catalogs.first(where: { $0.fileName == nameParts[0].lowercased() }) {
            catalog = found
        } else if spec.catalogs.count == 1 {
            catalog = spec.catalogs[0]
        } else {
            diagnostics.append(.error(
                "cannot tell which catalog the file translates: it has no 'X-Errgen-Catalog' header and its name is not <catalog>.<language>.po",
                file: file, at: fileLevel))
            return diagnostics
        }

        // The language: the header's Language (fr_CA is fr-CA), else the file name's last part.
        let given: (String, SourceLocation?)
        if let (value, at) = fields["language"], !value.isEmpty {
            var tag = value
            if let cut = tag.firstIndex(where: { $0 == "@" || $0 == "." }) { tag = String(tag[..<cut]) }
            given = (tag.replacingOccurrences(of: "_", with: "-"), at)
        } else if nameParts.count >= 2 {
            given = (nameParts[nameParts.count - 1].replacingOccurrences(of: "_", with: "-"), fileLevel)
        } else {
            diagnostics.append(.error("cannot tell the file's language: it has no 'Language' header and its name is not <catalog>.<language>.po", file: file, at: fileLevel))
            return diagnostics
        }
        let languages = catalog.effectiveLanguages
        guard let language = languages.first(where: { $0.caseInsensitiveCompare(given.0) == .orderedSame }) else {
            diagnostics.append(.error(
                "language '\(given.0)' is not among the languages of catalog '\(catalog.name.value)' (\(languages.joined(separator: ", "))); add it to the catalog's 'languages' first",
                file: file, at: given.1))
            return diagnostics
        }
        if language == catalog.effectiveLanguages.first {
            diagnostics.append(.error(
                "'\(language)' is the default language of catalog '\(catalog.name.value)', whose text is each error's 'message'; a translation is in another language",
                file: file, at: given.1))
            return diagnostics
        }

        for entry in entries where !entry.isHeader {
            // Untranslated and fuzzy entries are left out, as msgfmt leaves them out.
            guard !entry.string.value.isEmpty, !entry.flags.contains("fuzzy") else { continue }
            guard let context = entry.context else {
                diagnostics.append(.error("the entry has no 'msgctxt': errgen names the error an entry translates by its wire code there", file: file, at: entry.id.location))
                continue
            }
            let isTitle = context.value.hasSuffix(TranslationExport.titleSuffix)
            let code = isTitle ? String(context.value.dropLast(TranslationExport.titleSuffix.count)) : context.value
            guard let target = catalog.errors.first(where: { $0.code.value == code }) else {
                var message = "catalog '\(catalog.name.value)' has no error '\(code)'"
                if let suggestion = Spelling.suggestion(for: code, among: catalog.errors.map(\.code.value)) { message += "; did you mean '\(suggestion)'?" }
                diagnostics.append(.error(message, file: file, at: context.start))
                continue
            }
            let source = isTitle ? (target.title?.value ?? target.problemTitle) : target.message.value.source
            guard entry.id.value == source else {
                diagnostics.append(.error(
                    "the msgid is not the \(isTitle ? "title" : "message") of '\(code)' in the spec any more (it is now \(Self.quotedForMessage(source))); export the translations again and merge this file into the new one (msgmerge)",
                    file: file, at: entry.id.start))
                continue
            }
            if isTitle {
                if entry.string.value.allSatisfy(\.isWhitespace) {
                    diagnostics.append(.error("the title is empty", file: file, at: entry.string.start))
                    continue
                }
            } else {
                let (template, templateProblems) = MessageTemplate.parse(entry.string.value)
                if let problem = templateProblems.first {
                    diagnostics.append(.error("msgstr: \(problem.message)", file: file, at: entry.string.start))
                    continue
                }
                if template.isEmpty {
                    diagnostics.append(.error("the msgstr is empty but for spaces", file: file, at: entry.string.start))
                    continue
                }
                let expected = target.message.value.placeholderNames
                let written = template.placeholderNames
                if Set(expected) != Set(written) {
                    let missing = expected.filter { !written.contains($0) }.map { "{\($0)}" }
                    let extra = written.filter { !expected.contains($0) }.map { "{\($0)}" }
                    var parts: [String] = []
                    if missing.count > 0 { parts.append("lacks \(missing.joined(separator: ", "))") }
                    if !extra.isEmpty { parts.append("has \(extra.joined(separator: ", ")), which the msgid does not have") }
                    diagnostics.append(.error(
                        "the msgstr's placeholders differ from the msgid's: it \(parts.joined(separator: " and ")) (a translation uses exactly the msgid's placeholders)",
                        file: file, at: entry.string.start))
                    continue
                }
            }
            let change = Change(catalog: catalog.name.value, code: code, language: language, isTitle: isTitle, text: entry.string.value)
            var key = change
            key.text = ""
            if let (otherFile, otherAt) = seen[key] {
                diagnostics.append(.error(
                    "the \(isTitle ? "title" : "message") of '\(code)' in '\(language)' is translated twice (first at \(otherFile):\(otherAt))",
                    file: file, at: context.start))
                continue
            }
            seen[key] = (file, context.start)
            changes.append(change)
        }
        // A title needs a message in its language: in the spec or in these files.
        for change in changes where change.isTitle && change.catalog == catalog.name.value && change.language == language {
            let hasMessage = error(change, in: spec)?.translation(language) != nil
                || changes.contains { !$0.isTitle && $0.catalog == change.catalog && $0.code == change.code && $0.language == language }
            if !hasMessage {
                var key = change
                key.text = ""
                diagnostics.append(.error(
                    "the title of '\(change.code)' in '\(language)' comes without its message: translate the message too (a translation is its message, with a title if any)",
                    file: file, at: seen[key]?.1))
            }
        }
        return diagnostics
    }

    static func quotedForMessage(_ text: String) -> String {
        "\"" + text + "\""
    }

    static func error(_ change: Change, in spec: Spec) -> ErrorSpec? {
        spec.catalogs.first { $0.name.value == change.catalog }?.errors.first { $0.code.value == change.code }
    }

    /// A change's place: its error's in the spec, then its language's in the catalog, message first.
    static func order(_ change: Change, in spec: Spec) -> [Int] {
        guard let c = spec.catalogs.firstIndex(where: { $0.name.value == change.catalog }) else { return [] }
        let catalog = spec.catalogs[c]
        let e = catalog.errors.firstIndex { $0.code.value == change.code } ?? 0
        let l = catalog.effectiveLanguages.firstIndex(of: change.language) ?? 0
        return [c, e, l, change.isTitle ? 1 : 0]
    }

    // MARK: - Checking the result

    /// What of a spec the import may touch, by error: everything but positions, the translations
    /// by language, so the spec after an edit can be compared with what the edit meant to do.
    struct Fingerprint: Equatable {
        struct ErrorPrint: Equatable {
            var rest: String
            var translations: [String: [String?]]
        }

        var catalogs: [String]
        var errors: [String: ErrorPrint]

        init(_ spec: Spec) {
            catalogs = spec.catalogs.map { catalog in
                [catalog.name.value, catalog.title, catalog.summary ?? "-", catalog.description ?? "-", catalog.swiftName?.value ?? "-",
                 catalog.documentationURL?.value ?? "-", catalog.formats.map { "\($0.kind.rawValue)/\($0.namespace ?? "")" }.joined(separator: ","),
                 catalog.defaultFormat.map { $0.value.rawValue } ?? "-", catalog.languages.map(\.value).joined(separator: ","),
                 catalog.parameters.map(Self.parameter).joined(separator: ";"), catalog.errors.map(\.code.value).joined(separator: ",")]
                    .joined(separator: "\u{1}")
            }
            errors = [:]
            for catalog in spec.catalogs {
                for entry in catalog.errors {
                    let rest = [
                        "\(entry.status.value)", entry.message.value.source, entry.description ?? "-", entry.title?.value ?? "-",
                        entry.parameters.map(Self.parameter).joined(separator: ";"), entry.swiftName?.value ?? "-",
                        entry.headers.map { "\($0.name.value)=\($0.value.value.source)" }.joined(separator: ";"),
                        entry.deprecation.map { "deprecated:" + $0.message } ?? "-",
                    ].joined(separator: "\u{1}")
                    var translations: [String: [String?]] = [:]
                    for translation in entry.translations {
                        translations[translation.language.value.lowercased()] = [translation.message.value.source, translation.title?.value]
                    }
                    errors[catalog.name.value + "\u{1}" + entry.code.value] = ErrorPrint(rest: rest, translations: translations)
                }
            }
        }

        static func parameter(_ p: ParameterSpec) -> String {
            "\(p.name.value):\(p.typeName):\(p.description ?? "-"):\(p.exampleItems?.joined(separator: "\u{1}") ?? p.example ?? "-")"
        }

        mutating func apply(_ change: Change) {
            let key = change.catalog + "\u{1}" + change.code
            let language = change.language.lowercased()
            var values = errors[key]?.translations[language] ?? [nil, nil]
            values[change.isTitle ? 1 : 0] = change.text
            errors[key]?.translations[language] = values
        }
    }
}
