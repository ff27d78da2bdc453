import AnyAPICatalogs
import ErrgenCore
@_spi(ErrgenGenerated) import ErrgenRuntime
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

/// Unsigned parameters (`type: unsigned`, 0 to 2^64 - 1) and what is out of range.
@Suite struct UnsignedParameterTests {
    func spec(_ parameter: String) -> String {
        """
        errgen: 1
        catalogs:
          K:
            title: K
            formats: [json, problem+json, xml]
            errors:
              E: {status: 400, message: "Too large: {size}.", parameters: {size: \(parameter)}}

        """
    }

    @Test func theWholeRangeTravelsAsNumbersAndText() throws {
        let error = S3Error.entityTooLarge(proposedSize: .max, maxSizeAllowed: 5_368_709_120, requestId: "r", hostId: "h")
        #expect(error.body(in: .xml).contains("<ProposedSize>18446744073709551615</ProposedSize>"))
        #expect(error.arguments[0] == .unsigned(.max) && error.arguments[0].kind == .unsigned)
        // Read back from text, as a client reads a response's values.
        let read = try #require(S3Error(wireCode: "EntityTooLarge", arguments: [
            "proposed-size": "18446744073709551615", "max-size-allowed": "1", "request-id": "r", "host-id": "h",
        ]))
        #expect(read.arguments[0].unsignedValue == .max)
        #expect(S3Error(wireCode: "EntityTooLarge", arguments: ["proposed-size": "-1", "max-size-allowed": "1", "request-id": "r", "host-id": "h"]) == nil)
        // JSON bodies carry it as a number, exactly.
        let spec = try validSpec(spec("{type: unsigned, example: \"18446744073709551615\"}"))
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.body(entry: 0, arguments: [.unsigned(.max)], format: .json) == #"{"code":"E","message":"Too large: 18446744073709551615.","details":{"size":18446744073709551615}}"#)
        #expect(catalog.body(entry: 0, arguments: [.unsigned(.max)], format: .problemJSON).hasSuffix(#""size":18446744073709551615}"#))
    }

    @Test func examplesOutOfRangeSayWhatHoldsThem() {
        #expect(diagnose(spec("{type: integer, example: \"18446744073709551615\"}")) == [
            "7:99: error: example '18446744073709551615' is out of range: an integer parameter holds a 64-bit integer (-9223372036854775808 to 9223372036854775807); 'type: unsigned' holds it (0 to 18446744073709551615)"
        ])
        #expect(diagnose(spec("{type: unsigned, example: \"-1\"}")) == [
            "7:100: error: example '-1' is out of range: an unsigned parameter holds 0 to 18446744073709551615"
        ])
        #expect(diagnose(spec("{type: unsigned, example: \"18446744073709551616\"}")) == [
            "7:100: error: example '18446744073709551616' is out of range: an unsigned parameter holds 0 to 18446744073709551615; a larger number travels safely only as a string (JSON readers keep integers exactly only up to 2^53)"
        ])
        #expect(diagnose(spec("{type: unsigned, example: \"1e3\"}")) == ["7:100: error: example '1e3' is not a valid unsigned"])
    }

    @Test func unsignedMetadataKeysTakeTheWholeRange() throws {
        let spec = try validSpec("""
            errgen: 1
            catalogs:
              K:
                title: K
                http: false
                metadata: {limit: unsigned}
                errors:
                  A: {message: M, metadata: {limit: "18446744073709551615"}}
                  B: {message: N, metadata: {limit: 0}}
            """)
        let catalog = RuntimeTable.catalog(spec.catalogs[0])
        #expect(catalog.metadata("limit", of: 0) == .unsigned(.max))
        #expect(catalog.metadata("limit", of: 1) == .unsigned(0))
        #expect(diagnose("""
            errgen: 1
            catalogs:
              K:
                title: K
                http: false
                metadata: {limit: unsigned}
                errors: {A: {message: M, metadata: {limit: -1}}}
            """).count == 1)
    }
}
