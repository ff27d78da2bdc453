import Foundation

/// MySQL's `messages_to_clients.txt` (in the shared corpora) read as errgen sees a real catalog
/// nobody here wrote: every entry that is not `OBSOLETE_` becomes an error whose code is its
/// symbol, whose message is its English text with each printf conversion (`%s`, `%-.192s`, `%lu`,
/// …) turned into a placeholder `{a1}`, `{a2}`, … and whose description names its SQLSTATE.
/// MySQL errors have no HTTP status: every one gets 500.
struct MySQLCorpus {
    struct Entry {
        var symbol: String
        var sqlState: String?
        /// The text of each language code of the file (`eng`, `ger`, …), C escapes decoded.
        var messages: [String: String]
    }

    static let relative = "corpora/mysql/messages_to_clients.txt"

    var entries: [Entry]

    init(_ text: String) {
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isUppercase, !line.hasPrefix("OBSOLETE_") {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                let symbol = String(words[0])
                guard symbol.hasPrefix("ER_") || symbol.hasPrefix("WARN_") else { continue }
                let state = words.count > 1 && words[1].count == 5 ? String(words[1]) : nil
                entries.append(Entry(symbol: symbol, sqlState: state, messages: [:]))
            } else if line.hasPrefix("OBSOLETE_") {
                entries.append(Entry(symbol: "", sqlState: nil, messages: [:]))
            } else if let last = entries.indices.last, !entries[last].symbol.isEmpty,
                let match = line.wholeMatch(of: /\s+([a-z]{3})\s+"(.*)"\s*/)
            {
                entries[last].messages[String(match.output.1)] = Self.unescape(String(match.output.2))
            }
        }
        self.entries = entries.filter { !$0.symbol.isEmpty && $0.messages["eng"] != nil }
    }

    /// The file from the shared corpora.
    static func load() throws -> MySQLCorpus {
        let url = try SharedMaterial.require(relative)
        return MySQLCorpus(try String(contentsOf: url, encoding: .utf8))
    }

    /// C escapes of the file's strings: `\"`, `\\`, `\n`, `\t`.
    static func unescape(_ text: String) -> String {
        var out = "", escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A message with printf conversions as errgen placeholders, and how many there are.
    static func template(_ message: String) -> (String, Int) {
        var out = "", count = 0
        var rest = Substring(message)
        while let first = rest.first {
            if first == "%", let match = rest.prefixMatch(of: /%(%|[-+ #0]*[0-9]*(?:\.[0-9]+)?(?:hh|h|ll|l|z)?[sdiuxXfgcp])/) {
                if match.output.1 == "%" {
                    out += "%"
                } else {
                    count += 1
                    out += "{a\(count)}"
                }
                rest = rest[match.range.upperBound...]
                continue
            }
            switch first {
            case "{": out += "{{"
            case "}": out += "}}"
            default: out.append(first)
            }
            rest = rest.dropFirst()
        }
        return (out, count)
    }

    /// A JSON string literal, which YAML reads as a double-quoted scalar.
    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// The catalog as an errgen spec.
    var spec: String {
        var out = """
            errgen: 1
            catalogs:
              MySQL:
                title: MySQL server messages to clients
                summary: MySQL 8.0's server error messages, read from messages_to_clients.txt.
                formats: [json, problem+json]
                errors:

            """
        for entry in entries {
            let (message, count) = Self.template(entry.messages["eng"]!)
            out += "      \(entry.symbol):\n        status: 500\n        message: \(Self.quoted(message))\n"
            if count > 0 {
                out += "        parameters:\n"
                for index in 1...count { out += "          a\(index): string\n" }
            }
            if let state = entry.sqlState { out += "        description: \(Self.quoted("SQLSTATE `\(state)`."))\n" }
        }
        return out
    }
}
