import ErrgenSpec
import Mustache

/// A value a template context gives for a name: what errgen's contexts hold.
public enum TemplateValue: Sendable {
    case string(String)
    /// A string of a user's template context: swift-mustache sees a `ContextText`, whose
    /// transforms (`{{javaString(message)}}`) apply and which is false in a section when empty.
    case text(ContextText)
    case bool(Bool)
    case int(Int)
    case strings([String])
    case contexts(TemplateContextList)
    /// One nested context (`{{params.package}}`).
    case context(any TemplateContext)

    public init(_ value: String) { self = .string(value) }
    /// A string of a user's template context.
    public static func text(_ value: String) -> TemplateValue { .text(ContextText(value)) }
    public init(_ value: ContextText) { self = .text(value) }
    public init(_ value: Bool) { self = .bool(value) }
    public init(_ value: Int) { self = .int(value) }
    public init(_ value: [String]) { self = .strings(value) }
    public init<Context: TemplateContext>(_ value: [Context]) { self = .contexts(TemplateContextList(value)) }
    public init<Context: TemplateContext>(_ value: ArraySlice<Context>) { self = .contexts(TemplateContextList(value)) }

    /// The value as swift-mustache sees it.
    var mustacheValue: Any {
        switch self {
        case let .string(value): return value
        case let .text(value): return value
        case let .bool(value): return value
        case let .int(value): return value
        case let .strings(value): return value
        case let .contexts(list): return list.items
        case let .context(context): return context
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

/// A template context: answers each name a template may use with a typed value, for errgen's
/// compiled templates (`value(named:)`) and for swift-mustache, which renders users' templates
/// (`MustacheParent.child(named:)`), never through reflection. A context type lists its names
/// once, in `fields`, each with how its value is read: most read the resolved spec the context
/// wraps, and text escaped for where it goes (`…Markdown`, `…HTML`) is made when a template
/// reads it, not stored.
public protocol TemplateContext: MustacheParent, Sendable {
    /// The names the context answers and how each is read.
    static var fields: ContextFields<Self> { get }
    /// The value of `name`; nil for a name the context does not have.
    func value(named name: String) -> TemplateValue?
}

extension TemplateContext {
    public func value(named name: String) -> TemplateValue? { Self.fields.read(name, of: self) }
    public func child(named name: String) -> Any? { value(named: name)?.mustacheValue }
    /// Every name the context answers, in the order `fields` lists them.
    public static var keys: [String] { fields.names }
}

/// The names of a context type and how each is read, written once per type.
public struct ContextFields<Context>: Sendable {
    public typealias Reader = @Sendable (Context) -> TemplateValue

    /// The names, in the order they are listed.
    public let names: [String]
    private let readers: [String: Reader]

    public init(_ fields: KeyValuePairs<String, Reader>) {
        names = fields.map(\.key)
        readers = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        precondition(readers.count == names.count, "a context lists a name twice")
    }

    func read(_ name: String, of context: Context) -> TemplateValue? { readers[name]?(context) }
}
