import AnyAPICatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import HTTPTypes
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// XML bodies in an API's own layout (`formats: [{type: xml, body: …}]`) and RFC 9457's
/// problem+xml.
@Suite struct XMLShapeTests {
    /// A catalog `K` whose xml body is `body` (on line 7) with the errors of `BodyShapeTests`.
    func spec(body: String, namespace: String? = nil) -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
            formats:
              - type: xml
                body: \(body)\(namespace.map { "\n        namespace: \($0)" } ?? "")
            metadata: {product: string, tier: {type: string, optional: true}}
            parameters: {request-id: string}
            errors:
              A: {status: 404, message: "No {item}.", parameters: {item: string}, metadata: {product: P}}
              B: {status: 409, message: "Only {left} left.", parameters: {left: integer}, metadata: {product: Q, tier: gold}}

        """
    }

    func bodies(_ yaml: String, arguments: [[ArgumentValue]]? = nil) throws -> [String] {
        let spec = try validSpec(yaml)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        return catalog.entries.indices.map { index in
            let samples = ResolvedCatalog(spec.catalogs[0]).errors[index].parameters.map(\.sampleValue)
            return catalog.body(entry: index, arguments: arguments?[index] ?? samples, format: .xml)
        }
    }

    @Test func elementsAttributesListsAndAbsentValues() throws {
        let bodies = try bodies(spec(body: """
            {Error: {"@tier": "{tier}", "@v": 2, Code: "{code}", Left: "{left}", Tier: "{tier}", Note: "{code} for {product}", \
            Params: "{parameters}", Meta: "{metadata}", Item: [one, 2, true], Empty: null, Wrap: {"@ok": false}}}
            """, namespace: "urn:example:k"))
        #expect(bodies[0] == """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error xmlns="urn:example:k" v="2">
                <Code>A</Code>
                <Note>A for P</Note>
                <Params>
                    <item>sample-item</item>
                    <request-id>sample-request-id</request-id>
                </Params>
                <Meta>
                    <product>P</product>
                </Meta>
                <Item>one</Item>
                <Item>2</Item>
                <Item>true</Item>
                <Empty/>
                <Wrap ok="false"/>
            </Error>

