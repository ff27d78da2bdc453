import EdgeCaseCatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Generated
import Testing
import WideCatalog

/// The compiled types of `Sources/Generated` against `spec/errors.yaml`, read at run time: every
/// error the spec has is generated with its values, and nothing else is.
@Suite struct GeneratedCatalogTests {
    @Test func catalogsOfTheSpecAreTheGeneratedTypes() throws {
        let spec = try bundledSpec()
        #expect(spec.catalogs.map(\.swiftTypeName) == ["RAWSError", "RestAuthError"])
    }

    @Test func rawsMatchesTheSpec() throws {
        let catalog = try #require(try bundledSpec().catalogs.first { $0.name.value == "RAWS" })
        checkGeneratedType(RAWSError.self, against: catalog)
    }

    @Test func restAuthMatchesTheSpec() throws {
        let catalog = try #require(try bundledSpec().catalogs.first { $0.name.value == "RestAuth" })
        checkGeneratedType(RestAuthError.self, against: catalog)
    }

    @Test func edgeCasesMatchTheirSpec() throws {
        let spec = try validSpec(try Paths.text("Tests/References/edge-cases/errors.yaml"))
        checkGeneratedType(EdgeCasesError.self, against: try #require(spec.catalogs.first))
    }

    @Test func aCatalogOf300ErrorsMatchesItsSpec() throws {
        let spec = try validSpec(try Paths.text("Tests/References/wide/errors.yaml"))
        checkGeneratedType(WideError.self, against: try #require(spec.catalogs.first))
        #expect(MemoryLayout<WideError.Code>.size == 2)
        #expect(WideError.Code.w000.rawValue == 0)
        #expect(WideError.Code.w255.rawValue == 255)
        #expect(WideError.Code.w256.rawValue == 256)
        #expect(WideError.Code.w298.rawValue == 298)
        #expect(WideError.Code(rawValue: 257) == .w257)
        #expect(WideError.Code.allCases.map(\.rawValue) == Array(0..<300))
        #expect(Set(WideError.Code.allCases).count == 300)
        #expect(WideError.w257(item: "x").message == "Item x failed at 257.")
    }

    /// Every case: wire code, status, Swift name, message with parameters filled in, parameters as
    /// structured values, headers, creation from the wire code and back; and the reverse.
    func checkGeneratedType<E: CatalogError>(_ type: E.Type, against catalog: CatalogSpec, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(E.allCodes == catalog.errors.map(\.code.value), sourceLocation: sourceLocation)
        #expect(E.Code.allCases.count == catalog.errors.count, "the generated type has errors the spec lacks", sourceLocation: sourceLocation)
        #expect(E.catalog.name == catalog.name.value)
        #expect(E.catalog.formats.map(\.rawValue) == catalog.formats.map(\.kind.rawValue))
        #expect(E.catalog.defaultFormat.rawValue == catalog.effectiveDefaultFormat?.kind.rawValue)
        #expect(E.catalog.xmlNamespace == catalog.formats.first { $0.kind == .xml }?.namespace)

        for (code, entry) in zip(E.Code.allCases, catalog.errors) {
            let wire = entry.code.value
            #expect(code.wireCode == wire)
            #expect(code.statusCode == entry.status.value, "\(wire)")
            #expect(code.status.code == entry.status.value && code.status.reasonPhrase == (StatusPhrase.of(entry.status.value) ?? ""), "\(wire)")
            #expect(code.name == entry.swiftCaseName, "\(wire)")
            #expect(String(describing: code) == wire)
            #expect(E.Code(rawValue: code.rawValue) == code)
            #expect(E.Code(wireCode: wire) == code)
            #expect(E.Code(uncheckedRawValue: code.rawValue) == code)

            let parameters = entry.parameters + catalog.parameters
            let samples = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name.value, sampleValue($0)) })
            // The metadata the spec gives the error (defaults filled in), as the generated code has it.
            var metadata: [String: String] = [:]
            for (key, value) in zip(catalog.metadata, catalog.metadataValues(of: entry)) { metadata[key.name.value] = value?.description }
            #expect(code.metadata.mapValues(\.description) == metadata, "\(wire)")
            guard let error = E(wireCode: wire, arguments: samples) else {
                Issue.record("\(E.self) cannot be created from wire code \(wire) with \(samples)")
                continue
            }
            #expect(error.code == code)
            #expect(String(describing: error).hasPrefix("\(wire) (\(entry.status.value)): "))
            #expect(error.message == entry.message.value.render { samples[$0] ?? "<missing \($0)>" }, "\(wire)")
            #expect(error.parameters.map(\.name) == parameters.map(\.name.value), "\(wire)")
            #expect(error.parameters.map { $0.value.kind?.rawValue } == parameters.map { Optional($0.kind.rawValue) }, "\(wire)")
            #expect(error.parameters.map(\.value.description) == parameters.map { samples[$0.name.value]! }, "\(wire)")
            #expect(error.headers.map(\.name) == entry.headers.map(\.name.value), "\(wire)")
            #expect(
                error.headers.map(\.value) == entry.headers.map { $0.value.value.render { samples[$0] ?? metadata[$0] ?? "" } }, "\(wire)")

            // Round trip through the wire form of its parameters.
            let wireArguments = Dictionary(uniqueKeysWithValues: error.parameters.map { ($0.name, $0.value.description) })
            #expect(E(wireCode: error.wireCode, arguments: wireArguments) == error, "\(wire)")
            #expect(Set([error, E(wireCode: wire, arguments: samples)!]).count == 1)

