import HTTPTypes

/// The errors of one catalog without their parameters: an enum with a case per error
/// (`RAWSError.Code.noSuchUser`), in spec order. Everything about an error comes from the catalog
/// table, found by the case's index.
///
/// A generated `Code` is an enum without payloads and without a raw type: the compiler derives no
/// conformance with a switch over its cases (a switch over thousands of cases is what makes large
/// enums slow to compile). Its index is its representation, which Swift's ABI fixes for such
/// enums: the smallest integer that holds every case, numbered from zero in declaration order
/// (see `CaseIndex`).
///
/// Every generated `Code` is one; a catalog with HTTP (every catalog but those declared
/// `http: false`) has a `CatalogCode`, which adds the status.
public protocol ErrorCode: RawRepresentable, CaseIterable, Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible
where RawValue == Int, AllCases == [Self] {
    /// The catalog the codes belong to.
    static var catalog: Catalog { get }
}

/// The code of an error of a catalog with HTTP: an `ErrorCode` with the status it answers with.
public protocol CatalogCode: ErrorCode {}

extension CatalogCode {
    /// The HTTP status the error answers with (`.notFound`), with the reason phrase the runtime
    /// sends: what frameworks built on swift-http-types take as it is. `statusCode` is the number.
    public var status: HTTPResponse.Status { Catalog.status(entry.status) }

    /// The HTTP status as a number (`404`).
    public var statusCode: Int { entry.status }
}

extension ErrorCode {
    /// The case's index into the catalog: its position in spec order.
    public var rawValue: Int { CaseIndex.index(of: self) }

    /// The code with this index into the catalog, if there is one.
    public init?(rawValue: Int) {
        guard Self.catalog.entries.indices.contains(rawValue) else { return nil }
        self.init(uncheckedRawValue: rawValue)
    }

    /// The code with this index into the catalog, which must be one.
    @_spi(ErrgenGenerated) public init(uncheckedRawValue index: Int) {
        self = CaseIndex.value(at: index, as: Self.self)
    }

    /// The code whose wire form is `wireCode`, found in constant time.
    public init?(wireCode: String) {
        guard let index = Self.catalog.index(ofWireCode: wireCode) else { return nil }
        self.init(uncheckedRawValue: index)
    }

    /// The code whose wire form is the integer `wireCode`, found in constant time; `nil` in a
    /// catalog whose codes are strings.
    public init?(wireCode: Int) {
        guard let index = Self.catalog.index(ofIntegerCode: wireCode) else { return nil }
        self.init(uncheckedRawValue: index)
    }

    /// The wire code as an integer, in a catalog whose codes are integers (`code-type: integer`).
    public var integerWireCode: Int? { Self.catalog.codeType == .integer ? Int(entry.wireCode) : nil }

    /// Every code, in spec order.
    public static var allCases: [Self] { Self.catalog.entries.indices.map(Self.init(uncheckedRawValue:)) }

    /// Everything the catalog knows about this error.
    public var entry: Catalog.Entry { Self.catalog.entries[rawValue] }

    /// The code exactly as it travels on the wire.
    public var wireCode: String { entry.wireCode }

    /// The name of the code's constant in Swift (`noSuchUser`).
    public var name: String { entry.swiftName }

    /// The error's metadata by key name: the keys of its catalog it has a value for.
    public var metadata: [String: ArgumentValue] {
        var values: [String: ArgumentValue] = [:]
        for (key, value) in zip(Self.catalog.metadataKeys, entry.metadata) {
            if let value { values[key.name] = value }
        }
        return values
    }

    /// The wire code.
    public var description: String { wireCode }

    /// `RAWSError.Code.noSuchUser`.
    public var debugDescription: String {
        // `String(reflecting:)` names the module too: `Generated.RAWSError.Code`.
        let qualified = String(reflecting: Self.self)
        let typeName = qualified.firstIndex(of: ".").map { String(qualified[qualified.index(after: $0)...]) } ?? qualified
        return "\(typeName).\(name)"
    }
}

/// An error of a catalog: what a program throws and its caller matches. A generated catalog type
/// holds the error's code and parameter values; everything else comes from the catalog table.
///
/// Every generated type is one; a catalog with HTTP (every catalog but those declared
/// `http: false`, such as a database's) generates a `CatalogError`, which adds the status, the
/// headers and the responses.
///
/// Creating one: `RAWSError.noSuchUser(reason: "…")` (a static function per error, or a static
/// property for an error without parameters). Matching one: `catch RestAuthError.authenticationRequired`,
/// `catch let error as RAWSError where error.code == .noSuchUser`, or `switch error.code { case .noSuchUser: … }`.
public protocol CodedError: Error, Sendable, Hashable, CustomStringConvertible {
    associatedtype Code: ErrorCode

    /// Which error this is.
    var code: Code { get }
    /// The parameter values: the error's own, then the catalog's shared ones, in spec order.
    var arguments: [ArgumentValue] { get }

    /// The error with these values, which must be those of `code`'s parameters, in order and of
    /// their types (generated code guarantees it; `init?(code:arguments:)` checks it).
    @_spi(ErrgenGenerated) init(unchecked code: Code, arguments: [ArgumentValue])
}

