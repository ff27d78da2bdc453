import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// `outputs.custom` in the config: read strictly, every problem at its line and column.
@Suite struct CustomOutputConfigTests {
    /// A config in a fresh folder holding a template `t.mustache`; returns the config's path.
    func write(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-custom-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "{{header}}\n".write(to: folder.appendingPathComponent("t.mustache"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("errgen-config.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func problems(_ text: String) throws -> [String] {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent()) }
        do {
            _ = try ErrgenConfig.load(path: path)
            return []
        } catch {
            #expect(error.diagnostics.allSatisfy { $0.file == path })
            return error.diagnostics.map { "\($0.location?.description ?? "-"): \($0.message)" }
        }
    }

    @Test func everyKeyIsRead() throws {
        let path = try write("""
            outputs:
              docs: null
              custom:
                - template: t.mustache
                  output: java/src/{type}.java
                  params:
                    package: com.example.errors
                    public: true
                    version: 3
                - {template: ./t.mustache, output: all.txt}
            """)
        let config = try ErrgenConfig.load(path: path)
        #expect(config.docsOutput == nil)
        #expect(config.customOutputs == [
            CustomOutput(
                template: "t.mustache", output: "java/src/{type}.java",
                params: [
                    CustomParam(name: "package", value: .string("com.example.errors")), CustomParam(name: "public", value: .bool(true)),
                    CustomParam(name: "version", value: .string("3")),
                ],
                location: SourceLocation(line: 4, column: 7)),
            CustomOutput(template: "./t.mustache", output: "all.txt", location: SourceLocation(line: 10, column: 7)),
        ])
        #expect(config.customOutputs[0].placeholder == .type)
        #expect(config.customOutputs[1].placeholder == nil)
        // Without the key, there are none.
        #expect(try ErrgenConfig.load(path: try write("outputs:\n  docs: docs\n")).customOutputs.isEmpty)
        #expect(try ErrgenConfig.load(path: try write("outputs:\n  custom: null\n")).customOutputs.isEmpty)
    }

    @Test func badEntriesAreReportedAtTheirPositions() throws {
        let found = try problems("""
            outputs:
              custom:
                - template: missing.mustache
                  output: out/{catalog}.txt
                - template: t.mustache
                  output: ../out.txt
                  parms: {a: b}
                - template: t.mustache
                  output: /etc/out.txt
                - template: templates
                  output: out/{name}.txt
                - template: t.mustache
                  output: "{type}/x.txt"
                - template: t.mustache
                  output: out/
                - output: "out/{catalog}-{type}.txt"
                - template: t.mustache
                  output: "out/{catalog.txt"
                  params: [a]
                - template: t.mustache
                  output: x.txt
                  params: {ok: yes, list: [1], "1x": y, empty: null}
            """)
        #expect(found == [
                "3:17: template file 'missing.mustache' not found (paths are relative to the config's folder)",
                "6:15: the output path '../out.txt' leaves the config's folder; outputs are written only below it",
                "7:7: unknown key 'parms' in a custom output; did you mean 'params'?",
                "9:15: the output path '/etc/out.txt' must be relative to the config's folder, not absolute (an output outside it is not written)",
                "10:17: template 'templates' is a folder; it must name a template file",
                "11:15: unknown placeholder '{name}' in the output path (the placeholders are {catalog} and {type})",
                "13:15: the placeholder {type} goes in the file name of the output path, not in a folder",
                "15:15: the output path 'out/' names a folder; it must name a file",
                "16:7: a custom output is missing the required key 'template'",
                "16:15: the output path 'out/{catalog}-{type}.txt' has more than one placeholder; it takes one, {catalog} or {type}",
                "18:15: the output path 'out/{catalog.txt' has a brace that is not part of a placeholder ({catalog} or {type})",
                "19:15: 'params' must be a mapping of names to values, not a sequence",
                "22:31: param 'list' must be a string or a boolean, not a sequence",
                "22:36: '1x' is not a valid param name: it starts with a letter and holds only letters, digits, '-' and '_'",
                "22:52: param 'empty' must be a string or a boolean, not null",
            ], "\(found.joined(separator: "\n"))")
    }

    @Test func theListMustBeAList() throws {
        #expect(try problems("outputs:\n  custom: {template: t.mustache, output: x}\n") == [
            "2:11: 'outputs.custom' must be a list of outputs (each with 'template' and 'output'), not a mapping"
        ])
        #expect(try problems("outputs:\n  custom:\n    - t.mustache\n") == ["3:7: a custom output must be a mapping, not a string"])
        #expect(try problems("outputs:\n  custum: []\n") == [
            "2:3: unknown key 'custum' in 'outputs'; did you mean 'custom'?"
        ])
    }

    @Test func outputPathsResolveTheirFolders() {
        let output = CustomOutput(template: "t", output: "./java/../java/src/{catalog}.txt")
        #expect(output.canonicalOutput == "java/src/{catalog}.txt")
        #expect(output.ownedFolder == OutputPlan.OwnedFolder(path: "java/src", namePattern: .init(prefix: "", suffix: ".txt")))
        #expect(CustomOutput(template: "t", output: "all.txt").ownedFolder == nil)
        let pattern = OutputPlan.OwnedFolder.NamePattern(prefix: "errors-", suffix: ".ts")
        #expect(pattern.matches("errors-raws.ts"))
        #expect(pattern.matches("errors-Rest_Auth-2.ts"))
        #expect(!pattern.matches("errors-.ts"))
        #expect(!pattern.matches("errors-a.b.ts"))
        #expect(!pattern.matches("errors-raws.ts.bak"))
        #expect(!pattern.matches("mine-raws.ts"))
    }
}
