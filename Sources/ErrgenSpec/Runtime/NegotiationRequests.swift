import ErrgenRuntime

/// The requests whose answer takes weighing, not only matching: what a server that compares
/// `Accept` or `Accept-Language` as plain strings, ignores weights, reads `q=0` as acceptable or has
/// no fallback from a regional tag gets wrong. Each is asked of every error, and the runtime's
/// answer is what the fixtures promise.
enum NegotiationRequests {
    /// The `Accept` fields, for a catalog of several formats (none otherwise).
    static func accept(_ catalog: Catalog) -> [(ErrorExamples.Exchange.Case, String)] {
        guard catalog.formats.count > 1 else { return [] }
        let preferred = catalog.defaultFormat
        // The last other format, so that the answer is neither the default nor the first listed.
        let other = catalog.formats.last { $0 != preferred } ?? preferred
        // A type of its own where a format has one (`application/*` beside `text/plain`), else the
        // default's type, which every format of that type shares.
        let type = catalog.formats.first { $0 != preferred && mainType($0) != mainType(preferred) }.map(mainType) ?? mainType(preferred)
        return [
            (.acceptWeights, "\(preferred.mediaType);q=0.5, \(other.mediaType);q=0.9"),
            (.acceptExcludes, "\(preferred.mediaType);q=0, */*;q=0.8"),
            (.acceptAny, "*/*"),
            (.acceptTypeRange, "\(type)/*"),
        ]
    }

    /// The `Accept-Language` fields, for a catalog of several languages (none otherwise).
    static func acceptLanguage(_ languages: [String]) -> [(ErrorExamples.Exchange.Case, String)] {
        guard languages.count > 1, let last = languages.last else { return [] }
        let lowercased = Set(languages.map { $0.lowercased() })
        let primaries = Set(languages.map { $0.lowercased().split(separator: "-").first.map(String.init) ?? "" })
        // A regional tag of a language the catalog has without that region: `de` → `de-CH`.
        let base = languages.dropFirst().first { !$0.contains("-") } ?? languages[1]
        let regional = base.contains("-")
            ? "\(base)-x-errgen"
            : ["CH", "AT", "BE", "IN", "ZA"].map { "\(base)-\($0)" }.first { !lowercased.contains($0.lowercased()) } ?? "\(base)-x-errgen"
        // A language the catalog has in no form.
        let unlisted = ["fi", "is", "eu", "cy", "mt", "sq", "haw"].first { !primaries.contains($0) } ?? "x-errgen"
        return [
            (.languageWeights, "\(languages[0]);q=0.5, \(last);q=0.9"),
            (.languageFallback, regional),
            (.languageUnlisted, unlisted),
            (.languageAny, "*"),
            (.languageExcludes, "\(languages[0]);q=0, *;q=0.5"),
        ]
    }

    /// `text` for `text/plain`.
    private static func mainType(_ format: WireFormat) -> String {
        String(format.mediaType.prefix { $0 != "/" })
    }
}
