import Foundation

/// Seeded specs whose every string field is made of fragments that mean something in one of the
/// languages errgen writes: Swift string delimiters and interpolation, comment ends, XML and HTML
/// markup, Markdown table pipes and code fences, Mustache tags, line breaks, NUL, bidirectional
/// controls, emoji. The same seed gives the same spec on every machine.
struct HostileSpec {
    /// Fragments strings are built from.
    static let fragments: [String] = [
        "\"\"\"", "\"", "'", "\\", "\\(", "\\(x)", "#", "\"#", "#\"", "##\"\"\"", "*/", "/*", "//", "///",
        "</error>", "<Error>", "</Message>", "]]>", "<![CDATA[", "-->", "<!--", "<script>alert(1)</script>",
        "&amp;", "&", "&#0;", "<", ">", "|", "\\|", "`", "``", "```", "~~~", "*", "_", "**bold**", "[x](javascript:alert(1))",
        "<https://example.com>", "# Heading", "- item", "1. item", "> quote", "\n", "\r\n", "\r", "\t", "\0", "\u{1}", "\u{7F}",
        "\u{85}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{200F}", "\u{200B}", "\u{FEFF}", "\u{FFFD}", "😀", "👩‍💻", "🇺🇳", "é", "e\u{301}", "\"\u{301}", "<\u{338}", "&\u{20D2}",
        "日本語", "עברית", "{{", "}}", "{{name}}", "{{{x}}}", "{{/x}}", "$", "${x}", "%s", "%@", "@objc", "#if", ";", "\\u{41}",
        "  ", " ", "a", "Z", "0", "-", ":", ": ", "? ", "---", "...", "!", "&anchor", "*alias", "%YAML",
    ]

    /// A string of 1 to `maximum` fragments.
    static func string(_ random: inout SplitMix64, maximum: Int = 6) -> String {
        let count = 1 + Int(random.next() % UInt64(maximum))
        return (0..<count).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
    }

    /// A string a header value can hold: without line breaks and NUL, which the spec format
    /// refuses there, and with something visible in it.
    static func headerString(_ random: inout SplitMix64) -> String {
        let text = String(string(&random).filter { !$0.unicodeScalars.contains { lineBreaks.contains($0) } })
        return text.trimmingCharacters(in: .whitespaces).isEmpty ? "v" + text : text
    }

    static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\r", "\0", "\u{85}", "\u{2028}", "\u{2029}"]

    struct Error {
        var code: String
        var swiftName: String
        var status: Int
        /// The message around its one placeholder, `{value}`: literal text before and after it.
        var before: String
        var after: String
        var title: String
        var description: String
        var valueDescription: String
        var valueExample: String
        var headerValue: String
        var deprecated: String?
    }

    var typeName: String
    var name: String
    var title: String
    var summary: String
    var description: String
    var traceExample: String
    var errors: [Error]
    /// The second catalog's body shapes (its errors are the first three of `errors`): member
    /// names and literal text of the JSON shape, an attribute's literal text and an element's
    /// text of the XML layout, each hostile.
    var shapeKeys: [String]
    var shapeBefore: String
    var shapeAfter: String
    var attributeText: String
    var elementText: String
    /// The second catalog's optional parameter `extra`: its example, and the texts of its section
    /// for a value and for none (each hostile, `|` included).
    var extraExample: String
    var whenPresent: String
    var whenAbsent: String
    /// The second catalog's list parameter `items`: its example's items (each hostile, `, `
    /// included, which only the message's joined text loses).
    var listItems: [String]

    init(seed: UInt64, errors count: Int, typeName: String) {
        var random = SplitMix64(seed: seed)
        self.typeName = typeName
        name = "\(Self.string(&random)) catalog"
        title = "T" + Self.string(&random)
        summary = Self.string(&random)
        description = Self.string(&random, maximum: 12)
        traceExample = Self.string(&random)
        var statuses = Array(400...451) + Array(500...511)
        statuses.removeAll { $0 == 406 }
        errors = (0..<count).map { index in
            Error(
                code: "\(Self.string(&random)) \(index)",
                swiftName: "e\(index)",
                status: statuses[Int(random.next() % UInt64(statuses.count))],
                before: Self.string(&random),
                after: Self.string(&random),
                title: "T" + Self.string(&random),
                description: Self.string(&random, maximum: 12),
                valueDescription: Self.string(&random),
                valueExample: Self.string(&random),
                headerValue: Self.headerString(&random),
                deprecated: random.next() % 4 == 0 ? Self.string(&random) : nil
            )
        }
        // Drawn after the first catalog's strings, so that they stay what they were.
        shapeKeys = [Self.string(&random) + " 1", Self.string(&random) + " 2"]
        shapeBefore = Self.string(&random)
        shapeAfter = Self.string(&random)
        attributeText = Self.string(&random)
        elementText = Self.string(&random)
        extraExample = Self.string(&random) + "|"
        whenPresent = Self.string(&random) + "|"
        // Not "|" first: pairs are read before the separator, so "|||" is a "|" and the separator.
        let absent = Self.string(&random) + "|"
        whenAbsent = absent.hasPrefix("|") ? "a" + absent : absent
        listItems = [Self.string(&random) + ", ", Self.string(&random), Self.string(&random)]
    }

