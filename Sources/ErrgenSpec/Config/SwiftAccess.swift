/// The access level of the generated Swift declarations: `public` (the default) for a catalog a
/// library exports, `package` or `internal` for one used only inside its package or module.
public enum SwiftAccess: String, Sendable, Hashable, CaseIterable {
    case `public`, `package`, `internal`

    /// The modifier in front of a declaration, with its trailing space; nothing for `internal`.
    package var modifier: String {
        switch self {
        case .public: return "public "
        case .package: return "package "
        case .internal: return ""
        }
    }

    /// The modifier of the declarations only generated code may use: SPI for a public type (so
    /// that they are not part of the module's public API), the type's own access otherwise.
    package var generatedOnlyModifier: String {
        switch self {
        case .public: return "@_spi(ErrgenGenerated) public "
        case .package, .internal: return modifier
        }
    }
}
