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
                let match = line.wholeMatch(of: /\s+([a-z][a-z-]*)\s+"(.*)"\s*/)
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

    /// The file's language codes (its `languages` line) as BCP 47 tags.
    static let tags: [String: String] = [
        "eng": "en", "cze": "cs", "dan": "da", "nla": "nl", "est": "et", "fre": "fr", "ger": "de", "greek": "el", "hun": "hu",
        "ita": "it", "jpn": "ja", "kor": "ko", "norwegian-ny": "nn", "nor": "nb", "pol": "pl", "por": "pt", "rum": "ro",
        "rus": "ru", "serbian": "sr", "slo": "sk", "spa": "es", "swe": "sv", "ukr": "uk", "bgn": "bg",
    ]

    /// The languages after English, in the order of their tags.
    static var otherLanguages: [String] { tags.filter { $0.key != "eng" }.map(\.key).sorted { tags[$0]! < tags[$1]! } }

    /// The printf conversions of a message (`%%` is not one).
    static func conversions(_ message: String) -> Int { template(message).1 }

    /// A JSON string literal, which YAML reads as a double-quoted scalar.
    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// The catalog as an errgen spec: English only, or with every translation of the file whose
    /// symbol and language `keep` accepts.
    func spec(translations keep: ((Entry, String) -> Bool)? = nil) -> String {
        let languages = keep == nil ? "" : "    languages: [en, " + Self.otherLanguages.map { Self.tags[$0]! }.joined(separator: ", ") + "]\n"
        var out = """
            errgen: 1
            catalogs:
              MySQL:
                title: MySQL server messages to clients
                summary: MySQL 8.0's server error messages, read from messages_to_clients.txt.
                formats: [json, problem+json]
            \(languages)    errors:

            """
        for entry in entries {
            let (message, count) = Self.template(entry.messages["eng"]!)
            out += "      \(entry.symbol):\n        status: 500\n        message: \(Self.quoted(message))\n"
            if count > 0 {
                out += "        parameters:\n"
                for index in 1...count { out += "          a\(index): string\n" }
            }
            if let state = entry.sqlState { out += "        description: \(Self.quoted("SQLSTATE `\(state)`."))\n" }
            if let keep {
                let translated = Self.otherLanguages.filter { entry.messages[$0] != nil && keep(entry, $0) }
                if !translated.isEmpty {
                    out += "        translations:\n"
                    for code in translated {
                        out += "          \(Self.tags[code]!): \(Self.quoted(Self.template(entry.messages[code]!).0))\n"
                    }
                }
            }
        }
        return out
    }

    /// The catalog as an errgen spec, English only.
    var spec: String { spec() }
}
