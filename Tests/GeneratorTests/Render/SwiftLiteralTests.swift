import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

@Suite struct SwiftLiteralTests {
    @Test func stringLiteralsMeanExactlyTheirText() {
        #expect(SwiftLiteral.string("a\"b\\c\n\u{0}\u{7}\u{202E}\(1)") == #""a\"b\\c\n\0\u{7}\u{202E}1""#)
        #expect(SwiftLiteral.string(#"\(x) """"#) == #""\\(x) \"\"\"""#)
    }

    @Test func docLinesNeverEscapeTheComment() {
        #expect(SwiftLiteral.docLines("one\ntwo */\r\nthree\n\n") == [" one", " two */", " three"])
        #expect(SwiftLiteral.docLines("a\u{2028}b") == [" a\\u{2028}b"])
    }
}
