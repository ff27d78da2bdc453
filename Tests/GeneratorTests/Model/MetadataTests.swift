import EdgeCaseCatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import HTTPTypes
import Testing

/// Metadata: typed keys a catalog declares, values its errors state, and everything that carries them.
@Suite struct MetadataTests {
    /// A catalog declaring `keys` (its lines start at line 7) with one error, `Dup`, whose
    /// `metadata` is `values` (on line 12 when `keys` is one line; its `headers` on the next).
    func spec(keys: String, values: String, headers: String = "") -> String {
        """
        errgen: 1
        catalogs:
          DB:
            title: DB
            formats: [json]
            metadata:
        \(keys.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            errors:
              Dup:
                status: 409
                message: Duplicate.
                metadata: \(values)
        \(headers.isEmpty ? "" : "        headers: " + headers)

        """
    }

    // MARK: The spec

    @Test func valuesAreTypedByTheirKeyWithDefaultsAndOptionalKeys() throws {
        let spec = try validSpec(spec(
            keys: """
                sqlstate: string
                errno: {type: integer, optional: true}
                weight: {type: number, default: 1}
                retryable: {type: boolean, default: false, description: Whether a retry can help.}
                """,
            values: "{sqlstate: 23505, weight: 2}"))
        let catalog = spec.catalogs[0]
        // A string key takes the scalar as written; a number key an integer; defaults fill in.
        #expect(catalog.metadataValues(of: catalog.errors[0]) == [.string("23505"), nil, .number(2), .boolean(false)])
        #expect(catalog.metadata.map(\.isOptional) == [false, true, false, false])
        #expect(catalog.metadata[3].description == "Whether a retry can help.")
    }

