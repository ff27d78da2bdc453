import ErrgenSpec

/// The tags of a Mustache template, found without rendering it, so errgen can check what a user's
/// template asks for before it renders: the partials it includes, the transforms it applies, and
/// where it uses a name (to point at a name no context has). Delimiter changes (`{{=<% %>=}}`)
/// are followed; a tag left open ends the scan (swift-mustache reports it when it parses).
struct MustacheTags {
    struct Tag: Sendable, Hashable {
        /// The sigil: `#`, `^`, `/`, `>`, `<`, `$`, `&` (also for `{{{…}}}`), `!`, `%`, `=`; `nil`
        /// for a plain variable.
        var sigil: Character?
        /// What the tag names, its transforms removed: `message` in `{{javaString(message)}}`,
        /// empty in `{{#first()}}`.
        var name: String
        /// Outermost first: `[a, b]` in `{{a(b(name))}}`.
        var transforms: [String]
        var location: SourceLocation
    }

    static func scan(_ source: String) -> [Tag] {
        let scalars = Array(source.unicodeScalars)
        var open: [Unicode.Scalar] = ["{", "{"], close: [Unicode.Scalar] = ["}", "}"]
        var tags: [Tag] = []
        var index = 0
        // Line starts, to turn an offset into a line and column.
        var line = 1, lineStart = 0, scanned = 0
        func location(of offset: Int) -> SourceLocation {
            while scanned < offset {
                if scalars[scanned] == "\n" {
                    line += 1
                    lineStart = scanned + 1
                }
                scanned += 1
            }
            return SourceLocation(line: line, column: offset - lineStart + 1)
        }
        func find(_ needle: [Unicode.Scalar], from start: Int) -> Int? {
            guard !needle.isEmpty, start + needle.count <= scalars.count else { return nil }
            var i = start
            while i + needle.count <= scalars.count {
                if scalars[i] == needle[0], Array(scalars[i..<(i + needle.count)]) == needle { return i }
                i += 1
            }
            return nil
        }
        while let start = find(open, from: index) {
            var contentStart = start + open.count
            var closing = close
            var triple = false
            if open == ["{", "{"], contentStart < scalars.count, scalars[contentStart] == "{" {
                triple = true
                contentStart += 1
                closing = ["}", "}", "}"]
            }
            guard let end = find(closing, from: contentStart) else { break }
            index = end + closing.count
            var content = String(String.UnicodeScalarView(scalars[contentStart..<end]))
            content = content.trimmingWhitespace()
            var sigil: Character? = triple ? "&" : nil
            if !triple, let first = content.first, "#^/><$&!%=".contains(first) {
                sigil = first
                content = String(content.dropFirst()).trimmingWhitespace()
            }
            if sigil == "=" {
                // `{{=<% %>=}}`: the new delimiters, separated by blanks.
                let parts = content.hasSuffix("=") ? content.dropLast().split(whereSeparator: \.isWhitespace) : []
                if parts.count == 2 {
                    open = Array(parts[0].unicodeScalars)
                    close = Array(parts[1].unicodeScalars)
                }
                continue
            }
            var transforms: [String] = []
            if sigil == nil || sigil == "&" || sigil == "#" || sigil == "^" || sigil == "/" {
                while let paren = content.firstIndex(of: "("), content.hasSuffix(")") {
                    transforms.append(String(content[..<paren]).trimmingWhitespace())
                    content = String(content[content.index(after: paren)..<content.index(before: content.endIndex)]).trimmingWhitespace()
                }
            }
            tags.append(Tag(sigil: sigil, name: content, transforms: transforms, location: location(of: start)))
        }
        return tags
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
