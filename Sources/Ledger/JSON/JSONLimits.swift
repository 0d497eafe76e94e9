/// Resource limits applied by `JSONParser`.
public struct JSONLimits: Sendable {
    /// Maximum nesting of arrays/objects (a top-level array is depth 1).
    /// The parser recurses once per level, so keep this modest.
    public var maxDepth: Int = 32
    /// Maximum size of the input in bytes.
    public var maxBytes: Int = 1 << 20

    /// Creates limits; the defaults are 32 levels and 1 MiB.
    public init(maxDepth: Int = 32, maxBytes: Int = 1 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }
}
