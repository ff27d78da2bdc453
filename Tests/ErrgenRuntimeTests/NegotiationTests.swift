@testable import ErrgenRuntime
import Testing

extension NegotiationTests {
    /// An Accept header (as its fields), what the server offers, and the outcome expected.
    struct Case: Sendable, CustomTestStringConvertible {
        var accept: [String]
        var offer: Offer
        var defaultIndex: Int = 0
        var expected: ContentNegotiation.Outcome

        enum Offer: String, Sendable {
            /// Text first, JSON second.
            case restAuth
            /// XML only.
            case raws
            /// All four formats.
            case catalog
            /// The media types of RFC 9110's Accept example.
            case rfcExample

            var types: [String] {
                switch self {
                case .restAuth: return ["text/plain; charset=utf-8", "application/json"]
                case .raws: return ["application/xml"]
                case .catalog:
                    return ["application/problem+json", "application/xml", "text/plain; charset=utf-8", "application/json"]
                case .rfcExample: return ["text/html", "image/jpeg", "text/plain;format=fixed", "text/html;level=3"]
                }
            }
        }

        init(_ accept: [String], _ offer: Offer, _ expected: ContentNegotiation.Outcome, default defaultIndex: Int = 0) {
            self.accept = accept
            self.offer = offer
            self.defaultIndex = defaultIndex
            self.expected = expected
        }

        init(_ accept: String, _ offer: Offer, _ expected: ContentNegotiation.Outcome, default defaultIndex: Int = 0) {
            self.init([accept], offer, expected, default: defaultIndex)
        }

        var testDescription: String {
            let fields = accept.map { String(reflecting: String($0.prefix(60))) }.joined(separator: " + ")
            return "\(offer.rawValue) ← [\(fields)] default \(defaultIndex)"
        }
    }
}

private let rfcExampleAccept =
    "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5"
private let browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

