import Foundation

/// The English names of languages, for the docs: from the locale data of the platform's
/// Foundation (ICU's, which the toolchain ships), so that a page names `de` "German" without a
/// table of errgen's own. The names are those of the toolchain that generated the page.
enum LanguageName {
    private static let english = Locale(identifier: "en")

    /// `German` for `de`, `Portuguese (Brazil)` for `pt-BR`; the tag itself where the locale data
    /// has no name for it (a private-use tag such as `x-pirate`).
    static func english(_ tag: String) -> String {
        english.localizedString(forIdentifier: tag) ?? tag
    }
}
