@_spi(ErrgenGenerated) import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import HTTPTypes
import Testing

/// MySQL's server messages in all 24 of their languages (read from the shared corpora and turned
/// into a spec at test time, see `MySQLCorpus`): a real catalog nobody here wrote, through the
/// translation rules, the generated Swift and the runtime.
@Suite(.serialized) struct MySQLLanguagesTests {
    /// The translations whose printf conversions differ in number from the English message's:
    /// exactly those the placeholder rule must refuse (conversions are positional, so the same
    /// number means the same placeholders).
    static func mismatched(_ corpus: MySQLCorpus) -> [(symbol: String, language: String)] {
        corpus.entries.flatMap { entry in
            MySQLCorpus.otherLanguages.compactMap { code -> (String, String)? in
                guard let text = entry.messages[code] else { return nil }
                return MySQLCorpus.conversions(text) == MySQLCorpus.conversions(entry.messages["eng"]!) ? nil : (entry.symbol, code)
            }
        }
    }

    @Test(.needs(MySQLCorpus.relative))
    func thePlaceholderRuleRefusesExactlyTheTranslationsWhosePlaceholdersDiffer() throws {
        let corpus = try MySQLCorpus.load()
        let translations = corpus.entries.reduce(0) { $0 + $1.messages.count - 1 }
        let mismatched = Self.mismatched(corpus)
        let diagnostics = diagnose(corpus.spec(translations: { _, _ in true }))
        // Every translation is one line of the spec: one line with diagnostics per refused translation.
        let lines = Set(diagnostics.map { $0.prefix { $0 != ":" } })
        #expect(lines.count == mismatched.count)
        #expect(diagnostics.allSatisfy { $0.contains("which the default message does not have") || $0.contains("of the default message") }, "\(diagnostics.prefix(3))")
        // MySQL's own build tool (comp_err) refuses a translation whose conversions differ from the
        // English ones, so this corpus has none: the rule refuses nothing here, and must not.
        let byLanguage = Dictionary(grouping: mismatched, by: \.language).mapValues(\.count)
            .sorted { $0.key < $1.key }.map { "\(MySQLCorpus.tags[$0.key]!) \($0.value)" }.joined(separator: ", ")
        print("MySQL: \(corpus.entries.count) errors, \(translations) translations in 23 languages; the placeholder rule refuses \(mismatched.count) (\(byLanguage))")
        for example in mismatched.prefix(3) {
            let entry = corpus.entries.first { $0.symbol == example.symbol }!
            print("  \(example.symbol) [\(example.language)]: \(entry.messages["eng"]!.debugDescription) vs \(entry.messages[example.language]!.debugDescription)")
        }
    }

    /// Every other translation, in every language, through the spec, the catalog table the
    /// generated Swift carries (written and read back as the runtime reads it) and the runtime:
    /// each message renders as MySQL's printf would fill the same values in.
    @Test(.needs(MySQLCorpus.relative))
    func everyTranslationReachesTheRuntimeIntact() throws {
        let corpus = try MySQLCorpus.load()
        let refused = Set(Self.mismatched(corpus).map { "\($0.symbol) \($0.language)" })
        let spec = try validSpec(corpus.spec(translations: { entry, code in !refused.contains("\(entry.symbol) \(code)") }))
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.languages.count == 24)
        var checked = 0
        for (index, entry) in corpus.entries.enumerated() {
            let arguments = (0..<MySQLCorpus.conversions(entry.messages["eng"]!)).map { ArgumentValue.string("v\($0 + 1)") }
            for (language, tag) in catalog.languages.enumerated() {
                let code = tag == "en" ? "eng" : MySQLCorpus.tags.first { $0.value == tag }!.key
                guard let text = entry.messages[code], !refused.contains("\(entry.symbol) \(code)") else {
                    #expect(!catalog.isTranslated(index, language: language) || language == 0)
                    continue
                }
                #expect(catalog.entry(index, language: language).message.render(arguments) == Self.printf(text, arguments.count), "\(entry.symbol) [\(tag)]")
                checked += 1
            }
        }
        print("MySQL: \(checked) messages in 24 languages checked through the runtime")

        // MySQL's errors never travel over HTTP: a Swiss German client's language is looked up
        // (RFC 4647) and gets the German message; the error keeps its number and SQLSTATE.
        #expect(!catalog.isHTTP && catalog.formats.isEmpty)
        let duplicate = try #require(catalog.index(ofWireCode: "ER_DUP_ENTRY"))
        let german = try #require(catalog.languageIndex(for: "de-CH"))
        #expect(catalog.languages[german] == "de")
        #expect(catalog.entry(duplicate, language: german).message.render([.string("42"), .string("PRIMARY")]) == "Doppelter Eintrag '42' für Schlüssel PRIMARY")
        #expect(catalog.metadata("errno", of: duplicate) == .integer(1062))
        #expect(catalog.metadata("sqlstate", of: duplicate) == .string("23000"))
        #expect(catalog.metadata("errno", of: try #require(catalog.index(ofWireCode: "ER_NO_SUCH_TABLE"))) == .integer(1146))
        // Swift names by the naming rule alone: prefixes stripped, acronyms kept.
        #expect(catalog.entries[duplicate].swiftName == "dupEntry")
        let names = catalog.entries.map(\.swiftName)
        #expect(Set(names).count == names.count)
        #expect(!names.contains { $0.hasPrefix("er") && $0.dropFirst(2).first?.isUppercase == true }, "a name still carries ER_")
        print("MySQL: \(names.filter { $0.contains("SQL") || $0.contains("GTID") }.count) names keep an acronym, e.g. \(names.filter { $0.contains("GTID") }.prefix(3))")
    }

    /// The generated Swift of the whole catalog, 24 languages, type-checks against ErrgenRuntime.
    @Test(.needs(MySQLCorpus.relative))
    func theGeneratedSwiftOfAllLanguagesCompiles() throws {
        let corpus = try MySQLCorpus.load()
        let refused = Set(Self.mismatched(corpus).map { "\($0.symbol) \($0.language)" })
        try withTemporaryFolder { folder in
            try corpus.spec(translations: { entry, code in !refused.contains("\(entry.symbol) \(code)") })
                .write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            var config = ErrgenConfig(root: folder)
            config.spec = "errors.yaml"
            config.swiftOutput = "Swift"
            config.docsOutput = nil
            config.fixturesOutput = nil
            let result = Generator(config: config).run()
            let plan = try #require(result.plan, "\(result.diagnostics.prefix(3))")
            _ = try OutputWriter.write(plan, root: folder)
            let outcome = try ContractTests.typecheck(plan.files.map { folder.appendingPathComponent($0.path) })
            #expect(outcome.status == 0, "\(outcome.stderr.prefix(2_000))")
            print("MySQL: the generated Swift (\(plan.files.map(\.bytes.count).reduce(0, +)) bytes) type-checked in \(outcome.seconds) s")
        }
    }

    /// A MySQL message with its printf conversions filled in with `v1`, `v2`, … as C would.
    static func printf(_ text: String, _ count: Int) -> String {
        var out = "", index = 0, rest = Substring(text)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            rest = rest[percent...]
            if let match = rest.prefixMatch(of: /%(%|[-+ #0]*[0-9]*(?:\.[0-9]+)?(?:hh|h|ll|l|z)?[sdiuxXfgcp])/) {
                if match.output.1 == "%" {
                    out += "%"
                } else {
                    index += 1
                    out += "v\(index)"
                }
                rest = rest[match.range.upperBound...]
            } else {
                out += "%"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }
}
