import ErrgenSpec

extension TranslationImport {
    /// Turns changes into edits of the spec text, error by error: a new `translations:` mapping
    /// after the error's last key when it has none; else a new `<lang>: "…"` line after its last
    /// translation, or the value of an existing one replaced (a short-form translation that gains a
    /// title becomes the long form). Refuses, at the spot, what is not written in block style.
    struct Editor {
        let text: SpecText
        let file: String
        let spec: Spec
        let root: YAMLNode
        var edits: [SpecText.Edit] = []
        var diagnostics: [Diagnostic] = []

        init(text: SpecText, file: String, spec: Spec, root: YAMLNode) {
            self.text = text
            self.file = file
            self.spec = spec
            self.root = root
        }

        /// What one language of one error gets.
        struct Wanted {
            var language: String
            var message: String?
            var title: String?
        }

        mutating func plan(_ changes: [Change]) {
            var groups: [(catalog: String, code: String, wanted: [Wanted])] = []
            for change in changes {
                if groups.last?.catalog != change.catalog || groups.last?.code != change.code {
                    groups.append((change.catalog, change.code, []))
                }
                var wanted = groups[groups.count - 1].wanted
                if let index = wanted.firstIndex(where: { $0.language == change.language }) {
                    if change.isTitle { wanted[index].title = change.text } else { wanted[index].message = change.text }
                } else {
                    wanted.append(Wanted(language: change.language, message: change.isTitle ? nil : change.text, title: change.isTitle ? change.text : nil))
                }
                groups[groups.count - 1].wanted = wanted
            }
            for group in groups {
                guard let catalog = spec.catalogs.first(where: { $0.name.value == group.catalog }),
                      let entry = catalog.errors.first(where: { $0.code.value == group.code }),
                      let catalogNode = pair(root, group.catalog, in: "catalogs")?.1,
                      let (codeKey, errorNode) = pair(catalogNode, group.code, in: "errors")
                else {
                    diagnostics.append(.error("cannot find error '\(group.code)' of catalog '\(group.catalog)' in the spec's text", file: file))
                    continue
                }
                edit(entry, codeKey: codeKey, node: errorNode, wanted: group.wanted)
            }
        }

        /// The entry `name` of the mapping under `key` of `node`.
        func pair(_ node: YAMLNode, _ name: String, in key: String) -> (YAMLNode, YAMLNode)? {
            guard let found = node[key]?.mapping?.first(where: { $0.key.scalar?.value == name }) else { return nil }
            return (found.key, found.value)
        }

        /// Whether `node` is a block mapping whose keys each start a line, below `parent` and at
        /// one column; else reports why not at `node` and returns false.
        mutating func isBlockMapping(_ node: YAMLNode, under parent: YAMLNode, what: String) -> Bool {
            guard let pairs = node.mapping, let first = pairs.first else { return refuse(what, at: node.location) }
            let at = text.offset(node.location)
            if at < text.scalars.count, text.scalars[at] == "{" || text.scalars[at] == "*" { return refuse(what, at: node.location) }
            for pair in pairs where !text.startsLine(pair.key.location) || pair.key.location.column != first.key.location.column {
                return refuse(what, at: node.location)
            }
            if first.key.location.line <= parent.location.line || first.key.location.column <= parent.location.column {
                return refuse(what, at: node.location)
            }
            return true
        }

        mutating func refuse(_ what: String, at location: SourceLocation) -> Bool {
            diagnostics.append(.error(
                "cannot import into \(what): it is not written in block style (one key a line, below its parent); write it so, or add the translation by hand",
                file: file, at: location))
            return false
        }

        mutating func cannotTell(_ what: String, at location: SourceLocation) {
            diagnostics.append(.error("cannot edit \(what) safely: errgen cannot tell where it ends in the text; add the translation by hand", file: file, at: location))
        }

        func spaces(_ count: Int) -> String { String(repeating: " ", count: max(count, 0)) }

        /// The lines of a new translation at `indent` (the short form without a title).
        func lines(_ wanted: Wanted, message: String, indent: Int, step: Int) -> [String] {
            let key = spaces(indent) + wanted.language + ":"
            guard let title = wanted.title else { return [key + " " + SpecText.quoted(message)] }
            return [key, spaces(indent + step) + "message: " + SpecText.quoted(message), spaces(indent + step) + "title: " + SpecText.quoted(title)]
        }

