@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift
import Foundation
import Mustache
import Testing

/// The custom context: each type answers exactly its documented names, and the helpers that fill
/// it (name styles, Java literals) hold for any string.
@Suite struct CustomContextTests {
    /// A context's value by name, as a template reads it.
    func text(_ context: any TemplateContext, _ name: String) -> String? { (context.child(named: name) as? ContextText)?.value }
    func list(_ context: any TemplateContext, _ name: String) -> [any TemplateContext] { context.child(named: name) as? [any TemplateContext] ?? [] }

    @Test func everyContextAnswersItsNames() throws {
        let spec = try validSpec(customTestSpec)
        let catalog = ContextBuilder.customCatalog(ResolvedCatalog(spec.catalogs[0]), header: "h", spec: "s", params: [CustomParam(name: "p", value: .bool(true))])
        var seen: Set<String> = []
        try checkContext(ContextBuilder.customSpec([catalog], header: "h", spec: "s"), seen: &seen)
        // Languages and translations, from the three-language reference spec.
        let languages = try validSpec(Paths.text("Tests/References/languages/errors.yaml"))
        let shop = ContextBuilder.customCatalog(ResolvedCatalog(languages.catalogs[0]), header: "h", spec: "s")
        try checkContext(shop, seen: &seen)
        #expect(seen.isSuperset(of: [
            "CustomSpecContext", "CustomCatalogContext", "CustomFormat", "CustomError", "CustomSegment", "CustomParameter", "CustomHeader",
            "CustomLanguage", "CustomTranslation", "CustomParams",
        ]), "\(seen.sorted())")
        #expect(list(shop, "languages").map { text($0, "tag") } == ["en", "de", "fr-CA"] && text(shop, "defaultLanguage") == "en")
        let errors = list(shop, "errors")
        #expect(errors.map { list($0, "translations").map { text($0, "language") } } == [["de", "fr-CA"], ["de", "fr-CA"], ["fr-CA"], []])
        #expect(list(errors[0], "translations").map { text($0, "title") } == ["Out of stock", "Rupture de stock"])
        #expect(list(errors[1], "translations").map { text($0, "title") } == ["Kein solches Produkt.", "Aucun produit de ce nom « {ici} »."])
        // Texts have no members, so nothing is read off them by reflection.
        #expect(ContextText("x").child(named: "value") == nil)
        let params = try #require(catalog.child(named: "params") as? CustomParams)
        #expect(params.child(named: "p") as? Bool == true)
        #expect(params.child(named: "q") == nil)
    }

    @Test func nameStyles() {
        let cases: [(String, String, String, String, String)] = [
            ("responseTypeNotAcceptable", "RESPONSE_TYPE_NOT_ACCEPTABLE", "response_type_not_acceptable", "ResponseTypeNotAcceptable", "responseTypeNotAcceptable"),
            ("InvalidURI", "INVALID_URI", "invalid_uri", "InvalidURI", "invalidURI"),
            ("ip-address", "IP_ADDRESS", "ip_address", "IpAddress", "ipAddress"),
            ("ERR_DUP_KEY", "ERR_DUP_KEY", "err_dup_key", "ErrDupKey", "errDupKey"),
            ("_1045", "_1045", "_1045", "_1045", "_1045"),
            ("RestAuth", "REST_AUTH", "rest_auth", "RestAuth", "restAuth"),
            ("---", "_", "_", "_", "_"),
        ]
        for (name, upperSnake, lowerSnake, upperCamel, lowerCamel) in cases {
            #expect(NameStyles.upperSnake(name) == upperSnake, "\(name)")
            #expect(NameStyles.lowerSnake(name) == lowerSnake, "\(name)")
            #expect(NameStyles.upperCamel(name) == upperCamel, "\(name)")
            #expect(NameStyles.lowerCamel(name) == lowerCamel, "\(name)")
        }
    }
}

