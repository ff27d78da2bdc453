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
/// Each result is put straight into its place in the array (no copies of large values).
func parallelIndices<Output: Sendable>(_ count: Int, chunk: Int = 256, _ transform: @escaping @Sendable (Int) -> Output) -> [Output] {
    guard count > 0 else { return [] }
    return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
        initialize(buffer.baseAddress!, count: count, chunk: chunk, transform)
        initialized = count
    }
}

/// `parallelIndices`, with each result then moved, in index order, into `take`.
func parallelIndices<Output: Sendable>(
    _ count: Int, chunk: Int = 256, _ transform: @escaping @Sendable (Int) -> Output, take: (consuming Output) -> Void
) {
    guard count > 0 else { return }
    let results = UnsafeMutablePointer<Output>.allocate(capacity: count)
    defer { results.deallocate() }
    initialize(results, count: count, chunk: chunk, transform)
    for i in 0..<count { take((results + i).move()) }
}

/// Initializes `count` values at `start` with `transform` of their index, in chunks run on every core.
private func initialize<Output: Sendable>(
    _ start: UnsafeMutablePointer<Output>, count: Int, chunk: Int, _ transform: @escaping @Sendable (Int) -> Output
) {
    let base = SendablePointer(pointer: start)
    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { index in
        let first = index * chunk
        for i in first..<min(count, first + chunk) { (base.pointer + i).initialize(to: transform(i)) }
    }
}

/// Memory that concurrent work writes at distinct indices, each exactly once.
private struct SendablePointer<Pointee>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Pointee>
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
