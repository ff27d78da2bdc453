import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import InjectionCatalogs
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Strings from a spec never change the meaning of what errgen writes: seeded hostile specs
/// (`HostileSpec`) go through the whole pipeline, and every output is read back by a real parser
/// and must carry exactly the spec's strings, or the runtime's documented substitution where a
/// format cannot carry a character.
@Suite struct InjectionTests {
    static let seeds: [UInt64] = Array(1...60)

    /// The reference case `Tests/References/injection` is the spec of seed 2026; its Swift is
    /// compiled as the `InjectionCatalogs` target.
    static let reference = HostileSpec(seed: 2026, errors: 40, typeName: "InjectionError")
    static let referencePath = "Tests/References/injection/errors.yaml"

    @Test func theReferenceSpecIsTheSeededOne() throws {
        if Recording.isOn {
            try FileManager.default.createDirectory(at: Paths.url("Tests/References/injection"), withIntermediateDirectories: true)
            try Self.reference.yaml.write(to: Paths.url(Self.referencePath), atomically: true, encoding: .utf8)
        }
        #expect(try Paths.text(Self.referencePath) == Self.reference.yaml, "\(Recording.hint)")
    }

    /// The compiled reference yields exactly the strings the generator put in the spec.
    @Test func theCompiledSwiftYieldsExactlyTheSpecsStrings() throws {
        let model = Self.reference
        let catalog = InjectionError.catalog
        #expect(catalog.name == model.name)
        #expect(catalog.title == model.title)
        #expect(InjectionError.Code.allCases.count == model.errors.count)
        for (code, error) in zip(InjectionError.Code.allCases, model.errors) {
            #expect(code.wireCode == error.code)
            #expect(code.statusCode == error.status)
            #expect(code.name == error.swiftName)
            let made = try #require(InjectionError(wireCode: error.code, arguments: ["value": error.valueExample, "trace": model.traceExample]))
            #expect(made.code == code)
            #expect(made.message == error.before + error.valueExample + error.after)
            #expect(made.value == error.valueExample)
            #expect(made.trace == model.traceExample)
            #expect(catalog.entries[code.rawValue].title == error.title)
            #expect(made.headers.map(\.value) == [Self.fieldValue(error.headerValue + " " + error.valueExample)])
        }
        // The typed factories take the same values.
        let first = try #require(model.errors.first)
        #expect(InjectionError.e0(value: first.valueExample, trace: "t").message == first.before + first.valueExample + first.after)
    }