            """)
        // The optional key and the parameter of B only are there for B, as element and attribute.
        #expect(bodies[1].hasPrefix("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error xmlns="urn:example:k" tier="gold" v="2">
                <Code>B</Code>
                <Left>42</Left>
                <Tier>gold</Tier>
            """))
    }

    @Test func hostileValuesStayData() throws {
        let hostile = "\"/><x a='1'>&amp;</Error>\u{0}\u{1}\r\n\t]]>"
        let bodies = try bodies(
            spec(body: #"{Error: {"@id": "{request-id}", "@say": "id {request-id}", Item: "{item}", Text: "{message}!"}}"#),
            arguments: [[.string(hostile), .string(hostile)], [.integer(1), .string(hostile)]])
        let document = try XMLDocument(data: Data(bodies[0].utf8))
        let root = try #require(document.rootElement())
        let carried = "\"/><x a='1'>&amp;</Error>\u{FFFD}\u{FFFD}\r\n\t]]>"
        #expect(root.attribute(forName: "id")?.stringValue == carried)
        #expect(root.attribute(forName: "say")?.stringValue == "id " + carried)
        #expect(root.elements(forName: "Item").first?.stringValue == carried)
        #expect(root.elements(forName: "Text").first?.stringValue == "No \(carried).!")
        #expect(root.children?.count == 2)
    }

    @Test func theLayoutIsValidated() {
        #expect(diagnose(spec(body: #"{Error: {"@x": "{parameters}", Code: "{cod}", Left: "n{left}"}}"#)) == [
            "7:31: error: '{parameters}' is a list of elements: it cannot stand in attribute 'x'",
            "7:53: error: unknown placeholder '{cod}' in the body shape; did you mean '{code}'?",
            "7:69: error: parameter 'left' belongs to some errors only: it can only be a whole string (\"{left}\", left out where absent), not part of one",
        ])
        #expect(diagnose(spec(body: "[Error]")) == [
            "6:9: error: an xml body is a mapping with one member, the root element and what it holds (Error: {Code: \"{code}\", Message: \"{message}\"})"
        ])
        #expect(diagnose(spec(body: #"{Error: {"@xmlns": "urn:b"}}"#, namespace: "urn:a")) == [
            "7:24: error: '@xmlns' and the format's 'namespace' both set the namespace; keep one"
        ])
    }

    @Test func theProgramGeneratedCodeCarriesReadsBack() throws {
        let spec = try validSpec(spec(body: #"{Error: {"@a": "{tier}", "@b": "x{code}", Code: "{code}", P: "{parameters}", T: "<{status}>"}}"#))
        let shape = try #require(RuntimeTable.xmlShape(ResolvedCatalog(spec.catalogs[0])))
        #expect(XMLShape(program: shape.program, catalog: "K") == shape)
        #expect(shape.steps == [
            .literal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error"), .attribute(name: "a", source: .metadataKey("tier")),
            .literal(" b=\"x"), .attributeText(.code), .literal("\">\n"), .element(name: "Code", source: .code, indent: 4),
            .element(name: "P", source: .parameters, indent: 4), .literal("    <T>&lt;"), .text(.status), .literal("&gt;</T>\n</Error>\n"),
        ])
    }

    @Test func s3AnswersInItsLayout() throws {
        let error = S3Error.noSuchKey(key: "photos/2006/February/sample.jpg", requestId: "4442587FB7D0A2F9", hostId: "h")
        #expect(error.body(in: .xml) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
                <Code>NoSuchKey</Code>
                <Message>The specified key does not exist.</Message>
                <Key>photos/2006/February/sample.jpg</Key>
                <RequestId>4442587FB7D0A2F9</RequestId>
                <HostId>h</HostId>
            </Error>

            """)
        #expect(S3Error.slowDown(requestId: "r", hostId: "h").body(in: .xml).contains("<Message>Please reduce your request rate.</Message>\n    <RequestId>r</RequestId>"))
    }

    @Test func problemDetailsInXML() throws {
        let error = TwilioError._20404(resource: "/Calls/<CA1>")
        let response = error.response(in: .problemXML)
        #expect(response.head.headerFields[.contentType] == "application/problem+xml")
        #expect(error.body(in: .problemXML) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <problem xmlns="urn:ietf:rfc:7807">
              <type>https://www.twilio.com/docs/errors/20404</type>
              <title>Not Found</title>
              <status>404</status>
              <detail>The requested resource /Calls/&lt;CA1&gt; was not found.</detail>
              <code>20404</code>
              <resource>/Calls/&lt;CA1&gt;</resource>
            </problem>

            """)
        // Without a documentation link the type is about:blank: no type element, the reason phrase as title.
        #expect(S3Error.slowDown(requestId: "r", hostId: "h").body(in: .problemXML).contains("<problem xmlns=\"urn:ietf:rfc:7807\">\n  <title>Service Unavailable</title>\n  <status>503</status>"))
    }

    @Test func theDiffReportsAnotherLayoutAndAnotherDocumentationLink() throws {
        func spec(_ body: String, link: String, formats: String = "") -> String {
            """
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [{type: xml, body: \(body)}\(formats)]
                errors:
                  A: {status: 404, message: M, documentation-url: "\(link)"}
                  B: {status: 409, message: N}
            """
        }
        let old = try validSpec(spec("{Error: {Code: \"{code}\"}}", link: "https://a.example/a"))
        // The same layout written otherwise is no change; a link that goes nowhere on the wire neither.
        let same = try validSpec(spec("{ Error: {Code:  '{code}' } }", link: "https://a.example/moved"))
        #expect(SpecDiff(old: old, new: same).changes.isEmpty)
        let other = try validSpec(spec("{Error: {Code: \"{code}\", Message: \"{message}\"}}", link: "https://a.example/a"))
        #expect(SpecDiff(old: old, new: other).changes.map(\.kind) == ["body-shape-changed"])
        // With problem details, the link is their type: a moved link is breaking.
        let problem = try validSpec(spec("{Error: {Code: \"{code}\"}}", link: "https://a.example/a", formats: ", problem+xml"))
        let moved = try validSpec(spec("{Error: {Code: \"{code}\"}}", link: "https://a.example/moved", formats: ", problem+xml"))
        let changes = SpecDiff(old: problem, new: moved).changes
        #expect(changes.map(\.kind) == ["documentation-link-changed"])
        #expect(changes.first?.old == "https://a.example/a" && changes.first?.new == "https://a.example/moved")
    }

    @Test func anElementWhoseChildrenAreAllAbsentAndADeclaredNamespace() throws {
        let bodies = try bodies(spec(body: #"{Error: {"@xmlns": "urn:example:e", Code: "{code}", Extra: {Left: "{left}"}}}"#))
        // A's Extra holds nothing: its tags stay, with the line break between them.
        #expect(bodies[0] == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error xmlns=\"urn:example:e\">\n    <Code>A</Code>\n    <Extra>\n    </Extra>\n</Error>\n")
        #expect(bodies[1].contains("    <Extra>\n        <Left>42</Left>\n    </Extra>\n"))
    }

    @Test func namesAndNamespacesXMLCannotHold() {
        #expect(diagnose(spec(body: #"{Error: {"@id": "{code}", !x "@id": other, Code: "{code}"}}"#)) == [
            "7:41: error: '@id' is written twice in the body shape (first at 7:24)"
        ])
        #expect(diagnose(spec(body: #"{Error: {"@xmlns": "http://www.w3.org/2000/xmlns/"}}"#)) == [
            "7:34: error: 'http://www.w3.org/2000/xmlns/' is a namespace XML reserves for itself"
        ])
        #expect(diagnose(spec(body: #"{Error: {"@xmlns": "urn:{code}"}}"#)) == ["7:34: error: a namespace is fixed text, not a placeholder"])
    }
}
