/// How much of each catalog is translated into each of its languages, and the rule that makes
/// chosen languages complete (`require-translations`).
public enum Coverage {
    /// A catalog's coverage of one language.
    public struct Line: Sendable, Hashable {
        public var catalog: String
        public var language: String
        public var isDefault: Bool
        public var translated: Int
        public var errors: Int
        /// The codes of the errors without a translation, in spec order.
        public var missing: [String]

        /// `translated` as a whole percentage of `errors`, rounded down.
        public var percent: Int { errors == 0 ? 100 : translated * 100 / errors }

        /// `Shop: de 2 of 4 errors (50%), missing: Busy, NotAcceptable`.
        public var description: String {
            if isDefault { return "\(catalog): \(language) (default) \(errors) of \(errors) errors" }
            var text = "\(catalog): \(language) \(translated) of \(errors) errors (\(percent)%)"
            if !missing.isEmpty { text += ", missing: " + missing.joined(separator: ", ") }
            return text
        }
    }

    /// Every catalog's coverage of every one of its languages, the default first.
    public static func lines(_ spec: Spec) -> [Line] {
        spec.catalogs.flatMap(lines)
    }

    /// A catalog's coverage of each of its languages, the default first.
    public static func lines(_ catalog: CatalogSpec) -> [Line] {
        catalog.effectiveLanguages.enumerated().map { offset, language in
            let missing = offset == 0 ? [] : catalog.errors.filter { $0.translation(language) == nil }.map(\.code.value)
            return Line(
                catalog: catalog.name.value, language: language, isDefault: offset == 0,
                translated: catalog.errors.count - missing.count, errors: catalog.errors.count, missing: missing)
        }
    }

    /// An error for each error of a catalog that lacks a translation into a required language the
    /// catalog lists (`*`: every language), at its code; and for a required language no catalog lists.
    public static func requireTranslations(_ required: [String], in spec: Spec, diagnostics: inout DiagnosticCollector) {
        let everything = required.contains("*")
        let wanted = Set(required.filter { $0 != "*" }.map { $0.lowercased() })
        var listed = Set<String>()
        for catalog in spec.catalogs {
            listed.formUnion(catalog.effectiveLanguages.map { $0.lowercased() })
            for language in catalog.effectiveLanguages.dropFirst() {
                guard everything || wanted.contains(language.lowercased()) else { continue }
                for error in catalog.errors where error.translation(language) == nil {
                    diagnostics.error(
                        "error '\(error.code.value)' has no '\(language)' translation, which 'require-translations' requires",
                        file: spec.file, at: error.code.location)
                }
            }
        }
        for language in required where language != "*" && !listed.contains(language.lowercased()) {
            diagnostics.error("'require-translations' names '\(language)', which is not a language of any catalog", file: spec.file, at: nil)
        }
    }
}
