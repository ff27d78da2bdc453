import ErrgenSpec

/// Writes source code line by line into UTF-8 bytes, with four spaces per indentation level.
struct CodePrinter {
    private(set) var bytes: [UInt8] = []
    private var level: Int

    init(level: Int = 0) {
        self.level = level
    }

    /// One line at the current indentation; an empty line has no blanks.
    mutating func line(_ text: String = "") {
        if !text.isEmpty {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 4 * level))
            bytes.append(contentsOf: text.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Lines of a doc comment: `///` and each line as it is (`SwiftLiteral.docLines` gives each
    /// line empty or starting with a space).
    mutating func doc(_ lines: [String]) {
        for text in lines { line("///" + text) }
    }

    /// `opener {`, the body one level deeper, `}` (followed by `closerSuffix`).
    mutating func block(_ opener: String, closerSuffix: String = "", _ body: (inout CodePrinter) -> Void) {
        line(opener + " {")
        indented(body)
        line("}" + closerSuffix)
    }

    mutating func indented(_ body: (inout CodePrinter) -> Void) {
        level += 1
        body(&self)
        level -= 1
    }

    /// Bytes printed elsewhere (at the indentation they need), appended as they are.
    mutating func append(printed: [UInt8]) {
        bytes.append(contentsOf: printed)
    }
}