        /// `lines` inserted as whole lines after the one holding `end - 1`.
        mutating func insert(_ lines: [String], after end: Int) {
            let (offset, needsBreak) = text.lineAfter(end)
            let body = lines.map { $0 + text.newline }.joined()
            edits.append(.init(range: offset..<offset, text: (needsBreak ? text.newline : "") + body))
        }

        mutating func edit(_ entry: ErrorSpec, codeKey: YAMLNode, node: YAMLNode, wanted: [Wanted]) {
            let what = "error '\(entry.code.value)'"
            guard isBlockMapping(node, under: codeKey, what: what), let pairs = node.mapping, let last = pairs.last else { return }
            let keyColumn = pairs[0].key.location.column
            let step = keyColumn - codeKey.location.column > 0 ? keyColumn - codeKey.location.column : 2

            guard let translations = pairs.first(where: { $0.key.scalar?.value == "translations" }) else {
                // A translations mapping after the error's last key.
                guard let end = text.valueEnd(last.value, keyColumn: last.key.location.column) else {
                    return cannotTell("the end of \(what)", at: last.value.location)
                }
                var lines = [spaces(keyColumn - 1) + "translations:"]
                for item in wanted {
                    guard let message = item.message else { continue }
                    lines += self.lines(item, message: message, indent: keyColumn - 1 + step, step: step)
                }
                insert(lines, after: end)
                return
            }
            let tWhat = "the translations of \(what)"
            guard isBlockMapping(translations.value, under: translations.key, what: tWhat), let entries = translations.value.mapping,
                  let lastEntry = entries.last else { return }
            let entryColumn = entries[0].key.location.column
            var added: [String] = []
            for item in wanted {
                guard let existing = entries.first(where: { $0.key.scalar?.value.caseInsensitiveCompare(item.language) == .orderedSame }) else {
                    if let message = item.message { added += lines(item, message: message, indent: entryColumn - 1, step: step) }
                    continue
                }
                replace(existing, with: item, in: entry, step: step)
            }
            if !added.isEmpty {
                guard let end = text.valueEnd(lastEntry.value, keyColumn: lastEntry.key.location.column) else {
                    return cannotTell("the end of \(tWhat)", at: lastEntry.value.location)
                }
                insert(added, after: end)
            }
        }

        /// Replaces the message and title of an existing translation.
        mutating func replace(_ existing: YAMLPair, with item: Wanted, in entry: ErrorSpec, step: Int) {
            let what = "the '\(item.language)' translation of error '\(entry.code.value)'"
            let keyColumn = existing.key.location.column
            if existing.value.scalar != nil {
                let start = text.offset(existing.value.location)
                guard let end = text.valueEnd(existing.value, keyColumn: keyColumn) else { return cannotTell(what, at: existing.value.location) }
                guard let title = item.title else {
                    edits.append(.init(range: start..<end, text: SpecText.quoted(item.message ?? "")))
                    return
                }
                // The short form gains a title: the long form, from just after the key's colon.
                var colon = start
                while colon > 0, text.scalars[colon - 1] == " " || text.scalars[colon - 1] == "\t" { colon -= 1 }
                guard colon > 0, text.scalars[colon - 1] == ":", text.line(of: colon - 1) == text.line(of: start) else {
                    return cannotTell(what, at: existing.value.location)
                }
                let message = item.message ?? existing.value.scalar?.value ?? ""
                let indent = spaces(keyColumn - 1 + step)
                let body = text.newline + indent + "message: " + SpecText.quoted(message) + text.newline + indent + "title: " + SpecText.quoted(title)
                edits.append(.init(range: colon..<end, text: body))
                return
            }
            guard isBlockMapping(existing.value, under: existing.key, what: what), let fields = existing.value.mapping else { return }
            for (name, value) in [("message", item.message), ("title", item.title)] {
                guard let value else { continue }
                if let field = fields.first(where: { $0.key.scalar?.value == name }) {
                    let start = text.offset(field.value.location)
                    guard field.value.scalar != nil, let end = text.valueEnd(field.value, keyColumn: field.key.location.column) else {
                        return cannotTell(what, at: field.value.location)
                    }
                    edits.append(.init(range: start..<end, text: SpecText.quoted(value)))
                } else {
                    guard let end = text.valueEnd(existing.value, keyColumn: keyColumn) else { return cannotTell(what, at: existing.value.location) }
                    insert([spaces(fields[0].key.location.column - 1) + name + ": " + SpecText.quoted(value)], after: end)
                }
            }
        }
    }
}