private let negotiationCases: [NegotiationTests.Case] = [
    // No usable preference: the default.
    .init([], .restAuth, .chosen(0)),
    .init([], .restAuth, .chosen(1), default: 1),
    .init("", .restAuth, .chosen(1), default: 1),
    .init("   \t ", .catalog, .chosen(2), default: 2),
    .init(", ,  ,\t,", .restAuth, .chosen(1), default: 1),
    .init(["", " "], .raws, .chosen(0)),
    // Plain choices.
    .init("application/json", .restAuth, .chosen(1)),
    .init("text/plain", .restAuth, .chosen(0), default: 1),
    .init("application/*", .restAuth, .chosen(1)),
    .init("text/*", .restAuth, .chosen(0), default: 1),
    .init("image/png", .restAuth, .notAcceptable),
    .init("application/json", .raws, .notAcceptable),
    .init("application/xml", .raws, .chosen(0)),
    // `*/*` is a stated preference: ties go by offered order, not to the default.
    .init("*/*", .restAuth, .chosen(0), default: 1),
    // Weights.
    .init("application/json;q=0.5, text/plain;q=0.9", .restAuth, .chosen(0)),
    .init("application/json;q=0.9, text/plain;q=0.5", .restAuth, .chosen(1)),
    .init("application/json;q=1.000", .restAuth, .chosen(1)),
    .init("application/json;q=0.001, text/plain;q=0", .restAuth, .chosen(1)),
    // q=0 exclusions.
    .init("*/*, application/json;q=0", .restAuth, .chosen(0), default: 1),
    .init("*/*, text/plain;q=0", .restAuth, .chosen(1)),
    .init("*/*, application/json;q=0", .raws, .chosen(0)),
    .init("*/*;q=0", .raws, .notAcceptable),
    .init("application/xml;q=0", .raws, .notAcceptable),
    .init("application/json;q=0", .restAuth, .notAcceptable),
    .init("text/*;q=0, text/plain", .restAuth, .chosen(0), default: 1),
    .init("application/problem+json;q=0, application/*", .catalog, .chosen(1)),
    .init("*/*;q=0, application/xml;q=0.1", .catalog, .chosen(1)),
    // Specificity: the most specific range decides, and breaks ties between equal weights.
    .init("text/plain;charset=utf-8;q=0, text/plain, application/json;q=0.1", .restAuth, .chosen(1)),
    .init("*/*;q=0.5, text/plain;charset=utf-8;q=0.4", .restAuth, .chosen(1)),
    .init("application/json;q=0.5, text/*;q=0.5", .restAuth, .chosen(1)),
    .init("application/*, application/xml", .catalog, .chosen(1)),
    .init("*/*;q=0.1, application/json;q=0.1", .catalog, .chosen(3)),
    .init("text/plain;charset=utf-8;q=0.5, application/json;q=0.5", .restAuth, .chosen(0), default: 1),
    // Between equally specific ranges, the higher weight.
    .init("application/json;q=0, application/json;q=0.5", .restAuth, .chosen(1)),
    // Catalog order.
    .init("application/*", .catalog, .chosen(0), default: 3),
    .init("application/json, application/xml", .catalog, .chosen(1)),
    .init("application/json, text/plain", .catalog, .chosen(2)),
    // No suffix magic.
    .init("application/json", .catalog, .chosen(3)),
    .init("application/problem+json;q=0, application/json;q=0.1", .catalog, .chosen(3)),
    // Browsers.
    .init(browserAccept, .raws, .chosen(0)),
    .init(browserAccept, .catalog, .chosen(1)),
    .init(browserAccept, .restAuth, .chosen(0), default: 1),
    // Several fields are one list.
    .init(["application/json;q=0.1", "text/plain"], .restAuth, .chosen(0), default: 1),
    .init(["image/png", "application/json"], .restAuth, .chosen(1)),
    .init(["*/*", "application/json;q=0"], .restAuth, .chosen(0), default: 1),
    .init(["", "application/json"], .restAuth, .chosen(1)),
    // Parameters.
    .init("text/plain;charset=utf-8", .restAuth, .chosen(0), default: 1),
    .init("text/plain;charset=UTF-8", .restAuth, .chosen(0), default: 1),
    .init("text/plain;charset=\"utf-8\"", .restAuth, .chosen(0), default: 1),
    .init("text/plain;charset=\"utf\\-8\"", .restAuth, .chosen(0), default: 1),
    .init("text/plain;CHARSET=utf-8", .restAuth, .chosen(0), default: 1),
    .init("text/plain;charset=iso-8859-1", .restAuth, .notAcceptable),
    .init("text/plain;charset=iso-8859-1, application/json;q=0.1", .restAuth, .chosen(1)),
    .init("text/plain;format=flowed", .restAuth, .notAcceptable),
    .init("application/json;charset=utf-8", .restAuth, .notAcceptable),
    // Parameters after the weight are accept-extensions, ignored; so is a second `q`.
    .init("text/plain;q=0.5;charset=iso-8859-1", .restAuth, .chosen(0), default: 1),
    .init("application/json;q=0.5;q=0", .restAuth, .chosen(1)),
    // Case.
    .init("TEXT/PLAIN;Q=0.2, Application/JSON;q=0.3", .restAuth, .chosen(1)),
    .init("text/plain;Q=0, */*", .restAuth, .chosen(1)),
    .init("APPLICATION/XML", .raws, .chosen(0)),
    // Whitespace: OWS around elements and semicolons is fine; none is allowed around `=` or `/`.
    .init("  application/json  ;  q=0.5  ,\ttext/plain ; q=0.4 ", .restAuth, .chosen(1)),
    .init("application/json; q = 0.5", .restAuth, .chosen(0)),
    .init("application / json", .restAuth, .chosen(0)),
    // RFC 9110 §12.5.1's example.
    .init(rfcExampleAccept, .rfcExample, .chosen(1)),
    .init(rfcExampleAccept, .restAuth, .chosen(0), default: 1),
    .init(rfcExampleAccept + ", image/jpeg;q=0.2", .rfcExample, .chosen(2)),
    // Malformed elements are skipped; when none is left, the default.
    .init("application/json;q=NaN", .restAuth, .chosen(0)),
    .init("application/json;q=NaN, text/plain;q=0", .restAuth, .notAcceptable),
    .init("application/json;q=1e3", .restAuth, .chosen(0)),
    .init("application/json;q=2", .restAuth, .chosen(0)),
    .init("application/json;q=-0, text/plain;q=0.1", .restAuth, .chosen(0), default: 1),
    .init("application/json;q=0.0001, text/plain;q=0.001", .restAuth, .chosen(0), default: 1),
    .init("application/json;q=1.001, text/plain;q=0.5", .restAuth, .chosen(0), default: 1),
    .init("application/json;q=\"0.5\", text/plain;q=0.1", .restAuth, .chosen(0), default: 1),
    .init("application/json;q=, text/plain;q=0.1", .restAuth, .chosen(0), default: 1),
    .init("*/json", .restAuth, .chosen(1), default: 1),
    .init("*/json, text/plain;q=0.1", .restAuth, .chosen(0), default: 1),
    .init("/", .restAuth, .chosen(1), default: 1),
    .init("application/", .restAuth, .chosen(0)),
    .init(";;;;", .restAuth, .chosen(1), default: 1),
    .init("application/json;;;;", .restAuth, .chosen(1)),
    .init("application/json;;q=0.5;;, text/plain;q=0.4", .restAuth, .chosen(1)),
    .init("application/json\u{0}", .restAuth, .chosen(0)),
    .init("application/json, \u{1}\u{7F}\u{1B}, text/plain;q=0", .restAuth, .chosen(1)),
    .init("applicatión/json", .restAuth, .chosen(0)),
    .init("😀/😀, 🙃", .restAuth, .chosen(1), default: 1),
    .init("text/plain;note=\"😀, ok\";q=0.9, application/json;q=0.5", .restAuth, .chosen(1)),
    .init("application/json;q=0.5, text/plain;a=b\"c, text/plain", .restAuth, .chosen(0)),
    // An unterminated quoted-string runs to the end of its field, and no further.
    .init("application/json;q=0.5, text/plain;a=\"open, text/plain", .restAuth, .chosen(1)),
    .init(["text/plain;a=\"open, application/json;q=0", "application/json"], .restAuth, .chosen(1)),
    .init("text/plain;a=\"open\\", .restAuth, .chosen(1), default: 1),
]

