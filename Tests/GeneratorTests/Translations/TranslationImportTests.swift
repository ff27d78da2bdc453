import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `errgen import-translations`: translated PO files put into the spec by editing its text, only
/// the lines a translation needs; every refusal with its exact diagnostic and nothing written.
@Suite struct TranslationImportTests {
    /// A PO file as a translation tool leaves it: a header, then `(msgctxt, msgid, msgstr)` entries.
    static func po(language: String? = "de", catalog: String? = "Shop", _ entries: [(String, String, String)]) -> String {
        var header = "Content-Type: text/plain; charset=UTF-8\\n"
        if let language { header += "\"\n\"Language: \(language)\\n" }
        if let catalog { header += "\"\n\"X-Errgen-Catalog: \(catalog)\\n" }
        var out = "msgid \"\"\nmsgstr \"\"\n\"\(header)\"\n"
        for (context, id, string) in entries {
            out += "\n#, python-brace-format\nmsgctxt \"\(context)\"\nmsgid \"\(id)\"\nmsgstr \"\(string)\"\n"
        }
        return out
    }

    /// The import of `files` (name, text) into `spec`: the diagnostics as `path:line:column: error: …`
    /// and the new spec text, if any.
    static func importing(_ spec: String, _ files: [(String, String)]) -> (diagnostics: [String], text: String?) {
        let outcome = TranslationImport.run(
            spec: Array(spec.utf8), file: "errors.yaml", poFiles: files.map { .init(path: $0.0, bytes: Array($0.1.utf8)) })
        return (outcome.diagnostics.map(\.description), outcome.bytes.map { String(decoding: $0, as: UTF8.self) })
    }

    /// Expects the import to fail with exactly `diagnostics`.
    static func expectRefusal(_ spec: String, _ files: [(String, String)], _ diagnostics: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (found, text) = importing(spec, files)
        #expect(found == diagnostics, sourceLocation: sourceLocation)
        #expect(text == nil, "nothing is to be written", sourceLocation: sourceLocation)
    }

    /// A small spec in block style with comments; `OutOfStock` has translations, `Busy` none.
    static let shop = """
        # The shop's errors.
        errgen: 1
        catalogs:
          Shop:   # the only catalog
            title: Shop
            formats: [json, problem+json]
            languages: [en, de, fr-CA]
            errors:
              OutOfStock:
                status: 409
                # The count comes first.
                message: "Only {available} of {item} left."
                parameters: {available: integer, item: string}
                translations:
                  de: "Nur noch {available} von {item} übrig."   # checked by Anna
              Busy:
                status: 503
                message: Try again in {seconds} seconds.
                parameters:
                  seconds: integer   # whole seconds
                # Retry-After says the same.
                headers:
                  Retry-After: "{seconds}"

              # Last one.
              Gone:
                status: 410
                message: 'It''s gone.'
                description: |
                  Gone for good.

                  # Not a comment: Markdown.
        # The end.

        """

    // MARK: - What changes

