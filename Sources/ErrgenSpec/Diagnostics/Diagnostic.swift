/// A position in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One finding about an input: where, how bad, and what is wrong.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var message: String
    /// The file the finding is about, as the user named it.
    public var file: String
    /// Where in `file`; `nil` when the finding is about the file as a whole.
    public var location: SourceLocation?

    public init(_ severity: Severity, _ message: String, file: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = Self.printable(message)
        self.file = file
        self.location = location
    }

    /// A message as one bounded line, whatever a spec's names hold: control characters written
    /// as escapes (`\n`, `\u{0}`), a quoted name (`'…'` opened after a space or parenthesis, so
    /// an apostrophe is not a quote) longer than 60 characters shortened in the middle, and the
    /// whole at most 1,000 characters.
    package static func printable(_ message: String) -> String {
        let scalars = Array(message.unicodeScalars)
        if scalars.count <= 120, !scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return message }
        var out = String.UnicodeScalarView()
        var quoted: [Unicode.Scalar] = []
        var inQuote = false
        func flushQuoted() {
            if quoted.count > 60 { quoted = Array(quoted.prefix(30)) + ["…"] + Array(quoted.suffix(29)) }
            out.append(contentsOf: quoted)
            quoted = []
        }
        for (index, scalar) in scalars.enumerated() {
            if scalar == "'" {
                let before = index > 0 ? scalars[index - 1] : " "
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                if !inQuote, before.properties.isWhitespace || "([{".unicodeScalars.contains(before) {
                    inQuote = true
                    out.append(scalar)
                    continue
                }
                if inQuote, after.properties.isWhitespace || ";,.:?)]}".unicodeScalars.contains(after) {
                    inQuote = false
                    flushQuoted()
                    out.append(scalar)
                    continue
                }
            }
            let text: String
            switch scalar {
            case "\n": text = "\\n"
            case "\r": text = "\\r"
            case "\t": text = "\\t"
            default: text = scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            }
            if inQuote { quoted.append(contentsOf: text.unicodeScalars) } else { out.append(contentsOf: text.unicodeScalars) }
        }
        flushQuoted()
        if out.count > 1_000 { return String(String.UnicodeScalarView(out.prefix(999))) + "…" }
        return String(out)
    }

    public static func error(_ message: String, file: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.error, message, file: file, at: location)
    }

    public static func warning(_ message: String, file: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.warning, message, file: file, at: location)
    }

    /// `path:line:column: error: message`, the form compilers, SwiftPM and editors understand.
    public var description: String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Ordered by file, then position (a file-level finding first), then severity, then text.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        switch (lhs.location, rhs.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (l?, r?) where l != r: return l < r
        default: break
        }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.message < rhs.message
    }
}

/// Gathers diagnostics while a stage runs, so one run reports every problem it can find.
public struct DiagnosticCollector: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public mutating func error(_ message: String, file: String, at location: SourceLocation?) {
        diagnostics.append(.error(message, file: file, at: location))
    }

    public mutating func warning(_ message: String, file: String, at location: SourceLocation?) {
        diagnostics.append(.warning(message, file: file, at: location))
    }

    /// Every diagnostic in position order, without repeats.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sorted().filter { seen.insert($0).inserted }
    }
}

/// Thrown by a stage that cannot go on; carries everything found so far.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