@Suite struct NegotiationTests {
    @Test(arguments: negotiationCases)
    func negotiates(_ example: Case) {
        let outcome = ContentNegotiation.negotiate(
            accept: example.accept, offered: example.offer.types, defaultIndex: example.defaultIndex)
        #expect(outcome == example.expected)
    }

    // MARK: Weights

    @Test func rfcExampleWeights() {
        let accept = [rfcExampleAccept]
        #expect(ContentNegotiation.weight(of: "text/plain;format=flowed", accept: accept) == 1000)
        #expect(ContentNegotiation.weight(of: "text/plain", accept: accept) == 700)
        #expect(ContentNegotiation.weight(of: "text/html", accept: accept) == 300)
        #expect(ContentNegotiation.weight(of: "image/jpeg", accept: accept) == 500)
        #expect(ContentNegotiation.weight(of: "text/plain;format=fixed", accept: accept) == 400)
        // The most specific range matching `text/html;level=3` is `text/*`. (RFC 9110's table
        // prints 0.7 on this row, which the rule it illustrates does not give.)
        #expect(ContentNegotiation.weight(of: "text/html;level=3", accept: accept) == 300)
        #expect(ContentNegotiation.weight(of: "TEXT/Plain; Format=flowed", accept: accept) == 1000)
    }

    @Test func weightWithoutPreference() {
        #expect(ContentNegotiation.weight(of: "text/plain", accept: []) == nil)
        #expect(ContentNegotiation.weight(of: "text/plain", accept: ["*/json"]) == nil)
        #expect(ContentNegotiation.weight(of: "not a type", accept: ["*/*"]) == nil)
        #expect(ContentNegotiation.weight(of: "text/plain", accept: ["image/*"]) == 0)
    }

    @Test func unparsableOfferIsNeverMatchedButCanBeTheDefault() {
        let offered = ["nonsense", "application/json"]
        #expect(ContentNegotiation.negotiate(accept: ["*/*"], offered: offered) == .chosen(1))
        #expect(ContentNegotiation.negotiate(accept: [], offered: offered) == .chosen(0))
    }

