// This module declares, for its own purposes, types named like those of ErrgenRuntime and of the
// standard library. The Swift the build plugin generates beside them still means the runtime's and
// the standard library's types (errgen's `ContractTests` type-check generated code beside this
// very file, at every access level).

/// The library's catalog of books: a name a library would choose, and ErrgenRuntime's too.
public struct Catalog {
    public var books: [Swift.String] = []
    public init() {}
}
public struct Template {}
public struct ArgumentValue {}
public struct Entry {}
public struct WireFormat {}
public protocol CatalogError {}
public protocol CatalogCode {}
public struct String {}
public struct Int {}
public struct Bool {}
public struct Double {}
public struct Error {}
public struct Hasher {}
public struct CaseIndex {}
public struct CatalogTable {}
