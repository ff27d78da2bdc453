import ErrgenRuntime
import Generated
import HTTPTypes
import Testing

/// Header values filled in with hostile parameter values: a control character becomes a space,
/// so no value can add a header field, and the blanks HTTP ignores around a value are dropped;
/// `error.headers` gives each value exactly as the response sends it.
@Suite struct HeaderValueTests {
    @Test(arguments: [
        ("GET\r\nSet-Cookie: a=b", "GET  Set-Cookie: a=b"),
        ("GET\nHEAD", "GET HEAD"),
        ("GET\rHEAD", "GET HEAD"),
        ("a\u{0}b\u{1}c\u{1B}d\u{1F}e\u{7F}f", "a b c d e f"),
        ("tab\tinside", "tab\tinside"),
        ("  GET, HEAD \t ", "GET, HEAD"),
        ("\r\n GET \r\n", "GET"),
        ("\u{E9}t\u{E9}", "\u{E9}t\u{E9}"),
    ])
    func valuesAreSentWithoutControlsOrOuterBlanks(_ value: String, _ sent: String) throws {
        let error = RAWSError.methodNotAllowed(allow: value, reason: "r")
        #expect(error.headers.map(\.name) == ["Allow"])
        #expect(error.headers.map(\.value) == [sent])
        let response = error.response(in: .xml)
        #expect(response.head.headerFields[values: .allow] == [sent])
        #expect(response.head.headerFields[.setCookie] == nil)
    }
}