    /// C escapes as translation tools write them (gettext's PO strings are C strings): octal and
    /// hexadecimal ones decoded, a `\\x` without digits refused at its position.
    @Test func poStringsDecodeTheirCEscapes() throws {
        func parse(_ msgstr: String) -> (String?, [String]) {
            let text = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgctxt \"Shop.OutOfStock\"\nmsgid \"Sold out.\"\nmsgstr \"\(msgstr)\"\n"
            let (entries, diagnostics) = POFile.parse(Array(text.utf8), file: "shop.de.po")
            return (entries.first { !$0.isHeader }?.string.value, diagnostics.map(\.description))
        }
        #expect(parse(#"Caf\xe9 \x41\101\n"#).0 == "Café AA\n")
        let (_, refused) = parse(#"Ausverkauft\x."#)
        #expect(refused == [#"shop.de.po:6:20: error: '\x' must be followed by hexadecimal digits"#], "\(refused)")
    }

    @Test func aNewTranslationsMappingGoesAfterTheErrorsLastKeyAndCommentsStay() throws {
        let (diagnostics, text) = Self.importing(Self.shop, [("de.po", Self.po([("Busy", "Try again in {seconds} seconds.", "Noch {seconds} Sekunden.")]))])
        #expect(diagnostics.isEmpty)
        let expected = Self.shop.replacingOccurrences(
            of: "          Retry-After: \"{seconds}\"\n",
            with: "          Retry-After: \"{seconds}\"\n        translations:\n          de: \"Noch {seconds} Sekunden.\"\n")
        #expect(text == expected)
    }

    @Test func aTranslationReplacesItsValueOnlyAndKeepsTheLinesComment() throws {
        let (diagnostics, text) = Self.importing(
            Self.shop, [("de.po", Self.po([("OutOfStock", "Only {available} of {item} left.", "{item}: nur noch {available}.")]))])
        #expect(diagnostics.isEmpty)
        #expect(text == Self.shop.replacingOccurrences(
            of: #"de: "Nur noch {available} von {item} übrig."   # checked by Anna"#, with: #"de: "{item}: nur noch {available}."   # checked by Anna"#))
    }

    @Test func aPlainValueWithBlanksBeforeItsCommentIsReplacedToo() throws {
        // As people write a translation by hand: unquoted, its comment after several blanks.
        let plain = Self.shop.replacingOccurrences(
            of: #"de: "Nur noch {available} von {item} übrig."   # checked by Anna"#, with: "de: Nur noch {available} von {item} übrig.   # reviewed")
        #expect(plain != Self.shop)
        let (diagnostics, text) = Self.importing(
            plain, [("de.po", Self.po([("OutOfStock", "Only {available} of {item} left.", "{item}: nur noch {available}.")]))])
        #expect(diagnostics.isEmpty)
        #expect(text == plain.replacingOccurrences(
            of: "de: Nur noch {available} von {item} übrig.   # reviewed", with: #"de: "{item}: nur noch {available}."   # reviewed"#))
    }

    @Test func aNewLanguageGoesAfterTheLastTranslationAndATitleMakesTheLongForm() throws {
        let (diagnostics, text) = Self.importing(Self.shop, [
            ("fr.po", Self.po(language: "fr_CA", [
                ("OutOfStock", "Only {available} of {item} left.", "Plus que {available} {item}."),
                ("OutOfStock|title", "Conflict", "Rupture"),
            ])),
            ("de.po", Self.po([("OutOfStock|title", "Conflict", "Ausverkauft")])),
        ])
        #expect(diagnostics.isEmpty)
        #expect(text == Self.shop.replacingOccurrences(
            of: #"          de: "Nur noch {available} von {item} übrig."   # checked by Anna"# + "\n",
            with: [
                #"          de:"#,
                #"            message: "Nur noch {available} von {item} übrig.""#,
                #"            title: "Ausverkauft"   # checked by Anna"#,
                #"          fr-CA:"#,
                #"            message: "Plus que {available} {item}.""#,
                #"            title: "Rupture""#,
            ].map { $0 + "\n" }.joined()))
    }

