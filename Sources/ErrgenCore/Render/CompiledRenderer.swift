import ErrgenSpec

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
        case let .text(text): return text.value
        case let .bool(bool): return bool ? "true" : "false"
        case let .int(int): return String(int)
        case .strings, .contexts, .context: return String(describing: value.mustacheValue)
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
            case let .text(text)?: empty = text.isNull
            case .string?, .int?, .context?: empty = false
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
        case let .text(text)?:
            // An empty text is false, as swift-mustache reads a `ContextText`.
            if !text.isNull { renderChildren(on: .value(.text(text)), at: nil) }
        case let .context(context)?:
            renderChildren(on: .context(context), at: nil)
        case let value?:
            renderChildren(on: .value(value), at: nil)
        }
    }
}
