/// The wire codes of one catalog: a case per error, numbered in spec order.
public protocol CatalogCode: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == Int {
    /// The catalog the codes belong to.
    static var catalog: Catalog { get }
}

extension CatalogCode {
    /// Everything the catalog knows about this error.
    public var entry: Catalog.Entry { Self.catalog.entries[rawValue] }

    /// The code exactly as it travels on the wire.
    public var wireCode: String { entry.wireCode }

    /// The HTTP status the error answers with.
    public var status: Int { entry.status }

    /// The code whose wire form is `wireCode`, found in constant time.
    public init?(wireCode: String) {
        guard let index = Self.catalog.index(ofWireCode: wireCode) else { return nil }
        self.init(rawValue: index)
    }
}

/// An error of a catalog: what a server throws and a client matches. Generated catalog types
/// conform to it; everything but the cases and their arguments comes from the catalog table.
public protocol CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    associatedtype Code: CatalogCode

    /// Which error this is.
    var code: Code { get }
    /// The parameter values: the error's own, then the catalog's shared ones, in spec order.
    var arguments: [ArgumentValue] { get }
    /// The error with this code and these parameter values; `nil` when a value is missing or not of its type.
    init?(code: Code, arguments: ArgumentList)
}

extension CatalogError {
    /// The catalog this error belongs to.
    public static var catalog: Catalog { Code.catalog }

    /// Every wire code of the catalog, in spec order.
    public static var allCodes: [String] { Code.catalog.wireCodes }

    /// The code exactly as it travels on the wire.
    public var wireCode: String { code.wireCode }

    /// The HTTP status the error answers with.
    public var status: Int { code.status }

    /// The message with every placeholder filled in.
    public var message: String { code.entry.message.render(arguments) }

    /// The parameters by name, in spec order: every dynamic value of the message as structured data.
    public var parameters: [NamedArgument] {
        zip(code.entry.parameters, arguments).map { NamedArgument(name: $0.name, value: $1) }
    }

    /// The response headers the spec gives this error, their placeholders filled in.
    public var headers: [(name: String, value: String)] {
        let arguments = self.arguments
        return code.entry.headers.map { ($0.name, $0.value.render(arguments)) }
    }

    /// `InvalidURI (400): The path specified in the URI is not supported by this service.`
    public var description: String { "\(wireCode) (\(status)): \(message)" }

    /// The error with this wire code and these parameter values (by name, in their text form), as a
    /// client reads it from a response; `nil` for an unknown code or missing or mistyped values.
    public init?(wireCode: String, arguments: [String: String] = [:]) {
        guard let code = Code(wireCode: wireCode) else { return nil }
        self.init(code: code, arguments: ArgumentList(arguments))
    }
}
