/// One element of an `Accept` field (RFC 9110 §12.5.1): a media range such as `*/*`, `text/*`
/// or `text/plain;format=flowed`, with its weight.
///
/// Names are compared without regard to case, so the parser lowercases the type, the subtype and
/// every parameter name; parameter values are kept as sent, with the quotes and quoted-pairs of a
/// quoted-string removed (RFC 9110 §5.6.6: `"utf-8"` and `utf-8` are the same value).
///
/// ```swift
/// MediaRange.parseList("text/*;q=0.3, text/plain;format=flowed")
/// // [text/* weight 300, text/plain;format=flowed weight 1000]
/// ```
public struct MediaRange: Sendable, Hashable, CustomStringConvertible {
    /// A `name=value` parameter of a media range or media type.
    public struct Parameter: Sendable, Hashable {
        /// The parameter name, lowercased.
        public var name: String
        /// The value, unquoted: a quoted-string's quotes and backslash escapes are removed.
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// How precisely a range names media types, from `*/*` up to `type/subtype` with parameters.
    ///
    /// Ordered: a range with a concrete subtype beats `type/*`, which beats `*/*`; between ranges of
    /// the same form, the one with more parameters is the more specific.
    public struct Specificity: Sendable, Hashable, Comparable {
        /// 0 for `*/*`, 1 for `type/*`, 2 for `type/subtype`.
        public var level: Int
        /// The number of media-range parameters (the weight and what follows it excluded).
        public var parameterCount: Int

        public init(level: Int, parameterCount: Int) {
            self.level = level
            self.parameterCount = parameterCount
        }

        public static func < (lhs: Specificity, rhs: Specificity) -> Bool {
            (lhs.level, lhs.parameterCount) < (rhs.level, rhs.parameterCount)
        }
    }

    /// The type, lowercased; `*` for `*/*`.
    public var type: String
    /// The subtype, lowercased; `*` for `*/*` and `type/*`.
    public var subtype: String
    /// The parameters before the weight, in order, names lowercased. Parameters after the weight
    /// are accept-extensions: checked for syntax, then ignored.
    public var parameters: [Parameter]
    /// The weight in thousandths: the qvalue `0.5` is 500; 1000 when no `q` parameter was given.
    /// A weight of 0 means "not acceptable".
    public var weight: Int

    /// The most elements `parseList` (and so `ContentNegotiation`) looks at, well-formed or not,
    /// counted over all the fields it is given; the rest of the header is not even scanned. With
    /// it, the work stays linear in the size of the header and the number of ranges to match
    /// against stays small however long the header is. Real clients send around ten elements.
    /// Empty elements (`, ,`) do not count: they cost a byte each to skip.
    public static let maximumElements = 64

    /// The most parameters (weight and accept-extensions included) an element may carry; an
    /// element with more is treated as malformed. No media type in use needs more than a handful.
    public static let maximumParameters = 16

    /// The longest type, subtype or parameter name accepted; an element with a longer one is
    /// treated as malformed. RFC 6838 §4.2 limits the names of media types and of their parameters
    /// to 127 characters. Parameter values are not limited.
    public static let maximumNameLength = 127

    /// A range from its parts, taken as given: `type`, `subtype` and parameter names are expected
    /// lowercased, and `weight` in 0...1000.
    public init(type: String, subtype: String, parameters: [Parameter] = [], weight: Int = 1000) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
        self.weight = weight
    }

    /// Parses one element of an `Accept` list (no top-level commas): a media range, its parameters
    /// and an optional weight. Returns nil when the element does not follow RFC 9110's grammar,
    /// including when its weight is not a valid qvalue.
    public init?(_ element: String) {
        let bytes = Array(element.utf8)
        var elements: [Range<Int>] = []
        HeaderSyntax.forEachElement(in: bytes) { range in
            elements.append(range)
            return elements.count < 2
        }
        guard elements.count == 1, let range = HeaderSyntax.parseElement(bytes, elements[0], weighted: true)
        else { return nil }
        self = range
    }

