import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

@Suite struct MessageTemplateTests {
    @Test func placeholdersAndLiteralBraces() {
        let (template, problems) = MessageTemplate.parse("{a} and {{b}} and {a-b}}}")
        #expect(problems.isEmpty)
        #expect(template.placeholderNames == ["a", "a-b"])
        #expect(template.render { "<\($0)>" } == "<a> and {b} and <a-b>}")
    }

    @Test func problemsCarryTheirOffset() {
        let (_, problems) = MessageTemplate.parse("ok {bad name} }")
        #expect(problems.map(\.offset) == [3, 14])
    }

    @Test func whitespaceOnlyIsEmpty() {
        #expect(MessageTemplate.parse(" \t").0.isEmpty)
        #expect(!MessageTemplate.parse("{x}").0.isEmpty)
    }
}