    @Test func aLongFormTranslationGainsItsTitleAndANewLanguageComesAfterIt() throws {
        let long = Self.shop.replacingOccurrences(
            of: #"          de: "Nur noch {available} von {item} übrig."   # checked by Anna"#,
            with: "          de:\n            message: \"Nur noch {available} von {item} übrig.\"   # checked by Anna")
        let (diagnostics, text) = Self.importing(long, [
            ("de.po", Self.po([("OutOfStock|title", "Conflict", "Ausverkauft")])),
            ("fr.po", Self.po(language: "fr-CA", [("OutOfStock", "Only {available} of {item} left.", "Plus que {available} {item}.")])),
        ])
        #expect(diagnostics.isEmpty)
        #expect(text == long.replacingOccurrences(
            of: "   # checked by Anna\n",
            with: "   # checked by Anna\n            title: \"Ausverkauft\"\n          fr-CA: \"Plus que {available} {item}.\"\n"))
    }

    @Test func aSpecWithCRLFLineBreaksGetsCRLFLines() throws {
        let crlf = Self.shop.replacingOccurrences(of: "\n", with: "\r\n")
        let (diagnostics, text) = Self.importing(crlf, [("de.po", Self.po([("Busy", "Try again in {seconds} seconds.", "Noch {seconds} Sekunden.")]))])
        #expect(diagnostics.isEmpty)
        #expect(text == crlf.replacingOccurrences(
            of: "          Retry-After: \"{seconds}\"\r\n",
            with: "          Retry-After: \"{seconds}\"\r\n        translations:\r\n          de: \"Noch {seconds} Sekunden.\"\r\n"))
    }

    @Test func blockScalarsAndTheEndOfTheFileAreHandled() throws {
        let (diagnostics, text) = Self.importing(Self.shop, [("shop.fr-CA.po", Self.po(language: nil, catalog: nil, [("Gone", "It's gone.", "C'est \\\"parti\\\".")]))])
        #expect(diagnostics.isEmpty)
        #expect(text == Self.shop.replacingOccurrences(
            of: "          # Not a comment: Markdown.\n",
            with: "          # Not a comment: Markdown.\n        translations:\n          fr-CA: \"C'est \\\"parti\\\".\"\n"))
    }

    @Test func theSameTranslationAgainChangesNothing() throws {
        let (diagnostics, text) = Self.importing(
            Self.shop, [("de.po", Self.po([("OutOfStock", "Only {available} of {item} left.", "Nur noch {available} von {item} übrig.")]))])
        #expect(diagnostics.isEmpty)
        #expect(text == nil)
    }

    @Test func untranslatedAndFuzzyEntriesAreLeftOut() throws {
        var file = Self.po([("Busy", "Try again in {seconds} seconds.", "")])
        file += "\n#, fuzzy, python-brace-format\nmsgctxt \"Gone\"\nmsgid \"It's gone.\"\nmsgstr \"Weg.\"\n"
        let (diagnostics, text) = Self.importing(Self.shop, [("de.po", file)])
        #expect(diagnostics.isEmpty)
        #expect(text == nil)
    }

    // MARK: - Export, translate, import, export again

    @Test func aRoundTripThroughTheCommands() throws {
        try withTemporaryFolder { folder in
            let original = try Paths.text("Tests/References/languages/errors.yaml")
            try original.write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let export = ["export-translations", "--spec", "errors.yaml", "--format", "po", "--output", "po"]
            #expect(try CLI.run(export, in: folder).status == 0)
            let file = folder.appendingPathComponent("po/shop.de.po")
            let exported = try String(contentsOf: file, encoding: .utf8)
            let translated = exported.replacingOccurrences(
                of: "msgid \"Try again in {seconds} seconds.\"\nmsgstr \"\"\n",
                with: "msgid \"Try again in {seconds} seconds.\"\nmsgstr \"Noch einmal in {seconds} Sekunden.\"\n")
            #expect(translated != exported)
            try translated.write(to: file, atomically: true, encoding: .utf8)

            let outcome = try CLI.run(["import-translations", "--spec", "errors.yaml", "po/shop.de.po"], in: folder)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.isEmpty)
            #expect(outcome.stdout == "imported Shop Busy de\nerrgen: wrote errors.yaml: 1 translation imported\n")
            let edited = try String(contentsOf: folder.appendingPathComponent("errors.yaml"), encoding: .utf8)
            // Only the two lines the translation needs are new; every other line is as it was.
            #expect(edited == original + "        translations:\n          de: \"Noch einmal in {seconds} Sekunden.\"\n")

            // The spec now holds it, so exporting again gives the translated file back.
            #expect(try CLI.run(export, in: folder).status == 0)
            #expect(try String(contentsOf: file, encoding: .utf8) == translated)
            let validate = try CLI.run(["validate", "--spec", "errors.yaml"], in: folder)
            #expect(validate.status == 0, "\(validate.stderr)")

            // And importing it again changes nothing.
            let again = try CLI.run(["import-translations", "--spec", "errors.yaml", "po/shop.de.po"], in: folder)
            #expect(again.status == 0)
            #expect(again.stdout == "errgen: errors.yaml already holds every translation of the file\n")
        }
    }

    @Test func aConfigInAnotherFolderNamesTheSpecThatIsEdited() throws {
        // Run from a folder below the config's: the spec is the config's, beside the config, and
        // nothing is written where the command runs.
        try withTemporaryFolder { folder in
            try Self.shop.write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            try "spec: errors.yaml\n".write(to: folder.appendingPathComponent("errgen-config.yaml"), atomically: true, encoding: .utf8)
            let work = folder.appendingPathComponent("translations")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try Self.po([("Busy", "Try again in {seconds} seconds.", "Noch {seconds} Sekunden.")])
                .write(to: work.appendingPathComponent("shop.de.po"), atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["import-translations", "--config", "../errgen-config.yaml", "shop.de.po"], in: work)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let edited = try String(contentsOf: folder.appendingPathComponent("errors.yaml"), encoding: .utf8)
            #expect(edited.contains("de: \"Noch {seconds} Sekunden.\""), "\(edited)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["shop.de.po"])
        }
    }

    @Test func aRefusedImportWritesNothingAndExitsWith1() throws {
        try withTemporaryFolder { folder in
            let spec = folder.appendingPathComponent("errors.yaml")
            try Self.shop.write(to: spec, atomically: true, encoding: .utf8)
            try Self.po([("Nope", "x", "y")]).write(to: folder.appendingPathComponent("shop.de.po"), atomically: true, encoding: .utf8)
            let before = FolderSnapshot(folder)
            let outcome = try CLI.run(["import-translations", "--spec", "errors.yaml", "shop.de.po"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr == "shop.de.po:8:9: error: catalog 'Shop' has no error 'Nope'\nerrgen: 1 error; nothing was written\n")
            #expect(FolderSnapshot(folder) == before)
        }
    }

    // MARK: - Refusals, each at its place

    @Test func anErrorInFlowStyleIsRefused() {
        let flow = Self.shop.replacingOccurrences(
            of: "      Gone:\n        status: 410\n        message: 'It''s gone.'\n        description: |\n          Gone for good.\n\n          # Not a comment: Markdown.\n",
            with: "      Gone: {status: 410, message: 'It''s gone.'}\n")
        #expect(flow != Self.shop)
        Self.expectRefusal(flow, [("de.po", Self.po([("Gone", "It's gone.", "Weg.")]))], [
            "errors.yaml:26:13: error: cannot import into error 'Gone': it is not written in block style (one key a line, below its parent); write it so, or add the translation by hand",
        ])
    }

    @Test func translationsInFlowStyleAreRefused() {
        let spec = Self.shop.replacingOccurrences(
            of: "        translations:\n          de: \"Nur noch {available} von {item} übrig.\"   # checked by Anna\n",
            with: "        translations: {de: \"Nur noch {available} von {item} übrig.\"}\n")
        Self.expectRefusal(spec, [("fr.po", Self.po(language: "fr-CA", [("OutOfStock", "Only {available} of {item} left.", "Il en reste {available} {item}.")]))], [
            "errors.yaml:14:23: error: cannot import into the translations of error 'OutOfStock': it is not written in block style (one key a line, below its parent); write it so, or add the translation by hand",
        ])
    }

    @Test func aLongFormTranslationInFlowStyleIsRefused() {
        let spec = Self.shop.replacingOccurrences(
            of: "de: \"Nur noch {available} von {item} übrig.\"   # checked by Anna",
            with: "de: {message: \"Nur noch {available} von {item} übrig.\"}")
        Self.expectRefusal(spec, [("de.po", Self.po([("OutOfStock|title", "Conflict", "Ausverkauft")]))], [
            "errors.yaml:15:15: error: cannot import into the 'de' translation of error 'OutOfStock': it is not written in block style (one key a line, below its parent); write it so, or add the translation by hand",
        ])
    }

    @Test func anErrorThatIsAnAliasIsRefused() {
        let spec = Self.shop
            .replacingOccurrences(of: "      Busy:\n", with: "      Busy: &busy\n")
            .replacingOccurrences(of: "      # Last one.\n", with: "      Later: *busy\n      # Last one.\n")
        Self.expectRefusal(spec, [("de.po", Self.po([("Later", "Try again in {seconds} seconds.", "Später, in {seconds} Sekunden.")]))], [
            "errors.yaml:25:14: error: cannot import into error 'Later': it is not written in block style (one key a line, below its parent); write it so, or add the translation by hand",
        ])
    }

    @Test func aMalformedFileIsReportedAtItsOwnPosition() {
        let file = Self.po([("Busy", "Try again in {seconds} seconds.", "Noch {seconds} Sekunden.")])
            .replacingOccurrences(of: "msgstr \"Noch {seconds} Sekunden.\"", with: "msgstr \"Noch {seconds} Sekunden.")
        Self.expectRefusal(Self.shop, [("de.po", file)], [
            "de.po:10:8: error: the string is not closed with '\"' on its line",
        ])
    }

    @Test func anUnknownKeywordAndPluralsAreReported() {
        let file = Self.po([]) + "\nmsgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n\nmsgtxt \"c\"\n"
        Self.expectRefusal(Self.shop, [("de.po", file)], [
            "de.po:8:1: error: plural entries ('msgid_plural') are not supported: an error's message has one form",
            "de.po:9:1: error: plural forms ('msgstr[0]') are not supported: an error's message has one form",
            "de.po:11:1: error: unknown keyword 'msgtxt' (expected msgctxt, msgid or msgstr)",
        ])
    }

    @Test func aFileThatIsNotUTF8IsReported() {
        let outcome = TranslationImport.run(
            spec: Array(Self.shop.utf8), file: "errors.yaml",
            poFiles: [.init(path: "de.po", bytes: Array(Self.po([]).utf8) + Array("\nmsgid \"caf".utf8) + [0xE9] + Array("\"\n".utf8))])
        #expect(outcome.diagnostics.map(\.description) == ["de.po:7:11: error: the file is not UTF-8 (errgen reads and writes PO files in UTF-8)"])
        #expect(outcome.bytes == nil)
    }

    @Test func anUnknownErrorIsReportedWithTheOneMeant() {
        Self.expectRefusal(Self.shop, [("de.po", Self.po([("OutofStock", "Only {available} of {item} left.", "Nur {available} {item}.")]))], [
            "de.po:8:9: error: catalog 'Shop' has no error 'OutofStock'; did you mean 'OutOfStock'?",
        ])
    }

    @Test func anUnknownCatalogIsReported() {
        Self.expectRefusal(Self.shop, [("de.po", Self.po(catalog: "Shopping", [("Busy", "Try again in {seconds} seconds.", "Gleich.")]))], [
            "de.po:5:1: error: the spec has no catalog 'Shopping' (it has 'Shop')",
        ])
    }

    @Test func aLanguageOutsideTheCatalogIsReported() {
        Self.expectRefusal(Self.shop, [("it.po", Self.po(language: "it", [("Busy", "Try again in {seconds} seconds.", "Tra {seconds} secondi.")]))], [
            "it.po:4:1: error: language 'it' is not among the languages of catalog 'Shop' (en, de, fr-CA); add it to the catalog's 'languages' first",
        ])
    }

    @Test func theDefaultLanguageIsNotATranslation() {
        Self.expectRefusal(Self.shop, [("en.po", Self.po(language: "en", [("Busy", "Try again in {seconds} seconds.", "Later.")]))], [
            "en.po:4:1: error: 'en' is the default language of catalog 'Shop', whose text is each error's 'message'; a translation is in another language",
        ])
    }

    @Test func aFileWithoutLanguageOrCatalogIsReported() {
        Self.expectRefusal(Self.shop, [("translated.po", Self.po(language: nil, catalog: nil, [("Busy", "Try again in {seconds} seconds.", "Gleich.")]))], [
            "translated.po:2:8: error: cannot tell the file's language: it has no 'Language' header and its name is not <catalog>.<language>.po",
        ])
    }

    @Test func placeholdersThatDifferAreReported() {
        Self.expectRefusal(Self.shop, [("de.po", Self.po([
            ("OutOfStock", "Only {available} of {item} left.", "Nur noch {anzahl} von {item}."),
            ("Busy", "Try again in {seconds} seconds.", "Gleich noch einmal."),
        ]))], [
            "de.po:10:8: error: the msgstr's placeholders differ from the msgid's: it lacks {available} and has {anzahl}, which the msgid does not have (a translation uses exactly the msgid's placeholders)",
            "de.po:15:8: error: the msgstr's placeholders differ from the msgid's: it lacks {seconds} (a translation uses exactly the msgid's placeholders)",
        ])
    }

    @Test func aMsgidThatIsNoLongerTheMessageIsReported() {
        Self.expectRefusal(Self.shop, [("de.po", Self.po([("Busy", "Try again in {seconds}s.", "Gleich, in {seconds} s.")]))], [
            "de.po:9:7: error: the msgid is not the message of 'Busy' in the spec any more (it is now \"Try again in {seconds} seconds.\"); export the translations again and merge this file into the new one (msgmerge)",
        ])
    }

    @Test func aTranslationGivenTwiceIsReported() {
        let entry = [("Busy", "Try again in {seconds} seconds.", "Gleich, in {seconds} s.")]
        Self.expectRefusal(Self.shop, [("a.po", Self.po(entry)), ("b.po", Self.po(entry))], [
            "b.po:8:9: error: the message of 'Busy' in 'de' is translated twice (first at a.po:8:9)",
        ])
    }

    @Test func aTitleWithoutItsMessageIsReported() {
        Self.expectRefusal(Self.shop, [("de.po", Self.po([("Busy|title", "Service Unavailable", "Überlastet")]))], [
            "de.po:8:9: error: the title of 'Busy' in 'de' comes without its message: translate the message too (a translation is its message, with a title if any)",
        ])
    }

    @Test func aSpecWithErrorsIsReportedAndNothingImported() {
        let spec = Self.shop.replacingOccurrences(of: "status: 503", with: "status: 200")
        Self.expectRefusal(spec, [("de.po", Self.po([("Busy", "Try again in {seconds} seconds.", "Gleich, in {seconds} s.")]))], [
            "errors.yaml:17:17: error: status 200 is not an error status (400-599); a catalog whose errors travel with a success status says 'allow-success-status: true'",
        ])
    }
}