    /// The valid media ranges of one `Accept` field value, in order.
    ///
    /// Elements that do not parse are skipped and the valid ones still count. RFC 9110 defines no
    /// error handling for Accept and lets a recipient recover a usable protocol element from an
    /// invalid construct (§2.4); its list rules already have a recipient ignore empty elements
    /// (§5.6.1). Being lenient with what cannot be parsed keeps what the client could state: one
    /// odd element should not cost it the whole preference list, nor turn into a 406. An element
    /// whose weight is not a valid qvalue is malformed as a whole, since its weight cannot be known.
    /// A quoted-string that is never closed runs to the end of the field, as the grammar says, so
    /// it makes the rest of that field one malformed element.
    ///
    /// At most `maximumElements` non-empty elements are considered.
    public static func parseList(_ field: String) -> [MediaRange] {
        parseList([field])
    }

    /// The valid media ranges of several `Accept` fields of one request, in order. Several fields are
    /// one comma-separated list (RFC 9110 §5.3); each is scanned on its own so that a quoted-string
    /// left open in one field does not swallow the next. At most `maximumElements` non-empty
    /// elements are considered over all the fields.
    public static func parseList(_ fields: [String]) -> [MediaRange] {
        var ranges: [MediaRange] = []
        var budget = maximumElements
        for field in fields where budget > 0 {
            let bytes = Array(field.utf8)
            HeaderSyntax.forEachElement(in: bytes) { element in
                budget -= 1
                if let range = HeaderSyntax.parseElement(bytes, element, weighted: true) {
                    ranges.append(range)
                }
                return budget > 0
            }
        }
        return ranges
    }

    /// Parses a media type as a server offers it (`text/plain; charset=utf-8`): every parameter,
    /// `q` included, is a parameter of the type, and the weight is 1000.
    public static func mediaType(_ text: String) -> MediaRange? {
        let bytes = Array(text.utf8)
        var elements: [Range<Int>] = []
        HeaderSyntax.forEachElement(in: bytes) { range in
            elements.append(range)
            return elements.count < 2
        }
        guard elements.count == 1 else { return nil }
        return HeaderSyntax.parseElement(bytes, elements[0], weighted: false)
    }

    /// How precisely the range names media types.
    public var specificity: Specificity {
        let level = type == "*" ? 0 : subtype == "*" ? 1 : 2
        return Specificity(level: level, parameterCount: parameters.count)
    }

    /// Whether `mediaType` (as `MediaRange.mediaType(_:)` parses it) falls in this range: the type
    /// and subtype are equal or covered by a wildcard, and every parameter of the range is carried
    /// by the media type with the same value. Values of `charset` are compared without regard to
    /// ASCII case, other values exactly. Suffixes are not interpreted: `application/json` does not
    /// match `application/problem+json`.
    public func matches(_ mediaType: MediaRange) -> Bool {
        if type != "*" {
            guard type == mediaType.type else { return false }
            if subtype != "*" {
                guard subtype == mediaType.subtype else { return false }
            }
        }
        for parameter in parameters {
            let carried = mediaType.parameters.contains { offered in
                guard offered.name == parameter.name else { return false }
                return parameter.name == "charset"
                    ? HeaderSyntax.equalIgnoringASCIICase(offered.value, parameter.value)
                    : offered.value == parameter.value
            }
            guard carried else { return false }
        }
        return true
    }

    /// The range in header syntax: `text/plain;format="a b";q=0.5`.
    public var description: String {
        var text = type + "/" + subtype
        for parameter in parameters {
            text += ";" + parameter.name + "=" + HeaderSyntax.quotedIfNeeded(parameter.value)
        }
        if weight != 1000 {
            text += ";q=" + HeaderSyntax.qvalueText(weight)
        }
        return text
    }
}
