import ErrgenSpec
import Foundation

/// errgen's own templates, compiled once and rendered straight from typed contexts.
///
/// swift-mustache renders any template, but finds every value through `Any` and dynamic casts,
/// which dominated generation time. This renderer covers what errgen's default templates use
/// (variables, sections, inverted sections, `first()` and `last()`, partials, comments and the
/// content-type pragma) with swift-mustache's rules for standalone lines, and refuses anything
/// else, so such a template is rendered by swift-mustache. `CompiledTemplateTests` renders every
/// default template both ways for many specs and requires the same bytes.
struct CompiledTemplate: Sendable {
    indirect enum Token: Sendable {
        case text(String)
        case variable(String, escaped: Bool)
        case section(Name, inverted: Bool, children: [Token])
        case partial(String)
        case contentType(ContentKind)
    }

    /// A name as a template gives it: a context member, `.` (the current item), or `first()` /
    /// `last()` (the position in the innermost list).
    enum Name: Sendable, Equatable {
        case member(String)
        case current
        case first
        case last
    }

    enum ContentKind: Sendable { case text, html }

    let tokens: [Token]

    /// The compiled template, or `nil` when it uses something this renderer does not cover.
    init?(_ source: String) {
        var parser = Parser(Array(source))
        guard let tokens = try? parser.parse(section: nil, newLine: true) else { return nil }
        self.tokens = tokens
    }

    struct Unsupported: Error {}

    /// Mirrors swift-mustache's parser (Template+Parser.swift) for the features above.
    struct Parser {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { position >= characters.count }
        var current: Character { characters[position] }

        mutating func read(while set: Set<Character>) -> String {
            let start = position
            while !atEnd, set.contains(current) { position += 1 }
            return String(characters[start..<position])
        }

        mutating func read(_ string: String) -> Bool {
            let wanted = Array(string)
            guard position + wanted.count <= characters.count, Array(characters[position..<position + wanted.count]) == wanted else { return false }
            position += wanted.count
            return true
        }

        /// Text up to a newline (not read) or up to and past `{{`.
        mutating func readText() -> String {
            var text = ""
            while !atEnd {
                let character = current
                // As swift-mustache: a line ends at "\n" or "\r\n" only.
                if character == "\n" || character == "\r\n" { break }
                if character == "{", read("{{") { break }
                text.append(character)
                position += 1
            }
            return text
        }

        /// Whether the rest of the line is blank; if so, it is read with its line break.
        mutating func lineFinished() -> Bool {
            if atEnd { return true }
            var probe = self
            _ = probe.read(while: [" ", "\t"])
            if !probe.atEnd, probe.current.isNewline {
                probe.position += 1
                self = probe
                return true
            }
            return false
        }

        static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        static let partialCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

        mutating func tagName(_ characters: Set<Character>) throws -> String {
            _ = read(while: Set(" \t\n"))
            let name = read(while: characters)
            _ = read(while: Set(" \t\n"))
            guard read("}}") else { throw Unsupported() }
            return name
        }

        func name(_ text: String) throws -> Name {
            switch text {
            case ".": return .current
            case "first()": return .first
            case "last()": return .last
            default:
                guard !text.isEmpty, !text.contains("."), !text.contains("("), !text.contains("*") else { throw Unsupported() }
                return .member(text)
            }
        }

        mutating func parse(section: Name?, newLine startsOnNewLine: Bool) throws -> [Token] {
            var tokens: [Token] = []
            var newLine = startsOnNewLine
            var whitespace = ""
            while !atEnd {
                if newLine { whitespace = read(while: [" ", "\t"]) }
                let text = readText()
                if !atEnd, current.isNewline {
                    tokens.append(.text(whitespace + text + String(current)))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    tokens.append(.text(whitespace + text))
                    whitespace = ""
                    newLine = false
                }
                if atEnd { break }
                var nextNewLine = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    position += 1
                    let name = try name(try tagName(Self.nameCharacters))
                    let standalone = newLine && lineFinished()
                    if !standalone, !whitespace.isEmpty {
                        tokens.append(.text(whitespace))
                        whitespace = ""
                    }
                    nextNewLine = standalone
                    let children = try parse(section: name, newLine: standalone)
                    tokens.append(.section(name, inverted: inverted, children: children))
                case "/":
                    position += 1
                    guard let section, try name(try tagName(Self.nameCharacters)) == section else { throw Unsupported() }
                    let standalone = newLine && lineFinished()
                    if !standalone, !whitespace.isEmpty { tokens.append(.text(whitespace)) }
                    return tokens
                case "!":
                    position += 1
                    while !atEnd, !read("}}") { position += 1 }
                    nextNewLine = newLine && lineFinished()
                case "{":
                    if !whitespace.isEmpty {
                        tokens.append(.text(whitespace))
                        whitespace = ""
                    }
                    position += 1
                    let name = try name(try tagName(Self.nameCharacters))
                    guard read("}") else { throw Unsupported() }
                    tokens.append(.variable(try variableName(name), escaped: false))
                case "&":
                    if !whitespace.isEmpty {
                        tokens.append(.text(whitespace))
                        whitespace = ""
                    }
                    position += 1
                    tokens.append(.variable(try variableName(try name(try tagName(Self.nameCharacters))), escaped: false))
                case ">":
                    position += 1
                    _ = read(while: Set(" \t\n"))
                    // Indented partials re-indent every line; errgen's templates have none.
                    guard whitespace.isEmpty else { throw Unsupported() }
                    let name = try tagName(Self.partialCharacters)
                    guard !name.hasPrefix("*") else { throw Unsupported() }
                    nextNewLine = newLine && lineFinished()
                    tokens.append(.partial(name))
                case "%":
                    position += 1
                    let pragma = try tagName(Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:- "))
                    let parts = pragma.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, parts[0] == "CONTENT_TYPE" else { throw Unsupported() }
                    switch parts[1] {
                    case "TEXT": tokens.append(.contentType(.text))
                    case ErrgenHTMLContentType.name: tokens.append(.contentType(.html))
                    default: throw Unsupported()
                    }
                    nextNewLine = newLine && lineFinished()
                case "<", "$", "=":
                    throw Unsupported()
                default:
                    if !whitespace.isEmpty {
                        tokens.append(.text(whitespace))
                        whitespace = ""
                    }
                    tokens.append(.variable(try variableName(try name(try tagName(Self.nameCharacters))), escaped: true))
                }
                newLine = nextNewLine
            }
            guard section == nil else { throw Unsupported() }
            return tokens
        }

        /// The member a variable tag names (`.` is the current item, kept as "."); positions are
        /// only for sections.
        func variableName(_ name: Name) throws -> String {
            switch name {
            case let .member(member): return member
            case .current: return "."
            case .first, .last: throw Unsupported()
            }
        }
    }
}
