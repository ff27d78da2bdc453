import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Testing

/// The rules of `languages` and `translations`, each at the exact position a user sees.
@Suite struct TranslationRuleTests {
    /// A catalog with `languages` (line 6) around an `OutOfStock` error whose `translations`
    /// start on line 13; `translations` is indented so that a tag lands at column 11.
    func spec(languages: String = "[en, de, fr-CA]", _ translations: String) -> String {
        """
        errgen: 1
        catalogs:
          Shop:
            title: Shop
            formats: [json]
            languages: \(languages)
            errors:
              OutOfStock:
                status: 409
                message: "Only {available} of {item} left."
                parameters: {available: integer, item: string}
                translations:
        \(translations.split(separator: "\n", omittingEmptySubsequences: false).map { "          " + $0 }.joined(separator: "\n"))

        """
    }

    @Test func aValidTranslationInEitherFormAndAnyPlaceholderOrder() throws {
        let spec = try validSpec(spec("""
            de: "Nur noch {available} von {item} übrig."
            fr-CA:
              message: "{item} : il n'en reste que {available}."
              title: Rupture de stock
            """))
        let error = spec.catalogs[0].errors[0]
        #expect(spec.catalogs[0].effectiveLanguages == ["en", "de", "fr-CA"])
        #expect(error.translations.map(\.language.value) == ["de", "fr-CA"])
        #expect(error.translation("fr-CA")?.title?.value == "Rupture de stock")
    }

    /// Tags compare without case: a translation takes the spelling the catalog lists.
    @Test func aTranslationTakesTheCatalogsSpellingOfItsLanguage() throws {
        let spec = try validSpec(spec(#"FR-ca: "{item} : {available}.""#))
        #expect(spec.catalogs[0].errors[0].translations.map(\.language.value) == ["fr-CA"])
        #expect(spec.catalogs[0].errors[0].translation("fr-CA") != nil)
    }

    @Test func aPlaceholderMisspelledIsNamedWithTheOneMeant() {
        #expect(diagnose(spec(#"de: "Nur noch {availabel} von {item} übrig.""#)) == [
            "13:25: error: the 'de' message has the placeholder '{availabel}', which the default message does not have; did you mean '{available}'?"
        ])
    }

    @Test func aMissingPlaceholder() {
        #expect(diagnose(spec(#"de: "Nicht genug {item}.""#)) == [
            "13:15: error: the 'de' message lacks the placeholder '{available}' of the default message"
        ])
        #expect(diagnose(spec(#"de: Ausverkauft."#)) == [
            "13:15: error: the 'de' message lacks the placeholders '{available}', '{item}' of the default message"
        ])
    }

    @Test func anExtraPlaceholder() {
        #expect(diagnose(spec(#"de: "Nur noch {available} von {item} in {store}.""#)) == [
            "13:51: error: the 'de' message has the placeholder '{store}', which the default message does not have"
        ])
    }

    @Test func aLanguageTheCatalogDoesNotListGetsADidYouMean() {
        #expect(diagnose(spec(#"fr-CH: "Il ne reste que {available} {item}.""#)) == [
            "13:11: error: language 'fr-CH' is not among the catalog's languages (en, de, fr-CA); did you mean 'fr-CA'?"
        ])
        #expect(diagnose(spec(#"ja: "{item} {available}""#)) == [
            "13:11: error: language 'ja' is not among the catalog's languages (en, de, fr-CA)"
        ])
    }

    @Test func aCatalogWithoutLanguagesIsEnglishOnly() {
        let text = spec(#"de: "Nur noch {available} von {item} übrig.""#).replacingOccurrences(of: "    languages: [en, de, fr-CA]\n", with: "")
        #expect(diagnose(text) == [
            "12:11: error: language 'de' is not among the catalog's languages (en); list it under the catalog's 'languages', after the default language"
        ])
    }

    @Test func theDefaultLanguageIsNotTranslated() {
        #expect(diagnose(spec(#"en: "Only {available} {item}.""#)) == [
            "13:11: error: 'en' is the catalog's default language, whose text is the error's 'message'; a translation is in another language"
        ])
    }

    @Test func aTranslationGivenTwiceIgnoringCase() {
        #expect(diagnose(spec("""
            de: "{available} {item}"
            DE: "{available} {item}!"
            """)) == ["14:11: error: error 'OutOfStock' is translated into 'de' twice (first at 13:11)"])
    }

    @Test func theLongFormKnowsOnlyMessageAndTitle() {
        #expect(diagnose(spec("""
            de:
              message: "{available} {item}"
              titel: Ausverkauft
            """)) == ["15:13: error: unknown key 'titel' in translation 'de'; did you mean 'title'?"])
        #expect(diagnose(spec("""
            de:
              title: Ausverkauft
            """)) == ["13:11: error: translation 'de' is missing the required key 'message'"])
    }

    @Test func emptyMessagesAndTitles() {
        #expect(diagnose(spec(#"de: " ""#)).contains("13:15: error: the 'de' message is empty"))
        #expect(diagnose(spec("""
            de:
              message: "{available} {item}"
              title: ""
            """)) == ["15:20: error: the 'de' title is empty"])
    }

    @Test(arguments: [
        ("en_US", "'en_US' is not a well-formed BCP 47 language tag: subtag 'en_us' holds a character other than ASCII letters and digits"),
        ("e", "'e' is not a well-formed BCP 47 language tag: 'e' is not a primary language subtag (2 to 8 letters)"),
        ("de-", "'de-' is not a well-formed BCP 47 language tag: empty subtag"),
        ("de-DE-DE", "'de-DE-DE' is not a well-formed BCP 47 language tag: subtag 'de' is out of place"),
        ("sl-rozaj-rozaj", "'sl-rozaj-rozaj' is not a well-formed BCP 47 language tag: variant 'rozaj' is repeated"),
        ("de-a-foo-a-bar", "'de-a-foo-a-bar' is not a well-formed BCP 47 language tag: extension 'a' is repeated"),
        ("de-u", "'de-u' is not a well-formed BCP 47 language tag: extension 'u' has no subtag after it"),
        ("de-x", "'de-x' is not a well-formed BCP 47 language tag: private use 'x' has no subtag after it"),
        ("deutschland", "'deutschland' is not a well-formed BCP 47 language tag: subtag 'deutschland' is longer than 8 characters"),
    ])
    func malformedLanguageTags(_ tag: String, _ message: String) {
        #expect(diagnose(spec(languages: "[en, \(tag)]", #"fr: "{available} {item}""#)).first == "6:21: error: \(message)")
    }

    @Test(arguments: ["de", "fr-CA", "zh-Hant-TW", "sr-Latn-RS", "es-419", "sl-rozaj-biske", "de-CH-1996", "en-US-u-ca-gregory", "x-klingon", "i-klingon", "en-GB-oed", "zh-yue-HK", "de-x-a-b"])
    func wellFormedLanguageTags(_ tag: String) {
        #expect(LanguageTag.problem(tag) == nil)
    }

    @Test func aLanguageListedTwiceIgnoringCase() {
        #expect(diagnose(spec(languages: "[en, de, DE]", #"de: "{available} {item}""#)) == [
            "6:25: error: language 'DE' is listed twice (first at 6:21, as 'de')"
        ])
    }

    @Test func languagesMustBeASequenceOfStrings() {
        #expect(diagnose(spec(languages: "en", #"de: x"#)).first == "6:16: error: 'languages' must be a sequence of BCP 47 language tags, not a string")
        #expect(diagnose(spec(languages: "[]", #"de: x"#)).first == "6:16: error: 'languages' must list at least one language (the first is the default)")
    }
}
