import Foundation

/// `items.map(transform)` with the transforms run on every core; results keep the items' order,
/// and the first error (in item order) is thrown.
package func parallelMap<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) throws -> Output) throws -> [Output] {
    let results = ResultSlots<Output>(count: items.count)
    concurrentForEach(items.count) { index in
        results.set(index, Result { try transform(items[index]) })
    }
    return try results.values().map { try $0.get() }
}

/// `(0..<count).map(transform)` in chunks of `chunk` indices run on every core, in index order.
/// Each result is put straight into its place in the array (no copies of large values).
package func parallelIndices<Output: Sendable>(_ count: Int, chunk: Int = 256, _ transform: @escaping @Sendable (Int) -> Output) -> [Output] {
    guard count > 0 else { return [] }
    return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
        initialize(buffer.baseAddress!, count: count, chunk: chunk, transform)
        initialized = count
    }
}

/// Initializes `count` values at `start` with `transform` of their index, in chunks run on every core.
private func initialize<Output: Sendable>(
    _ start: UnsafeMutablePointer<Output>, count: Int, chunk: Int, _ transform: @escaping @Sendable (Int) -> Output
) {
    let base = SendablePointer(pointer: start)
    concurrentForEach((count + chunk - 1) / chunk) { index in
        let first = index * chunk
        for i in first..<min(count, first + chunk) { (base.pointer + i).initialize(to: transform(i)) }
    }
}

/// Runs `body` once for each index of `0..<count`, in index order of starting, on the calling
/// thread and on whichever other threads of the machine are free, and returns when every call has
/// returned.
///
/// Unlike `DispatchQueue.concurrentPerform`, which runs a call made inside another one on the
/// calling thread alone (its width is fixed when it starts), a thread that becomes free at any time
/// joins whatever work is left: a page's HTML, rendered beside its Markdown inside the docs job,
/// takes up the core the fixtures job leaves when it ends. The caller always works too, so nested calls never
/// wait for a thread to be free.
package func concurrentForEach(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    let work = SharedWork(count: count, body: body)
    for _ in 1..<min(count, ProcessInfo.processInfo.activeProcessorCount) {
        DispatchQueue.global().async { work.run() }
    }
    work.run()
    work.waitUntilDone()
}

/// The indices of one `concurrentForEach`, handed out in order to every thread that asks. A helper
/// that starts after every index was handed out finds nothing to do; `body` is only called for an
/// index handed out, and the caller waits for each of those calls to return.
private final class SharedWork: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let body: @Sendable (Int) -> Void
    private var next = 0
    private var finished = 0

    init(count: Int, body: @escaping @Sendable (Int) -> Void) {
        self.count = count
        self.body = body
    }

    func run() {
        while let index = claim() {
            body(index)
            condition.lock()
            finished += 1
            if finished == count { condition.broadcast() }
            condition.unlock()
        }
    }

    func waitUntilDone() {
        condition.lock()
        while finished < count { condition.wait() }
        condition.unlock()
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
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