    @Test(arguments: seeds)
    func everyOutputCarriesTheSpecsStrings(seed: UInt64) throws {
        let model = HostileSpec(seed: seed, errors: 6, typeName: "Hostile\(seed)Error")
        let (spec, diagnostics) = Generator.check(bytes: Array(model.yaml.utf8), file: "errors.yaml")
        #expect(diagnostics.isEmpty, "seed \(seed): \(diagnostics.map(\.description).joined(separator: "\n"))")
        let catalog = try #require(spec?.catalogs.first)

        // The loader and decoder read the strings back exactly.
        #expect(catalog.name.value == model.name)
        #expect(catalog.title == model.title)
        #expect(catalog.description == model.description)
        for (entry, error) in zip(catalog.errors, model.errors) {
            #expect(entry.code.value == error.code)
            #expect(entry.message.value.render { $0 == "value" ? error.valueExample : "" } == error.before + error.valueExample + error.after)
            #expect(entry.title?.value == error.title)
            #expect(entry.description == error.description)
            #expect(entry.parameters.first?.example == error.valueExample)
        }

        var config = ErrgenConfig(root: URL(fileURLWithPath: "/nonexistent"))
        config.spec = "errors.yaml"
        let plan = try Generator.plan(for: try #require(spec), config: config, renderer: TemplateRenderer(.defaults))
        let files = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.contents) })
        let page = catalog.fileName

        try checkFixture(try #require(files["fixtures/\(page).json"]), model: model)
        try checkShapedFixture(try #require(files["fixtures/shaped.json"]), model: model)
        checkMarkdownTables(try #require(files["docs/\(page).md"]), seed: seed)
        checkMarkdownTables(try #require(files["docs/README.md"]), seed: seed)
        checkHTML(try #require(files["docs/\(page).html"]), seed: seed)
        checkHTML(try #require(files["docs/index.html"]), seed: seed)
        checkSwift(try #require(files["Sources/Generated/\(model.typeName).swift"]), model: model)
    }

    /// The fixture parses as JSON and holds every string, and each response body parses in its
    /// format and carries the message and the parameter values.
    func checkFixture(_ text: String, model: HostileSpec) throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let catalog = try #require(document["catalog"] as? [String: Any])
        #expect(catalog["name"] as? String == model.name)
        #expect(catalog["title"] as? String == model.title)
        let errors = try #require(document["errors"] as? [[String: Any]])
        #expect(errors.count == model.errors.count)
        for (fixture, error) in zip(errors, model.errors) {
            let message = error.before + error.valueExample + error.after
            #expect(fixture["code"] as? String == error.code)
            #expect(fixture["sampleMessage"] as? String == message)
            #expect(fixture["title"] as? String == error.title)
            #expect(fixture["description"] as? String == error.description)
            #expect((fixture["deprecated"] as? [String: Any])?["message"] as? String == error.deprecated)
            let responses = try #require(fixture["responses"] as? [[String: Any]])
            for response in responses where response["case"] as? String == "get" {
                let body = try #require(response["body"] as? String)
                let headers = try #require(response["headers"] as? [[String]])
                let note = headers.first { $0.first == "X-Note" }?.last
                #expect(note == Self.fieldValue(error.headerValue + " " + error.valueExample), "\(error.code)")
                switch response["format"] as? String {
                case "json":
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                    #expect(object["code"] as? String == error.code)
                    #expect(object["message"] as? String == message)
                    #expect((object["details"] as? [String: Any])?["value"] as? String == error.valueExample)
                    #expect(object["trace"] as? String == model.traceExample)
                case "problem+json":
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                    #expect(object["code"] as? String == error.code)
                    #expect(object["detail"] as? String == message)
                    #expect(object["title"] as? String == error.title)
                    #expect(object["value"] as? String == error.valueExample)
                case "xml":
                    let elements = try XMLElements.parse(body)
                    #expect(elements["code"] == HostileValueTests.xmlCarried(error.code))
                    #expect(elements["message"] == HostileValueTests.xmlCarried(message))
                    #expect(elements["value"] == HostileValueTests.xmlCarried(error.valueExample))
                    #expect(elements["trace"] == HostileValueTests.xmlCarried(model.traceExample))
                    #expect(elements.keys.sorted() == ["code", "details", "error", "message", "trace", "value"])
                case "text":
                    #expect(body == message)
                default:
                    Issue.record("unexpected format \(String(describing: response["format"]))")
                }
            }
        }
    }

    /// The second catalog's bodies: the JSON shape's hostile member names and literal text, and
    /// the XML layout's hostile attribute and element text, come out as the spec wrote them,
    /// around the values, in documents that parse.
    func checkShapedFixture(_ text: String, model: HostileSpec) throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let errors = try #require(document["errors"] as? [[String: Any]])
        #expect(errors.count == model.shapedErrors.count)
        for (fixture, error) in zip(errors, model.shapedErrors) {
            let message = model.shapedMessage(error, extra: true)
            // The section's hostile texts come out as written, for a value and for none.
            #expect(fixture["sampleMessage"] as? String == message)
            #expect(fixture["absentMessage"] as? String == model.shapedMessage(error, extra: false))
            let responses = try #require(fixture["responses"] as? [[String: Any]])
            #expect(Set(responses.compactMap { $0["format"] as? String }) == ["json", "xml", "problem+xml"])
            for response in responses where response["case"] as? String == "get" {
                let body = try #require(response["body"] as? String)
                switch response["format"] as? String {
                case "json":
                    var object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "\(body)")
                    // The list's items, each exactly, in an array.
                    #expect(object.removeValue(forKey: "l") as? [String] == model.listItems)
                    #expect(object as? [String: String] == [
                        model.shapeKeys[0]: error.code, model.shapeKeys[1]: model.shapeBefore + message + model.shapeAfter, "v": error.valueExample,
                    ])
                case "xml":
                    let parsed = try XMLElements.read(body)
                    #expect(parsed.attributes["Error"] == [
                        "note": HostileValueTests.xmlCarried(model.attributeText + error.code), "v": HostileValueTests.xmlCarried(error.valueExample),
                    ])
                    #expect(parsed.texts["Code"] == HostileValueTests.xmlCarried(error.code))
                    #expect(parsed.texts["Message"] == HostileValueTests.xmlCarried(message))
                    #expect(parsed.texts["Text"] == HostileValueTests.xmlCarried(model.elementText))
                    #expect(parsed.texts.keys.sorted() == ["Code", "Error", "Item", "Message", "Text"])
                    #expect(parsed.sequence.filter { $0.name == "Item" }.map(\.text) == model.listItems.map(HostileValueTests.xmlCarried))
                case "problem+xml":
                    let parsed = try XMLElements.read(body)
                    let elements = parsed.texts
                    #expect(parsed.sequence.filter { $0.name == "items" }.map(\.text) == model.listItems.map(HostileValueTests.xmlCarried))
                    #expect(elements["code"] == HostileValueTests.xmlCarried(error.code))
                    #expect(elements["detail"] == HostileValueTests.xmlCarried(message))
                    #expect(elements["value"] == HostileValueTests.xmlCarried(error.valueExample))
                    #expect(elements["extra"] == HostileValueTests.xmlCarried(model.extraExample))
                default:
                    Issue.record("unexpected format \(String(describing: response["format"]))")
                }
            }
        }
    }

    /// A header value as the runtime sends it: control characters become spaces, and HTTP drops
    /// the blanks around a field value.
    static func fieldValue(_ value: String) -> String {
        let spaced = String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F ? " " : $0 }))
        return spaced.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    }

    /// Every row of every Markdown table has as many cells as its header: a spec string cannot
    /// add a cell with a `|` or end the table with a line break. Cells are split as GitHub
    /// Flavored Markdown splits them: on every `|` not escaped by a backslash, code spans included.
    func checkMarkdownTables(_ text: String, seed: UInt64) {
        var width: Int?
        // The open code fence, read as CommonMark reads fences: up to three spaces, then three or
        // more backticks (with no backtick after them) or tildes; closed by a run as long or longer.
        var fence: (character: Character, count: Int)?
        var inFence: Bool { fence != nil }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent < 4, let first = rest.first, first == "`" || first == "~" {
                let run = rest.prefix { $0 == first }.count
                if let open = fence {
                    if first == open.character, run >= open.count, rest.dropFirst(run).allSatisfy({ $0 == " " }) { fence = nil }
                } else if run >= 3, !(first == "`" && rest.dropFirst(run).contains("`")) {
                    fence = (first, run)
                }
                continue
            }
            if inFence { continue }
            guard line.hasPrefix("|") else {
                width = nil
                continue
            }
            let cells = Self.cellCount(line)
            if let width {
                #expect(cells == width, "seed \(seed), line \(number + 1): \(cells) cells, the header has \(width): \(line)")
            } else {
                width = cells
            }
        }
        #expect(!inFence, "seed \(seed): a code fence is left open")
    }

    static func cellCount(_ line: Substring) -> Int {
        var pipes = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { pipes += 1 }
        }
        return pipes - 1
    }

    /// The page's markup is only errgen's own: every tag is one errgen writes, no link leads to a
    /// script, and a spec string shows up only as text.
    func checkHTML(_ html: String, seed: UInt64) {
        let allowed: Set<String> = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "nav", "ul", "ol", "li", "h1", "h2", "h3", "section",
            "p", "a", "code", "pre", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "br", "hr",
            // What else cmark-gfm writes for a spec's Markdown.
            "h4", "h5", "h6", "del", "img",
            "colgroup", "col", "label", "input", "span", "script", "dl", "dt", "dd",
        ]
        // The one script is the overview's filter box, errgen's own: it holds no `<`, so the scan
        // below reads through it, and spec text can never open a second one.
        #expect(html.components(separatedBy: "<script").count - 1 <= 1, "seed \(seed): more than one script")
        var index = html.startIndex
        var comments = 0
        while let open = html[index...].firstIndex(of: "<") {
            if html[open...].hasPrefix("<!--") {
                // cmark-gfm's safe mode leaves this comment where it drops raw HTML.
                if !html[open...].hasPrefix("<!-- raw HTML omitted -->") { comments += 1 }
                guard let end = html[open...].range(of: "-->") else {
                    Issue.record("seed \(seed): an HTML comment never ends")
                    return
                }
                index = end.upperBound
                continue
            }
            guard let close = html[open...].firstIndex(of: ">") else {
                Issue.record("seed \(seed): a tag never ends")
                return
            }
            let tag = html[html.index(after: open)..<close]
            let name = String(tag.drop { $0 == "/" }.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" })
            #expect(allowed.contains(name), "seed \(seed): the page has a <\(tag)> tag")
            if let href = tag.range(of: "href=\"") {
                let target = tag[href.upperBound...].prefix { $0 != "\"" }
                #expect(!target.lowercased().hasPrefix("javascript:"), "seed \(seed): a link to \(target)")
            }
            index = html.index(after: close)
        }
        // Only errgen's header is a comment (besides cmark-gfm's own); text cannot open one.
        #expect(comments == 1, "seed \(seed): \(comments) HTML comments")
    }

    /// The Swift source escapes every spec string: its string literals hold the strings (checked
    /// for the compiled reference above), and no spec text ends a comment or a literal early,
    /// which here shows as a line that is neither code errgen writes nor a comment.
    func checkSwift(_ source: String, model: HostileSpec) {
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let raw = trimmed.unicodeScalars.first { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
                || (0x2028...0x202E).contains($0.value) || (0x200B...0x200F).contains($0.value) || $0 == "\u{FEFF}" }
            #expect(raw == nil, "\(model.typeName): a raw control or invisible character in \(line)")
        }
    }
}
