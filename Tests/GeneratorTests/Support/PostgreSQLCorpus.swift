import Foundation

/// PostgreSQL's `errcodes.txt` (in the shared corpora) read as errgen sees a real catalog nobody
/// here wrote: SQLSTATEs, which travel in the server's protocol and never over HTTP. Every code
/// line becomes an error of a catalog without HTTP (`http: false`) whose code is the SQLSTATE and
/// whose metadata holds what the file says of it: its class (the code's first two characters) and
/// the class's name from its `Section:` line, its kind (`E` error, `W` warning, `S` success) and,
/// where the line has one, its PL/pgSQL condition name. The file has no messages: an error's
/// message is its condition name in words (`unique violation`), else its macro's
/// (`ERRCODE_WARNING_…` → `warning …`). Its Swift name is the condition name's, with the SQLSTATE
/// after it where two codes share a condition name (`string_data_right_truncation` is a warning,
/// 01004, and an error, 22001), so the naming rule has real collisions to settle.
///
/// Six SQLSTATEs have two lines (two C macros for one code, `ERRCODE_ARRAY_ELEMENT_ERROR` and
/// `ERRCODE_ARRAY_SUBSCRIPT_ERROR` for 2202E): a code is one error, so its lines are one entry,
/// the line with a condition name first, its macros all kept (`macros` metadata).
struct PostgreSQLCorpus {
    struct Entry {
        var sqlState: String
        var kind: String
        /// The C macros of the code, the one of the line with a condition name first.
        var macros: [String]
        var condition: String?
        var className: String
        var macro: String { macros[0] }
    }

    /// The code lines of the file.
    var lines = 0

    static let relative = "corpora/postgres-errcodes.txt"

    var entries: [Entry]

    init(_ text: String) {
        var entries: [Entry] = []
        var lines = 0
        var className = ""
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if line.hasPrefix("Section:") {
                className = line.dropFirst("Section:".count).trimmingCharacters(in: .whitespaces)
                continue
            }
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count >= 3, words[0].count == 5 else { continue }
            lines += 1
            let condition = words.count > 3 ? words[3] : nil
            if let index = entries.firstIndex(where: { $0.sqlState == words[0] }) {
                if condition != nil, entries[index].condition == nil {
                    entries[index].condition = condition
                    entries[index].macros.insert(words[2], at: 0)
                } else {
                    entries[index].macros.append(words[2])
                }
                continue
            }
            entries.append(Entry(sqlState: words[0], kind: words[1], macros: [words[2]], condition: condition, className: className))
        }
        self.entries = entries
        self.lines = lines
    }

    /// The file from the shared corpora.
    static func load() throws -> PostgreSQLCorpus {
        PostgreSQLCorpus(try String(contentsOf: try SharedMaterial.require(relative), encoding: .utf8))
    }

    /// The error's message: its condition name, or its macro's name, in words.
    static func message(_ entry: Entry) -> String {
        let name = entry.condition ?? String(entry.macro.dropFirst("ERRCODE_".count)).lowercased()
        return name.replacingOccurrences(of: "_", with: " ")
    }

    /// The Swift names, in order: the condition's (or the macro's) in lower camel case, with the
    /// SQLSTATE appended where another code has the same one.
    var swiftNames: [String] {
        let stems = entries.map { entry -> String in
            let words = (entry.condition ?? String(entry.macro.dropFirst("ERRCODE_".count)).lowercased()).split(separator: "_")
            return words.enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
        }
        var counts: [String: Int] = [:]
        for stem in stems { counts[stem, default: 0] += 1 }
        return zip(stems, entries).map { stem, entry in counts[stem]! > 1 ? stem + entry.sqlState : stem }
    }

    /// The catalog as a spec.
    func spec() -> String {
        var out = """
            errgen: 1
            catalogs:
              PostgreSQL:
                title: PostgreSQL error codes
                summary: Every SQLSTATE of PostgreSQL's errcodes.txt.
                http: false
                metadata:
                  class:
                    type: string
                    description: The SQLSTATE's class, its first two characters.
                  class-name: string
                  kind:
                    type: string
                    description: "`error`, `warning` or `success`."
                  condition:
                    type: string
                    optional: true
                    description: The PL/pgSQL condition name.
                  macros:
                    type: string
                    description: The C macros naming the code in PostgreSQL's sources, separated by spaces.
                errors:

            """
        for (entry, swiftName) in zip(entries, swiftNames) {
            let kind = ["E": "error", "W": "warning", "S": "success"][entry.kind] ?? entry.kind
            var metadata = "class: \"\(entry.sqlState.prefix(2))\", class-name: \(Self.quoted(entry.className)), kind: \(kind)"
            if let condition = entry.condition { metadata += ", condition: \(condition)" }
            metadata += ", macros: \(Self.quoted(entry.macros.joined(separator: " ")))"
            out += """
                      "\(entry.sqlState)":
                        message: \(Self.quoted(Self.message(entry)))
                        swift-name: \(swiftName)
                        metadata: {\(metadata)}

                """
        }
        return out
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