/// `JavaLiteral` against a model of how javac reads source: first every eligible `\uXXXX` becomes
/// its UTF-16 unit (everywhere, comments included), then string escapes are read.
@Suite struct JavaLiteralTests {
    static let hostile: [String] = [
        "", "plain", "\"", "\\", "\\\\", "\\u0022", "\\u000a", "\\\\u000a", "\\uuuu0041", "a\\", "*/", "/* x */", "**/",
        "\n", "\r", "\r\n", "\t", "\u{8}\u{C}", "\u{0}", "\u{0}1", "\u{1}7", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}",
        "é", "e\u{301}", "日本語", "👩‍💻", "🇺🇳", "\u{10FFFF}", "\u{202E}evil", "@deprecated", "{@code x}", "<script>alert(1)</script>",
        "&amp;", "'", "`", "${x}", "%s", "{{name}}",
    ]

    /// The strings of the injection reference spec, and seeded random strings of hostile pieces.
    static func corpus() throws -> [String] {
        let spec = try validSpec(try Paths.text("Tests/References/injection/errors.yaml"))
        var strings = hostile
        for catalog in ResolvedSpec(spec).catalogs {
            strings += [catalog.name, catalog.title, catalog.summary ?? "", catalog.description ?? ""]
            for entry in catalog.errors {
                strings += [entry.code, entry.message.source, entry.title, entry.description ?? "", entry.deprecation?.message ?? ""]
                strings += entry.parameters.prefix(entry.ownParameterCount).flatMap { [$0.description ?? "", $0.sample] }
            }
        }
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            strings.append((0..<Int.random(in: 1...8, using: &generator)).map { _ in hostile.randomElement(using: &generator)! }.joined())
        }
        return strings
    }

    /// javac's first step: `\` + one or more `u` + four hex digits, where the backslash is not
    /// itself escaped (an even number of backslashes before it), becomes that UTF-16 unit; the unit
    /// made does not start another escape.
    static func unicodePass(_ source: String) -> [UInt16] {
        let units = Array(source.utf16)
        var out: [UInt16] = []
        var i = 0
        var backslashes = 0
        while i < units.count {
            if units[i] == 0x5C, backslashes % 2 == 0, i + 1 < units.count, units[i + 1] == 0x75 {
                var j = i + 1
                while j < units.count, units[j] == 0x75 { j += 1 }
                if j + 4 <= units.count, let value = UInt16(String(decoding: units[j..<(j + 4)], as: UTF16.self), radix: 16) {
                    out.append(value)
                    i = j + 4
                    backslashes = 0
                    continue
                }
            }
            backslashes = units[i] == 0x5C ? backslashes + 1 : 0
            out.append(units[i])
            i += 1
        }
        return out
    }

    /// A string literal as javac reads it, or `nil` when it is not one.
    static func decodeString(_ literal: String) -> String? {
        let units = unicodePass(literal)
        guard units.count >= 2, units.first == 0x22, units.last == 0x22 else { return nil }
        var out: [UInt16] = []
        var i = 1
        while i < units.count - 1 {
            let unit = units[i]
            if unit == 0x22 || unit == 0x0A || unit == 0x0D { return nil }
            if unit != 0x5C {
                out.append(unit)
                i += 1
                continue
            }
            guard i + 1 < units.count - 1 else { return nil }
            let next = units[i + 1]
            switch next {
            case 0x62: out.append(0x08)
            case 0x74: out.append(0x09)
            case 0x6E: out.append(0x0A)
            case 0x66: out.append(0x0C)
            case 0x72: out.append(0x0D)
            case 0x22, 0x27, 0x5C: out.append(next)
            case 0x30...0x37:
                // Octal: up to three digits, the first of which at most 3 when there are three.
                var value: UInt16 = 0
                var j = i + 1
                let limit = next <= 0x33 ? 3 : 2
                while j < units.count - 1, j - (i + 1) < limit, (0x30...0x37).contains(units[j]) {
                    value = value * 8 + (units[j] - 0x30)
                    j += 1
                }
                out.append(value)
                i = j
                continue
            default: return nil
            }
            i += 2
        }
        return String(decoding: out, as: UTF16.self)
    }

    @Test func knownEscapes() {
        #expect(JavaLiteral.string("a\"b\\c\nd\u{0}1é😀\u{2028}\u{7F}") == #""a\"b\\c\nd\0001\u00e9\ud83d\ude00\u2028\177""#)
        #expect(JavaLiteral.string("\\u0022") == #""\\u0022""#)
        #expect(JavaLiteral.comment("a*/b\\u000a\nc <b>@x é") == "a*&#47;b\\u005cu000a c &lt;b&gt;&#64;x \\u00e9")
    }

    @Test func everyStringRoundTripsThroughAJavaLiteral() throws {
        for string in try Self.corpus() {
            let literal = JavaLiteral.string(string)
            #expect(literal.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "not printable ASCII: \(literal)")
            #expect(Self.decodeString(literal) == string, "\(literal) does not read back as \(string.debugDescription)")
        }
    }

    @Test func everyStringIsSafeInAJavaComment() throws {
        for string in try Self.corpus() {
            let text = JavaLiteral.comment(string)
            #expect(text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "not printable ASCII: \(text)")
            // As javac reads it: no line break (which would end a line comment), no `*/` (which
            // would end a block comment), no markup and no javadoc tag.
            let read = String(decoding: Self.unicodePass(text), as: UTF16.self)
            #expect(!read.contains("\n") && !read.contains("\r"), "\(text)")
            #expect(!read.contains("*/"), "\(text)")
            #expect(!read.contains("<") && !read.contains("@"), "\(text)")
        }
    }
}
