import ErrgenCore
import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Generated
import HTTPTypes
import Testing

/// The README and the articles in `Documentation/` stay true: every Swift block in them compiles,
/// the examples that show behaviour are files of this test target that run, the spec example is a
/// valid spec, and every relative link leads to a file (and heading) that exists.
@Suite struct DocumentationTests {
    /// README.md and every article, by path.
    static let pages: [String] = {
        let articles = (try? FileManager.default.contentsOfDirectory(atPath: Paths.url("Documentation").path)) ?? []
        return ["README.md"] + articles.filter { $0.hasSuffix(".md") }.sorted().map { "Documentation/\($0)" }
    }()

    /// The fenced blocks of a Markdown page in `language`, each without the indentation of its fence.
    static func blocks(_ language: String, in page: String) throws -> [String] {
        let lines = try Paths.text(page).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [String] = []
        var current: [String]?
        var indent = 0
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " })
            if current == nil, trimmed == "```" + language {
                current = []
                indent = line.count - trimmed.count
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current!.append(String(line.dropFirst(min(indent, line.prefix(while: { $0 == " " }).count))))
            }
        }
        return blocks
    }

    static let swiftBlocks: [(page: String, index: Int)] = pages.flatMap { page in
        ((try? blocks("swift", in: page)) ?? []).indices.map { (page, $0) }
    }

    @Test func theDocumentationHasSwiftBlocks() {
        #expect(Self.swiftBlocks.count >= 4)
        #expect(Self.pages.contains("Documentation/Wire.md"))
    }

    /// Each block is a whole file: a package manifest is type-checked against PackageDescription,
    /// any other block against the modules this package builds (ErrgenRuntime, Generated, HTTPTypes).
    @Test(arguments: swiftBlocks.map { "\($0.page)#\($0.index)" })
    func everySwiftBlockCompiles(_ which: String) throws {
        let parts = which.split(separator: "#")
        let page = String(parts[0]), index = Int(parts[1])!
        let block = try Self.blocks("swift", in: page)[index]
        // A block that needs a web framework is a file of an example service, which the CI script
        // builds with the framework's trait (`.ci/services`); this package's build has none.
        if Self.frameworks.contains(where: { block.contains("import \($0)\n") }) {
            #expect(try Self.serviceFiles.contains { try Paths.text($0) == block }, "\(page), Swift block \(index + 1) is not a whole file of an example service")
            return
        }
        try withTemporaryFolder { folder in
            let isManifest = block.hasPrefix("// swift-tools-version")
            let file = folder.appendingPathComponent(isManifest ? "Package.swift" : "Block.swift")
            try block.write(to: file, atomically: true, encoding: .utf8)
            var arguments = ["swiftc", "-typecheck", "-swift-version", "6"]
            if isManifest {
                arguments += ["-I", try Self.manifestAPI().path, "-package-description-version", "6.1"]
            } else {
                let modules = CLI.executable.deletingLastPathComponent().appendingPathComponent("Modules")
                arguments += ["-parse-as-library", "-I", modules.path]
            }
            let outcome = try CLI.run(arguments + [file.path], in: folder, executable: URL(fileURLWithPath: "/usr/bin/env"), limit: 300)
            #expect(outcome.status == 0, "\(page), Swift block \(index + 1):\n\(outcome.stderr)")
            #expect(!outcome.stderr.contains("warning:"), "\(page), Swift block \(index + 1):\n\(outcome.stderr)")
        }
    }

    /// PackageDescription's module, beside the `swiftc` on the PATH (`<toolchain>/usr/lib/swift/pm/ManifestAPI`).
    static func manifestAPI() throws -> URL {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swiftc = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc").resolvingSymlinksInPath()
            guard FileManager.default.isExecutableFile(atPath: swiftc.path) else { continue }
            let api = swiftc.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib/swift/pm/ManifestAPI")
            if FileManager.default.fileExists(atPath: api.path) { return api }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no PackageDescription beside swiftc on the PATH"])
    }

    /// The frameworks whose integrations are traits of the package, not built by its tests.
    static let frameworks = ["Hummingbird", "Vapor", "ErrgenOpenAPI", "OpenAPIRuntime"]

    /// The Swift files of the example services.
    static let serviceFiles = [
        "Examples/HummingbirdService/Sources/NotesService/Routes.swift", "Examples/VaporService/Sources/NotesService/Routes.swift",
        "Examples/OpenAPIService/Sources/NotesAPI/NotesHandler.swift", "Examples/OpenAPIService/Sources/NotesAPI/NoteReader.swift",
    ]

    /// The articles show each example service's files whole: code that the CI script builds.
    @Test(arguments: [
        (serviceFiles[0], "Documentation/Frameworks.md"), (serviceFiles[1], "Documentation/Frameworks.md"),
        (serviceFiles[2], "Documentation/Frameworks.md"), (serviceFiles[3], "Documentation/OpenAPI.md"),
    ])
    func theArticlesShowTheServicesFiles(_ file: String, _ page: String) throws {
        #expect(try Self.blocks("swift", in: page).contains(try Paths.text(file)), "\(page) must show \(file) whole")
    }

    /// The examples that show behaviour are files of this target, shown whole.
    @Test(arguments: [
        ("ThrowingExample.swift", "README.md"), ("HandlerExample.swift", "Documentation/Wire.md"), ("ClientExample.swift", "Documentation/Wire.md"),
    ])
    func theExamplesAreCompiledFilesOfTheTests(_ file: String, _ page: String) throws {
        let source = try Paths.text("Tests/GeneratorTests/References/DocumentationExamples/\(file)")
        #expect(try Self.blocks("swift", in: page).contains(source), "\(page) must show Tests/GeneratorTests/References/DocumentationExamples/\(file) whole")
    }

    @Test func theClientExampleReadsTheTypedError() {
        func response(_ status: HTTPResponse.Status, _ type: String) -> HTTPResponse { HTTPResponse(status: status, headerFields: [.contentType: type]) }
        let error = RestAuthError.serviceNotAllowedFromAddress(service: "example.com", ipAddress: "192.0.2.1")
        #expect(explain(response(.unauthorized, "application/json"), body: Array(error.body(in: .json).utf8)) == "example.com may not authenticate from 192.0.2.1")
        #expect(explain(response(.unauthorized, "text/plain; charset=utf-8"), body: Array(error.message.utf8)) == "example.com may not authenticate from 192.0.2.1")
        #expect(explain(response(.conflict, "application/json"), body: Array(#"{"code":"later","message":"Soon."}"#.utf8)) == "409 later: Soon.")
        #expect(explain(response(.unauthorized, "application/json"), body: Array("{".utf8)) == "not a RestAuth error: the body is not JSON: a member name expected at byte 1")
    }

    @Test func theThrowingExampleMatchesByCode() {
        let users = ["ada": 1]
        #expect(describe("ada", in: users) == "user 1")
        #expect(describe("bob", in: users) == "404 NoSuchUser: User 'bob' does not exist.")
    }

    @Test func theHandlerAnswersAsRAWSDoes() {
        let store = DirectoryStore(directories: ["/full": ["a"], "/empty": []])
        func send(_ path: String, method: HTTPRequest.Method = .delete) -> (HTTPResponse, String) {
            let request = HTTPRequest(method: method, scheme: "https", authority: "example.com", path: path)
            let (head, body) = deleteDirectory(request, in: store)
            return (head, String(decoding: body, as: UTF8.self))
        }
        #expect(send("/empty").0.status == .noContent)
        let (missing, body) = send("/nope")
        #expect(missing.status.code == 404)
        #expect(missing.headerFields[.contentType] == "application/xml")
        #expect(body.contains("<code>NoSuchDir</code>"))
        #expect(body.contains("<reason>There is no directory at /nope.</reason>"))
        #expect(send("/full").0.status.code == 409)
    }

    @Test func theSpecFormatsExampleIsAValidSpec() throws {
        let yaml = try #require(try Self.blocks("yaml", in: "Documentation/SpecFormat.md").first)
        let spec = try validSpec(yaml, file: "Documentation/SpecFormat.md")
        let catalog = try #require(spec.catalogs.first)
        #expect(catalog.swiftTypeName == "ShopFailure")
        // Its own error, then the shared one it includes; every key of the example means what it says.
        #expect(catalog.errors.map(\.code.value) == ["OutOfStock", "RateLimited"])
        #expect(catalog.metadataValues(of: catalog.errors[0]) == [.string("Orders"), .boolean(true), nil])
        #expect(catalog.errors[0].swiftCaseName == "outOfStock")
        #expect(SwiftNames.lowerCamel("SKU_ID_UNKNOWN", strippingPrefixes: catalog.naming.stripPrefixes.map(\.value), acronyms: catalog.naming.acronyms.map(\.value)) == "skuIDUnknown")
    }

    // MARK: Links

    /// GitHub's anchor of a heading: lower case, punctuation but `-` and `_` dropped, spaces as `-`.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().unicodeScalars.compactMap { scalar -> Character? in
            if scalar == " " { return "-" }
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" { return Character(scalar) }
            return nil
        })
    }

    static func anchors(of page: String) throws -> Set<String> {
        var inFence = false
        var anchors: Set<String> = []
        for line in try Paths.text(page).split(separator: "\n") {
            if line.drop(while: { $0 == " " }).hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            anchors.insert(anchor(String(line.drop(while: { $0 == "#" }).drop(while: { $0 == " " }))))
        }
        return anchors
    }

    @Test(arguments: pages)
    func everyRelativeLinkResolves(_ page: String) throws {
        let text = try Paths.text(page)
        let links = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#).matches(in: text, range: NSRange(text.startIndex..., in: text))
            .map { String(text[Range($0.range(at: 1), in: text)!]) }
        let folder = URL(fileURLWithPath: page).deletingLastPathComponent().relativePath
        for link in links where !link.contains("://") && !link.hasPrefix("mailto:") {
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let target = parts[0].isEmpty ? page : (folder == "." ? parts[0] : "\(folder)/\(parts[0])")
            let standardized = URL(fileURLWithPath: target, relativeTo: Paths.root).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: standardized.path), "\(page): the link \(link) leads nowhere")
            if parts.count == 2, target.hasSuffix(".md"), FileManager.default.fileExists(atPath: standardized.path) {
                let relative = String(standardized.path.dropFirst(Paths.root.standardizedFileURL.path.count + 1))
                #expect(try Self.anchors(of: relative).contains(parts[1]), "\(page): no heading #\(parts[1]) in \(relative)")
            }
        }
    }

    @Test func theReadmeIsATour() throws {
        let size = try Data(contentsOf: Paths.url("README.md")).count
        #expect(size < 8_500, "README.md is \(size) bytes; reference material belongs in Documentation/")
    }
}
