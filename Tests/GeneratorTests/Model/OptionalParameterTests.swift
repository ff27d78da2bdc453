import AnyAPICatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// Optional parameters (`optional: true`) and the sections that show them in messages,
/// `{name?present|absent}`.
@Suite struct OptionalParameterTests {
    /// A catalog `K` with every format, whose error `E` has the message `message` (on line 9) and
    /// the parameters `parameters`.
    func spec(message: String, parameters: String = "{scope: {type: string, optional: true}}", extra: String = "") -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
            formats: [json, xml, problem+json, problem+xml, text]
            errors:
              E:
                status: 403
                message: \(message)
                parameters: \(parameters)\(extra)

        """
    }

    @Test func aSectionShowsItsTextWhereTheParameterHasAValueAndTheOtherTextWhereNot() throws {
        #expect(SlackError.missingScope(needed: "chat:write", provided: "identify").message == "The token lacks the scope chat:write (it has identify).")
        #expect(SlackError.missingScope().message == "The token lacks a scope.")
        #expect(SlackError.missingScope(provided: "identify").message == "The token lacks a scope (it has identify).")
        // A body shape's member whose whole placeholder is absent is left out.
        #expect(SlackError.missingScope(needed: "chat:write").body(in: .json) == #"{"ok":false,"error":"missing_scope","needed":"chat:write"}"#)
        // Read back from the wire by name, an absent optional value is absent, not a failure.
        let read = try #require(SlackError(wireCode: "missing_scope", arguments: ["needed": "chat:write"]))
        #expect(read.needed == "chat:write" && read.provided == nil && read.arguments[1] == .absent)
    }

    @Test func bodiesLeaveAnAbsentValueOut() throws {
        let spec = try validSpec(spec(message: #""Forbidden{scope?: needs {scope}|}.""#))
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.entries[0].parameters.map(\.isOptional) == [true])
        func body(_ format: WireFormat, _ value: ArgumentValue) -> String { catalog.body(entry: 0, arguments: [value], format: format) }
        #expect(body(.text, .string("admin")) == "Forbidden: needs admin.")
        #expect(body(.text, .absent) == "Forbidden.")
        #expect(body(.json, .string("admin")) == #"{"code":"E","message":"Forbidden: needs admin.","details":{"scope":"admin"}}"#)
        #expect(body(.json, .absent) == #"{"code":"E","message":"Forbidden."}"#)
        #expect(!body(.problemJSON, .absent).contains("scope") && body(.problemJSON, .string("a")).hasSuffix(#""scope":"a"}"#))
        #expect(!body(.xml, .absent).contains("scope") && body(.xml, .string("a")).contains("<scope>a</scope>"))
        #expect(!body(.problemXML, .absent).contains("scope") && body(.problemXML, .string("a")).contains("<scope>a</scope>"))
    }

    @Test func templatesParseTheSameInErrgenAndInTheRuntime() throws {
        let templates = [
            "{a?x|y}", "{a?x}", "{a?|none}", "{a?{a}}", "{a?[{a}]|[-]} and {b}", "{a?x || y|z}}}", "{{a?x}}", "{a?{{|}}}", "no sections",
            "{b?b is {b}|no b}", "{a?a={a}, b={b}|b={b}}",
        ]
        for source in templates {
            let (template, problems) = MessageTemplate.parse(source)
            #expect(problems.isEmpty, "\(source): \(problems)")
            let runtime = Catalog.parseTemplate(source, names: ["a", "b"])
            for a in [ArgumentValue.string("A"), .absent] {
                let values = ["a": a == .absent ? nil : "A", "b": "B"]
                #expect(runtime.render([a, .string("B")]) == template.render { values[$0] ?? nil }, "\(source) with a \(a)")
            }
        }
        #expect(Catalog.parseTemplate("{a?x || y|z}}}", names: ["a"]).render([.absent]) == "z}")
        #expect(Catalog.parseTemplate("{a?x || y|z}}}", names: ["a"]).render([.string("")]) == "x | y")
    }

    @Test func sectionsAndOptionalParametersAreChecked() {
        // An optional parameter outside a section on it; a section on a parameter every raise has.
        #expect(diagnose(spec(message: #""Needs {scope}.""#)) == [
            "9:25: error: optional parameter 'scope' may be absent, so it stands only inside a section on it: '{scope?… {scope} …}', and after '|' the text for when it is absent"
        ])
        #expect(diagnose(spec(message: #""Needs {scope?{scope}|x}.""#, parameters: "{scope: string}")) == [
            "9:25: error: '{scope?…}' is a section, for a parameter that may be absent or a list that may be empty, but 'scope' is neither: write '{scope}', or declare it 'optional: true'"
        ])
        // Inside another section, the parameter of that section is still absent sometimes.
        #expect(diagnose(spec(message: #""{other?{scope}}""#, parameters: "{scope: {type: string, optional: true}, other: {type: string, optional: true}}")) == [
            "9:26: error: optional parameter 'scope' may be absent, so it stands only inside a section on it: '{scope?… {scope} …}', and after '|' the text for when it is absent"
        ])
        #expect(diagnose(spec(message: #""{scope?a {scope?b} }""#)) == ["9:28: error: a section cannot hold another section ('{scope?' inside one)"])
        // `}}` is a literal brace inside a section too, so this one never ends.
        #expect(diagnose(spec(message: #""{scope?open}}""#)) == ["9:19: error: unclosed section: '}' ends it (write '{{' for a literal brace)"])
        #expect(diagnose(spec(message: #""{scope?x}""#, extra: "\n        headers: {X-Scope: \"{scope}\"}")).count == 1)
        #expect(diagnose(spec(message: #""{scope?x}""#, parameters: "{scope: {type: string, optional: yes}}")).contains { $0.contains("'optional' must be true or false") })
    }

    @Test func theDiffKnowsOptionalParameters() throws {
        let old = try validSpec(spec(message: #""Forbidden: {role}.""#, parameters: "{role: string}"))
        // A new optional parameter: the factory's new argument is nil by default, the wire may omit it.
        let added = try validSpec(spec(message: #""Forbidden: {role}{scope?, needs {scope}}.""#, parameters: "{role: string, scope: {type: string, optional: true}}"))
        let changes = SpecDiff(old: old, new: added).changes
        #expect(changes.map(\.kind) == ["optional-parameter-added", "message-changed"])
        #expect(changes.allSatisfy { $0.severity == .compatible })
        // A required parameter made optional: clients must expect none; and back: calls break.
        let loosened = try validSpec(spec(message: #""Forbidden{role?: {role}}.""#, parameters: "{role: {type: string, optional: true}}"))
        #expect(SpecDiff(old: old, new: loosened).changes.map(\.kind).contains("parameter-became-optional"))
        #expect(SpecDiff(old: loosened, new: old).changes.map(\.kind).contains("parameter-became-required"))
    }

    @Test func theTextForNoneCannotShowTheValueAndOtherHolesAreClosed() {
        // `{scope}` after the bar is where the parameter has no value.
        #expect(diagnose(spec(message: #""{scope?x|no {scope}}""#)) == [
            "9:31: error: optional parameter 'scope' may be absent, so it stands only inside a section on it: '{scope?… {scope} …}', and after '|' the text for when it is absent"
        ])
        // A catalog parameter is carried by every error.
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json]
                parameters: {trace: {type: string, optional: true}}
                errors: {E: {status: 400, message: "{trace?t}"}}
            """).first?.contains("catalog parameter 'trace' is carried by every error: it cannot be optional") == true)
        // A metadata key in a header is known when errgen runs: no section.
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                formats: [json]
                metadata: {env: string}
                errors: {E: {status: 400, message: M, metadata: {env: prod}, headers: {X-Env: "{env?a|b}"}}}
            """).contains { $0.contains("'{env?…}' is a section, for an optional parameter, but 'env' is a metadata key") })
        // A client reading parameters by name does not see an absent one.
        let error = SlackError.missingScope(needed: "chat:write")
        #expect(error.parameters.map(\.name) == ["needed"])
        #expect(error[parameter: "provided"] == nil && error.provided == nil)
    }

    @Test func anOptionalParameterOnAnErrorWithoutArgumentsBreaksItsSwift() throws {
        // `.ratelimited` was a static property; with any parameter it is a function.
        let old = try validSpec(spec(message: "Slow down.", parameters: "{}"))
        let new = try validSpec(spec(message: #""Slow down{wait?, wait {wait} s}.""#, parameters: "{wait: {type: integer, optional: true}}"))
        #expect(SpecDiff(old: old, new: new).changes.map(\.kind).contains("parameter-added"))
    }
}
