import Testing
@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift

/// Duplicate mapping keys are refused whatever the size of the mapping, its style and how deep it
/// is nested: the loader finds them by a scan below 16 keys and by an index from 16 on, and each
/// way must see every duplicate, at its position, naming the first definition.
@Suite struct DuplicateKeyTableTests {
    /// Sizes on both sides of the index (16 keys), and large ones.
    static let sizes = [1, 2, 15, 16, 17, 100, 1000]

    /// Nesting levels of the mapping (1: the document's root), up to the deepest the default
    /// limits allow.
    static let levels = [1, 2, 3, 4, 5, 15, 16, 17, 100, 256]

    enum Style: String, CaseIterable, Sendable {
        /// Block mappings, each inside the one before: `m:` lines, indented.
        case block
        /// Flow mappings on one line: `{m: {m: {k0: 0, …}}}`.
        case flow
        /// Block mappings inside block sequences: `- m:` lines, the target a block mapping (each
        /// level a sequence and a mapping, so the target is at depth 2 × level - 1).
        case sequence
        /// A flow mapping as the value of nested block mappings.
        case flowInBlock
    }

    /// A document under construction, with the position of what is appended next.
    struct Text {
        var text = ""
        var line = 1
        var column = 1

        mutating func append(_ piece: String) {
            for scalar in piece.unicodeScalars {
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            text += piece
        }

        var position: String { "\(line):\(column)" }
    }

    /// A document whose mapping at `level` holds keys `k0`…`k<size-1>` (values 0…), followed, when
    /// `duplicate` is given, by key `k<duplicate>` again. Returns the text and, for the repeated
    /// key, its first and second positions.
    static func document(size: Int, level: Int, style: Style, duplicate: Int?) -> (text: String, first: String, second: String) {
        var doc = Text()
        var positions: [String] = []
        var second = ""
        let entries = (0..<size).map { ("k\($0)", "\($0)") } + (duplicate.map { [("k\($0)", "again")] } ?? [])
        switch style {
        case .block, .sequence:
            var indent = 0
            for _ in 1..<level {
                if style == .sequence {
                    doc.append(String(repeating: " ", count: indent) + "- m:\n")
                    indent += 4
                } else {
                    doc.append(String(repeating: " ", count: indent) + "m:\n")
                    indent += 2
                }
            }
            for (index, (key, value)) in entries.enumerated() {
                doc.append(String(repeating: " ", count: indent))
                if index < size { positions.append(doc.position) } else { second = doc.position }
                doc.append("\(key): \(value)\n")
            }
        case .flow, .flowInBlock:
            if style == .flowInBlock {
                for depth in 1..<level { doc.append(String(repeating: " ", count: 2 * (depth - 1)) + "m:\n") }
                if level > 1 { doc.append(String(repeating: " ", count: 2 * (level - 1))) }
            } else {
                for _ in 1..<level { doc.append("{m: ") }
            }
            doc.append("{")
            for (index, (key, value)) in entries.enumerated() {
                if index > 0 { doc.append(", ") }
                if index < size { positions.append(doc.position) } else { second = doc.position }
                doc.append("\(key): \(value)")
            }
            doc.append("}")
            if style == .flow { doc.append(String(repeating: "}", count: level - 1)) }
            doc.append("\n")
        }
        return (doc.text, duplicate.map { positions[$0] } ?? "", second)
    }

    /// `ok`, or the loader's diagnostic.
    static func outcome(_ text: String) -> String {
        do throws(DiagnosticError) {
            _ = try YAMLLoader().loadDocument(Array(text.utf8), file: "spec.yaml")
            return "ok"
        } catch {
            return error.description
        }
    }

    @Test(arguments: sizes, Style.allCases)
    func everyDuplicateIsFound(_ size: Int, _ style: Style) {
        // In the sequence style each level adds a sequence and a mapping: 128 of them are 255 levels.
        for level in Self.levels where style != .sequence || 2 * level - 1 <= 256 {
            // Without a duplicate, the document loads: the check finds nothing that is not there.
            let clean = Self.document(size: size, level: level, style: style, duplicate: nil)
            #expect(Self.outcome(clean.text) == "ok", "\(size) keys, level \(level), \(style): \(Self.outcome(clean.text))")
            // The first key, the middle one, the last one; and each key around the index's start.
            let repeated = Set([0, size / 2, size - 1, 14, 15, 16].filter { $0 < size })
            for duplicate in repeated.sorted() {
                let doc = Self.document(size: size, level: level, style: style, duplicate: duplicate)
                let expected = "spec.yaml:\(doc.second): error: duplicate key 'k\(duplicate)' (first defined at \(doc.first))"
                #expect(Self.outcome(doc.text) == expected, "\(size) keys, level \(level), \(style), k\(duplicate) repeated")
            }
        }
    }

    /// Keys are the same when their resolved values are, and their uninterpreted tags: the scan
    /// and the index must agree on every pair.
    @Test(arguments: [
        // The same key.
        ("1", "0x1", true), ("1", "0o1", true), ("1", "+1", true), ("10", "0xA", true),
        ("true", "True", true), ("true", "TRUE", true), ("false", "False", true),
        ("null", "~", true), ("null", "Null", true),
        ("1.5", "1.50", true), ("1.0", "1e0", true), ("0.0", "-0.0", true), (".nan", ".NaN", true), (".inf", "+.inf", true),
        ("a", "'a'", true), ("a", "\"a\"", true), ("a", "!!str a", true), ("1", "!!int \"1\"", true),
        ("!local a", "!local a", true),
        // Different keys.
        ("1", "\"1\"", false), ("1", "'1'", false), ("1", "1.0", false), ("true", "'true'", false),
        ("null", "'null'", false), ("a", "A", false), ("a", "!local a", false), ("!x a", "!y a", false),
        (".inf", "-.inf", false),
    ] as [(String, String, Bool)])
    func keysAreTheSameByResolvedValue(_ first: String, _ second: String, _ same: Bool) {
        for fillers in [0, 1, 14, 15, 16, 17, 100] {
            // `fillers` other keys before the pair, so the pair is compared by scan or by index.
            let before = (0..<fillers).map { "f\($0): x\n" }.joined()
            let text = before + "\(first): 1\n\(second): 2\n"
            let outcome = Self.outcome(text)
            if same {
                #expect(outcome.hasPrefix("spec.yaml:\(fillers + 2):1: error: duplicate key ")
                    && outcome.hasSuffix("(first defined at \(fillers + 1):1)"), "\(first) then \(second) after \(fillers) keys: \(outcome)")
            } else {
                #expect(outcome == "ok", "\(first) then \(second) after \(fillers) keys")
            }
        }
    }
}
