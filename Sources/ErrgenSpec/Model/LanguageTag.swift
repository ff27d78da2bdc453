/// BCP 47 language tags as RFC 5646 defines their syntax (section 2.1): what a spec's `languages`
/// may list.
public enum LanguageTag {
    /// Why `tag` is not a well-formed language tag, or nil when it is one: it matches the
    /// `Language-Tag` production of RFC 5646 (a `langtag`, a private-use tag or one of the
    /// grandfathered tags), and repeats no variant and no extension singleton (section 2.2.5-6).
    public static func problem(_ tag: String) -> String? {
        if tag.isEmpty { return "a language tag is empty" }
        if grandfathered.contains(tag.lowercased()) { return nil }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false).map { $0.lowercased() }
        if subtags.contains(where: \.isEmpty) { return "empty subtag" }
        if let bad = subtags.first(where: { !$0.unicodeScalars.allSatisfy(\.isASCIIAlphanumeric) }) {
            return "subtag '\(bad)' holds a character other than ASCII letters and digits"
        }
        if let long = subtags.first(where: { $0.count > 8 }) { return "subtag '\(long)' is longer than 8 characters" }
        var i = 0
        // A private-use tag: `x-…`.
        if subtags[0] == "x" { return privateUse(subtags, from: 0) }
        // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
        let language = subtags[0]
        guard language.allSatisfy(\.isLetter), (2...8).contains(language.count) else {
            return "'\(language)' is not a primary language subtag (2 to 8 letters)"
        }
        i = 1
        if language.count <= 3 {
            // extlang = 3ALPHA *2("-" 3ALPHA)
            var extlangs = 0
            while i < subtags.count, extlangs < 3, subtags[i].count == 3, subtags[i].allSatisfy(\.isLetter) {
                i += 1
                extlangs += 1
            }
        }
        // script = 4ALPHA
        if i < subtags.count, subtags[i].count == 4, subtags[i].allSatisfy(\.isLetter) { i += 1 }
        // region = 2ALPHA / 3DIGIT
        if i < subtags.count, (subtags[i].count == 2 && subtags[i].allSatisfy(\.isLetter)) || (subtags[i].count == 3 && subtags[i].allSatisfy(\.isNumber)) {
            i += 1
        }
        // variant = 5*8alphanum / (DIGIT 3alphanum)
        var variants = Set<String>()
        while i < subtags.count, subtags[i].count >= 5 || (subtags[i].count == 4 && subtags[i].first!.isNumber) {
            if !variants.insert(subtags[i]).inserted { return "variant '\(subtags[i])' is repeated" }
            i += 1
        }
        // extension = singleton 1*("-" (2*8alphanum))
        var singletons = Set<String>()
        while i < subtags.count, subtags[i].count == 1, subtags[i] != "x" {
            let singleton = subtags[i]
            if !singletons.insert(singleton).inserted { return "extension '\(singleton)' is repeated" }
            i += 1
            var parts = 0
            while i < subtags.count, subtags[i].count >= 2 {
                i += 1
                parts += 1
            }
            if parts == 0 { return "extension '\(singleton)' has no subtag after it" }
        }
        if i < subtags.count, subtags[i] == "x" { return privateUse(subtags, from: i) }
        if i < subtags.count { return "subtag '\(subtags[i])' is out of place" }
        return nil
    }

    /// privateuse = "x" 1*("-" (1*8alphanum)): the rest of the tag.
    static func privateUse(_ subtags: [String], from index: Int) -> String? {
        subtags.count > index + 1 ? nil : "private use 'x' has no subtag after it"
    }

    /// The grandfathered tags of RFC 5646 (irregular and regular), lowercased.
    static let grandfathered: Set<String> = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo", "i-pwn",
        "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
        "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ]
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool { isASCII && (properties.isAlphabetic || ("0"..."9").contains(self)) }
}
