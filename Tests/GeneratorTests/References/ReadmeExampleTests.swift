import Foundation
import HTTPTypes
import Testing

/// The README's handler example is this package's `ReadmeExample.swift`, which compiles and works.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeShowsTheCompiledExample() throws {
        let source = try Paths.text("Tests/GeneratorTests/References/ReadmeExample.swift")
        let begin = try #require(source.range(of: "// README: handler example (begin)\n"))
        let end = try #require(source.range(of: "// README: handler example (end)"))
        let example = String(source[begin.upperBound..<end.lowerBound])
        let readme = try Paths.text("README.md")
        #expect(readme.contains("```swift\n" + example + "```\n"), "README.md must show Tests/GeneratorTests/References/ReadmeExample.swift")
    }

    @Test func theReadmesSpecExampleIsAValidSpec() throws {
        let readme = try Paths.text("README.md")
        let section = try #require(readme.range(of: "## The spec format"))
        let start = try #require(readme.range(of: "```yaml\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        let spec = try validSpec(String(readme[start.upperBound..<end.lowerBound]), file: "README.md")
        let catalog = try #require(spec.catalogs.first)
        #expect(catalog.swiftTypeName == "ShopFailure")
        #expect(catalog.errors.map(\.code.value) == ["OutOfStock"])
    }

    @Test func theExampleAnswersAsRAWSDoes() {
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
}
