import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// Paths of the package and of the material beside it.
enum Paths {
    /// The package root, found from this file's location.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// `../shared/<relative>` (or below `ERRGEN_SHARED`), the shared material beside the
    /// repository, when present. A test that needs it declares `.needs(relative)` and reads it
    /// through `SharedMaterial.require(_:)`, so that CI fails instead of skipping it.
    static func shared(_ relative: String) -> URL? {
        SharedMaterial.url(relative)
    }
}

/// Checks a spec held in a string and returns its diagnostics as `line:column: severity: message`.
func diagnose(_ yaml: String, file: String = "errors.yaml") -> [String] {
    Generator.check(bytes: Array(yaml.utf8), file: file).diagnostics.map { diagnostic in
        let position = diagnostic.location.map { "\($0.line):\($0.column): " } ?? ""
        return "\(position)\(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
}

/// A spec that must be valid.
func validSpec(_ yaml: String, file: String = "errors.yaml") throws -> Spec {
    let (spec, diagnostics) = Generator.check(bytes: Array(yaml.utf8), file: file)
    // Small specs made for one feature often leave a parameter out of some format: that warning
    // (`CarriedParameterTests`) is not what they test.
    let others = diagnostics.filter { !$0.message.contains("a client reading one cannot read it back") }
    #expect(others.isEmpty, "\(others.map(\.description).joined(separator: "\n"))")
    return try #require(spec)
}

/// The bundled spec, loaded at run time.
func bundledSpec() throws -> Spec {
    let data = try Data(contentsOf: Paths.url("spec/errors.yaml"))
    let (spec, diagnostics) = Generator.check(bytes: [UInt8](data), file: "spec/errors.yaml")
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    return try #require(spec)
}

/// A sample value for a parameter, in its wire form: its example, else one of its type.
func sampleValue(_ parameter: ParameterSpec) -> String {
    if let example = parameter.example { return example }
    switch parameter.kind {
    case .string: return "sample-\(parameter.name.value)"
    case .integer: return "42"
    case .number: return "2.5"
    case .boolean: return "true"
    case .unsigned: return "7"
    }
}

/// Reference files (expected outputs) and how they are re-recorded: `Tests/record` re-records
/// every one of them (it sets `ERRGEN_RECORD=1` for the suites that write them). Every suite that
/// compares with a reference reads the variable here and gives the same hint when it differs.
enum Recording {
    static var isOn: Bool { ProcessInfo.processInfo.environment["ERRGEN_RECORD"] == "1" }

    static let hint = "Re-record every reference with `Tests/record`, then review `git diff`."
}