    // MARK: Parser

    @Test func parsesRangeWithParametersWeightAndExtensions() throws {
        let ranges = MediaRange.parseList("text/plain;format=flowed;q=0.4;ext=\"a, b\";more=x")
        try #require(ranges.count == 1)
        #expect(ranges[0].type == "text")
        #expect(ranges[0].subtype == "plain")
        #expect(ranges[0].parameters == [MediaRange.Parameter(name: "format", value: "flowed")])
        #expect(ranges[0].weight == 400)
    }

    @Test func lowercasesNamesButNotValues() throws {
        let range = try #require(MediaRange("TEXT/Plain;Charset=\"UTF-8\";Q=0.25"))
        #expect(range == MediaRange(type: "text", subtype: "plain", parameters: [.init(name: "charset", value: "UTF-8")], weight: 250))
    }

    @Test func unquotesQuotedPairs() throws {
        let range = try #require(MediaRange(#"a/b;x="say \"hi\", \\ok";y="""#))
        #expect(range.parameters == [.init(name: "x", value: #"say "hi", \ok"#), .init(name: "y", value: "")])
        #expect(range.description == #"a/b;x="say \"hi\", \\ok";y="""#)
    }

    @Test func keepsNonASCIIInsideQuotedStrings() throws {
        let range = try #require(MediaRange("a/b;x=\"😀 é\""))
        #expect(range.parameters == [.init(name: "x", value: "😀 é")])
    }

    @Test(arguments: [
        ("*/*", 0, 0), ("text/*", 1, 0), ("text/plain", 2, 0), ("text/plain;a=b", 2, 1), ("text/*;a=b;c=d", 1, 2),
        ("text/plain;a=b;q=0.5;c=d", 2, 1),
    ])
    func specificity(_ element: String, _ level: Int, _ parameterCount: Int) throws {
        let range = try #require(MediaRange(element))
        #expect(range.specificity == MediaRange.Specificity(level: level, parameterCount: parameterCount))
    }

    @Test func specificityOrder() {
        typealias S = MediaRange.Specificity
        #expect(S(level: 0, parameterCount: 0) < S(level: 1, parameterCount: 0))
        #expect(S(level: 1, parameterCount: 3) < S(level: 2, parameterCount: 0))
        #expect(S(level: 2, parameterCount: 0) < S(level: 2, parameterCount: 1))
    }

    @Test(arguments: [
        ("text/plain;q=0", 0), ("text/plain;q=0.", 0), ("text/plain;q=0.5", 500), ("text/plain;q=0.05", 50),
        ("text/plain;q=0.123", 123), ("text/plain;q=1", 1000), ("text/plain;q=1.", 1000), ("text/plain;q=1.000", 1000),
        ("text/plain", 1000), ("text/plain ; q=0.7 ", 700), ("text/plain;Q=0.7", 700),
        ("text/plain;", 1000), ("text/plain;;;;", 1000), ("text/plain; ; ;q=0.2;", 200),
    ])
    func validElements(_ element: String, _ weight: Int) throws {
        let range = try #require(MediaRange(element))
        #expect(range.weight == weight)
    }

    @Test(arguments: [
        "", "   ", "*/json", "/", "text/", "/plain", "text", "text/plain/x", "text /plain", "text/ plain",
        "text/plain;q=NaN", "text/plain;q=1e3", "text/plain;q=-0", "text/plain;q=+0", "text/plain;q=0.0001",
        "text/plain;q=1.5", "text/plain;q=1.0001", "text/plain;q=2", "text/plain;q=.5", "text/plain;q=00.5",
        "text/plain;q=", "text/plain;q=\"1\"", "text/plain;q=0.5x", "text/plain;q = 0.5", "text/plain;=x",
        "text/plain;a", "text/plain;a=", "text/plain;a=\"open", "text/plain;a=\"open\\", "text/plain;a=b c",
        "text/plain;a=\"x\"y", "text/plain a", "text/pl@in", "text/plain\u{0}", "text/plain;a=\"\u{0}\"",
        "text/plain;a=\"\u{1}\"", "tëxt/plain", "😀/😀", "text/plain, application/json", "text/plain;q=0.5;x=\"open",
        "text/plain;q=0.5;=", "a/b" + String(repeating: ";a=b", count: MediaRange.maximumParameters + 1),
    ])
    func invalidElements(_ element: String) {
        #expect(MediaRange(element) == nil)
    }

