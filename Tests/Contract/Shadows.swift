// A module that declares, for its own purposes, types named like those of ErrgenRuntime and of the
// standard library that generated code uses. Generated code compiled beside this file must still
// mean the runtime's and the standard library's types (`ContractTests`, and the Shop example's
// `Shadowed` target, built through the build plugin, carries the same declarations).

public struct Catalog {
    public var products: [Swift.String] = []
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