            // A missing or mistyped value is refused rather than guessed.
            for parameter in parameters {
                var missing = samples
                missing[parameter.name.value] = nil
                #expect(E(wireCode: wire, arguments: missing) == nil, "\(wire) without \(parameter.name.value)")
                if parameter.kind != .string {
                    var mistyped = samples
                    mistyped[parameter.name.value] = "not-a-\(parameter.kind.rawValue)"
                    #expect(E(wireCode: wire, arguments: mistyped) == nil, "\(wire) with a mistyped \(parameter.name.value)")
                }
            }
        }
        #expect(E.Code(rawValue: catalog.errors.count) == nil)
        #expect(E.Code(rawValue: -1) == nil)
        #expect(E(wireCode: "no such code \u{1F600}") == nil)
        #expect(E.Code(wireCode: "") == nil)
    }

    @Test func errorsAreThrownAndMatchedAsUsersWrite() throws {
        do {
            throw RAWSError.noSuchUser(reason: "User 'bob' does not exist.")
        } catch let error as RAWSError where error.code == .noSuchUser {
            #expect(error.reason == "User 'bob' does not exist.")
        } catch {
            Issue.record("not matched: \(error)")
        }
        // A code matches a thrown error whatever its parameter values.
        do {
            throw RAWSError.methodNotAllowed(allow: "GET", reason: "r")
        } catch let error as RAWSError where error.code == .noSuchUser {
            Issue.record("matched the wrong code: \(error)")
        } catch let error as RAWSError {
            switch error.code {
            case .methodNotAllowed: break
            default: Issue.record("wrong code \(error.code)")
            }
        } catch {
            Issue.record("not matched: \(error)")
        }
        // An error without parameters matches as a value.
        do {
            throw RestAuthError.authenticationRequired
        } catch RestAuthError.authenticationRequired {
        } catch {
            Issue.record("not matched: \(error)")
        }
        let code = RAWSError.Code.noSuchDir
        switch code {
        case .noSuchUser, .noSuchItem: Issue.record("wrong case")
        case .noSuchDir: break
        default: Issue.record("wrong case")
        }

        let error = RestAuthError.serviceNotAllowedFromAddress(service: "example.com", ipAddress: "192.0.2.1")
        #expect(error.status == 401)
        #expect(error.wireCode == "service-not-allowed-from-address")
        #expect(error.message == "example.com is not allowed to authenticate from 192.0.2.1")
        #expect(error.headers.map { "\($0.name): \($0.value)" } == ["WWW-Authenticate: Basic realm=\"RestAuth\""])
        #expect(error.parameters == [
            NamedArgument(name: "service", value: .string("example.com")),
            NamedArgument(name: "ip-address", value: .string("192.0.2.1")),
        ])
        #expect(error.ipAddress == "192.0.2.1")
        #expect(error[parameter: "ip-address"] == .string("192.0.2.1"))
        #expect(RestAuthError.authenticationRequired.ipAddress == nil)
        #expect(RAWSError.responseTypeNotAcceptable(reason: "x").wireCode == "ResponsetTypeNotAcceptable")
        #expect(RAWSError.methodNotAllowed(allow: "GET, HEAD", reason: "r").headers.map(\.value) == ["GET, HEAD"])
        #expect(String(reflecting: RAWSError.Code.responseTypeNotAcceptable) == "RAWSError.Code.responseTypeNotAcceptable")
        #expect(RAWSError.Code.allCases.count == 24)
    }

    @Test func awkwardStringsSurviveGenerationExactly() throws {
        let klass = EdgeCasesError.klass(traceId: "t")
        #expect(klass.traceId == "t")
        #expect(klass.message == "Tabs\tand\nnewlines and \\ backslashes and \u{E9} and \u{1F600} and \u{200F} mark")
        let keyword = EdgeCasesError.default(traceId: "t")
        #expect(keyword.message == "The keyword case. Braces: {literal} and \"quotes\" and \\(not interpolated) and \"\"\"")
        #expect(EdgeCasesError.catalog.title == "Edge \"cases\" \\ of errgen")
        let range = EdgeCasesError.outOfRange(in: 12.5, min: 0, max: 10, self: "speed", traceId: "t")
        #expect(range.message == "Value 12.5 is outside [0, 10] for speed")
        #expect(range.arguments == [.number(12.5), .integer(0), .integer(10), .string("speed"), .string("t")])
        let denied = EdgeCasesError._1045(user: "monty", host: "localhost", usingPassword: true, traceId: "t")
        #expect(denied.message == "Access denied for user 'monty'@'localhost' (using password: true)")
        #expect(EdgeCasesError.rateLimited(seconds: 30, traceId: "t").headers.map { "\($0.name): \($0.value)" } == [
            "Retry-After: 30", "X-Retryable: true; HY000",
        ])
    }

    @Test func deprecatedCasesAreReadFromTheWire() throws {
        let error = try #require(EdgeCasesError(wireCode: "OldThing", arguments: ["what": "v1", "trace-id": "t"]))
        #expect(error.code.name == "oldThing")
        #expect(error.code.rawValue == 4)
        #expect(error.message == "v1 is gone")
        #expect(EdgeCasesError(wireCode: "OlderThing", arguments: ["trace-id": "t"])?.code.name == "olderThing")
        // A typed property where every error agrees on the type.
        #expect(EdgeCasesError.outOfRange(in: 1.5, min: 0, max: 1, self: "x", traceId: "t").max == 1)
    }
}
