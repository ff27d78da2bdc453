import ErrgenRuntime
import ErrgenSpec

/// The diff as text lines, JSON and a Markdown changelog section: what `errgen diff` prints in
/// each `--format`. The JSON is `schemas/errgen-diff.schema.json`'s, a change an object per line
/// so that a log or `grep` shows one change whole.
public enum DiffReport {
    static func position(_ change: SpecDiff.Change, old: String, new: String) -> String {
        let file = change.inOld ? old : new
        guard let location = change.location else { return file }
        return "\(file):\(location.line):\(location.column)"
    }

    static func severity(_ change: SpecDiff.Change, allowed: Set<String>) -> String {
        change.severity == .breaking ? (allowed.contains(change.kind) ? "breaking (allowed)" : "breaking") : "compatible"
    }

    /// Grouped by catalog (in order of appearance), breaking first within each.
    static func grouped(_ diff: SpecDiff) -> [(catalog: String, changes: [SpecDiff.Change])] {
        var order: [String] = []
        var byCatalog: [String: [SpecDiff.Change]] = [:]
        for change in diff.changes {
            if byCatalog[change.catalog] == nil { order.append(change.catalog) }
            byCatalog[change.catalog, default: []].append(change)
        }
        return order.map { catalog in
            let changes = byCatalog[catalog]!.enumerated().sorted {
                $0.element.severity != $1.element.severity ? $0.element.severity < $1.element.severity : $0.offset < $1.offset
            }.map(\.element)
            return (catalog, changes)
        }
    }

    public static func lines(_ diff: SpecDiff, old: String, new: String, allowed: Set<String>) -> [String] {
        var out: [String] = []
        for (_, changes) in grouped(diff) {
            for change in changes {
                out.append("\(position(change, old: old, new: new)): \(severity(change, allowed: allowed)): \(change.dimension.rawValue): \(change.kind): \(Diagnostic.printable(change.summary))")
            }
        }
        let breaking = diff.changes.filter { $0.severity == .breaking }.count
        out.append("errgen: \(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s"), \(breaking) breaking; suggested version bump: \(diff.bump.rawValue)")
        return out
    }

    public static func json(_ diff: SpecDiff, old: String, new: String, allowed: Set<String>) -> String {
        // Strings escaped as every JSON errgen writes escapes them (`WireBody.appendJSONString`).
        func string(_ text: String?) -> String {
            guard let text else { return "null" }
            var out = ""
            WireBody.appendJSONString(text, to: &out)
            return out
        }
        var out = "{\n  \"bump\": \(string(diff.bump.rawValue)),\n  \"changes\": ["
        for (index, change) in grouped(diff).flatMap(\.changes).enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let location = change.location
            out += "    {\"allowed\": \(change.severity == .breaking && allowed.contains(change.kind)), \"catalog\": \(string(change.catalog)), "
            out += "\"code\": \(string(change.code)), \"column\": \(location.map { String($0.column) } ?? "null"), "
            out += "\"dimension\": \(string(change.dimension.rawValue)), \"file\": \(string(change.inOld ? old : new)), "
            out += "\"kind\": \(string(change.kind)), \"line\": \(location.map { String($0.line) } ?? "null"), \"new\": \(string(change.new)), "
            out += "\"old\": \(string(change.old)), \"severity\": \(string(change.severity.rawValue)), \"summary\": \(string(change.summary))}"
        }
        out += diff.changes.isEmpty ? "]\n}" : "\n  ]\n}"
        return out
    }

    public static func markdown(_ diff: SpecDiff, allowed: Set<String>) -> String {
        var out = "## Error catalog changes\n\nSuggested version bump: **\(diff.bump.rawValue)**.\n"
        if diff.changes.isEmpty { return out + "\nNo changes.\n" }
        for (catalog, changes) in grouped(diff) {
            out += "\n### \(Markdown.text(catalog))\n\n"
            for change in changes {
                let label = change.severity == .breaking ? (allowed.contains(change.kind) ? "Breaking (allowed)" : "Breaking") : "Compatible"
                let dimension = change.dimension == .wire ? "wire" : "Swift API"
                out += "- **\(label)**, \(dimension): \(Markdown.text(change.summary))\n"
            }
        }
        return out
    }
}
