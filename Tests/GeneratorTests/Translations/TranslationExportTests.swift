import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `errgen export-translations`: the PO files and String Catalogs of the three-language reference
/// spec, compared byte for byte with `Tests/References/languages/translations/` (re-record with
/// `Tests/record`), checked by gettext's own `msgfmt`, and the String Catalog's structure.
@Suite struct TranslationExportTests {
    static let specPath = "Tests/References/languages/errors.yaml"
    static let folder = "Tests/References/languages/translations"

    static func referenceSpec() throws -> Spec {
        let data = try Data(contentsOf: Paths.url(specPath))
        let (spec, diagnostics) = Generator.check(bytes: [UInt8](data), file: specPath)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        return try #require(spec)
    }

    /// Every file both formats write, below the reference folder.
    static func plan() throws -> OutputPlan {
        let spec = try referenceSpec()
        let files = TranslationExport.Format.allCases.flatMap { TranslationExport.files($0, for: spec) }
        return OutputPlan(files: files.map { OutputFile(path: "\(folder)/\($0.path)", bytes: $0.bytes) }, ownedFolders: [])
    }

    @Test func theExportEqualsTheReference() throws {
        let plan = try Self.plan()
        #expect(plan.files.map(\.path).sorted() == ["ShopError.xcstrings", "shop.de.po", "shop.fr-CA.po"].map { "\(Self.folder)/\($0)" })
        if Recording.isOn {
            _ = try OutputWriter.write(plan, root: Paths.root)
            return
        }
        for drift in OutputWriter.check(plan, root: Paths.root) {
            Issue.record("\(drift)\n\(Recording.hint)")
        }
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Paths.url(Self.folder).path).map { "\(Self.folder)/\($0)" }
        #expect(onDisk.sorted() == plan.files.map(\.path).sorted())
    }

    /// The command writes what the library makes, into a folder it creates.
    @Test func theCommandWritesTheReferenceFiles() throws {
        try withTemporaryFolder { folder in
            let output = folder.appendingPathComponent("out/translations")
            for format in ["po", "xcstrings"] {
                let outcome = try CLI.run(["export-translations", "--spec", Self.specPath, "--format", format, "--output", output.path], in: Paths.root)
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stderr.isEmpty)
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
            #expect(names == ["ShopError.xcstrings", "shop.de.po", "shop.fr-CA.po"])
            for name in names {
                let written = try Data(contentsOf: output.appendingPathComponent(name))
                let reference = try Data(contentsOf: Paths.url("\(Self.folder)/\(name)"))
                #expect(written == reference, "\(name) differs from the reference")
            }
            // Again: the same bytes, nothing rewritten.
            let again = try CLI.run(["export-translations", "--spec", Self.specPath, "--format", "po", "--output", output.path], in: Paths.root)
            #expect(again.stdout == "errgen: 2 po files from \(Self.specPath): 0 written, 2 unchanged\n")
        }
    }

    /// An output that cannot be written (a file stands where its folder would be) is an error
    /// that names it, exit status 1, and the file is left as it was.
    @Test func anOutputThatCannotBeWrittenIsAnError() throws {
        try withTemporaryFolder { folder in
            let blocker = folder.appendingPathComponent("out")
            try "mine\n".write(to: blocker, atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["export-translations", "--spec", Self.specPath, "--format", "po", "--output", blocker.path], in: Paths.root)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("error:") && outcome.stderr.contains("out"), "\(outcome.stderr)")
            #expect(try String(contentsOf: blocker, encoding: .utf8) == "mine\n")
        }
    }

    @Test func aWrongFormatIsAUsageError() throws {
        try withTemporaryFolder { folder in
            let outcome = try CLI.run(["export-translations", "--spec", Self.specPath, "--format", "xliff", "--output", folder.path], in: Paths.root)
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("xliff"))
        }
    }

    @Test func aSpecWithErrorsWritesNothing() throws {
        try withTemporaryFolder { folder in
            try "errgen: 1\ncatalogs: {}\n".write(to: folder.appendingPathComponent("errors.yaml"), atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["export-translations", "--spec", "errors.yaml", "--format", "po", "--output", "out"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stderr == "errors.yaml:2:11: error: 'catalogs' must name at least one catalog\n")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        }
    }

    // MARK: - gettext's msgfmt

    /// `msgfmt` on the PATH (gettext); CI installs it.
    static let msgfmt: URL? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("msgfmt")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static let runsMsgfmt = msgfmt != nil || SharedMaterial.isCI

    /// `msgfmt --check-format --check-header` on a file: its status and what it printed.
    static func check(_ file: URL) throws -> CLI.Outcome {
        let msgfmt = try #require(Self.msgfmt, "msgfmt is missing: with CI set the PO checks must run (.ci/run installs gettext)")
        return try CLI.run(["--check-format", "--check-header", "-o", "/dev/null", file.path], in: file.deletingLastPathComponent(), executable: msgfmt)
    }

    @Test func msgfmtIsPresentOnCI() throws {
        if SharedMaterial.isCI { #expect(Self.msgfmt != nil, "msgfmt is missing: .ci/run installs gettext") }
    }

    @Test(.enabled(if: runsMsgfmt, "msgfmt is absent (with CI set this test fails instead)"), arguments: ["shop.de.po", "shop.fr-CA.po"])
    func msgfmtAcceptsTheReferenceFiles(_ name: String) throws {
        let outcome = try Self.check(Paths.url("\(Self.folder)/\(name)"))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "msgfmt warns: \(outcome.stderr)")
    }

    /// Quotes, backslashes, tabs, line breaks, a long description and literal braces come out as
    /// gettext reads them; msgfmt checks the placeholders of the translated entries agree.
    @Test(.enabled(if: runsMsgfmt, "msgfmt is absent (with CI set this test fails instead)"))
    func msgfmtAcceptsAwkwardText() throws {
        let spec = try validSpec(#"""
            errgen: 1
            catalogs:
              "Odd \"names\"":
                title: "Tab\there"
                formats: [json]
                languages: [en, pt-BR, zh-Hant-TW]
                errors:
                  Quote:
                    status: 400
                    message: "Say \"{word}\" with a back\\slash,\ta tab and {{braces}}."
                    description: |
                      Two lines of *Markdown*,

                      and a third after a blank one.
                    parameters:
                      word: string
                    title: "A \"title\""
                    translations:
                      pt-BR: "Diga \"{word}\" {{chaves}}."
                  Lines:
                    status: 500
                    message: "First line\nsecond line\n"
            """#)
        let files = TranslationExport.files(.po, for: spec)
        #expect(files.map(\.path) == ["odd--names-.pt-BR.po", "odd--names-.zh-Hant-TW.po"])
        #expect(files[0].contents.contains(#"msgid "Say \"{word}\" with a back\\slash,\ta tab and {{braces}}.""#))
        #expect(files[0].contents.contains("msgid \"\"\n\"First line\\n\"\n\"second line\\n\"\nmsgstr \"\"\n"))
        #expect(files[0].contents.contains("#. Two lines of *Markdown*,\n#.\n#. and a third after a blank one.\n"))
        #expect(files[1].contents.contains("\"Language: zh_Hant_TW\\n\"\n"))
        try withTemporaryFolder { folder in
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try Data(file.bytes).write(to: url)
                let outcome = try Self.check(url)
                #expect(outcome.status == 0, "\(file.path): \(outcome.stderr)")
                #expect(outcome.stderr.isEmpty, "\(file.path): \(outcome.stderr)")
                // And errgen reads back what it wrote.
                let (entries, problems) = POFile.parse(file.bytes, file: file.path)
                #expect(problems.isEmpty)
                #expect(entries.compactMap { $0.context?.value } == ["Quote", "Quote|title", "Lines"])
                #expect(entries[1].id.value == "Say \"{word}\" with a back\\slash,\ta tab and {{braces}}.")
                #expect(entries[3].id.value == "First line\nsecond line\n")
            }
        }
    }

    /// msgfmt itself finds a translation whose placeholders differ: the flag makes it check them.
    @Test(.enabled(if: runsMsgfmt, "msgfmt is absent (with CI set this test fails instead)"))
    func msgfmtRefusesAMisspelledPlaceholder() throws {
        let reference = try Paths.text("\(Self.folder)/shop.de.po")
        let broken = reference.replacingOccurrences(
            of: "msgstr \"\"\n", with: "msgstr \"Versuchen Sie es in {sekunden} Sekunden erneut.\"\n")
        #expect(broken != reference)
        try withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("shop.de.po")
            try broken.write(to: url, atomically: true, encoding: .utf8)
            let outcome = try Self.check(url)
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("seconds"), "\(outcome.stderr)")
        }
    }

    // MARK: - The String Catalog

    /// The structure Xcode 15 writes and reads, checked member by member, and its text layout.
    @Test func theStringCatalogHasXcodesStructure() throws {
        let spec = try Self.referenceSpec()
        let catalog = spec.catalogs[0]
        let text = try Paths.text("\(Self.folder)/ShopError.xcstrings")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["sourceLanguage", "strings", "version"])
        #expect(root["sourceLanguage"] as? String == "en")
        #expect(root["version"] as? String == "1.0")
        let strings = try #require(root["strings"] as? [String: Any])
        #expect(Set(strings.keys) == ["OutOfStock", "OutOfStock|title", "NotFound", "NotAcceptable", "Busy"])
        for (key, value) in strings {
            let entry = try #require(value as? [String: Any], "\(key)")
            #expect(Set(entry.keys).isSubset(of: ["comment", "extractionState", "localizations"]), "\(key)")
            #expect(entry["extractionState"] as? String == "manual", "\(key)")
            if let comment = entry["comment"] { #expect(comment is String, "\(key)") }
            let localizations = try #require(entry["localizations"] as? [String: Any], "\(key)")
            #expect(localizations["en"] != nil, "\(key): the source language's value is included")
            for (language, localization) in localizations {
                #expect(catalog.effectiveLanguages.contains(language), "\(key): \(language)")
                let unit = try #require((localization as? [String: Any])?["stringUnit"] as? [String: Any], "\(key) \(language)")
                #expect(Set(unit.keys) == ["state", "value"])
                #expect(unit["state"] as? String == "translated")
                #expect(unit["value"] is String)
            }
        }
        // Values: the source message, the translations, placeholders as written.
        func value(_ key: String, _ language: String) -> String? {
            (((strings[key] as? [String: Any])?["localizations"] as? [String: Any])?[language] as? [String: Any])
                .flatMap { ($0["stringUnit"] as? [String: Any])?["value"] as? String }
        }
        #expect(value("OutOfStock", "en") == "Only {available} of {item} left.")
        #expect(value("OutOfStock", "de") == "Nur noch {available} von {item} übrig.")
        #expect(value("OutOfStock|title", "fr-CA") == "Rupture de stock")
        #expect(value("OutOfStock|title", "de") == nil)
        #expect(value("Busy", "de") == nil)
        #expect(value("NotFound", "fr-CA") == "Aucun produit de ce nom « {{ici}} ».")

        // Layout: two spaces a level, `"key" : value`, members in sorted order, a final newline.
        #expect(text.hasSuffix("}\n"))
        var keysByIndent: [Int: [String]] = [:]
        for line in text.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            #expect(indent % 2 == 0, "\(line)")
            let body = line.dropFirst(indent)
            #expect(body == "{" || body.hasPrefix("}") || body.hasPrefix("\""), "\(line)")
            if body.hasPrefix("\""), let separator = body.range(of: "\" : ") {
                keysByIndent[indent, default: []].append(String(body[body.index(after: body.startIndex)..<separator.lowerBound]))
            } else if body.hasPrefix("\"") {
                Issue.record("a member without ' : ': \(line)")
            }
        }
        #expect(keysByIndent[2] == ["sourceLanguage", "strings", "version"])
        #expect(keysByIndent[4] == ["Busy", "NotAcceptable", "NotFound", "OutOfStock", "OutOfStock|title"])
    }
}
