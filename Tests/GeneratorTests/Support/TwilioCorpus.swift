import ErrgenRuntime
import Foundation

/// Twilio's public error catalog (`twilio/twilio-error-codes.json` in the shared corpora) read as
/// errgen sees a large real catalog nobody here wrote: 1,953 integer codes, each with a message, a
/// log level, mostly a product and a log type, and Markdown prose (description, possible causes,
/// possible solutions).
///
/// Every entry becomes an error of one catalog with integer codes, whose JSON body is Twilio's own
/// shape (`{"code": 20404, "message": "…", "more_info": "https://www.twilio.com/docs/errors/20404",
/// "status": 404}`), `more_info` being the documentation link made from the code. The message is
/// the entry's as written (trailing spaces and all; a brace would be doubled, so it stays text); the description is the entry's description,
/// then its causes and solutions under headings; product, log level and log type are metadata
/// (product and log type optional: a quarter and a half of the entries have none).
///
/// The file gives no HTTP status: Twilio's codes are also raised where no HTTP response is in
/// sight (debugger alerts). The conversion states its rule rather than pretending the data has
/// one: a code `20xxx` whose last three digits are a registered 4xx or 5xx status answers with
/// that status (20404 Not Found, 20429 Too Many Requests: Twilio's REST convention); a code whose
/// documentation names exactly one status (`HTTP 404`) answers with it; every other code answers
/// 400, which is what Twilio's REST API answers a request it refuses.
struct TwilioCorpus {
    struct Entry {
        var code: Int
        var message: String
        var logLevel: String
        var logType: String?
        var product: String?
        var description: String?
        var causes: String?
        var solutions: String?
        var docs: String
    }

    static let relative = "corpora/twilio/twilio-error-codes.json"

    var entries: [Entry]

    init(json: Data) throws {
        guard let array = try JSONSerialization.jsonObject(with: json) as? [[String: Any]] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        func text(_ value: Any?) -> String? {
            guard let string = value as? String else { return nil }
            let normalized = string.replacingOccurrences(of: "\r\n", with: "\n")
            return normalized.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : normalized
        }
        entries = try array.map { object in
            guard let code = object["code"] as? Int, let message = object["message"] as? String,
                  let level = object["log_level"] as? String
            else { throw CocoaError(.fileReadCorruptFile) }
            return Entry(
                code: code, message: message, logLevel: level, logType: text(object["log_type"]),
                product: text(object["product"]), description: text(object["description"]),
                causes: text(object["causes"]), solutions: text(object["solutions"]),
                docs: text(object["docs"]) ?? "")
        }
    }

    /// The files from the shared corpora.
    static func load() throws -> TwilioCorpus {
        try TwilioCorpus(json: Data(contentsOf: try SharedMaterial.require(relative)))
    }

    /// The status the error answers with, by the rule above.
    func status(_ entry: Entry) -> Int {
        if (20000...20999).contains(entry.code), Self.isRegistered(entry.code - 20000) {
            return entry.code - 20000
        }
        let stated = Set(Self.statedStatuses(entry.docs).filter(Self.isRegistered))
        if stated.count == 1 { return stated.first! }
        return 400
    }

    /// Whether `status` is a registered error status (one errgen knows the reason phrase of).
    static func isRegistered(_ status: Int) -> Bool {
        (400...599).contains(status) && StatusPhrase.of(status) != nil
    }

    /// The statuses the documentation names as `HTTP 404` or `status 404` (or `status code: 404`).
    static func statedStatuses(_ docs: String) -> [Int] {
        let pattern = try! NSRegularExpression(pattern: #"\b(?:HTTP|status)[^0-9\n]{0,20}([45][0-9][0-9])\b"#)
        let range = NSRange(docs.startIndex..., in: docs)
        return pattern.matches(in: docs, range: range).compactMap { match in
            Range(match.range(at: 1), in: docs).flatMap { Int(docs[$0]) }
        }
    }

    /// The error's description: the entry's, then its causes and solutions.
    static func description(_ entry: Entry) -> String? {
        var parts: [String] = []
        if let description = entry.description { parts.append(description) }
        if let causes = entry.causes { parts.append("#### Possible causes\n\n" + causes) }
        if let solutions = entry.solutions { parts.append("#### Possible solutions\n\n" + solutions) }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// The catalog as a spec.
    func spec() -> String {
        var out = """
            errgen: 1
            catalogs:
              Twilio:
                title: Twilio error codes
                summary: Every code of Twilio's public error catalog.
                code-type: integer
                documentation-url: "https://www.twilio.com/docs/errors/{code}"
                formats:
                  - type: json
                    body: {code: "{code}", message: "{message}", more_info: "{documentation}", status: "{status}"}
                  - problem+json
                  - text
                metadata:
                  log-level:
                    type: string
                    description: "`ERROR` or `WARNING`."
                  log-type:
                    type: string
                    optional: true
                    description: "Where the error arises: `APPLICATION`, `TWILIO` or `CARRIER`."
                  product:
                    type: string
                    optional: true
                    description: The Twilio product that raises the error.
                errors:

            """
        for entry in entries {
            var metadata = "log-level: \(Self.quoted(entry.logLevel))"
            if let logType = entry.logType { metadata += ", log-type: \(Self.quoted(logType))" }
            if let product = entry.product { metadata += ", product: \(Self.quoted(product))" }
            out += """
                      \(entry.code):
                        status: \(status(entry))
                        message: \(Self.quoted(entry.message.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")))
                        metadata: {\(metadata)}

                """
            if let description = Self.description(entry) {
                out += "        description: \(Self.quoted(description))\n"
            }
        }
        return out
    }

    /// A YAML double-quoted scalar holding `text` exactly.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