    @Test func wildcardsParse() throws {
        #expect(try #require(MediaRange("*/*")) == MediaRange(type: "*", subtype: "*"))
        #expect(try #require(MediaRange("Text/*")) == MediaRange(type: "text", subtype: "*"))
    }

    @Test func parseListSkipsMalformedAndEmptyElements() {
        let ranges = MediaRange.parseList(" a/b, ,, */json , c/d;q=0,x,\t e/f;g=\"h,i\" ,")
        #expect(ranges.map(\.description) == ["a/b", "c/d;q=0", #"e/f;g="h,i""#])
    }

    @Test func parseListJoinsFields() {
        let ranges = MediaRange.parseList(["a/b;q=0.5", "", "c/d", "e/f;x=\"open, g/h", "i/j"])
        #expect(ranges.map(\.description) == ["a/b;q=0.5", "c/d", "i/j"])
    }

    @Test func parseListCapsElements() {
        let many = Array(repeating: "a/b", count: 1000).joined(separator: ",")
        #expect(MediaRange.parseList(many).count == MediaRange.maximumElements)
        // The cap counts malformed elements too, over every field, but not empty ones.
        let malformed = Array(repeating: "*/json", count: MediaRange.maximumElements).joined(separator: ",")
        #expect(MediaRange.parseList([malformed, "a/b"]).isEmpty)
        #expect(MediaRange.parseList(String(repeating: ",", count: 10_000) + "a/b").count == 1)
    }

    @Test func mediaTypesKeepEveryParameter() throws {
        let offered = try #require(MediaRange.mediaType("text/plain; charset=utf-8; q=0.5"))
        #expect(offered.parameters == [.init(name: "charset", value: "utf-8"), .init(name: "q", value: "0.5")])
        #expect(offered.weight == 1000)
        #expect(MediaRange.mediaType("text/plain, text/html") == nil)
    }

    @Test func matchingIsOnMediaTypesOnly() throws {
        let json = try #require(MediaRange("application/json"))
        let problem = try #require(MediaRange.mediaType("application/problem+json"))
        #expect(!json.matches(problem))
        let charset = try #require(MediaRange("text/plain;charset=UTF-8"))
        #expect(charset.matches(try #require(MediaRange.mediaType("text/plain; charset=utf-8; format=fixed"))))
        #expect(!charset.matches(try #require(MediaRange.mediaType("text/plain"))))
        let format = try #require(MediaRange("text/plain;format=Flowed"))
        #expect(!format.matches(try #require(MediaRange.mediaType("text/plain;format=flowed"))))
    }

