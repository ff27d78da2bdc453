/// The route errgen's conformance runner (`python -m errgen_conformance`) raises errors through:
/// `GET` or `HEAD` `/errgen/<catalog>/<code>?<name>=<value>&…`, the catalog's name and the wire
/// code each one percent-encoded path segment, the query each parameter's value in its text form
/// (`true`, `42`, `2.5`; a list's name repeated for each item; an optional parameter without a
/// value left out). A service offers it in its test configuration only, never in production:
/// the framework integrations add it in one line (`router.addConformanceRoute(for: NotesError.self)`
/// with Hummingbird, `app.addConformanceRoute(for: NotesError.self)` with Vapor), and this type is
/// what they share, for any other framework.
public enum ConformanceRoute {
    /// The route's path, its two parameters after it: `/errgen/<catalog>/<code>`.
    public static let prefix = "errgen"

    /// What the route answers with.
    public enum Outcome: Sendable {
        /// The error to throw, as the service throws its own (its middleware answers it).
        case error(any CatalogError)
        /// No catalog of those offered has this name, or it has no error of this wire code: 404.
        case notFound
        /// The query does not give every parameter of the error a value of its type: 400, with
        /// this reason.
        case badQuery(String)
    }

    /// The outcome of a request to the route.
    ///
    /// - Parameters:
    ///   - catalog: the `<catalog>` segment as the path carries it, percent-encoded.
    ///   - code: the `<code>` segment as the path carries it, percent-encoded.
    ///   - query: the request's query as it is sent (`name=value&…`, percent-encoded, `+` a
    ///     space), or nil without one.
    ///   - catalogs: the catalogs the route raises errors of.
    public static func outcome(catalog: String, code: String, query: String?, among catalogs: [any CatalogError.Type]) -> Outcome {
        guard let name = percentDecoded(catalog), let wireCode = percentDecoded(code),
            let type = catalogs.first(where: { $0.catalog.name == name })
        else { return .notFound }
        guard let items = queryItems(query ?? "") else { return .badQuery("The query has an escape that is not %XX of UTF-8.") }
        return outcome(wireCode: wireCode, query: items, as: type)
    }

    /// The items of a query (`a=1&b=x%20y`), names and values percent-decoded (`+` is a space);
    /// nil when an escape is malformed.
    public static func queryItems(_ query: String) -> [(name: String, value: String)]? {
        var items: [(name: String, value: String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let plus = { (text: Substring) in String(text).replacingPluses() }
            guard let name = percentDecoded(plus(parts[0])), let value = percentDecoded(parts.count > 1 ? plus(parts[1]) : "") else { return nil }
            items.append((name, value))
        }
        return items
    }

    static func outcome<E: CatalogError>(wireCode: String, query: some Sequence<(name: String, value: String)>, as type: E.Type) -> Outcome {
        guard let code = E.Code(wireCode: wireCode) else { return .notFound }
        guard let error = E(code: code, arguments: ArgumentList(query: query, for: code.entry)) else {
            return .badQuery("The query does not give every parameter of \(wireCode) a value of its type.")
        }
        return .error(error)
    }

    /// A path segment with its `%XX` escapes decoded; nil when an escape is malformed or the
    /// bytes are not UTF-8.
    public static func percentDecoded(_ segment: String) -> String? {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return segment }
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        var decoded = String()
        var decoder = UTF8()
        var input = bytes.makeIterator()
        while true {
            switch decoder.decode(&input) {
            case let .scalarValue(scalar): decoded.unicodeScalars.append(scalar)
            case .emptyInput: return decoded
            case .error: return nil
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// The string with each `+` a space, as a query writes one.
    fileprivate func replacingPluses() -> String {
        guard utf8.contains(UInt8(ascii: "+")) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "+" ? " " : $0 }))
    }
}