    /// Text as a section's template source: braces and `|` doubled.
    static func sectionTemplate(_ text: String) -> String {
        template(text).replacingOccurrences(of: "|", with: "||")
    }

    /// The second catalog's message of `error` where `extra` has its example, and where it has none.
    func shapedMessage(_ error: Error, extra: Bool) -> String {
        error.before + error.valueExample + error.after + (extra ? whenPresent + extraExample : whenAbsent)
            + (extra ? " [" + listItems.joined(separator: ", ") + "]" : "")
    }

    /// The errors of the second catalog.
    var shapedErrors: ArraySlice<Error> { errors.prefix(3) }

    /// The message as the spec writes it: braces doubled, the placeholder between.
    static func template(_ text: String) -> String {
        text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
    }

    /// The spec, every string double-quoted with YAML escapes.
    var yaml: String {
        var out = "# A spec made by HostileSpec (Tests/GeneratorTests/EndToEnd/Hardening): every string is hostile.\n"
        out += "errgen: 1\ncatalogs:\n"
        out += "  \(Self.quoted(name)):\n"
        out += "    swift-name: \(typeName)\n"
        out += "    title: \(Self.quoted(title))\n"
        out += "    summary: \(Self.quoted(summary))\n"
        out += "    description: \(Self.quoted(description))\n"
        out += "    documentation-url: https://docs.example.com/errors\n"
        out += "    formats: [json, {type: xml, namespace: \"urn:example:hostile\"}, problem+json, text]\n"
        // The text format shows the message alone: the trace is the server's.
        out += "    parameters:\n      trace: {type: string, description: \(Self.quoted(summary)), example: \(Self.quoted(traceExample)), server-only: true}\n"
        out += "    errors:\n"
        for error in errors {
            out += "      \(Self.quoted(error.code)):\n"
            out += "        swift-name: \(error.swiftName)\n"
            out += "        status: \(error.status)\n"
            out += "        message: \(Self.quoted(Self.template(error.before) + "{value}" + Self.template(error.after)))\n"
            out += "        title: \(Self.quoted(error.title))\n"
            out += "        description: \(Self.quoted(error.description))\n"
            out += "        parameters:\n"
            out += "          value: {type: string, description: \(Self.quoted(error.valueDescription)), example: \(Self.quoted(error.valueExample))}\n"
            out += "        headers:\n          X-Note: \(Self.quoted(Self.template(error.headerValue) + " {value}"))\n"
            if let deprecated = error.deprecated { out += "        deprecated: \(Self.quoted(deprecated))\n" }
        }
        // The second catalog: the same errors in body shapes whose own strings are hostile.
        out += "  Shaped:\n"
        out += "    swift-name: \(typeName)Shaped\n"
        out += "    title: Shaped\n"
        out += "    formats:\n"
        out += "      - type: json\n"
        out += "        body: {\(Self.quoted(shapeKeys[0])): \"{code}\", \(Self.quoted(shapeKeys[1])): "
        out += "\(Self.quoted(Self.template(shapeBefore) + "{message}" + Self.template(shapeAfter))), v: \"{value}\", l: \"{items}\"}\n"
        out += "      - type: xml\n"
        out += "        body: {Error: {\"@note\": \(Self.quoted(Self.template(attributeText) + "{code}")), \"@v\": \"{value}\", "
        out += "Code: \"{code}\", Message: \"{message}\", Text: \(Self.quoted(Self.template(elementText))), Item: \"{items}\"}}\n"
        out += "      - problem+xml\n"
        out += "    errors:\n"
        for error in shapedErrors {
            out += "      \(Self.quoted(error.code)):\n"
            out += "        swift-name: \(error.swiftName)\n"
            out += "        status: \(error.status)\n"
            let section = "{extra?" + Self.sectionTemplate(whenPresent) + "{extra}|" + Self.sectionTemplate(whenAbsent) + "}"
            out += "        message: \(Self.quoted(Self.template(error.before) + "{value}" + Self.template(error.after) + section + "{items? [{items}]}"))\n"
            out += "        parameters:\n"
            out += "          value: {type: string, example: \(Self.quoted(error.valueExample))}\n"
            out += "          extra: {type: string, optional: true, example: \(Self.quoted(extraExample))}\n"
            out += "          items: {type: [string], example: [\(listItems.map(Self.quoted).joined(separator: ", "))]}\n"
        }
        return out
    }

    /// A YAML double-quoted scalar holding exactly `text`: printable characters as they are,
    /// everything else (and `"`, `\`) escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                let value = scalar.value
                // YAML's printable set, less the characters libyaml reads as line breaks or a BOM.
                let printable = (0x20...0x7E).contains(value) || ((0xA0...0xD7FF).contains(value) && value != 0x2028 && value != 0x2029)
                    || ((0xE000...0xFFFD).contains(value) && value != 0xFEFF) || value >= 0x10000
                out += printable ? String(scalar) : String(format: "\\u%04X", value)
            }
        }
        return out + "\""
    }
}
