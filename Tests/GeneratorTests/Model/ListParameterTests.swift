import AnyAPICatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// List parameters (`type: [string]`): items separated by `, ` in messages and headers, arrays in
/// JSON, a repeated element in XML; a section on a list shows its text for none when it is empty.
@Suite struct ListParameterTests {
    /// A catalog `K` with every format, whose error `E` has the message `message` (on line 9) and
    /// the parameters `parameters` (on line 10).
    func spec(
        message: String = #""Missing {fields?{fields}|nothing}.""#, parameters: String = "{fields: [string]}", extra: String = "",
        formats: String = "[json, xml, problem+json, problem+xml, text]"
    ) -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
            formats: \(formats)
            errors:
              E:
                status: 400
                message: \(message)
                parameters: \(parameters)\(extra)

        """
    }

    @Test func theGeneratedTypesTakeAndGiveArrays() throws {
        let error = S3Error.methodNotAllowed(method: "POST", resourceType: "OBJECT", allowedMethods: ["GET", "HEAD"], requestId: "r", hostId: "h")
        #expect(error.allowedMethods == ["GET", "HEAD"])
        #expect(error.arguments[2] == .list([.string("GET"), .string("HEAD")]) && error.arguments[2].kind == nil)
        // HTTP's list syntax in a header; the element repeated in the XML layout.
        #expect(error.headers.map(\.value) == ["GET, HEAD"])
        let xml = error.body(in: .xml)
        #expect(xml.contains("    <AllowedMethod>GET</AllowedMethod>\n    <AllowedMethod>HEAD</AllowedMethod>\n"))
        #expect(error.body(in: .problemXML).contains("  <allowed-methods>GET</allowed-methods>\n  <allowed-methods>HEAD</allowed-methods>\n"))
        #expect(SlackError.invalidArguments(messages: ["a", "b"]).message == "The method was called with invalid arguments: a, b.")
        #expect(SlackError.invalidArguments(messages: []).message == "The method was called with invalid arguments.")
        #expect(SlackError.invalidArguments(messages: ["a"]).body(in: .json).hasSuffix(#""response_metadata":{"messages":["a"]}}"#))
        #expect(SlackError.invalidArguments(messages: ["a"]).messages == ["a"])
        // Read back from the wire: a list's items come as a list of texts, never as one text.
        let read = try #require(SlackError(code: .invalidArguments, arguments: ArgumentList([:], lists: ["messages": ["x, y", "z"]])))
        #expect(read.messages == ["x, y", "z"])
        #expect(SlackError(wireCode: "invalid_arguments", arguments: ["messages": "x"]) == nil)
    }

    /// The conformance route's query: a name repeated for each item of a list, the last value of
    /// any other, a required list left out empty, an optional one absent, names of no parameter
    /// ignored.
    @Test func aQueryGivesTheValuesOfTheConformanceRoute() throws {
        let query = [("method", "PUT"), ("allowed-methods", "GET"), ("method", "POST"), ("allowed-methods", "HEAD, PUT"), ("other", "x")]
        let arguments = ArgumentList(query: query.map { (name: $0.0, value: $0.1) }, for: S3Error.Code.methodNotAllowed.entry)
        #expect(arguments == ArgumentList(["method": "POST"], lists: ["allowed-methods": ["GET", "HEAD, PUT"]]))
        #expect(ArgumentList(query: [], for: S3Error.Code.methodNotAllowed.entry) == ArgumentList([:], lists: ["allowed-methods": []]))
        let read = try #require(SlackError(code: .invalidArguments, arguments: ArgumentList(query: [], for: SlackError.Code.invalidArguments.entry)))
        #expect(read.messages == [])
        // An optional list the query leaves out is absent, not empty.
        let optional = try validSpec(spec(parameters: "{fields: {type: [string], optional: true}}"))
        let entry = CatalogExamples(ResolvedCatalog(optional.catalogs[0])).catalog.entries[0]
        #expect(ArgumentList(query: [], for: entry) == ArgumentList([:]))
        #expect(ArgumentList(query: [(name: "fields", value: "a")], for: entry) == ArgumentList([:], lists: ["fields": ["a"]]))
    }

    @Test func aClientsItemsAreReadAsTheItemType() throws {
        let read = try #require(GoogleError(code: .unsupportedApiVersion, arguments: ArgumentList(["version": "3"], lists: ["supported": ["1", "2"]])))
        #expect(read.supported == [1, 2] && read.version == 3)
        #expect(read.message == "API version 3 is not supported; supported: 1, 2.")
        #expect(GoogleError(code: .unsupportedApiVersion, arguments: ArgumentList(["version": "3"], lists: ["supported": ["1", "two"]])) == nil)
        #expect(GoogleError(code: .unsupportedApiVersion, arguments: ArgumentList(["version": "3"])) == nil)
        #expect(GoogleError.unsupportedApiVersion(version: 3, supported: []).message == "API version 3 is not supported.")
        // The details carry the items as numbers.
        #expect(GoogleError.unsupportedApiVersion(version: 3, supported: [1, 2]).body(in: .json).contains(#""metadata":{"version":3,"supported":[1,2]}"#))
    }

    @Test func anEmptyListAddsNoElementToAnXMLLayoutsParameters() throws {
        let spec = try validSpec(spec(extra: "", formats: #"[{type: xml, body: {Error: {Code: "{code}", Params: "{parameters}"}}}]"#))
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.body(entry: 0, arguments: [.list([.string("a"), .string("b")])], format: .xml).contains(
            "    <Params>\n        <fields>a</fields>\n        <fields>b</fields>\n    </Params>\n"))
        #expect(catalog.body(entry: 0, arguments: [.list([])], format: .xml) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n    <Code>E</Code>\n</Error>\n")
    }

    @Test func everyFormatCarriesTheItems() throws {
        let spec = try validSpec(spec(parameters: "{fields: [integer]}"))
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.entries[0].parameters.map(\.isList) == [true])
        func body(_ format: WireFormat, _ items: [Int]) -> String {
            catalog.body(entry: 0, arguments: [.list(items.map(ArgumentValue.integer))], format: format)
        }
        #expect(body(.text, [1, 2]) == "Missing 1, 2.")
        #expect(body(.text, []) == "Missing nothing.")
        #expect(body(.json, [1, 2]) == #"{"code":"E","message":"Missing 1, 2.","details":{"fields":[1,2]}}"#)
        #expect(body(.json, []) == #"{"code":"E","message":"Missing nothing.","details":{"fields":[]}}"#)
        #expect(body(.problemJSON, [3]).hasSuffix(#""fields":[3]}"#))
        #expect(body(.xml, [1, 2]).contains("        <fields>1</fields>\n        <fields>2</fields>\n"))
        // An empty list is an element repeated no times, not an empty element.
        #expect(!body(.xml, []).contains("<fields"))
        #expect(body(.problemXML, [1, 2]).contains("  <fields>1</fields>\n  <fields>2</fields>\n"))
    }

    @Test func theSamplesAreTheExampleItemsOrTwoOfTheType() throws {
        let given = try validSpec(spec(parameters: "{fields: {type: [string], example: [name, 'e-mail']}}"))
        #expect(ResolvedCatalog(given.catalogs[0]).errors[0].parameters[0].sampleValue == .list([.string("name"), .string("e-mail")]))
        let generated = try validSpec(spec(parameters: "{fields: [boolean]}"))
        #expect(ResolvedCatalog(generated.catalogs[0]).errors[0].parameters[0].sampleValue == .list([.boolean(true), .boolean(false)]))
        #expect(ResolvedCatalog(generated.catalogs[0]).errors[0].parameters[0].sample == "true, false")
    }

    @Test func theTableCarriesTheListType() {
        let parameters = [Catalog.Entry.Parameter(name: "a", kind: .integer, isOptional: true, isList: true), .init(name: "b", kind: .string)]
        #expect(CatalogTable.parameterList(parameters) == "a:[integer]?,b:string")
        #expect(CatalogTable.parameters("a:[integer]?,b:string") == parameters)
    }

    @Test func aListIsCheckedWhereItIsDeclaredAndWhereItStands() {
        #expect(diagnose(spec(parameters: "{fields: [string, integer]}")) == [
            "10:30: error: a list's type is the type of its items in brackets ([string]), not a sequence of 2 items"
        ])
        #expect(diagnose(spec(parameters: "{fields: [strin]}")) == ["10:31: error: unknown item type 'strin'; did you mean 'string'?"])
        #expect(diagnose(spec(parameters: "{fields: {type: [integer], example: [1, x]}}")) == ["10:61: error: example 'x' is not a valid integer"])
        #expect(diagnose(spec(parameters: "{fields: {type: [integer], example: 1}}")) == [
            "10:57: error: the example of list parameter 'fields' is a sequence of its items ([a, b]), not an integer"
        ])
        #expect(diagnose(spec(parameters: "{fields: {type: [string], example: [a, [b]]}}")) == [
            "10:60: error: an item of the example of list parameter 'fields' is a single value, not a sequence"
        ])
        // A section on a required scalar is still refused; on a list it is what an empty list shows.
        #expect(diagnose(spec(message: #""{fields?x}""#, parameters: "{fields: string}")) == [
            "9:19: error: '{fields?…}' is a section, for a parameter that may be absent or a list that may be empty, but 'fields' is neither: write '{fields}', or declare it 'optional: true'"
        ])
        // An optional list stands in a section on itself, as any optional parameter.
        #expect(diagnose(spec(message: #""Missing {fields}.""#, parameters: "{fields: {type: [string], optional: true}}")).count == 1)
        // Metadata has single values.
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                http: false
                metadata: {tags: {type: [string]}}
                errors: {A: {message: M}}
            """) == ["6:29: error: a metadata key has a single value: its type is one of string, integer, unsigned, number, boolean, not a list"])
        // An attribute holds one value.
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [{type: xml, body: {Error: {"@fields": "{fields}", M: "{message}"}}}]
                errors: {E: {status: 400, message: M, parameters: {fields: [string]}}}
            """) == [
            "5:54: error: parameter 'fields' is a list, and attribute 'fields' holds one value: make it an element, which is repeated for each item"
        ])
    }

    @Test func aNameThatIsAListInOneErrorAndNotInAnotherIsReported() {
        let yaml = """
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json]
                errors:
                  A: {status: 400, message: "{f}", parameters: {f: string}}
                  B: {status: 400, message: "{f}", parameters: {f: [string]}}
            """
        #expect(diagnose(yaml).contains { $0.contains("warning: parameter 'f' is a list of strings here but a string in error 'A'") })
    }

    @Test func theNotAcceptableErrorMayTakeTheAvailableMediaTypesAsAList() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json, text]
                errors:
                  N: {status: 406, message: "Available: {available}.", parameters: {available: [string]}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        let response = catalog.notAcceptableResponse(accept: ["image/png"])
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"code":"N","message":"Available: application/json, text/plain.","details":{"available":["application/json","text/plain"]}}"#)
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json]
                errors:
                  N: {status: 406, message: "{accept}", parameters: {accept: [string]}}
            """).count == 1)
    }
}
