import Testing
@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift

/// What a user sees from the YAML loader: the tree with its positions, and each diagnostic as
/// `file:line:column: error: message`.
@Suite struct LoaderTests {
    let loader = YAMLLoader()

    func load(_ text: String, limits: YAMLLimits = .default) throws(DiagnosticError) -> YAMLNode {
        try YAMLLoader(limits: limits).loadDocument(Array(text.utf8), file: "spec.yaml")
    }

    /// The diagnostic a document gets, as printed.
    func failure(_ text: String, limits: YAMLLimits = .default) -> String {
        failure(bytes: Array(text.utf8), limits: limits)
    }

    /// The diagnostic a stream gets, as printed.
    func streamFailure(_ text: String) -> String {
        do {
            let nodes = try loader.loadStream(Array(text.utf8), file: "s.yaml")
            return "loaded \(nodes)"
        } catch {
            return error.description
        }
    }

    func failure(bytes: [UInt8], limits: YAMLLimits = .default) -> String {
        do {
            let node = try YAMLLoader(limits: limits).loadDocument(bytes, file: "spec.yaml")
            return "loaded \(node)"
        } catch {
            return error.description
        }
    }

    // MARK: - libyaml's errors

    @Test func syntaxErrorsUseLibyamlsPositionAndProblem() {
        #expect(failure("name: x\nkind: a: b\n") == "spec.yaml:2:8: error: mapping values are not allowed in this context; a value holding ': ' must be quoted, or this line is indented deeper than its key")
        #expect(failure("list: [a, b\nnext: c\n")
            == "spec.yaml:2:5: error: did not find expected ',' or ']' (while parsing a flow sequence started at 1:7)")
        #expect(failure("a: 'open\n")
            == "spec.yaml:2:1: error: found unexpected end of stream (while scanning a quoted scalar started at 1:4)")
        #expect(failure("a: 1\n b: 2\n") == "spec.yaml:2:3: error: mapping values are not allowed in this context; a value holding ': ' must be quoted, or this line is indented deeper than its key")
        #expect(failure("- a\nb: c\n")
            == "spec.yaml:2:1: error: did not find expected '-' indicator (while parsing a block collection started at 1:1)")
    }

    @Test func tabsUsedForIndentation() throws {
        #expect(failure("a:\n\tb: 1\n")
            == "spec.yaml:2:1: error: found a tab character that cannot start any token (YAML indents with spaces, never tabs)")
        #expect(failure("a: |\n\tx\n")
            == "spec.yaml:2:1: error: found a tab character where an indentation space is expected (while scanning a block scalar started at 1:4)")
        // A tab after the value's indicator is separation, not indentation.
        #expect(try load("a:\tb\n")["a"]?.scalar?.value == "b")
    }

    @Test func invalidUTF8() {
        #expect(failure(bytes: Array("name: ".utf8) + [0xFF] + Array("\n".utf8))
            == "spec.yaml:1:7: error: the file is not valid UTF-8: byte 0xFF here is not a UTF-8 character (save the file as UTF-8)")
        // The position of the sequence that goes wrong, not of the byte after it (libyaml's).
        #expect(failure(bytes: Array("a: 1\nb: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8))
            == "spec.yaml:2:7: error: the file is not valid UTF-8: bytes 0xC3 0x28 here are not a UTF-8 character (save the file as UTF-8)")
        #expect(failure(bytes: Array("a: é\nb: ".utf8) + [0xE2, 0x82])
            == "spec.yaml:2:4: error: the file is not valid UTF-8: bytes 0xE2 0x82 here are not a UTF-8 character (save the file as UTF-8)")
        // Overlong forms are not UTF-8 either; an encoded surrogate is no character.
        #expect(failure(bytes: Array("a: ".utf8) + [0xC0, 0xAF] + Array("\n".utf8))
            == "spec.yaml:1:4: error: the file is not valid UTF-8: byte 0xC0 here is not a UTF-8 character (save the file as UTF-8)")
        #expect(failure(bytes: Array("a: ".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8))
            == "spec.yaml:1:4: error: invalid Unicode character U+D800")
        #expect(failure("a: \u{7}\n") == "spec.yaml:1:4: error: control character U+0007 is not allowed in YAML")
    }

    @Test func byteOrderMarks() throws {
        // A UTF-8 byte order mark is skipped and does not count as a column.
        let node = try YAMLLoader().loadDocument([0xEF, 0xBB, 0xBF] + Array("name: x\n".utf8), file: "spec.yaml")
        #expect(node["name"]?.scalar?.value == "x")
        #expect(node.mapping?.first?.key.location == SourceLocation(line: 1, column: 1))
        #expect(node["name"]?.location == SourceLocation(line: 1, column: 7))
        // UTF-16 with its byte order mark, both byte orders.
        let utf16 = Array("a: é\n".utf16)
        let le: [UInt8] = [0xFF, 0xFE] + utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(try YAMLLoader().loadDocument(le, file: "spec.yaml")["a"]?.scalar?.value == "é")
        #expect(try YAMLLoader().loadDocument(be, file: "spec.yaml")["a"]?.scalar?.value == "é")
        #expect(failure(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x00, 0xD8])
            == "spec.yaml:2:1: error: the file is not valid UTF-16")
        // Inside a document a byte order mark is neither content nor space (libyaml takes it for either).
        #expect(failure("a: x\u{FEFF}y\n")
            == "spec.yaml:1:5: error: a byte order mark (U+FEFF) is only allowed at the start of a document")
        #expect(failure("[a,\n\u{FEFF}b]\n")
            == "spec.yaml:2:1: error: a byte order mark (U+FEFF) is only allowed at the start of a document")
        #expect(failure("---\n\u{FEFF}b: 2\n")
            == "spec.yaml:2:1: error: a byte order mark (U+FEFF) is only allowed at the start of a document")
        #expect(try load("a: \"\\uFEFF\"\n")["a"]?.scalar?.value == "\u{FEFF}")
        // After a document's end marker it may start what follows.
        let stream = try YAMLLoader().loadStream(Array("--- a\n...\n\u{FEFF}# end\n".utf8), file: "s.yaml")
        #expect(stream.count == 1)
    }

    // MARK: - The loader's own errors

    @Test func duplicateKeys() {
        #expect(failure("name: a\nkind: b\nname: c\n") == "spec.yaml:3:1: error: duplicate key 'name' (first defined at 1:1)")
        #expect(failure("outer:\n  x: 1\n  'x': 2\n") == "spec.yaml:3:3: error: duplicate key 'x' (first defined at 2:3)")
        // Keys compare by resolved value: 1 and 0x1 are one integer; 1 and "1" are not the same.
        #expect(failure("1: a\n0x1: b\n") == "spec.yaml:2:1: error: duplicate key '0x1' (first defined at 1:1)")
        #expect((try? load("1: a\n\"1\": b\n"))?.mapping?.count == 2)
        #expect(failure("{a: 1, b: 2, a: 3}") == "spec.yaml:1:14: error: duplicate key 'a' (first defined at 1:2)")
        // Past 16 keys the loader keeps an index; the result is the same.
        let many = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        #expect(failure(many) == "spec.yaml:41:1: error: duplicate key 'k7' (first defined at 8:1)")
        // An alias as a key is at the alias.
        #expect(failure("a: &x k\nm:\n  k: 1\n  *x : 2\n") == "spec.yaml:4:3: error: duplicate key 'k' (first defined at 3:3)")
    }

    @Test func depthLimit() {
        let deep = String(repeating: "[", count: 300)
        #expect(failure(deep) == "spec.yaml:1:257: error: nesting deeper than 256 levels")
        let limits = YAMLLimits(maxDepth: 2)
        #expect(failure("a:\n  b:\n    c: 1\n", limits: limits) == "spec.yaml:3:5: error: nesting deeper than 2 levels")
        #expect((try? load("a:\n  b: 1\n", limits: limits)) != nil)
    }

    @Test func aliasBomb() {
        #expect(failure(Self.billionLaughs)
            == "spec.yaml:7:8: error: more than 1000000 nodes, counting every copy an alias makes")
        // 1 mapping + 2 keys + 4 (the sequence) + 4 (its copy) = 11 nodes; the next copy crosses 12.
        let limits = YAMLLimits(maxNodes: 12)
        #expect(failure("a: &a [1, 2, 3]\nb: *a\nc: *a\n", limits: limits)
            == "spec.yaml:3:4: error: more than 12 nodes, counting every copy an alias makes")
        #expect(failure("- &a x\n- *a\n- *a\n- *a\n", limits: YAMLLimits(maxAliases: 2))
            == "spec.yaml:4:3: error: more than 2 aliases")
    }

    @Test func aliases() throws {
        #expect(failure("a: *nope\n") == "spec.yaml:1:4: error: undefined alias *nope (no anchor &nope comes before it in this document)")
        #expect(failure("a: &r [1, *r]\n")
            == "spec.yaml:1:11: error: alias *r refers to a node that contains it; recursive structures are not supported")
        // Anchors do not cross documents.
        #expect(streamFailure("&a x\n--- *a\n")
            == "s.yaml:2:5: error: undefined alias *a (no anchor &a comes before it in this document)")

        let node = try load("""
            base: &base
              retry: true
              codes: [1, 2]
            copy: *base
            again: &base other
            last: *base

            """)
        let base = try #require(node["base"])
        let copy = try #require(node["copy"])
        #expect(copy.kind == base.kind)
        // The copy's root is where the alias is; what is inside stays where it is written.
        #expect(copy.location == SourceLocation(line: 4, column: 7))
        #expect(copy["retry"]?.location == SourceLocation(line: 2, column: 10))
        // The most recent anchor of a name wins.
        #expect(node["last"]?.scalar?.value == "other")
    }

    @Test func sizeLimit() {
        #expect(failure("a: 12345\n", limits: YAMLLimits(maxInputBytes: 8))
            == "spec.yaml: error: the file is 9 bytes, more than the limit of 8 bytes")
        #expect((try? load("a: 1234\n", limits: YAMLLimits(maxInputBytes: 8))) != nil)
    }

    @Test func emptyFileAndDocumentCount() throws {
        #expect(failure("") == "spec.yaml: error: the file is empty")
        #expect(failure("# only a comment\n\n") == "spec.yaml: error: the file is empty")
        #expect(failure("a: 1\n---\nb: 2\n") == "spec.yaml:2:1: error: expected one document, but a second document starts here")
        #expect(failure("--- a\n...\n--- b\n") == "spec.yaml:3:1: error: expected one document, but a second document starts here")
        // An explicit empty document is one document, a null.
        #expect(try load("---\n").scalar?.resolved == .null)
        let stream = try loader.loadStream(Array("a\n---\nb\n...\n--- c\n".utf8), file: "s.yaml")
        #expect(stream.map { $0.scalar?.value } == ["a", "b", "c"])
        #expect(stream.map(\.location) == [
            SourceLocation(line: 1, column: 1), SourceLocation(line: 3, column: 1), SourceLocation(line: 5, column: 5),
        ])
        #expect(try loader.loadStream([], file: "s.yaml").isEmpty)
    }

    @Test func refusedByDesign() {
        #expect(failure("? [a, b]\n: c\n") == "spec.yaml:1:3: error: complex mapping keys are not supported")
        #expect(failure("{a: 1}: x\n") == "spec.yaml:1:1: error: complex mapping keys are not supported")
        #expect(failure("a: &m {x: 1}\nb:\n  *m : y\n") == "spec.yaml:3:3: error: complex mapping keys are not supported")
        #expect(failure("n: 9223372036854775808\n")
            == "spec.yaml:1:4: error: integer 9223372036854775808 does not fit in 64 bits; quote it to make it a string")
        #expect(failure("n: 0x8000000000000000\n")
            == "spec.yaml:1:4: error: integer 0x8000000000000000 does not fit in 64 bits; quote it to make it a string")
        #expect(failure("n: !!int '99999999999999999999'\n") == "spec.yaml:1:4: error: integer 99999999999999999999 does not fit in 64 bits")
    }

    // MARK: - Where libyaml accepts what YAML 1.2 forbids

    @Test func checksLibyamlDoesNotMake() {
        #expect(failure("key: \"value\"# note\n") == "spec.yaml:1:13: error: a comment needs whitespace before '#'")
        #expect(failure("list: [a, b]#note\n") == "spec.yaml:1:13: error: a comment needs whitespace before '#'")
        #expect(failure("flow: [a,\nb]\n") == "spec.yaml:2:1: error: lines of a flow collection must be indented by at least 1 space here")
        #expect(failure("- k: [a,\n  b]\n") == "spec.yaml:2:3: error: lines of a flow collection must be indented by at least 3 spaces here")
        #expect(failure("quoted: \"a\n\tb\"\n")
            == "spec.yaml:2:1: error: lines of a quoted scalar must be indented by at least 1 space here (a tab does not count)")
        #expect(failure("[a, -]\n") == "spec.yaml:1:5: error: a plain '-' cannot be a scalar in a flow collection; quote it")
        #expect(failure("a: &x:y 1\n")
            == "spec.yaml:1:6: error: anchor and alias names are limited to letters, digits, '-' and '_' (found ':')")
        #expect(failure("[?x]\n")
            == "spec.yaml:1:2: error: a plain scalar starting with '?' in a flow collection is not supported; quote it or put a space after '?'")
        #expect(failure("a: >\n  \n   \n  text\n")
            == "spec.yaml:4:3: error: a leading empty line of this block scalar has 3 spaces, more than its first line of text (2)")
        #expect(failure("a: |\n  x\n   ")
            == "spec.yaml:3:1: error: a block scalar whose last line holds only spaces must end with a line break")
        // What is valid stays valid.
        let valid = try? load("""
            key: [a,
              b]   # a comment
            other: "multi
              line"
            url: http://example.com/#anchor
            m: {a: 1,
             b: [x, -y]}

            """)
        #expect(valid?["key"]?.sequence?.count == 2)
        #expect(valid?["url"]?.scalar?.value == "http://example.com/#anchor")
        #expect(valid?["m"]?["b"]?.sequence?.last?.scalar?.value == "-y")
    }

    @Test func directiveAfterDocumentNeedsEndMarker() throws {
        #expect(streamFailure("a: 1\n%YAML 1.2\n---\nb: 2\n")
            == "s.yaml:2:1: error: a directive after a document must follow a document end marker '...'")
        let ended = try loader.loadStream(Array("a: 1\n...\n%YAML 1.2\n---\nb: 2\n".utf8), file: "s.yaml")
        #expect(ended.count == 2)
    }

    // MARK: - Trees

    @Test func positionsOfNodes() throws {
        let node = try load("""
            # A spec
            name: Payments
            errors:
              - code: 404
                message: "not found"
              - {code: 500, retry: true}
            text: |
              Body

            """)
        #expect(node.location == SourceLocation(line: 2, column: 1))
        let pairs = try #require(node.mapping)
        #expect(pairs.map(\.key.scalar?.value) == ["name", "errors", "text"])
        #expect(pairs.map(\.key.location) == [
            SourceLocation(line: 2, column: 1), SourceLocation(line: 3, column: 1), SourceLocation(line: 7, column: 1),
        ])
        #expect(node["name"]?.location == SourceLocation(line: 2, column: 7))
        let errors = try #require(node["errors"]?.sequence)
        #expect(node["errors"]?.location == SourceLocation(line: 4, column: 3))
        #expect(errors.map(\.location) == [SourceLocation(line: 4, column: 5), SourceLocation(line: 6, column: 5)])
        #expect(errors[0]["code"]?.location == SourceLocation(line: 4, column: 11))
        #expect(errors[0]["message"]?.location == SourceLocation(line: 5, column: 14))
        #expect(errors[0]["message"]?.scalar?.style == .doubleQuoted)
        #expect(errors[1]["retry"]?.location == SourceLocation(line: 6, column: 24))
        #expect(errors[1]["retry"]?.scalar?.resolved == .bool(true))
        #expect(node["text"]?.location == SourceLocation(line: 7, column: 7))
        #expect(node["text"]?.scalar == YAMLScalar(value: "Body\n", style: .literal, resolved: .string("Body\n")))
        // Columns count characters, not bytes.
        #expect(try load("é: ü\n")["é"]?.location == SourceLocation(line: 1, column: 4))
    }

    @Test(arguments: [
        ("~", YAMLScalar.Resolved.null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("0", .int(0)), ("-19", .int(-19)), ("+7", .int(7)), ("007", .int(7)), ("0o17", .int(15)), ("0x1F", .int(31)),
        ("0xff", .int(255)), ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("1.5", .float(1.5)), ("-.5", .float(-0.5)), ("+1.", .float(1)), ("1e3", .float(1000)), ("6.8523015e+5", .float(685_230.15)),
        ("1E-2", .float(0.01)), (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)),
        ("1e400", .float(.infinity)),
        // Strings: YAML 1.1 forms and near misses.
        ("yes", .string("yes")), ("No", .string("No")), ("on", .string("on")), ("nULL", .string("nULL")),
        ("tRUE", .string("tRUE")), ("0b101", .string("0b101")), ("-0x1", .string("-0x1")), ("0o8", .string("0o8")),
        ("1_000", .string("1_000")), ("1.2.3", .string("1.2.3")), (".", .string(".")), ("+", .string("+")),
        ("e3", .string("e3")), ("1e", .string("1e")), (".nAn", .string(".nAn")), ("-.nan", .string("-.nan")),
        ("12:30", .string("12:30")), ("2001-12-14", .string("2001-12-14")), ("~x", .string("~x")),
    ])
    func coreSchema(text: String, expected: YAMLScalar.Resolved) throws {
        let node = try load("v: \(text)\n")["v"]
        #expect(node?.scalar?.resolved == expected)
        #expect(node?.scalar?.value == text)
    }

    @Test func notANumber() throws {
        for text in [".nan", ".NaN", ".NAN"] {
            guard case let .float(d)? = try load("v: \(text)\n")["v"]?.scalar?.resolved else {
                Issue.record("\(text) is not a float")
                continue
            }
            #expect(d.isNaN)
        }
    }

    @Test func quotedAndBlockScalarsAreStrings() throws {
        let node = try load("a: '12'\nb: \"true\"\nc: |\n  null\nd: >-\n  1.5\n")
        #expect(node["a"]?.scalar?.resolved == .string("12"))
        #expect(node["b"]?.scalar?.resolved == .string("true"))
        #expect(node["c"]?.scalar?.resolved == .string("null\n"))
        #expect(node["d"]?.scalar?.resolved == .string("1.5"))
        #expect(node["d"]?.scalar?.style == .folded)
    }

    @Test func tags() throws {
        let node = try load("""
            a: !!str 12
            b: !!int "12"
            c: !!float 1
            d: !!bool 'true'
            e: !!null ""
            f: ! 12
            g: !custom 12
            h: !custom "12"
            i: !!binary aGVsbG8=
            j: !!map {x: 1}
            k: !!seq [1]

            """)
        #expect(node["a"]?.scalar?.resolved == .string("12"))
        #expect(node["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(node["b"]?.scalar?.resolved == .int(12))
        #expect(node["c"]?.scalar?.resolved == .float(1))
        #expect(node["d"]?.scalar?.resolved == .bool(true))
        #expect(node["e"]?.scalar?.resolved == .null)
        #expect(node["f"]?.scalar?.resolved == .string("12"))
        #expect(node["f"]?.tag == "!")
        // Other tags are kept; the value resolves as an untagged node of its style would.
        #expect(node["g"]?.scalar?.resolved == .int(12))
        #expect(node["g"]?.tag == "!custom")
        #expect(node["h"]?.scalar?.resolved == .string("12"))
        #expect(node["i"]?.scalar?.resolved == .string("aGVsbG8="))
        #expect(node["i"]?.tag == "tag:yaml.org,2002:binary")
        #expect(node["j"]?.tag == "tag:yaml.org,2002:map")
        #expect(node["k"]?.sequence?.count == 1)

        #expect(failure("a: !!int abc\n") == "spec.yaml:1:4: error: tag !!int requires an integer, not 'abc'")
        #expect(failure("a: !!bool yes\n") == "spec.yaml:1:4: error: tag !!bool requires true or false, not 'yes'")
        #expect(failure("a: !!float x1\n") == "spec.yaml:1:4: error: tag !!float requires a number, not 'x1'")
        #expect(failure("a: !!null 0\n") == "spec.yaml:1:4: error: tag !!null requires null, Null, NULL, ~ or nothing, not '0'")
        #expect(failure("a: !!str [1]\n") == "spec.yaml:1:4: error: tag !!str cannot be applied to a sequence")
        #expect(failure("a: !!seq {x: 1}\n") == "spec.yaml:1:4: error: tag !!seq cannot be applied to a mapping")
        #expect(failure("a: !!map x\n") == "spec.yaml:1:4: error: tag !!map cannot be applied to a scalar")
    }

    // MARK: - Hostile input

    static let billionLaughs: String = {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        return text
    }()

    enum Hostile: String, CaseIterable, Sendable {
        case flow200KB = "200 KB of ["
        case flow10MB = "10 MB of ["
        case nestedFlow = "100,000 nested flow sequences"
        case nestedBlock = "100,000 nested block sequences"
        case nestedMappings = "100,000 nested flow mappings"
        case billionLaughs = "billion laughs"

        var bytes: [UInt8] {
            switch self {
            case .flow200KB: return [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
            case .flow10MB: return [UInt8](repeating: UInt8(ascii: "["), count: 10_000_000)
            case .nestedFlow:
                return [UInt8](repeating: UInt8(ascii: "["), count: 100_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000)
            case .nestedBlock: return Array(String(repeating: "- ", count: 100_000).utf8) + [UInt8(ascii: "x")]
            case .nestedMappings: return Array(String(repeating: "{a: ", count: 100_000).utf8)
            case .billionLaughs: return Array(LoaderTests.billionLaughs.utf8)
            }
        }

        var expected: String {
            switch self {
            case .flow200KB, .flow10MB, .nestedFlow: return "spec.yaml:1:257: error: nesting deeper than 256 levels"
            case .nestedBlock: return "spec.yaml:1:513: error: nesting deeper than 256 levels"
            case .nestedMappings: return "spec.yaml:1:1025: error: nesting deeper than 256 levels"
            case .billionLaughs: return "spec.yaml:7:8: error: more than 1000000 nodes, counting every copy an alias makes"
            }
        }
    }

    @Test(arguments: Hostile.allCases)
    func hostileInputStopsEarly(_ input: Hostile) {
        let bytes = input.bytes
        let clock = ContinuousClock()
        var message = ""
        let elapsed = clock.measure { message = failure(bytes: bytes) }
        #expect(message == input.expected)
        #expect(elapsed < .seconds(1), "\(input.rawValue) took \(elapsed)")
        print("\(input.rawValue): \(message) after \(elapsed)")
    }
}
