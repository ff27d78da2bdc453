import CYAML
import Foundation

/// libyaml's events for a large input, parsed on a thread of their own while the session builds
/// the tree from the ones before: at 10,000 errors parsing takes about two thirds as long as
/// building the tree, and the two now run at once.
///
/// The parser fills batches of `batchSize` events and runs at most `batchCount` batches ahead of
/// the session, so a limit the session enforces stops it within 3,072 events (a few milliseconds,
/// even in 200 KB of `[`). The session reads the events in order, exactly as it would
/// read them from the parser itself, deletes each one it reads, and hands a batch back when it
/// has read it all. A parse error ends the last batch; the parser is then left alone, so the
/// session reads the error from it as before.
final class EventPipe: @unchecked Sendable {
    static let batchSize = 1_024
    static let batchCount = 3

    private struct Batch {
        var index: Int
        var count: Int
        /// Whether libyaml failed after the batch's last event.
        var failed: Bool
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let events: UnsafeMutablePointer<yaml_event_t>
    private let condition = NSCondition()
    // Shared, under `condition`.
    private var free = Array(0..<EventPipe.batchCount)
    private var filled: [Batch] = []
    private var closing = false
    private var parserDone = false
    // The session's own.
    private var current: Batch?
    private var position = 0

    init(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
        events = .allocate(capacity: Self.batchSize * Self.batchCount)
        let thread = Thread { [self] in parse() }
        thread.name = "errgen YAML parser"
        thread.start()
    }

    private func slot(_ batch: Int, _ index: Int) -> UnsafeMutablePointer<yaml_event_t> {
        events + batch * Self.batchSize + index
    }

    /// The parser's thread: fills free batches until the stream ends, libyaml fails, or the
    /// session closes the pipe.
    private func parse() {
        while true {
            condition.lock()
            while free.isEmpty, !closing { condition.wait() }
            guard !closing else {
                parserDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var batch = Batch(index: free.removeFirst(), count: 0, failed: false)
            condition.unlock()
            var ended = false
            while batch.count < Self.batchSize {
                let event = slot(batch.index, batch.count)
                guard yaml_parser_parse(parser, event) != 0 else {
                    batch.failed = true
                    break
                }
                batch.count += 1
                if event.pointee.type == YAML_STREAM_END_EVENT {
                    ended = true
                    break
                }
            }
            condition.lock()
            // The session may have closed the pipe while the batch was being parsed.
            let done = closing || ended || batch.failed
            if closing {
                for i in 0..<batch.count { yaml_event_delete(slot(batch.index, i)) }
            } else {
                filled.append(batch)
            }
            parserDone = done
            condition.broadcast()
            condition.unlock()
            if done { return }
        }
    }

    /// The next event, or nil when libyaml failed before it.
    func next() -> UnsafeMutablePointer<yaml_event_t>? {
        while true {
            if let batch = current {
                if position < batch.count {
                    position += 1
                    return slot(batch.index, position - 1)
                }
                if batch.failed { return nil }
                condition.lock()
                free.append(batch.index)
                condition.broadcast()
                current = nil
            } else {
                condition.lock()
            }
            while filled.isEmpty { condition.wait() }
            current = filled.removeFirst()
            position = 0
            condition.unlock()
        }
    }

    /// Stops the parser's thread and deletes the events the session did not read.
    func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        while !parserDone { condition.wait() }
        condition.unlock()
        if let batch = current {
            for i in position..<batch.count { yaml_event_delete(slot(batch.index, i)) }
        }
        for batch in filled {
            for i in 0..<batch.count { yaml_event_delete(slot(batch.index, i)) }
        }
        events.deallocate()
    }
}
