/// The bodies of the wire formats, each escaped for its syntax so that any parameter value, however
/// hostile, stays data.
///
/// Layouts (parameters: the error's own, then the catalog's shared ones, in spec order):
/// - `text`: the message.
/// - `json`: `{"code": …, "message": …, <shared parameters>…, "details": {<own parameters>}}`,
///   `details` only when the error has parameters of its own; values keep their JSON types.
/// - `xml`: `<?xml version="1.0"?>`, root `error` in the catalog's namespace with `code`, `message`,
///   an element per shared parameter (RAWS's `reason`) and `details` holding an element per own
///   parameter (a list parameter's element repeated for each item); indented by four spaces, as
///   RAWS documents it.
/// - `problem+json` (RFC 9457): `type` (the error's documentation link, `Catalog.documentationLink(for:)`;
///   left out without one, which means `about:blank`), `title`, `status`,
///   `detail` (the message), `code`, and every parameter as an extension member.
/// - `problem+xml` (RFC 9457 appendix B): the same members as elements of `problem` in the
///   namespace `urn:ietf:rfc:7807`, indented by two spaces as the RFC shows it.
/// - A format with a `body` in the spec writes that shape instead (`JSONShape`, `XMLShape`).
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

    /// Appends `string` as a JSON string to UTF-8 bytes, as `jsonString` writes it.
    package static func appendJSONString(_ string: String, to out: inout [UInt8]) {
        JSON.quote(string, to: &out)
    }

    public static func render(_ format: WireFormat, entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        switch format {
        case .text: return entry.message.render(arguments)
        case .json: return json(entry: entry, arguments: arguments, catalog: catalog)
        case .xml: return xml(entry: entry, arguments: arguments, catalog: catalog)
        case .problemJSON: return problemJSON(entry: entry, arguments: arguments, catalog: catalog)
        case .problemXML: return problemXML(entry: entry, arguments: arguments, catalog: catalog)
        }
    }

    /// Own parameters (first) and shared ones, paired with their values; optional ones without a
    /// value left out.
    static func split(_ entry: Catalog.Entry, _ arguments: [ArgumentValue], _ catalog: Catalog)
        -> (own: [(String, ArgumentValue)], shared: [(String, ArgumentValue)])
    {
        let pairs = zip(entry.parameters.map(\.name), arguments).map { ($0, $1) }
        let ownCount = max(0, pairs.count - catalog.sharedParameters.count)
        return (pairs.prefix(ownCount).filter { $0.1 != .absent }, pairs.dropFirst(ownCount).filter { $0.1 != .absent })
    }

    /// Every parameter with a value, in order (its own, then the catalog's).
    static func present(_ entry: Catalog.Entry, _ arguments: [ArgumentValue]) -> [(Catalog.Entry.Parameter, ArgumentValue)] {
        zip(entry.parameters, arguments).filter { $0.1 != .absent }
    }

    // MARK: JSON

    static func json(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        if let shape = catalog.jsonShape { return shape.render(entry: entry, arguments: arguments, catalog: catalog) }
        let (own, shared) = split(entry, arguments, catalog)
        var out = "{"
        code(entry, catalog, to: &out, first: true)
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

    /// The `code` member: a number in a catalog of integer codes (whose codes are canonical
    /// decimal integers, so valid JSON numbers as they are), else a string.
    static func code(_ entry: Catalog.Entry, _ catalog: Catalog, to out: inout String, first: Bool = false) {
        if catalog.codeType == .integer {
            out += (first ? "" : ",") + "\"code\":" + entry.wireCode
        } else {
            JSON.member("code", string: entry.wireCode, to: &out, first: first)
        }
    }

    /// Problem details' `title`: the error's title, or the status's reason phrase when the type is
    /// `about:blank` (no documentation link), as RFC 9457 recommends.
    static func problemTitle(_ entry: Catalog.Entry, _ catalog: Catalog) -> String {
        catalog.documentationLink(for: entry) == nil ? (StatusPhrase.of(entry.status) ?? entry.title) : entry.title
    }

    static func problemJSON(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        var out = "{"
        var first = true
        if let link = catalog.documentationLink(for: entry) {
            JSON.member("type", string: link, to: &out, first: true)
            first = false
        }
        JSON.member("title", string: problemTitle(entry, catalog), to: &out, first: first)
        out += ",\"status\":\(entry.status)"
        JSON.member("detail", string: entry.message.render(arguments), to: &out)
        code(entry, catalog, to: &out)
        for (parameter, value) in present(entry, arguments) { JSON.member(parameter.name, value: value, to: &out) }
        out += "}"
        return out
    }

    /// RFC 9457's namespace for problem details in XML (kept from RFC 7807).
    static let problemNamespace = "urn:ietf:rfc:7807"

    static func problemXML(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<problem xmlns=\"\(problemNamespace)\">\n"
        if let link = catalog.documentationLink(for: entry) { XML.element("type", link, indent: 2, to: &out) }
        XML.element("title", problemTitle(entry, catalog), indent: 2, to: &out)
        XML.element("status", String(entry.status), indent: 2, to: &out)
        XML.element("detail", entry.message.render(arguments), indent: 2, to: &out)
        XML.element("code", entry.wireCode, indent: 2, to: &out)
        for (parameter, value) in present(entry, arguments) { XML.elements(parameter.name, value, indent: 2, to: &out) }
        out += "</problem>\n"
        return out
    }

    // MARK: XML

    static func xml(entry: Catalog.Entry, arguments: [ArgumentValue], catalog: Catalog) -> String {
        if let shape = catalog.xmlShape { return shape.render(entry: entry, arguments: arguments, catalog: catalog) }
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
        for (name, value) in shared { XML.elements(name, value, indent: 4, to: &out) }
        if !own.isEmpty {
            out += "    <details>\n"
            for (name, value) in own { XML.elements(name, value, indent: 8, to: &out) }
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
        self.value(value, to: &out)
    }

    /// A value as JSON: strings quoted, numbers as numbers (`null` when not finite), booleans, lists
    /// as arrays.
    static func value(_ value: ArgumentValue, to out: inout String) {
        switch value {
        case let .string(s): quote(s, to: &out)
        case let .integer(n): out += String(n)
        case let .number(x): out += x.isFinite ? x.description : "null"
        case let .boolean(b): out += b ? "true" : "false"
        case let .unsigned(n): out += String(n)
        case .absent: out += "null"
        case let .list(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                self.value(item, to: &out)
            }
            out += "]"
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as escapes, U+2028 and U+2029
    /// escaped too so the text is also safe inside JavaScript, and U+FEFF escaped because some
    /// parsers (Foundation's on Linux among them) drop it when it stands in a string unescaped.
    static func quote(_ string: String, to out: inout String) {
        out += "\""
        Escaper.append(string, to: &out, special: special, replacement: escape)
        out += "\""
    }

    static func quote(_ string: String, to out: inout [UInt8]) {
        out.append(0x22)
        Escaper.append(string, to: &out, special: special, replacement: escape)
        out.append(0x22)
    }

    /// The escape of the character at `i`, if it needs one.
    @inline(__always)
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (text: String, length: Int)? {
        let byte = bytes[i]
        switch byte {
        case 0x22: return ("\\\"", 1)
        case 0x5C: return ("\\\\", 1)
        case 0x0A: return ("\\n", 1)
        case 0x0D: return ("\\r", 1)
        case 0x09: return ("\\t", 1)
        case 0x08: return ("\\b", 1)
        case 0x0C: return ("\\f", 1)
        case 0x00..<0x20, 0x7F: return ("\\u00" + hex2(byte), 1)
        case 0xE2 where Escaper.follows(bytes, i, 0x80, 0xA8): return ("\\u2028", 3)
        case 0xE2 where Escaper.follows(bytes, i, 0x80, 0xA9): return ("\\u2029", 3)
        case 0xEF where Escaper.follows(bytes, i, 0xBB, 0xBF): return ("\\ufeff", 3)
        default: return nil
        }
    }

    /// Controls, `"`, `\`, DEL, and the lead bytes of U+2028, U+2029 and U+FEFF.
    static let special = ByteSet.controls(and: [0x22, 0x5C, 0x7F, 0xE2, 0xEF])

    /// Two lower-case hex digits.
    static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}

/// A set of bytes, tested in a few instructions.
package struct ByteSet: Sendable {
    @usableFromInline let low: UInt64, midLow: UInt64, midHigh: UInt64, high: UInt64

    /// The set of these bytes; ASCII bytes and lead bytes only (a continuation byte, 10xxxxxx,
    /// never starts a character).
    package init(_ bytes: [UInt8]) {
        var words: [UInt64] = [0, 0, 0, 0]
        for byte in bytes {
            precondition(byte & 0xC0 != 0x80, "a continuation byte cannot start a character")
            words[Int(byte >> 6)] |= 1 << UInt64(byte & 63)
        }
        (low, midLow, midHigh, high) = (words[0], words[1], words[2], words[3])
    }

    /// The ASCII control characters (0x00–0x1F) and these bytes.
    package static func controls(and bytes: [UInt8]) -> ByteSet { ByteSet(Array(0..<0x20) + bytes) }

    @inlinable
    package func contains(_ byte: UInt8) -> Bool {
        let word = byte < 0x80 ? (byte < 0x40 ? low : midLow) : (byte < 0xC0 ? midHigh : high)
        return word >> UInt64(byte & 63) & 1 != 0
    }
}

/// Appending text with some of its characters replaced, for escaping: the runs between
/// replacements are copied whole, so text that needs few escapes costs little more than a copy.
/// (errgen's generator escapes Markdown, HTML and Swift with it too.)
package enum Escaper {
    /// Appends `string` to `out`; `replacement` is asked at each byte of `special` and answers
    /// the text to write instead of the `length` bytes from there, or `nil` to keep them. Text
    /// with nothing to replace is appended whole; other text is put together as bytes first and
    /// appended once (appending many short pieces to a string costs more).
    @inlinable
    package static func append(
        _ string: String, to out: inout String, special: ByteSet,
        replacement: (UnsafeBufferPointer<UInt8>, Int) -> (text: String, length: Int)?
    ) {
        var buffer: [UInt8] = []
        if append(string, to: &buffer, special: special, replacement: replacement, onlyIfReplaced: true) {
            out += String(decoding: buffer, as: UTF8.self)
        } else {
            out += string
        }
    }

    /// Appends `string` to UTF-8 bytes, as `append(_:to:special:replacement:)` does.
    @inlinable
    package static func append(
        _ string: String, to out: inout [UInt8], special: ByteSet,
        replacement: (UnsafeBufferPointer<UInt8>, Int) -> (text: String, length: Int)?
    ) {
        append(string, to: &out, special: special, replacement: replacement, onlyIfReplaced: false)
    }

    /// Appends `string` to `out` with its replacements; with `onlyIfReplaced`, appends nothing
    /// when nothing is to be replaced. Returns whether anything was replaced.
    @inlinable @discardableResult
    package static func append(
        _ string: String, to out: inout [UInt8], special: ByteSet,
        replacement: (UnsafeBufferPointer<UInt8>, Int) -> (text: String, length: Int)?, onlyIfReplaced: Bool
    ) -> Bool {
        var text = string
        return text.withUTF8 { bytes in
            var start = 0
            var i = 0
            var replaced = false
            while i < bytes.count {
                guard special.contains(bytes[i]), let (found, length) = replacement(bytes, i) else {
                    i += 1
                    continue
                }
                if !replaced {
                    replaced = true
                    out.reserveCapacity(out.count + bytes.count + bytes.count / 4 + 16)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                out.append(contentsOf: found.utf8)
                i += length
                start = i
            }
            if replaced || !onlyIfReplaced { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
            return replaced
        }
    }

    /// Whether the two bytes after `i` are `b1` and `b2`.
    @inlinable
    package static func follows(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ b1: UInt8, _ b2: UInt8) -> Bool {
        i + 2 < bytes.count && bytes[i + 1] == b1 && bytes[i + 2] == b2
    }
}

/// XML 1.0 text and attribute values.
package enum XML {
    package static func element(_ name: String, _ text: String, indent: Int, to out: inout String) {
        Self.indent(indent, to: &out)
        out += "<" + name + ">"
        escape(text, to: &out, attribute: false)
        out += "</" + name + ">\n"
    }

    /// A value's element, `element(name, value.description, …)`; for a list, the element repeated
    /// for each item (none for an empty list).
    package static func elements(_ name: String, _ value: ArgumentValue, indent: Int, to out: inout String) {
        if case let .list(items) = value {
            for item in items { element(name, item.description, indent: indent, to: &out) }
        } else {
            element(name, value.description, indent: indent, to: &out)
        }
    }

    /// Appends `count` spaces (the common depths made once).
    static func indent(_ count: Int, to out: inout String) {
        if count < indents.count { out += indents[count] } else { out += String(repeating: " ", count: count) }
    }

    private static let indents: [String] = (0...16).map { String(repeating: " ", count: $0) }

    /// Escapes markup characters; characters XML 1.0 cannot hold become U+FFFD; carriage returns
    /// (and, in attributes, tabs and line feeds) become character references so parsers keep them.
    /// Controls, markup characters and the lead byte of U+FFFE and U+FFFF.
    static let special = ByteSet.controls(and: [0x26, 0x3C, 0x3E, 0x22, 0xEF])

    package static func escape(_ text: String, to out: inout String, attribute: Bool) {
        Escaper.append(text, to: &out, special: special) { bytes, i in
            switch bytes[i] {
            case 0x26: return ("&amp;", 1)
            case 0x3C: return ("&lt;", 1)
            case 0x3E: return ("&gt;", 1)
            case 0x22 where attribute: return ("&quot;", 1)
            case 0x0D: return ("&#13;", 1)
            case 0x09 where attribute: return ("&#9;", 1)
            case 0x0A where attribute: return ("&#10;", 1)
            case 0x09, 0x0A: return nil
            case 0x00..<0x20: return ("\u{FFFD}", 1)
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF); surrogates cannot occur in a String.
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE: return ("\u{FFFD}", 3)
            default: return nil
            }
        }
    }
}
