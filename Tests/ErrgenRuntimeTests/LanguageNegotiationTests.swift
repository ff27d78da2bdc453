import Testing

@testable import ErrgenRuntime

/// `Accept-Language` (RFC 9110 §12.5.4) against a catalog's languages, RFC 4647 lookup: the
/// index of the language that answers, 0 (the default) when nothing matches.
@Suite struct LanguageNegotiationTests {
    static let available = ["en", "de", "fr-CA", "pt-BR", "zh-Hant-TW"]

    static func choose(_ fields: String?...) -> String {
        available[LanguageNegotiation.choose(acceptLanguage: fields.compactMap { $0 }, available: available)]
    }

    @Test func noPreferenceIsTheDefaultLanguage() {
        #expect(Self.choose() == "en")
        #expect(Self.choose("") == "en")
    }

    @Test func theHighestWeightWinsAndTiesGoToTheFirstWritten() {
        #expect(Self.choose("de") == "de")
        #expect(Self.choose("en;q=0.5, de") == "de")
        #expect(Self.choose("de;q=0.5, fr-CA;q=0.8") == "fr-CA")
        #expect(Self.choose("fr-CA;q=0.7, de;q=0.7") == "fr-CA")
        #expect(Self.choose("de;q=0.7, fr-CA;q=0.7") == "de")
        // Several fields are one list.
        #expect(Self.choose("ja", "de;q=0.2") == "de")
        // The weight's name in either case (ABNF literals are case-insensitive, RFC 5234 §2.3).
        #expect(Self.choose("de;Q=0.9") == "de")
        #expect(Self.choose("de;Q=0.5, fr-CA;Q=0.8") == "fr-CA")
        #expect(Self.choose("de;Q=0, *") == "en")
    }

    @Test func lookupTakesSubtagsOffTheEnd() {
        #expect(Self.choose("de-CH") == "de")
        #expect(Self.choose("de-CH-1996") == "de")
        #expect(Self.choose("zh-Hant-TW-x-private") == "zh-Hant-TW")
        #expect(Self.choose("fr-CA-u-ca-gregory") == "fr-CA")
        // Case never matters.
        #expect(Self.choose("FR-ca") == "fr-CA")
    }

    @Test func aRangeFindsAMorePreciseLanguageWhenLookupFindsNone() {
        #expect(Self.choose("fr") == "fr-CA")
        #expect(Self.choose("pt;q=0.9, en;q=0.5") == "pt-BR")
        #expect(Self.choose("zh") == "zh-Hant-TW")
    }

    @Test func nothingMatchingIsTheDefaultNeverA406() {
        #expect(Self.choose("ja, ko;q=0.5") == "en")
        #expect(Self.choose("es-ES") == "en")
    }

    @Test func theWildcardIsTheDefaultUnlessExcluded() {
        #expect(Self.choose("*") == "en")
        #expect(Self.choose("ja, *;q=0.1") == "en")
        #expect(Self.choose("en;q=0, *") == "de")
    }

    @Test func weightZeroExcludesEveryLanguageItIsAPrefixOf() {
        #expect(Self.choose("de;q=0, de-CH") == "en")
        #expect(Self.choose("fr;q=0, fr-CA") == "en")
        #expect(Self.choose("pt-BR;q=0, pt") == "en")
        #expect(Self.choose("de-CH;q=0, de") == "de")
        // Everything excluded: still an answer, in the default language.
        #expect(Self.choose("*;q=0") == "en")
    }

    /// RFC 9110 lets a server ignore a field it cannot parse: a malformed one is no preference.
    @Test(arguments: ["de;q=2", "de;q=0.5.5", "d e", "de_DE", "123", "de-toolongsubtag", "de;level=1", ";q=1", "de, 😀", "de;q"])
    func aMalformedFieldIsNoPreference(_ field: String) {
        #expect(Self.choose(field) == "en")
    }

    @Test func aFieldOfMoreThan64RangesIsNoPreference() {
        let many = Array(repeating: "ja", count: 64).joined(separator: ", ")
        #expect(Self.choose(many + ", de") == "en")
        #expect(Self.choose(Array(repeating: "ja", count: 63).joined(separator: ", ") + ", de") == "de")
    }

    @Test func aSingleTagIsLookedUpAsMessageInLanguageDoes() {
        #expect(LanguageNegotiation.lookup("de-AT", in: Self.available) == 1)
        #expect(LanguageNegotiation.lookup("fr", in: Self.available) == 2)
        #expect(LanguageNegotiation.lookup("ja", in: Self.available) == nil)
        #expect(LanguageNegotiation.lookup("", in: Self.available) == nil)
        #expect(LanguageNegotiation.lookup("de--AT", in: Self.available) == nil)
    }

    @Test func aCatalogOfOneLanguageNeverNegotiates() {
        #expect(LanguageNegotiation.choose(acceptLanguage: ["de"], available: ["en"]) == 0)
    }
}
