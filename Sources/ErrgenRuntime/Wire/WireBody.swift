/// The bodies of the wire formats, each escaped for its syntax so that any parameter value, however
/// hostile, stays data.
///
/// Layouts (parameters: the error's own, then the catalog's shared ones, in spec order):
/// - `text`: the message.
/// - `json`: `{"code": …, "message": …, <shared parameters>…, "details": {<own parameters>}}`,
///   `details` only when the error has parameters of its own; values keep their JSON types.
/// - `xml`: `<?xml version="1.0"?>`, root `error` in the catalog's namespace with `code`, `message`,
///   an element per shared parameter (RAWS's `reason`) and `details` holding an element per own
///   parameter; indented by four spaces, as RAWS documents it.
/// - `problem+json` (RFC 9457): `type` (the error's anchor in the catalog's documentation, left out
///   when the catalog names no documentation URL, which means `about:blank`), `title`, `status`,
///   `detail` (the message), `code`, and every parameter as an extension member.
///
/// What a format cannot carry is substituted, never dropped silently and never left to make the
/// document ill-formed: XML 1.0 cannot hold most control characters (not even as character
/// references), nor U+FFFE and U+FFFF, so each becomes U+FFFD REPLACEMENT CHARACTER; a carriage
/// return is written as `&#13;` so parsers keep it. JSON cannot hold a number that is not finite,
/// so one becomes `null`.
public enum WireBody {
    /// `string` as a JSON string, quotes included, escaped as every JSON body is.
    public static func jsonString(_ string: String) -> String {
        var out = ""
        JSON.quote(string, to: &out)
        return out
    }

    /// Appends `string` as a JSON string to `out`, as `jsonString` writes it.
    public static func appendJSONString(_ string: String, to out: inout String) {
        JSON.quote(string, to: &out)
    }

    public static func render(_ format: WireFormat, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        switch format {
        case .text: return entry.message.render(arguments)
        case .json: return json(entry: entry, arguments: arguments, catalog: catalog)
        case .xml: return xml(entry: entry, arguments: arguments, catalog: catalog)
        case .problemJSON: return problemJSON(entry: entry, arguments: arguments, catalog: catalog)
        }
    }

    /// Own parameters (first) and shared ones, paired with their values.
    static func split(_ entry: Catalog.Entry, _ arguments: [ArgumentValue], _ catalog: Catalog)
        -> (own: [(String, ArgumentValue)], shared: [(String, ArgumentValue)])
    {
        let pairs = zip(entry.parameters.map(\.name), arguments).map { ($0, $1) }
        let ownCount = max(0, pairs.count - catalog.sharedParameters.count)
        return (Array(pairs.prefix(ownCount)), Array(pairs.dropFirst(ownCount)))
    }

    // MARK: JSON

    static func json(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        let (own, shared) = split(entry, arguments, catalog)
        var out = "{"
        JSON.member("code", string: entry.wireCode, to: &out, first: true)
        JSON.member("message", string: entry.message.render(arguments), to: &out)
        for (name, value) in shared { JSON.member(name, value: value, to: &out) }
        if !own.isEmpty {
            out += ",\"details\":{"
            for (index, (name, value)) in own.enumerated() { JSON.member(name, value: value, to: &out, first: index == 0) }
            out += "}"
        }
        out += "}"
        return out
    }

    static func problemJSON(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        var out = "{"
        var first = true
        if let base = catalog.documentationURL {
            JSON.member("type", string: base + "#" + Catalog.anchor(forWireCode: entry.wireCode), to: &out, first: true)
            first = false
        }
        let title = catalog.documentationURL == nil ? (StatusPhrase.of(entry.status) ?? entry.title) : entry.title
        JSON.member("title", string: title, to: &out, first: first)
        out += ",\"status\":\(entry.status)"
        JSON.member("detail", string: entry.message.render(arguments), to: &out)
        JSON.member("code", string: entry.wireCode, to: &out)
        for (parameter, value) in zip(entry.parameters, arguments) { JSON.member(parameter.name, value: value, to: &out) }
        out += "}"
        return out
    }

    // MARK: XML

    static func xml(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        let (own, shared) = split(entry, arguments, catalog)
        var out = "<?xml version=\"1.0\"?>\n"
        if let namespace = catalog.xmlNamespace {
            out += "<error xmlns=\""
            XML.escape(namespace, to: &out, attribute: true)
            out += "\">\n"
        } else {
            out += "<error>\n"
        }
        XML.element("code", entry.wireCode, indent: 4, to: &out)
        XML.element("message", entry.message.render(arguments), indent: 4, to: &out)
        for (name, value) in shared { XML.element(name, value.description, indent: 4, to: &out) }
        if !own.isEmpty {
            out += "    <details>\n"
            for (name, value) in own { XML.element(name, value.description, indent: 8, to: &out) }
            out += "    </details>\n"
        }
        out += "</error>\n"
        return out
    }
}

/// JSON text (RFC 8259) written by hand: deterministic member order, no intermediate objects.
enum JSON {
    static func member(_ name: String, string: String, to out: inout String, first: Bool = false) {
        if !first { out += "," }
        quote(name, to: &out)
        out += ":"
        quote(string, to: &out)
    }

    static func member(_ name: String, value: ArgumentValue, to out: inout String, first: Bool = false) {
        if !first { out += "," }
        quote(name, to: &out)
        out += ":"
        switch value {
        case let .string(s): quote(s, to: &out)
        case let .integer(n): out += String(n)
        case let .number(x): out += x.isFinite ? x.description : "null"
        case let .boolean(b): out += b ? "true" : "false"
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as escapes, U+2028 and U+2029
    /// escaped too so the text is also safe inside JavaScript, and U+FEFF escaped because some
    /// parsers (Foundation's on Linux among them) drop it when it stands in a string unescaped.
    static func quote(_ string: String, to out: inout String) {
        out += "\""
        // Most values need no escape: copy them whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 || $0 == 0xEF }) {
            out += string
            out += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case "\u{FEFF}": out += "\\ufeff"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// XML 1.0 text and attribute values.
enum XML {
    static func element(_ name: String, _ text: String, indent: Int, to out: inout String) {
        out += String(repeating: " ", count: indent) + "<" + name + ">"
        escape(text, to: &out, attribute: false)
        out += "</" + name + ">\n"
    }

    /// Escapes markup characters; characters XML 1.0 cannot hold become U+FFFD; carriage returns
    /// (and, in attributes, tabs and line feeds) become character references so parsers keep them.
    static func escape(_ text: String, to out: inout String, attribute: Bool) {
        // Most values need no escape: copy them whole (bytes ≥ 0xEF may start U+FFFE or U+FFFF).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x7F || $0 >= 0xEF || $0 == 0xC2 }) {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if isXMLCharacter(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out.unicodeScalars.append("\u{FFFD}")
                }
            }
        }
    }

    /// XML 1.0's `Char` production (tab, line feed and carriage return are handled before this).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
