import Foundation

/// `items.map(transform)` with the transforms run on every core; results keep the items' order,
/// and the first error (in item order) is thrown.
func parallelMap<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) throws -> Output) throws -> [Output] {
    let results = ResultSlots<Output>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, Result { try transform(items[index]) })
    }
    return try results.values().map { try $0.get() }
}

/// `(0..<count).map(transform)` in chunks of `chunk` indices run on every core, in index order.
func parallelIndices<Output: Sendable>(_ count: Int, chunk: Int = 256, _ transform: @escaping @Sendable (Int) -> Output) -> [Output] {
    let starts = Array(stride(from: 0, to: count, by: chunk))
    let chunks = (try? parallelMap(starts) { start in (start..<min(count, start + chunk)).map(transform) }) ?? []
    return chunks.flatMap { $0 }
}

/// Slots written once each from concurrent work, read after all of it has finished.
private final class ResultSlots<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Output, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Output, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() -> [Result<Output, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