    @Test func everyValueIsOfItsKeysType() {
        let keys = "errno: integer\nweight: number\nretryable: boolean"
        #expect(diagnose(spec(keys: keys, values: #"{errno: "1062", weight: 1.5, retryable: true}"#)) == [
            #"14:27: error: metadata 'errno' of error 'Dup' must be an integer, not the string "1062" (remove the quotes: 1062)"#
        ])
        #expect(diagnose(spec(keys: keys, values: "{errno: 1.5, weight: .inf, retryable: yes}")) == [
            "14:27: error: metadata 'errno' of error 'Dup' must be an integer, not the number 1.5 (an integer has no fraction or exponent)",
            "14:40: error: metadata 'weight' of error 'Dup' must be a number, not the number .inf (a number is finite)",
            #"14:57: error: metadata 'retryable' of error 'Dup' must be a boolean, not the string "yes""#,
        ])
    }

    @Test func aRequiredKeyMustBeStatedAndAnUnknownOneIsNamed() {
        #expect(diagnose(spec(keys: "sqlstate: string", values: "{}")) == [
            "12:19: error: error 'Dup' lacks metadata 'sqlstate', which every error of catalog 'DB' states (give it a value, or give the key a 'default' or 'optional: true')"
        ])
        // A misspelling is said once: not also as the key it was meant for, missing.
        #expect(diagnose(spec(keys: "sqlstate: string", values: "{sqlstat: x}")) == [
            "12:20: error: unknown metadata key 'sqlstat'; did you mean 'sqlstate'?"
        ])
        #expect(diagnose(spec(keys: "sqlstate: string", values: "{sqlstate: ~}")) == [
            "12:30: error: metadata 'sqlstate' of error 'Dup' has no value (the key is not optional)"
        ])
        #expect(diagnose(spec(keys: "sqlstate: {type: string, optional: true}", values: "{sqlstate: ~}")) == [])
    }

    @Test func keysHaveOneSwiftNameEachAndNoParameterName() {
        #expect(diagnose(spec(keys: "log-level: string\nlogLevel: string", values: "{log-level: a, logLevel: b}")) == [
            "8:7: error: metadata keys 'log-level' and 'logLevel' both have the Swift name 'logLevel'"
        ])
        #expect(diagnose(spec(keys: "retryable: {type: boolean, default: maybe, optional: true}", values: "{}")) == [
            "7:43: error: metadata key 'retryable' has a default, so no error is without a value; drop 'optional' or 'default'",
            #"7:43: error: the default of metadata key 'retryable' must be a boolean, not the string "maybe""#,
        ])
        // A key named like a member every Code has: a warning, and no property (the subscript reads it).
        #expect(diagnose(spec(keys: "status: string", values: "{status: NOT_FOUND}")) == [
            #"7:7: warning: metadata key 'status' gets no property on the generated Code, whose member 'status' every catalog has; read it with code.metadata["status"]"#
        ])
    }

    @Test func headerValuesMayNameMetadataButMessagesMayNot() {
        #expect(diagnose(spec(keys: "sqlstate: string", values: "{sqlstate: 23505}", headers: #"{X-SQLSTATE: "{sqlstate}"}"#)) == [])
        #expect(diagnose(spec(keys: "errno: {type: integer, optional: true}", values: "{}", headers: #"{X-Errno: "{errno}"}"#)) == [
            "13:29: error: placeholder '{errno}' names metadata key 'errno', of which error 'Dup' has no value"
        ])
        #expect(diagnose(spec(keys: "errno: {type: integer, optional: true}", values: "{}", headers: #"{X-Errno: "{erno}"}"#)) == [
            "13:29: error: placeholder '{erno}' has no declared parameter (declare it under 'parameters')"
        ])
    }

    // MARK: Generated code and the runtime

    @Test func theGeneratedCodeHasATypedPropertyPerKey() {
        let code = EdgeCasesError.Code.`default`
        #expect(code.sqlstate == "42000")  // written unquoted: a string key takes the text
        #expect(code.logLevel == "warning")
        #expect(code.retryable == false)  // the default
        #expect(code.weight == nil && code.errno == nil && code.class == nil)
        #expect(EdgeCasesError.Code.klass.class == "23")
        #expect(EdgeCasesError.Code.klass.errno == 1062)
        #expect(EdgeCasesError.Code._1045.weight == 2.5)
        #expect(EdgeCasesError.Code.outOfRange.weight == 1)
        #expect(EdgeCasesError.Code.longRetired.errno == -1)
        #expect(EdgeCasesError.Code(wireCode: "OlderThing")?.class == #"}{ "quoted" \ "#)
        #expect(EdgeCasesError.Code.rateLimited.retryable)
        #expect(EdgeCasesError.Code.rateLimited.metadata == [
            "sqlstate": .string("HY000"), "log-level": .string("warning"), "retryable": .boolean(true),
        ])
        #expect(EdgeCasesError.catalog.metadataKeys.map(\.name) == ["sqlstate", "log-level", "retryable", "weight", "errno", "class"])
        #expect(EdgeCasesError.catalog.metadata("errno", of: EdgeCasesError.Code.klass.rawValue) == .integer(1062))
        #expect(EdgeCasesError.catalog.metadata("nothing", of: 0) == nil)
    }

    @Test func aHeaderNamingMetadataCarriesTheErrorsValue() {
        let error = EdgeCasesError.rateLimited(seconds: 30, traceId: "t")
        #expect(error.headers.map(\.name) == ["Retry-After", "X-Retryable"])
        #expect(error.headers.last?.value == "true; HY000")
    }

    @Test func theGeneratorFillsTheErrorsMetadataIntoHeaderValues() throws {
        // Braces in the value stay literal: the value is not a template.
        let spec = try validSpec(spec(keys: "sqlstate: string", values: #"{sqlstate: "23{5}05"}"#, headers: #"{X-SQLSTATE: "{sqlstate}; {{x}}"}"#))
        let examples = CatalogExamples(ResolvedCatalog(spec.catalogs[0]))
        #expect(examples.errors[0].sampleHeaders.map(\.value) == ["23{5}05; {x}"])
        #expect(RuntimeTable.lines(ResolvedCatalog(spec.catalogs[0]))[0].hasSuffix("X-SQLSTATE: 23{{5}}05; {{x}}"))
    }

    @Test func theMetadataTableReadsBackEveryValue() {
        let keys = [
            Catalog.MetadataKey(name: "s", kind: .string, isOptional: true), Catalog.MetadataKey(name: "i", kind: .integer, isOptional: true),
            Catalog.MetadataKey(name: "x", kind: .number, isOptional: false), Catalog.MetadataKey(name: "b", kind: .boolean, isOptional: false),
        ]
        let rows: [[ArgumentValue?]] = [
            [.string("tab\there \\- \\ and\nline"), .integer(Int.min), .number(1e-7), .boolean(true)],
            [.string(""), nil, .number(-0.5), .boolean(false)],
            [.string("\\-"), .integer(Int.max), .number(12.5), .boolean(true)],
            [nil, nil, .number(3), .boolean(false)],
        ]
        let text = CatalogTable.metadataText(rows)
        #expect(CatalogTable.metadata(text, keys: keys, count: rows.count, catalog: "T") == rows)
        #expect(CatalogTable.metadataKeys(CatalogTable.metadataKeyList(keys)) == keys)
    }

    // MARK: Evolution

    @Test func theDiffReportsMetadataChanges() throws {
        let old = try validSpec(spec(keys: "sqlstate: string\nretryable: {type: boolean, default: false}\nerrno: integer", values: "{sqlstate: 23505, errno: 1}"))
        let new = try validSpec(spec(keys: "sqlstate: {type: string, optional: true}\nretryable: {type: boolean, default: true}\nproduct: {type: string, optional: true}", values: "{sqlstate: 23505}"))
        let changes = SpecDiff(old: old, new: new).changes.map { "\($0.kind) \($0.severity.rawValue): \($0.summary)" }
        #expect(changes == [
            "metadata-key-type-changed breaking: metadata key sqlstate is String?, not String",
            "metadata-key-removed breaking: metadata key errno was removed (and the property errno)",
            "metadata-key-added compatible: metadata key product was added",
            "metadata-changed breaking: error 'Dup': metadata retryable false → true",
        ])
    }
}