    @Test func tokenCharacters() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HeaderSyntax.isTokenCharacter(byte) == tchar.contains(byte), "byte \(byte)")
        }
    }

    @Test(arguments: [(0, "0"), (1, "0.001"), (50, "0.05"), (500, "0.5"), (999, "0.999"), (1000, "1")])
    func qvalueText(_ thousandths: Int, _ text: String) {
        #expect(HeaderSyntax.qvalueText(thousandths) == text)
        #expect(HeaderSyntax.qvalue(text) == thousandths)
    }

    // MARK: Hostile input

    /// Headers of a megabyte. Parsing is linear and stops after `maximumElements` elements, so this
    /// takes milliseconds; a quadratic step or a hang would show here.
    @Test func megabyteHeadersReturn() {
        let megabyte = 1 << 20
        let offered = Case.Offer.catalog.types
        let headers: [(String, ContentNegotiation.Outcome)] = [
            (String(repeating: ",", count: megabyte) + "application/json", .chosen(3)),
            (String(repeating: "a", count: megabyte), .chosen(2)),
            ("text/plain;a=\"" + String(repeating: "x,", count: megabyte / 2), .chosen(2)),
            (String(repeating: "application/xml;q=0.5, ", count: megabyte / 23), .chosen(1)),
        ]
        for (header, expected) in headers {
            #expect(header.utf8.count >= megabyte - 32)
            #expect(ContentNegotiation.negotiate(accept: [header], offered: offered, defaultIndex: 2) == expected)
        }
    }

    /// A long run of one awkward shape.
    struct HostileHeader: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var fields: [String]
        var expected: ContentNegotiation.Outcome

        init(_ label: String, _ fields: [String], _ expected: ContentNegotiation.Outcome) {
            self.testDescription = label
            self.fields = fields
            self.expected = expected
        }

        init(_ label: String, _ header: String, _ expected: ContentNegotiation.Outcome) {
            self.init(label, [header], expected)
        }
    }

    /// 64 KiB each, to keep the suite fast.
    @Test(arguments: [
        HostileHeader("semicolons", String(repeating: ";", count: 1 << 16), .chosen(2)),
        HostileHeader("empty parameters", "application/json" + String(repeating: ";", count: 1 << 16), .chosen(3)),
        HostileHeader("spaced empty parameters", "application/json" + String(repeating: " ; ", count: 1 << 14), .chosen(3)),
        HostileHeader("100,000 commas", String(repeating: ",", count: 100_000) + "application/json", .chosen(3)),
        HostileHeader("many empty fields", Array(repeating: " , ", count: 10_000) + ["application/json"], .chosen(3)),
        HostileHeader("quotes", String(repeating: "\"", count: 1 << 16), .chosen(2)),
        HostileHeader("opening quotes", String(repeating: "=\"", count: 1 << 15), .chosen(2)),
        HostileHeader("backslashes", String(repeating: "\\", count: 1 << 16), .chosen(2)),
        HostileHeader("escaped quotes", "a/b;x=\"" + String(repeating: "\\\"", count: 1 << 15), .chosen(2)),
        HostileHeader("escaped backslashes", "a/b;x=\"" + String(repeating: "\\", count: 1 << 15), .chosen(2)),
        HostileHeader("long quoted value", "a/b;x=\"" + String(repeating: "v,", count: 1 << 15) + "\", application/json", .chosen(3)),
        HostileHeader("long value", "a/b;x=" + String(repeating: "v", count: 1 << 16) + ", application/json", .chosen(3)),
        HostileHeader("whitespace", String(repeating: " \t", count: 1 << 15), .chosen(2)),
        HostileHeader("NUL", String(repeating: "\u{0}", count: 1 << 16), .chosen(2)),
        HostileHeader("CR LF", String(repeating: "\r\n", count: 1 << 15) + ", application/json", .chosen(3)),
        HostileHeader("emoji", String(repeating: "😀", count: 1 << 14), .chosen(2)),
        HostileHeader("long subtype", "a/" + String(repeating: "b", count: 1 << 16), .chosen(2)),
        HostileHeader("long parameter name", "a/b;" + String(repeating: "n", count: 1 << 16) + "=v", .chosen(2)),
        HostileHeader("many parameters", "a/b" + String(repeating: ";a=b", count: 1 << 14), .chosen(2)),
        HostileHeader("slashes", String(repeating: "/", count: 1 << 16), .chosen(2)),
        HostileHeader("exclusions", String(repeating: "*/*;q=0, ", count: 1 << 13), .notAcceptable),
        HostileHeader("bad qvalues", String(repeating: "application/json;q=0.0001,", count: 1 << 12), .chosen(2)),
        HostileHeader("malformed past the cap", String(repeating: "*/json,", count: 1 << 13) + "application/json", .chosen(2)),
    ])
    func hostileShapesReturn(_ hostile: HostileHeader) {
        let offered = Case.Offer.catalog.types
        #expect(ContentNegotiation.negotiate(accept: hostile.fields, offered: offered, defaultIndex: 2) == hostile.expected)
    }

    @Test func namesAreLimited() {
        let name = String(repeating: "x", count: MediaRange.maximumNameLength)
        #expect(MediaRange("\(name)/\(name);\(name)=v") != nil)
        #expect(MediaRange("\(name)x/b") == nil)
        #expect(MediaRange("a/\(name)x") == nil)
        #expect(MediaRange("a/b;\(name)x=v") == nil)
    }
}
