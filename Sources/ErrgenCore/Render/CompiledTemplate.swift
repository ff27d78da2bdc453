import Foundation
import Mustache

/// A value a template context gives for a name: what errgen's contexts hold.
public enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case strings([String])
    case contexts(TemplateContextList)

    public init(_ value: String) { self = .string(value) }
    public init(_ value: Bool) { self = .bool(value) }
    public init(_ value: Int) { self = .int(value) }
    public init(_ value: [String]) { self = .strings(value) }
    public init<Context: TemplateContext>(_ value: [Context]) { self = .contexts(TemplateContextList(value)) }
    public init<Context: TemplateContext>(_ value: ArraySlice<Context>) { self = .contexts(TemplateContextList(value)) }

    /// The value as swift-mustache sees it.
    var mustacheValue: Any {
        switch self {
        case let .string(value): return value
        case let .bool(value): return value
        case let .int(value): return value
        case let .strings(value): return value
        case let .contexts(list): return list.items
        }
    }
}

/// A list of contexts of one type, kept as its array: an item is read in place, never copied into
/// a box of its own.
public struct TemplateContextList: Sendable {
    public let count: Int
    private let array: @Sendable () -> Any
    private let valueAt: @Sendable (Int, String) -> TemplateValue?

    public init<Context: TemplateContext>(_ items: [Context]) {
        self.init(items[...])
    }

    public init<Context: TemplateContext>(_ items: ArraySlice<Context>) {
        count = items.count
        array = { Array(items) }
        // Through the buffer, the item is read where it is, not copied out of the array first.
        valueAt = { index, name in items.withUnsafeBufferPointer { $0[index].value(named: name) } }
    }

    /// The items as an array, for swift-mustache.
    var items: Any { array() }

    /// `value(named:)` of the item at `index`.
    public func value(at index: Int, named name: String) -> TemplateValue? { valueAt(index, name) }
}

/// A template context: answers each name a template may use with a typed value. Every context
/// also serves swift-mustache (for templates a user supplies) through `MustacheParent`.
public protocol TemplateContext: MustacheParent, Sendable {
    func value(named name: String) -> TemplateValue?
}

extension TemplateContext {
    public func child(named name: String) -> Any? { value(named: name)?.mustacheValue }
}

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

/// Renders compiled templates.
struct CompiledRenderer: Sendable {
    let templates: [String: CompiledTemplate]

    /// What a section or variable can stand on: a context, an item of a list of contexts, or a
    /// plain value (a string of a list).
    enum Item: Sendable {
        case context(any TemplateContext)
        case element(TemplateContextList, Int)
        case value(TemplateValue)
    }

    struct Position: Sendable {
        var first: Bool
        var last: Bool
    }

    /// Sections push onto the stack and pop when done; what they change of the position and
    /// content type is put back.
    struct State: Sendable {
        var stack: [Item]
        var position: Position?
        var kind: CompiledTemplate.ContentKind
    }

    func render(_ name: String, _ context: any TemplateContext) -> String? {
        renderBytes(name, context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The template rendered as UTF-8 bytes, which are cheaper to append to than a string (and
    /// are what an output file holds).
    func renderBytes(_ name: String, _ context: any TemplateContext) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        var state = State(stack: [.context(context)], position: nil, kind: .html)
        state.stack.reserveCapacity(8)
        render(template.tokens, state: &state, to: &out)
        return out
    }

    func lookup(_ name: String, in stack: [Item]) -> TemplateValue? {
        var index = stack.count - 1
        while index >= 0 {
            switch stack[index] {
            case let .context(context):
                if let value = context.value(named: name) { return value }
            case let .element(list, position):
                if let value = list.value(at: position, named: name) { return value }
            case .value:
                break
            }
            index -= 1
        }
        return nil
    }

    func text(of value: TemplateValue) -> String {
        switch value {
        case let .string(string): return string
        case let .bool(bool): return bool ? "true" : "false"
        case let .int(int): return String(int)
        case .strings, .contexts: return String(describing: value.mustacheValue)
        }
    }

    /// The current item when it is a plain value.
    func current(_ stack: [Item]) -> TemplateValue? {
        if case let .value(item)? = stack.last { return item }
        return nil
    }

    func render(_ tokens: [CompiledTemplate.Token], state: inout State, to out: inout [UInt8]) {
        for token in tokens {
            switch token {
            case let .text(text):
                out.append(contentsOf: text.utf8)
            case let .variable(name, escaped):
                guard let value = name == "." ? current(state.stack) : lookup(name, in: state.stack) else { continue }
                let text = text(of: value)
                if escaped && state.kind == .html { HTML.escape(text, to: &out) } else { out.append(contentsOf: text.utf8) }
            case let .section(name, inverted, children):
                section(name, inverted: inverted, children: children, state: &state, to: &out)
            case let .partial(name):
                guard let partial = templates[name] else { continue }
                // A partial starts without a list position and with HTML escaping, as in swift-mustache.
                let (position, kind) = (state.position, state.kind)
                (state.position, state.kind) = (nil, .html)
                render(partial.tokens, state: &state, to: &out)
                (state.position, state.kind) = (position, kind)
            case let .contentType(kind):
                state.kind = kind
            }
        }
    }

    func section(_ name: CompiledTemplate.Name, inverted: Bool, children: [CompiledTemplate.Token], state: inout State, to out: inout [UInt8]) {
        let value: TemplateValue?
        switch name {
        case let .member(member): value = lookup(member, in: state.stack)
        case .current: value = current(state.stack)
        case .first: value = state.position.map { .bool($0.first) }
        case .last: value = state.position.map { .bool($0.last) }
        }
        let position = state.position
        // Renders the children once, on `item` if there is one and at `itemPosition`, then puts
        // the stack, position and content type back as they were.
        func renderChildren(on item: Item?, at itemPosition: Position?) {
            let kind = state.kind
            if let item { state.stack.append(item) }
            state.position = itemPosition
            render(children, state: &state, to: &out)
            if item != nil { state.stack.removeLast() }
            (state.position, state.kind) = (position, kind)
        }
        if inverted {
            let empty: Bool
            switch value {
            case nil: empty = true
            case let .bool(bool)?: empty = !bool
            case let .strings(items)?: empty = items.isEmpty
            case let .contexts(items)?: empty = items.count == 0
            case .string?, .int?: empty = false
            }
            if empty { renderChildren(on: nil, at: position) }
            return
        }
        switch value {
        case nil:
            return
        case let .bool(bool)?:
            if bool { renderChildren(on: nil, at: position) }
        case let .strings(items)?:
            for (index, item) in items.enumerated() {
                renderChildren(on: .value(.string(item)), at: Position(first: index == 0, last: index == items.count - 1))
            }
        case let .contexts(list)?:
            for index in 0..<list.count {
                renderChildren(on: .element(list, index), at: Position(first: index == 0, last: index == list.count - 1))
            }
        case let value?:
            renderChildren(on: .value(value), at: nil)
        }
    }
}