/// An error of a catalog with HTTP: a `CodedError` whose code has a status, which the runtime
/// turns into responses (see `response(to:)`).
public protocol CatalogError: CodedError where Code: CatalogCode {}

extension CatalogError {
    /// The HTTP status the error answers with (`.notFound`), with the reason phrase the runtime
    /// sends: what frameworks built on swift-http-types take as it is (Hummingbird's
    /// `HTTPResponseError` asks for exactly this). `statusCode` is the number.
    public var status: HTTPResponse.Status { code.status }

    /// The HTTP status as a number (`404`).
    public var statusCode: Int { code.statusCode }

    /// The response headers the spec gives this error, their placeholders filled in, exactly as
    /// `response(to:)` sends them: a control character (a line break, NUL) in a parameter value
    /// becomes a space, so a value can never add a field, and blanks around the value are dropped.
    public var headers: [(name: String, value: String)] {
        let arguments = self.arguments
        return code.entry.headers.map { ($0.name, Catalog.fieldValue($0.value.render(arguments))) }
    }

    /// `InvalidURI (400): The path specified in the URI is not supported by this service.`
    public var description: String { "\(wireCode) (\(statusCode)): \(message)" }
}

extension CodedError {
    /// The catalog this error belongs to.
    public static var catalog: Catalog { Code.catalog }

    /// Every wire code of the catalog, in spec order.
    public static var allCodes: [String] { Code.catalog.wireCodes }

    /// The code exactly as it travels on the wire.
    public var wireCode: String { code.wireCode }

    /// The message with every placeholder filled in.
    public var message: String { code.entry.message.render(arguments) }

    /// The parameters by name, in spec order: every dynamic value of the message as structured
    /// data (an optional one without a value left out).
    public var parameters: [NamedArgument] {
        zip(code.entry.parameters, arguments).compactMap { $1 == .absent ? nil : NamedArgument(name: $0.name, value: $1) }
    }

    /// The value of the parameter with this spec name (`ip-address`), if the error has it.
    public subscript(parameter name: String) -> ArgumentValue? {
        guard let index = code.entry.parameters.firstIndex(where: { $0.name == name }), index < arguments.count,
            arguments[index] != .absent
        else { return nil }
        return arguments[index]
    }

    /// The value of the catalog's shared parameter at `index`, which every error carries after its own.
    @_spi(ErrgenGenerated) public subscript(sharedParameter index: Int) -> ArgumentValue {
        arguments[arguments.count - Code.catalog.sharedParameters.count + index]
    }

    /// `unique_violation: Duplicate key.` (a `CatalogError` adds its status).
    public var description: String { "\(wireCode): \(message)" }

    /// The message in the catalog's language closest to `language` (a BCP 47 tag): the language
    /// itself, or a shorter form of it (`de-CH` → `de`), or a catalog language it is a prefix of
    /// (`fr` → `fr-CA`); else the default language. An error without a translation in that
    /// language answers in the default language.
    public func message(in language: String) -> String {
        Self.catalog.entry(code.rawValue, language: Self.languageIndex(language)).message.render(arguments)
    }

    static func languageIndex(_ tag: String?) -> Int {
        tag.flatMap { Self.catalog.languageIndex(for: $0) } ?? 0
    }

    /// The error with this code and these parameter values (by spec name, in their text form; a
    /// list parameter's items in `ArgumentList.lists`), as a client reads them from a response;
    /// `nil` when a value is missing (an optional parameter's may be: it is then `absent`) or not
    /// of its type.
    public init?(code: Code, arguments: ArgumentList) {
        var values: [ArgumentValue] = []
        values.reserveCapacity(code.entry.parameters.count)
        for parameter in code.entry.parameters {
            if parameter.isList {
                guard let texts = arguments.lists[parameter.name] else {
                    guard parameter.isOptional else { return nil }
                    values.append(.absent)
                    continue
                }
                var items: [ArgumentValue] = []
                items.reserveCapacity(texts.count)
                for text in texts {
                    guard let item = parameter.kind.parse(text) else { return nil }
                    items.append(item)
                }
                values.append(.list(items))
                continue
            }
            guard let text = arguments.values[parameter.name] else {
                guard parameter.isOptional else { return nil }
                values.append(.absent)
                continue
            }
            guard let value = parameter.kind.parse(text) else { return nil }
            values.append(value)
        }
        self.init(unchecked: code, arguments: values)
    }

    /// The error with this wire code and these parameter values (by spec name, in their text
    /// form); `nil` for an unknown code or a missing or mistyped value. A list parameter's items
    /// go in an `ArgumentList` (`init?(code:arguments:)`).
    public init?(wireCode: String, arguments: [String: String] = [:]) {
        guard let code = Code(wireCode: wireCode) else { return nil }
        self.init(code: code, arguments: ArgumentList(arguments))
    }
}

/// `catch RestAuthError.authenticationRequired`: matches a thrown error equal to the pattern.
public func ~= <E: CodedError>(pattern: E, value: any Error) -> Bool {
    (value as? E) == pattern
}

