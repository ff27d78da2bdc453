@testable import ErrgenCore
@testable import ErrgenSpec
@testable import ErrgenSwift
import Foundation
import Testing

/// The helpers every parallel stage runs on: each index exactly once, results in order, the first
/// error in item order, and calls nested in one another (a docs job rendering its page's Markdown
/// and HTML at once, inside the jobs' own parallel loop) finishing whatever threads are free.
@Suite struct ParallelTests {
    /// Counts, under a lock, how often each index ran.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(_ count: Int) { counts = Array(repeating: 0, count: count) }
        func hit(_ index: Int) {
            lock.lock()
            counts[index] += 1
            lock.unlock()
        }
        var all: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return counts
        }
    }

    @Test(arguments: [0, 1, 2, 3, 64, 1_000])
    func everyIndexRunsExactlyOnce(_ count: Int) {
        let tally = Tally(count)
        concurrentForEach(count) { tally.hit($0) }
        #expect(tally.all == Array(repeating: 1, count: count))
    }

    @Test func nestedCallsFinishAndKeepTheirOrder() throws {
        // Three levels, as the generator nests them: jobs → a page's chunks → a list's chunks.
        let outer = try parallelMap(Array(0..<5)) { job in
            try parallelMap(Array(0..<7)) { chunk in
                parallelIndices(300, chunk: 16) { job * 10_000 + chunk * 1_000 + $0 }
            }
        }
        for job in 0..<5 {
            for chunk in 0..<7 {
                #expect(outer[job][chunk] == (0..<300).map { job * 10_000 + chunk * 1_000 + $0 })
            }
        }
    }

    @Test func theFirstErrorInItemOrderIsThrown() {
        struct Failure: Error, Equatable { let index: Int }
        #expect(throws: Failure(index: 3)) {
            try parallelMap(Array(0..<50)) { index in
                if index == 3 || index == 40 { throw Failure(index: index) }
                return index
            }
        }
    }
}
