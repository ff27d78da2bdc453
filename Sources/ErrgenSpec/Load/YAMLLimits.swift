/// Bounds on what one call to ``YAMLLoader`` accepts, so that hostile or broken input ends with a
/// diagnostic instead of exhausting time or memory.
///
/// libyaml bounds nothing itself: deep flow nesting makes its scanner quadratic, and a
/// few hundred bytes of anchors and aliases (a "billion laughs" document) describe billions of
/// nodes. The loader checks every limit inside its event loop, at the event that crosses it, so
/// parsing stops there and the diagnostic points at that position.
///
/// The defaults are far above what a hand-written spec needs and far below what makes a load slow.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes, checked before parsing starts.
    ///
    /// Default: 64 MiB. A spec file is a few kilobytes; a machine-written catalog of every error
    /// of a large system is a few megabytes.
    public var maxInputBytes: Int

    /// The deepest nesting of sequences and mappings, counting the document's root collection as
    /// level 1. Checked as each sequence or mapping starts.
    ///
    /// Default: 256. A spec nests a handful of levels. The bound also keeps libyaml's scanner fast:
    /// its work per token grows with the number of open flow collections (200 KB of `[` takes it
    /// about a minute), but it runs at most about 1,024 characters ahead of the events it hands
    /// out, so the event that crosses this limit arrives after a few milliseconds whatever follows.
    public var maxDepth: Int

    /// The most nodes (scalars, sequences and mappings) the whole stream may produce, counting every
    /// node that each alias copies. Checked at each node and, before copying, at each alias.
    ///
    /// Default: 1,000,000. This is what stops an alias bomb: a "billion laughs" document crosses it
    /// after a few hundred events.
    public var maxNodes: Int

    /// The most aliases (`*name`) the whole stream may use. Checked at each alias.
    ///
    /// Default: 10,000. A spec uses aliases to share a few blocks, not thousands.
    public var maxAliases: Int

    public init(
        maxInputBytes: Int = 64 << 20,
        maxDepth: Int = 256,
        maxNodes: Int = 1_000_000,
        maxAliases: Int = 10_000
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }

    /// 64 MiB of input, 256 levels of nesting, 1,000,000 nodes, 10,000 aliases.
    public static let `default` = YAMLLimits()
}
