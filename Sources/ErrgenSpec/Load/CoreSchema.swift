/// The YAML 1.2 core schema (YAML 1.2.2, section 10.3): which plain scalars are null, booleans,
/// integers and floats. Works on the scalar's UTF-8 bytes; only a float builds a `String` to parse.
///
/// | tag      | forms |
/// |----------|-------|
/// | `!!null` | `null` `Null` `NULL` `~` and the empty scalar |
/// | `!!bool` | `true` `True` `TRUE` `false` `False` `FALSE` |
/// | `!!int`  | `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` |
/// | `!!float`| `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)` |
///
/// Anything else is a string. An integer form whose value does not fit in `Int` is reported as
/// ``IntMatch/outOfRange``; a float form too large for `Double` becomes ±infinity, as IEEE 754
/// rounding says.
enum CoreSchema {
    enum IntMatch: Equatable {
        case notAnInt
        case value(Int)
        case outOfRange
    }

    static func isNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 0: return true
        case 1: return b[0] == UInt8(ascii: "~")
        case 4: return matches(b, "null", "Null", "NULL")
        default: return false
        }
    }

    package static func bool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch b.count {
        case 4: return matches(b, "true", "True", "TRUE") ? true : nil
        case 5: return matches(b, "false", "False", "FALSE") ? false : nil
        default: return nil
        }
    }

    package static func int(_ b: UnsafeBufferPointer<UInt8>) -> IntMatch {
        guard let first = b.first else { return .notAnInt }
        if b.count > 2, first == UInt8(ascii: "0") {
            if b[1] == UInt8(ascii: "o") { return unsignedInt(b, from: 2, radix: 8) }
            if b[1] == UInt8(ascii: "x") { return unsignedInt(b, from: 2, radix: 16) }
        }
        var i = 0
        var negative = false
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        guard i < b.count else { return .notAnInt }
        // Accumulate towards the sign so that Int.min parses.
        var value = 0
        var overflow = false
        while i < b.count {
            let d = Int(b[i]) - 48
            guard d >= 0, d <= 9 else { return .notAnInt }
            if !overflow {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                if o1 || o2 { overflow = true } else { value = s }
            }
            i += 1
        }
        return overflow ? .outOfRange : .value(value)
    }

    private static func unsignedInt(_ b: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int) -> IntMatch {
        var value = 0
        var overflow = false
        for i in start..<b.count {
            guard let d = digit(b[i], radix: radix) else { return .notAnInt }
            if !overflow {
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { overflow = true } else { value = s }
            }
        }
        return overflow ? .outOfRange : .value(value)
    }

    private static func digit(_ c: UInt8, radix: Int) -> Int? {
        let d: Int
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c) - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(c) - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(c) - 55
        default: return nil
        }
        return d < radix ? d : nil
    }

    /// A float form, including the decimal integer forms (`!!float 1` is 1.0).
    static func float(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let first = b.first else { return nil }
        var i = 0
        var negative = false
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        // .inf / .nan
        if b.count - i == 4, b[i] == UInt8(ascii: ".") {
            let rest = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            if matches(rest, "inf", "Inf", "INF") { return negative ? -.infinity : .infinity }
            if i == 0, matches(rest, "nan", "NaN", "NAN") { return .nan }
        }
        // [0-9]* ( . [0-9]* )? with at least one digit, and "." followed by a digit when no digit precedes it.
        var intDigits = 0
        while i < b.count, isDigit(b[i]) { i += 1; intDigits += 1 }
        var fracDigits = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; fracDigits += 1 }
        }
        guard intDigits + fracDigits > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < b.count, isDigit(b[i]) { i += 1; expDigits += 1 }
            guard expDigits > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        return Double(String(decoding: b, as: UTF8.self))
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    private static func matches(
        _ b: UnsafeBufferPointer<UInt8>, _ f1: StaticString, _ f2: StaticString, _ f3: StaticString
    ) -> Bool {
        equal(b, f1) || equal(b, f2) || equal(b, f3)
    }

    private static func equal(_ b: UnsafeBufferPointer<UInt8>, _ form: StaticString) -> Bool {
        guard form.utf8CodeUnitCount == b.count else { return false }
        let f = form.utf8Start
        for i in 0..<b.count where f[i] != b[i] { return false }
        return true
    }
}
