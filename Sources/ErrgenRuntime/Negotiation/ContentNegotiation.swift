/// Proactive negotiation of the response's media type from the request's `Accept` fields
/// (RFC 9110 §12.5.1, with the quality values of §12.4.2).
///
/// Every offered media type gets the weight of the most specific range that matches it (see
/// `MediaRange.Specificity`; between equally specific ranges, the higher weight), or 0 when none
/// does. The offered type with the highest weight wins; ties go to the type matched by the more
/// specific range, then to the one offered first. A weight of 0 means "not acceptable".
///
/// With RFC 9110's example, `text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed,
/// text/plain;format=fixed;q=0.4, */*;q=0.5`, `text/plain;format=flowed` weighs 1,
/// `text/plain` 0.7, `text/html` 0.3, `image/jpeg` 0.5 and `text/plain;format=fixed` 0.4.
///
/// Malformed elements are skipped and the rest of the list still counts; see
/// `MediaRange.parseList(_:)` for that choice and for the cap on the number of elements.
public enum ContentNegotiation {
    /// What to answer with.
    public enum Outcome: Sendable, Hashable {
        /// The index into `offered` of the representation to send.
        case chosen(Int)
        /// An Accept header was given and excludes every offered media type.
        case notAcceptable
    }

    /// Picks the representation to send.
    ///
    /// - Parameters:
    ///   - accept: the values of every Accept field of the request, in order (several fields are
    ///     one comma-separated list); empty when there is none.
    ///   - offered: the media types the server can send, in its order of preference, e.g.
    ///     `["text/plain; charset=utf-8", "application/json"]`; never empty. A type that does not
    ///     parse as a media type is never matched by a range, though it can still be the default.
    ///   - defaultIndex: what to send when the client states no usable preference: no Accept
    ///     field, only empty ones, or none with a single element that parses. Must be an index of
    ///     `offered`.
    /// - Returns: `.chosen` with the index of the offered type of highest weight, or
    ///   `.notAcceptable` when every offered type weighs 0 (excluded by `q=0` or matched by no
    ///   range).
    public static func negotiate(accept: [String], offered: [String], defaultIndex: Int = 0) -> Outcome {
        precondition(offered.indices.contains(defaultIndex), "defaultIndex must be an index of offered")
        let ranges = MediaRange.parseList(accept)
        guard !ranges.isEmpty else { return .chosen(defaultIndex) }

        var best: (index: Int, weight: Int, specificity: MediaRange.Specificity)?
        for (index, text) in offered.enumerated() {
            guard let mediaType = MediaRange.mediaType(text),
                let decision = decidingRange(for: mediaType, among: ranges), decision.weight > 0
            else { continue }
            if let current = best {
                guard decision.weight > current.weight
                    || (decision.weight == current.weight && decision.specificity > current.specificity)
                else { continue }
            }
            best = (index, decision.weight, decision.specificity)
        }
        return best.map { .chosen($0.index) } ?? .notAcceptable
    }

    /// The weight, in thousandths, that the Accept fields give `mediaType`: that of the most
    /// specific range matching it, or 0 when none does. Nil when the fields state no usable
    /// preference (see `negotiate`), and when `mediaType` does not parse.
    public static func weight(of mediaType: String, accept: [String]) -> Int? {
        let ranges = MediaRange.parseList(accept)
        guard !ranges.isEmpty, let parsed = MediaRange.mediaType(mediaType) else { return nil }
        return decidingRange(for: parsed, among: ranges)?.weight ?? 0
    }

    /// The most specific range that matches `mediaType`; between equally specific ones, the one of
    /// higher weight, so that a client repeating a range is given the benefit of the doubt.
    static func decidingRange(for mediaType: MediaRange, among ranges: [MediaRange]) -> MediaRange? {
        var decision: MediaRange?
        var decisionSpecificity = MediaRange.Specificity(level: -1, parameterCount: 0)
        for range in ranges where range.matches(mediaType) {
            let specificity = range.specificity
            if let current = decision {
                guard specificity > decisionSpecificity
                    || (specificity == decisionSpecificity && range.weight > current.weight)
                else { continue }
            }
            decision = range
            decisionSpecificity = specificity
        }
        return decision
    }
}
