@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift
import Foundation
import Mustache
import Testing

/// A folder holding templates, and plans rendered from a spec with custom outputs of them.
struct CustomScratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-custom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String, _ text: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A config rooted in the folder that writes only `outputs`.
    func config(_ outputs: [CustomOutput]) -> ErrgenConfig {
        var config = ErrgenConfig(root: folder)
        config.spec = "errors.yaml"
        config.swiftOutput = nil
        config.docsOutput = nil
        config.fixturesOutput = nil
        config.customOutputs = outputs
        return config
    }

    func plan(_ spec: Spec, _ outputs: [CustomOutput]) throws -> OutputPlan {
        try Generator.plan(for: spec, config: config(outputs), renderer: TemplateRenderer(.defaults))
    }

    /// The rendered text of a single custom output of `template`.
    func render(_ spec: Spec, _ template: String, output: String = "out.txt", params: [CustomParam] = []) throws -> String {
        try file("t.mustache", template)
        return try #require(plan(spec, [CustomOutput(template: "t.mustache", output: output, params: params)]).files.first).contents
    }

    /// The diagnostics of rendering `template`, as `name:line:column: message` with the file's name only.
    func problems(_ spec: Spec, _ template: String) throws -> [String] {
        try file("t.mustache", template)
        do {
            _ = try plan(spec, [CustomOutput(template: "t.mustache", output: "out.txt")])
            Issue.record("the template rendered")
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map { diagnostic in
                let name = URL(fileURLWithPath: diagnostic.file).lastPathComponent
                return "\(name):\(diagnostic.location?.description ?? "-"): \(diagnostic.message)"
            }
        }
    }
}

let customTestSpec = """
    errgen: 1
    catalogs:
      Shop:
        title: Shop <errors>
        formats: [json, {type: xml, namespace: "urn:shop"}]
        default-format: xml
        documentation-url: https://docs.example.com/shop
        parameters:
          request-id: string
        errors:
          OutOfStock:
            status: 409
            message: "Only {available} of {item} left {{sic}}."
            parameters:
              item: string
              available: {type: integer, example: "3"}
            deprecated: Use SoldOut.
          NotFound:
            status: 404
            message: Nothing here.
            description: Gone.
            title: Missing
            headers:
              X-Hint: "{request-id}"
      rest-auth:
        title: RestAuth
        formats: [text]
        errors:
          internal-error: {status: 500, message: Oops}
          ERR_DUP_KEY: {status: 599, message: "Dup"}
    """

@Suite struct CustomTemplateTests {
    let spec: Spec

    init() throws { spec = try validSpec(customTestSpec) }

    @Test func aFilePerCatalogGetsThatCatalogsContext() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        try scratch.file("t.mustache", """
            # {{header}}
            {{typeName}} {{fileName}} {{name}} {{upperSnakeName}} {{lowerSnakeName}} {{upperCamelName}} {{lowerCamelName}}
            {{title}} / {{defaultFormat}} / {{xmlNamespace}} / {{documentationURL}} / {{errorCount}} / {{spec}}
            {{#formats}}{{format}}={{contentType}}{{#isDefault}}*{{/isDefault}} {{/formats}}
            {{#parameters}}
            shared {{name}}
            {{/parameters}}
            {{#errors}}
            {{index}} {{code}} {{swiftName}} {{upperSnakeName}} {{lowerSnakeName}} {{upperCamelName}} {{statusLine}} {{reasonPhrase}} {{anchor}} {{title}}
              {{javaString(message)}}{{#deprecated}} deprecated: {{deprecationMessage}}{{/deprecated}}{{#description}} ({{.}}){{/description}}
              {{#messageSegments}}[{{#isParameter}}{{parameter}}{{/isParameter}}{{^isParameter}}{{text}}{{/isParameter}}]{{/messageSegments}}
            {{#parameters}}
              {{name}}:{{type}}:{{swiftName}}:{{upperSnakeName}}:{{upperCamelName}}:{{example}}{{#shared}}:shared{{/shared}}{{#isInteger}}:int{{/isInteger}}
            {{/parameters}}
            {{#headers}}
              {{name}}: {{value}}
            {{/headers}}
            {{/errors}}
            {{params.package}}{{#params.flag}} flagged{{/params.flag}}{{^params.missing}} (no such param){{/params.missing}}

            """)
        let plan = try scratch.plan(spec, [
            CustomOutput(
                template: "t.mustache", output: "out/{catalog}.txt",
                params: [CustomParam(name: "package", value: .string("com.example")), CustomParam(name: "flag", value: .bool(true))])
        ])
        #expect(plan.files.map(\.path) == ["out/shop.txt", "out/rest-auth.txt"])
        #expect(plan.ownedFolders == [OutputPlan.OwnedFolder(path: "out", namePattern: .init(prefix: "", suffix: ".txt"))])
        let header = "Generated by errgen from errors.yaml. Do not edit: regenerate with `errgen generate`."
        #expect(plan.files[0].contents == """
            # \(header)
            ShopError shop Shop SHOP shop Shop shop
            Shop <errors> / xml / urn:shop / https://docs.example.com/shop / 2 / errors.yaml
            json=application/json xml=application/xml* 
            shared request-id
            0 OutOfStock outOfStock OUT_OF_STOCK out_of_stock OutOfStock 409 Conflict Conflict outofstock Conflict
              "Only {available} of {item} left {{sic}}." deprecated: Use SoldOut.
              [Only ][available][ of ][item][ left {sic}.]
              item:string:item:ITEM:Item:sample-item
              available:integer:available:AVAILABLE:Available:3:int
              request-id:string:requestId:REQUEST_ID:RequestId:sample-request-id:shared
            1 NotFound notFound NOT_FOUND not_found NotFound 404 Not Found Not Found notfound Missing
              "Nothing here." (Gone.)
              [Nothing here.]
              request-id:string:requestId:REQUEST_ID:RequestId:sample-request-id:shared
              X-Hint: {request-id}
            com.example flagged (no such param)

