import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `errgen diff`: every kind of change between two specs, classified, at its position.
@Suite struct SpecDiffTests {
    /// A spec of one catalog, `Shop`, whose errors are `errors` (indented under `errors:`, line 7).
    static func spec(formats: String = "[json, xml]", _ errors: String, catalogName: String = "Shop", extra: String = "") -> String {
        """
        errgen: 1
        catalogs:
          \(catalogName):
            title: Shop
            formats: \(formats)\(extra)
            errors:
        \(errors.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n"))

        """
    }

    static let base = """
        OutOfStock:
          status: 409
          message: "Only {available} of {item} left."
          parameters: {available: integer, item: string}
          headers: {Retry-After: "60"}
        Gone:
          status: 410
          message: Gone.
        """

    static func changes(_ old: String, _ new: String) throws -> [String] {
        let diff = SpecDiff(old: try validSpec(old, file: "old.yaml"), new: try validSpec(new, file: "new.yaml"))
        return diff.changes.map { change in
            let position = change.location.map { "\(change.inOld ? "old" : "new"):\($0.line):\($0.column)" } ?? "-"
            return "\(position) \(change.severity.rawValue) \(change.dimension.rawValue) \(change.kind)"
        }
    }

    static func edited(_ replacements: [(String, String)]) -> String {
        replacements.reduce(base) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    @Test(arguments: [
        // (what, the new errors, the changes expected)
        ("nothing", base, [String]()),
        ("a status", edited([("status: 409", "status: 422")]), ["new:8:17 breaking wire status-changed"]),
        ("the wording", edited([("Only {available} of {item} left.", "Just {available} of {item} remain.")]), ["new:9:18 compatible wire message-changed"]),
        ("the placeholders", edited([("Only {available} of {item} left.", "Only {available} left.{{item}}"), ("parameters: {available: integer, item: string}", "parameters: {available: integer}")]),
            ["old:10:42 breaking wire parameter-removed", "old:10:42 breaking swift-api parameter-removed", "new:9:18 breaking wire placeholders-changed"]),
        ("a parameter's type", edited([("available: integer", "available: string")]),
            ["new:10:22 breaking wire parameter-type-changed", "new:10:22 breaking swift-api parameter-type-changed"]),
        ("a list of the type", edited([("item: string", "item: [string]")]),
            ["new:10:42 breaking wire parameter-type-changed", "new:10:42 breaking swift-api parameter-type-changed"]),
        ("a parameter added", edited([("left.\"", "left at {store}.\""), ("item: string}", "item: string, store: string}")]),
            ["new:10:56 breaking swift-api parameter-added", "new:9:18 breaking wire placeholders-changed"]),
        ("a header removed", edited([("  headers: {Retry-After: \"60\"}\n", "")]), ["old:11:19 breaking wire header-removed"]),
        ("a header added", edited([("message: Gone.", "message: Gone.\n  headers: {Link: \"<x>\"}")]), ["new:15:19 compatible wire header-added"]),
        ("an error removed", String(base[..<base.range(of: "Gone:")!.lowerBound]).trimmingCharacters(in: .newlines),
            ["old:12:7 breaking wire error-removed", "old:12:7 breaking swift-api error-removed"]),
        ("an error added", base + "\nSoldOut: {status: 409, message: Sold out.}", ["new:15:7 compatible wire error-added"]),
        ("an error retired", edited([("message: Gone.", "message: Gone.\n  retired: {in: \"2.0\"}")]), ["new:15:18 compatible wire error-retired"]),
        ("a Swift name", edited([("message: Gone.", "message: Gone.\n  swift-name: goneForGood")]), ["new:15:21 breaking swift-api swift-name-changed"]),
        ("a header's value", edited([("Retry-After: \"60\"", "Retry-After: \"120\"")]), ["new:11:32 breaking wire header-value-changed"]),
        ("a parameter renamed", edited([("of {item} left.", "of {product} left."), ("item: string}", "product: string}")]),
            ["new:10:42 breaking wire parameter-renamed", "new:10:42 breaking swift-api parameter-renamed", "new:9:18 breaking wire placeholders-changed"]),
    ])
    func eachKindOfChange(_ what: String, _ errors: String, _ expected: [String]) throws {
        #expect(try Self.changes(Self.spec(Self.base), Self.spec(errors)) == expected, "\(what)")
    }

    /// Languages and translations: a language added or removed, and each error's translations
    /// into the languages both versions have, added, removed or reworded. (A translation's
    /// placeholders are the message's, which the validator holds: they change only with the
    /// message's, reported once as `placeholders-changed`.)
    @Test func languagesAndTranslations() throws {
        let old = Self.spec("""
            Gone:
              status: 410
              message: Gone.
              translations: {de: Weg., fr: Parti.}
            Full:
              status: 409
              message: "Only {n} left."
              parameters: {n: integer}
              translations: {de: "Nur {n} übrig."}
            """, extra: "\n    languages: [en, de, fr]")
        let new = Self.spec("""
            Gone:
              status: 410
              message: Gone.
              translations: {de: Verschwunden., it: Andato.}
            Full:
              status: 409
              message: "Only {n} left."
              parameters: {n: integer}
              translations: {de: "Nur noch {n}."}
            """, extra: "\n    languages: [en, de, it]")
        #expect(try Self.changes(old, new) == [
            "old:6:25 breaking wire language-removed",
            "new:6:25 compatible wire language-added",
            "new:11:28 compatible wire translation-changed",
            "new:16:28 compatible wire translation-changed",
        ])
        // A translation removed and one added, in a language both versions have.
        let fewer = Self.spec("Gone: {status: 410, message: Gone.}\nFull: {status: 409, message: Full., translations: {de: Voll.}}", extra: "\n    languages: [en, de]")
        let more = Self.spec("Gone: {status: 410, message: Gone., translations: {de: Weg.}}\nFull: {status: 409, message: Full.}", extra: "\n    languages: [en, de]")
        #expect(try Self.changes(fewer, more) == ["new:8:58 compatible wire translation-added", "old:9:58 compatible wire translation-removed"])
    }

    /// A catalog in the same place with the same wire codes and another name is renamed, and what
    /// changed inside it is still compared.
    @Test func aCatalogRenamed() throws {
        let changes = try Self.changes(Self.spec(Self.base), Self.spec(Self.edited([("status: 409", "status: 422")]), catalogName: "Store"))
        #expect(changes == ["new:3:3 breaking swift-api catalog-renamed", "new:8:17 breaking wire status-changed"])
        // Other codes: one catalog removed and another added.
        let other = try Self.changes(Self.spec(Self.base), Self.spec("Other: {status: 400, message: M.}", catalogName: "Store"))
        #expect(other.contains { $0.hasSuffix("catalog-removed") } && other.contains { $0.hasSuffix("catalog-added") })
    }

    /// A metadata value that a header carries changed on the wire; one only the `Code` holds, in Swift.
    @Test func metadataOnTheWireOrInSwift() throws {
        func spec(_ value: String, header: Bool) -> String {
            Self.spec("Dup: {status: 409, message: Duplicate., metadata: {errno: \(value)}\(header ? ", headers: {X-Errno: \"{errno}\"}" : "")}",
                extra: "\n    metadata: {errno: integer}")
        }
        #expect(try Self.changes(spec("1062", header: true), spec("1586", header: true)).map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
            == ["breaking wire metadata-changed"])
        #expect(try Self.changes(spec("1062", header: false), spec("1586", header: false)).map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
            == ["breaking swift-api metadata-changed"])
    }

    @Test func anOptionalParameterBesideTheCatalogsOwnIsCompatible() throws {
        // Gone's factory already takes the catalog's request-id, so it is a function: a new
        // optional argument with a default keeps every call compiling.
        let catalogParameters = "\n    parameters: {request-id: string}"
        let old = Self.spec(Self.base, extra: catalogParameters)
        let new = Self.spec(Self.edited([("message: Gone.", "message: \"Gone{reason?: {reason}|}.\"\n  parameters: {reason: {type: string, optional: true}}")]), extra: catalogParameters)
        let changes = try Self.changes(old, new)
        #expect(changes.contains { $0.hasSuffix("compatible swift-api optional-parameter-added") }, "\(changes)")
        #expect(!changes.contains { $0.contains("breaking") }, "\(changes)")
        // Without the catalog's parameter Gone is a static property, and the same change breaks it.
        let bare = try Self.changes(Self.spec(Self.base), Self.spec(Self.edited([("message: Gone.", "message: \"Gone{reason?: {reason}|}.\"\n  parameters: {reason: {type: string, optional: true}}")])))
        #expect(bare.contains { $0.hasSuffix("breaking swift-api parameter-added") }, "\(bare)")
    }

    /// The JSON report read back (in process: `DiffReport` is ErrgenCore's), strings that need
    /// escaping included: file names with quotes, backslashes and line breaks, codes of any text.
    @Test func theJSONReportReadsBackExactly() throws {
        let old = Self.spec(Self.base)
        let new = Self.spec(Self.base + "\n\"a\\\"b\\u2028c\": {status: 409, message: Sold out.}")
        let diff = SpecDiff(old: try validSpec(old, file: "old.yaml"), new: try validSpec(new, file: "new.yaml"))
        let file = "dir \"x\"\\\n\u{2028}.yaml"
        let text = DiffReport.json(diff, old: "old.yaml", new: file, allowed: [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(document["bump"] as? String == "minor")
        #expect(changes.count == 1)
        #expect(changes.first?["file"] as? String == file)
        #expect(changes.first?["code"] as? String == "a\"b\u{2028}c")
        #expect(changes.first?["kind"] as? String == "error-added")
        // One change a line.
        #expect(text.split(separator: "\n").count == 6)
    }

    @Test func retiredErrorsStayForGood() throws {
        let retired = Self.spec(Self.edited([("message: Gone.", "message: Gone.\n  retired: {in: \"2.0\"}")]))
        // Deleting a retired error frees its code: breaking.
        let deleted = Self.spec(String(Self.base[..<Self.base.range(of: "Gone:")!.lowerBound]).trimmingCharacters(in: .newlines))
        #expect(try Self.changes(retired, deleted) == ["old:12:7 breaking wire retired-error-removed"])
        // Sending it again: breaking too.
        #expect(try Self.changes(retired, Self.spec(Self.base)) == ["new:12:7 breaking wire retired-code-reused"])
    }

    @Test func formatsAndCatalogs() throws {
        #expect(try Self.changes(Self.spec(Self.base), Self.spec(formats: "[json]", Self.base)) == ["old:5:21 breaking wire format-removed"])
        #expect(try Self.changes(Self.spec(Self.base), Self.spec(formats: "[json, xml, text]", Self.base)) == ["new:5:26 compatible wire format-added"])
        #expect(try Self.changes(Self.spec(Self.base), Self.spec(Self.base, extra: "\n    default-format: xml")) == ["new:6:21 breaking wire default-format-changed"])
        #expect(try Self.changes(Self.spec(Self.base), Self.spec(Self.base, extra: "\n    swift-name: ShopFailure")) == ["new:6:17 breaking swift-api type-renamed"])
        // A catalog renamed (the same errors in the same place) is a rename, not one removed and one added.
        #expect(try Self.changes(Self.spec(Self.base), Self.spec(Self.base, catalogName: "Store")) == ["new:3:3 breaking swift-api catalog-renamed"])
    }

    @Test func theSuggestedBump() throws {
        func bump(_ new: String) throws -> SpecDiff.Bump {
            SpecDiff(old: try validSpec(Self.spec(Self.base)), new: try validSpec(Self.spec(new))).bump
        }
        #expect(try bump(Self.base) == .none)
        #expect(try bump(Self.edited([("message: Gone.", "message: Gone for good.")])) == .patch)
        #expect(try bump(Self.base + "\nSoldOut: {status: 409, message: Sold out.}") == .minor)
        #expect(try bump(Self.edited([("status: 410", "status: 404")])) == .major)
    }
}

/// The command: exit statuses, formats, `--allow`, `--against` on a git repository.
@Suite struct DiffCommandTests {
    static func folder(_ body: (URL) throws -> Void) throws {
        try withTemporaryFolder { folder in
            try SpecDiffTests.spec(SpecDiffTests.base).write(to: folder.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
            try SpecDiffTests.spec(SpecDiffTests.edited([("status: 409", "status: 422"), ("message: Gone.", "message: Gone for good.")]))
                .write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
            try body(folder)
        }
    }

    @Test func textLinesAtTheirPositionsAndExitStatus() throws {
        try Self.folder { folder in
            let outcome = try CLI.run(["diff", "old.yaml", "new.yaml"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stdout == """
                new.yaml:8:17: breaking: wire: status-changed: error 'OutOfStock': status 409 → 422
                new.yaml:14:18: compatible: wire: message-changed: error 'Gone': the message's wording changed
                errgen: 2 changes, 1 breaking; suggested version bump: major

                """)
            let same = try CLI.run(["diff", "old.yaml", "old.yaml"], in: folder)
            #expect(same.status == 0)
            #expect(same.stdout == "errgen: 0 changes, 0 breaking; suggested version bump: none\n")
        }
    }

    @Test func allowedKindsDoNotFail() throws {
        try Self.folder { folder in
            let outcome = try CLI.run(["diff", "old.yaml", "new.yaml", "--allow", "status-changed"], in: folder)
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("new.yaml:8:17: breaking (allowed): wire: status-changed:"))
            let unknown = try CLI.run(["diff", "old.yaml", "new.yaml", "--allow", "status-change"], in: folder)
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("--allow: unknown kind 'status-change'"))
        }
    }

    @Test func jsonAndMarkdown() throws {
        try Self.folder { folder in
            let json = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "json"], in: folder)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(document["bump"] as? String == "major")
            let changes = try #require(document["changes"] as? [[String: Any]])
            #expect(changes.map { $0["kind"] as? String } == ["status-changed", "message-changed"])
            #expect(changes[0]["old"] as? String == "409" && changes[0]["new"] as? String == "422")
            #expect(changes[0]["line"] as? Int == 8 && changes[0]["column"] as? Int == 17 && changes[0]["file"] as? String == "new.yaml")
            #expect(changes[0]["severity"] as? String == "breaking" && changes[0]["dimension"] as? String == "wire")
            let markdown = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "markdown"], in: folder)
            #expect(markdown.stdout.hasPrefix("## Error catalog changes\n\nSuggested version bump: **major**.\n\n### Shop\n\n- **Breaking**, wire: error 'OutOfStock': status 409 → 422\n"))
            let html = CommonMark.html(markdown.stdout)
            #expect(html.contains("<h3>Shop</h3>") && html.contains("<li><strong>Breaking</strong>, wire:"))
        }
    }

    @Test func anInvalidSpecOnEitherSideIsExit1() throws {
        try Self.folder { folder in
            try "errgen: 1\ncatalogs: {}\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
            let outcome = try CLI.run(["diff", "old.yaml", "bad.yaml"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.hasPrefix("bad.yaml:2:11: error: 'catalogs' must name at least one catalog\n"), "\(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
            let missing = try CLI.run(["diff", "old.yaml", "nope.yaml"], in: folder)
            #expect(missing.status == 1)
            #expect(missing.stderr == "nope.yaml: error: spec file not found\n")
            let usage = try CLI.run(["diff", "old.yaml"], in: folder)
            #expect(usage.status == 64)
        }
    }

    @Test func againstARevisionOfAGitRepository() throws {
        try withTemporaryFolder { folder in
            func git(_ arguments: String...) throws {
                let outcome = try CLI.run(
                    ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments, in: folder,
                    executable: URL(fileURLWithPath: "/usr/bin/env"))
                #expect(outcome.status == 0, "\(outcome.stderr)")
            }
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("spec"), withIntermediateDirectories: true)
            let spec = folder.appendingPathComponent("spec/errors.yaml")
            try git("init", "-q")
            try SpecDiffTests.spec(SpecDiffTests.base).write(to: spec, atomically: true, encoding: .utf8)
            try git("add", ".")
            try git("commit", "-q", "-m", "one")
            try SpecDiffTests.spec(SpecDiffTests.edited([("status: 410", "status: 404")])).write(to: spec, atomically: true, encoding: .utf8)
            try git("commit", "-q", "-am", "two")
            // The spec as committed last, against the commit before.
            let outcome = try CLI.run(["diff", "--against", "HEAD~1"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stdout.hasPrefix("spec/errors.yaml:13:17: breaking: wire: status-changed: error 'Gone': status 410 → 404\n"), "\(outcome.stdout)\(outcome.stderr)")
            #expect(try CLI.run(["diff", "--against", "HEAD"], in: folder).status == 0)
            let nowhere = try CLI.run(["diff", "--against", "no-such-revision"], in: folder)
            #expect(nowhere.status == 1)
            #expect(nowhere.stdout.isEmpty)
            #expect(nowhere.stderr.hasPrefix("spec/errors.yaml: error: cannot read the spec at revision 'no-such-revision': "), "\(nowhere.stderr)")
            #expect(nowhere.stderr.split(separator: "\n").count == 1)
            // A spec that did not exist at the revision.
            try FileManager.default.moveItem(at: spec, to: folder.appendingPathComponent("spec/api.yaml"))
            try git("add", "-A")
            try git("commit", "-q", "-m", "three")
            let absent = try CLI.run(["diff", "--spec", "spec/api.yaml", "--against", "HEAD~1"], in: folder)
            #expect(absent.status == 1)
            #expect(absent.stderr.hasPrefix("spec/api.yaml: error: cannot read the spec at revision 'HEAD~1': "), "\(absent.stderr)")
            // A file at the revision that is not a spec.
            try "just: text\n".write(to: folder.appendingPathComponent("spec/api.yaml"), atomically: true, encoding: .utf8)
            try git("commit", "-q", "-am", "four")
            try SpecDiffTests.spec(SpecDiffTests.base).write(to: folder.appendingPathComponent("spec/api.yaml"), atomically: true, encoding: .utf8)
            let notASpec = try CLI.run(["diff", "--spec", "spec/api.yaml", "--against", "HEAD"], in: folder)
            #expect(notASpec.status == 1)
            #expect(notASpec.stderr.contains("HEAD:spec/api.yaml:1:1: error:"), "\(notASpec.stderr)")
            #expect(notASpec.stderr.hasSuffix("errgen: HEAD:spec/api.yaml is not a valid spec; nothing compared\n"))
        }
    }
}

/// The diff of `Tests/References/diff` (one change of each common kind) in every format, compared
/// with the committed outputs (`ERRGEN_RECORD=1` re-records them); `consumers/python` validates
/// the JSON against `schemas/errgen-diff.schema.json`.
@Suite struct DiffReferenceTests {
    @Test(arguments: [("text", "diff.txt"), ("json", "diff.json"), ("markdown", "diff.md")])
    func theReferenceDiff(_ format: String, _ file: String) throws {
        let folder = "Tests/References/diff"
        let outcome = try CLI.run(["diff", "\(folder)/old.yaml", "\(folder)/new.yaml", "--format", format], in: Paths.root)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.isEmpty)
        if Recording.isOn {
            try outcome.stdout.write(to: Paths.url("\(folder)/\(file)"), atomically: true, encoding: .utf8)
            return
        }
        #expect(outcome.stdout == (try Paths.text("\(folder)/\(file)")), "\(Recording.hint)")
    }

    /// Every kind the JSON schema names is one errgen knows, and the other way round.
    @Test func theSchemaNamesEveryKind() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(Paths.text("schemas/errgen-diff.schema.json").utf8)) as? [String: Any])
        let change = try #require((schema["$defs"] as? [String: Any])?["change"] as? [String: Any])
        let kinds = try #require(((change["properties"] as? [String: Any])?["kind"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(kinds) == Set(SpecDiff.kinds.map(\.kind)))
    }
}
