import Foundation

/// MySQL's `messages_to_clients.txt` (in the shared corpora) read as errgen sees a real catalog
/// nobody here wrote: every entry that is not `OBSOLETE_` becomes an error whose code is its
/// symbol, whose message is its English text with each printf conversion (`%s`, `%-.192s`, `%lu`,
/// …) turned into a placeholder `{a1}`, `{a2}`, …, and whose metadata are its error number and
/// its SQLSTATE. MySQL's errors travel in its own protocol, never over HTTP: the catalog says
/// `http: false`. Swift names come from the symbols by the catalog's naming rule (`ER_` and
/// `WARN_` stripped, MySQL's acronyms kept), without a single `swift-name`.
///
/// An error's number is not written in the file: as MySQL's own build tool (`comp_err`) does, it
/// is counted from the last `start-error-number` line, obsolete entries taking theirs
/// (`ER_DUP_ENTRY` is 1062).
struct MySQLCorpus {
    struct Entry {
        var symbol: String
        var errno: Int
        var sqlState: String?
        /// The text of each language code of the file (`eng`, `ger`, …), C escapes decoded.
        var messages: [String: String]
    }

    static let relative = "corpora/mysql/messages_to_clients.txt"

    var entries: [Entry]

    init(_ text: String) {
        var entries: [Entry] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("start-error-number "), let start = Int(line.dropFirst("start-error-number ".count).prefix { $0.isNumber }) {
                number = start
            } else if let first = line.first, first.isUppercase, !line.hasPrefix("OBSOLETE_") {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                let symbol = String(words[0])
                number += 1
                guard symbol.hasPrefix("ER_") || symbol.hasPrefix("WARN_") else { continue }
                let state = words.count > 1 && words[1].count == 5 ? String(words[1]) : nil
                entries.append(Entry(symbol: symbol, errno: number - 1, sqlState: state, messages: [:]))
            } else if line.hasPrefix("OBSOLETE_") {
                number += 1
                entries.append(Entry(symbol: "", errno: number - 1, sqlState: nil, messages: [:]))
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
                http: false
                swift-naming:
                  strip-prefixes: [ER_, WARN_]
                  acronyms: [SQL, ID, GTID, SSL, XA, UUID, JSON, GIS, SRS, CTE, UDF]
                metadata:
                  errno:
                    type: integer
                    description: The error number clients see.
                  sqlstate:
                    type: string
                    optional: true
                    description: The SQLSTATE MySQL sends with it.
            \(languages)    errors:

            """
        for entry in entries {
            let (message, count) = Self.template(entry.messages["eng"]!)
            out += "      \(entry.symbol):\n        message: \(Self.quoted(message))\n"
            if count > 0 {
                out += "        parameters:\n"
                for index in 1...count { out += "          a\(index): string\n" }
            }
            out += "        metadata: {errno: \(entry.errno)\(entry.sqlState.map { ", sqlstate: \"\($0)\"" } ?? "")}\n"
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
