import ErrgenSpec
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