            """)
        #expect(plan.files[1].contents.contains("RestAuthError rest-auth rest-auth REST_AUTH rest_auth RestAuth restAuth\n"))
        #expect(plan.files[1].contents.contains("1 ERR_DUP_KEY errDupKey ERR_DUP_KEY err_dup_key ErrDupKey 599  err_dup_key Dup\n"))
        // `{type}` names the file after the type.
        let typed = try scratch.plan(spec, [CustomOutput(template: "t.mustache", output: "{type}.kt")])
        #expect(typed.files.map(\.path) == ["ShopError.kt", "RestAuthError.kt"])
    }

    @Test func oneFileForTheSpecGetsEveryCatalog() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        let text = try scratch.render(spec, """
            {{header}}
            {{spec}}: {{errorCount}} errors in {{#catalogs}}{{typeName}} ({{errorCount}}, {{header}}){{^last()}}, {{/last()}}{{/catalogs}}
            {{#catalogs}}{{#errors}}{{code}}{{#first()}} first{{/first()}} {{index()}} {{/errors}}{{/catalogs}}
            """, output: "./all/./errors.txt")
        let header = "Generated by errgen from errors.yaml. Do not edit: regenerate with `errgen generate`."
        #expect(text == """
            \(header)
            errors.yaml: 4 errors in ShopError (2, \(header)), RestAuthError (2, \(header))
            OutOfStock first 0 NotFound 1 internal-error first 0 ERR_DUP_KEY 1 
            """)
        let plan = try scratch.plan(spec, [CustomOutput(template: "t.mustache", output: "./all/./errors.txt")])
        #expect(plan.files.map(\.path) == ["all/errors.txt"])
        #expect(plan.ownedFolders.isEmpty)
    }

    @Test func templatesRenderAsTextUnlessTheyNameAContentType() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        #expect(try scratch.render(spec, "{{#catalogs}}{{title}}|{{/catalogs}}") == "Shop <errors>|RestAuth|")
        #expect(try scratch.render(spec, "{{% CONTENT_TYPE: HTML }}\n{{#catalogs}}{{title}}|{{{title}}}|{{/catalogs}}")
            == "Shop &lt;errors&gt;|Shop <errors>|RestAuth|RestAuth|")
        // Partials render as text too.
        try scratch.file("row.mustache", "<{{title}}>")
        #expect(try scratch.render(spec, "{{#catalogs}}{{> row}}\n{{/catalogs}}") == "<Shop <errors>>\n<RestAuth>\n")
    }

    @Test func partialsComeFromTheTemplatesFolder() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        try scratch.file("parts/name.mustache", "{{typeName}}{{> parts/suffix}}")
        try scratch.file("parts/suffix.mustache", "!")
        #expect(try scratch.render(spec, "{{#catalogs}}{{> parts/name}} {{/catalogs}}") == "ShopError! RestAuthError! ")
    }

    @Test func transformsWriteTextForOtherLanguages() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        let text = try scratch.render(spec, """
            {{#catalogs}}{{#first()}}{{#errors}}{{#first()}}{{javaString(message)}} {{jsonString(message)}} {{swiftString(title)}} {{javaComment(title)}}
            {{upperSnake(code)}} {{lowerSnake(code)}} {{upperCamel(code)}} {{lowerCamel(code)}} {{uppercased(code)}} {{javaString(uppercased(code))}}
            {{/first()}}{{/errors}}{{/first()}}{{/catalogs}}{{javaString(params.p)}}
            """, params: [CustomParam(name: "p", value: .string("a\"b"))])
        #expect(text == """
            "Only {available} of {item} left {{sic}}." "Only {available} of {item} left {{sic}}." "Conflict" Conflict
            OUT_OF_STOCK out_of_stock OutOfStock outOfStock OUTOFSTOCK "OUTOFSTOCK"
            "a\\"b"
            """)
    }

    @Test func aNameNoContextHasIsAnErrorAtItsFirstUse() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        #expect(try scratch.problems(spec, "{{#catalogs}}\n  {{#errors}}{{cdoe}}{{/errors}}{{typ}}\n{{/catalogs}}\n{{cdoe}}") == [
            "t.mustache:2:14: the template uses 'cdoe', which is not in its context; did you mean 'code'? (see Documentation/Templates.md)",
            "t.mustache:2:33: the template uses 'typ', which is not in its context; did you mean 'type'? (see Documentation/Templates.md)",
        ])
        // A name of a deeper context, used outside it.
        #expect(try scratch.problems(spec, "{{status}}") == [
            "t.mustache:1:1: the template uses 'status' outside the contexts that have it (see Documentation/Templates.md)"
        ])
        // Inside a section of a plain value, names are still looked up in the contexts around it.
        #expect(try scratch.render(spec, "{{#catalogs}}{{#title}}{{name}}{{/title}} {{/catalogs}}") == "Shop rest-auth ")
    }

    @Test func unknownTransformsMissingPartialsAndLoopsAreErrors() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        #expect(try scratch.problems(spec, "{{#catalogs}}\n{{javaStrng(title)}}{{shout(title)}}{{/catalogs}}") == [
            "t.mustache:2:1: unknown transform 'javaStrng'; did you mean 'javaString'?",
            "t.mustache:2:21: unknown transform 'shout' (errgen's: javaString, javaComment, jsonString, swiftString, upperSnake, lowerSnake, upperCamel, lowerCamel; swift-mustache's: capitalized, count, empty, enumerated, equalzero, even, first, index, last, lowercased, minusone, odd, plusone, reversed, sorted, uppercased)",
        ])
        #expect(try scratch.problems(spec, "x\n  {{> nope}}") == ["t.mustache:2:3: partial 'nope' not found: there is no file \(scratch.folder.path)/nope.mustache"])
        try scratch.file("a.mustache", "{{> b}}")
        try scratch.file("b.mustache", "{{#catalogs}}{{> a}}{{/catalogs}}")
        #expect(try scratch.problems(spec, "{{> a}}") == ["b.mustache:1:14: partial 'a' includes itself, which would never end"])
        #expect(try scratch.problems(spec, "{{> *name}}") == ["t.mustache:1:1: dynamic partials ('*name') are not supported in custom templates"])
    }

    @Test func aTemplateThatDoesNotParseIsReportedAtItsLine() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        let problems = try scratch.problems(spec, "line one\n{{#catalogs}}\n{{/errors}}\n")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("t.mustache:3:") == true, "\(problems)")
        #expect(problems.first?.contains("template does not parse") == true)
    }

    @Test func delimiterChangesAreFollowed() {
        let tags = MustacheTags.scan("{{a}} {{=<% %>=}} <%#b%> {{not}} <%/b%> <%={{ }}=%> {{{c}}} {{d(e)}}")
        #expect(tags.map { "\($0.sigil.map(String.init) ?? "")\($0.transforms.joined(separator: ","))|\($0.name)@\($0.location)" } == [
            "|a@1:1", "#|b@1:19", "/|b@1:34", "&|c@1:53", "d|e@1:61",
        ])
    }

    @Test func twoOutputsWritingOneFileAreAnError() throws {
        let scratch = try CustomScratch()
        defer { scratch.remove() }
        try scratch.file("t.mustache", "{{header}}")
        try scratch.file("errgen-config.yaml", """
            outputs:
              custom:
                - template: t.mustache
                  output: docs/{catalog}.md
                - template: t.mustache
                  output: x/All.txt
                - template: t.mustache
                  output: x/./all.txt
            """)
        let path = scratch.folder.appendingPathComponent("errgen-config.yaml").path
        let config = try ErrgenConfig.load(path: path)
        do {
            _ = try Generator.layout(for: spec, config: config)
            Issue.record("two outputs writing one file were accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(path):3:7: error: the file 'docs/rest-auth.md' would be written twice: by the docs and by the custom output of template 't.mustache'",
                "\(path):3:7: error: the file 'docs/shop.md' would be written twice: by the docs and by the custom output of template 't.mustache'",
                "\(path):7:7: error: the file 'x/all.txt' would be written twice: by the custom output of template 't.mustache' and by the custom output of template 't.mustache' (as 'x/All.txt'; the paths name one file, or differ only in case)",
            ])
        }
    }
}
