/// Line diffs for people: which lines of a file changed, in unified form with context.
public enum LineDiff {
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// A unified diff from `old` to `new` with three lines of context; empty when equal.
    public static func unified(old: String, new: String, oldName: String = "expected", newName: String = "actual", context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old), b = lines(new)
        let edits = diff(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group edits into hunks with `context` unchanged lines around each change.
        var index = 0
        var oldLine = 1, newLine = 1
        var positions: [(old: Int, new: Int)] = []
        for edit in edits {
            positions.append((oldLine, newLine))
            switch edit {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var sameRun = 0
            var cursor = firstChange
            while cursor < edits.count {
                if case .same = edits[cursor] {
                    sameRun += 1
                    if sameRun > 2 * context { break }
                } else {
                    sameRun = 0
                    end = cursor
                }
                cursor += 1
            }
            let stop = min(edits.count, end + context + 1)
            let hunk = edits[start..<stop]
            let oldCount = hunk.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = hunk.filter { if case .removed = $0 { return false } else { return true } }.count
            out += "@@ -\(positions[start].old),\(oldCount) +\(positions[start].new),\(newCount) @@\n"
            for edit in hunk {
                switch edit {
                case let .same(l): out += " \(l)\n"
                case let .removed(l): out += "-\(l)\n"
                case let .added(l): out += "+\(l)\n"
                }
            }
            index = stop
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() } else if !text.isEmpty { result[result.count - 1] += "\\ (no newline at end)" }
        return result
    }

    /// Myers' O(ND) shortest edit script.
    static func diff(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        let max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) {
                    x = v[max + k + 1]
                } else {
                    x = v[max + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[max + k] = x
                if x >= n, y >= m { trace.append(v); break outer }
            }
        }
        // Walk back through the trace.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 2, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK: Int
            if k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) {
                prevK = k + 1
            } else {
                prevK = k - 1
            }
            let prevX = v[max + prevK]
            let prevY = prevX - prevK
            while x > prevX, y > prevY {
                edits.append(.same(a[x - 1])); x -= 1; y -= 1
            }
            if d > 0 {
                if x == prevX { edits.append(.added(b[y - 1])); y -= 1 } else { edits.append(.removed(a[x - 1])); x -= 1 }
            }
        }
        while x > 0, y > 0 { edits.append(.same(a[x - 1])); x -= 1; y -= 1 }
        return edits.reversed()
    }
}
