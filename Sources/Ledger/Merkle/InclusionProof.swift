/// An inclusion proof (RFC 9162, section 2.1.3): the event at `position`
/// (its chain hash `leaf`) is leaf `position − 1` of the log's Merkle tree
/// of `treeSize` events, whose root is `root`. Whoever trusts the root (a
/// signed checkpoint of that size) learns from the `path` alone, without
/// the rest of the log, that this event is in it, unaltered, at that place.
/// Promises: `verify()` runs RFC 9162's verification algorithm (2.1.3.2) and
/// refuses any change to the leaf, the path, the position, the size or the root.
public struct InclusionProof: Equatable, Sendable {
    /// The event's position in the log (1-based; the leaf index is one less).
    public var position: UInt64
    public var treeSize: UInt64
    /// The event's chain hash (the leaf's input).
    public var leaf: ChainHash
    /// Sibling hashes from the leaf up, nearest first.
    public var path: [ChainHash]
    public var root: ChainHash

    public init(position: UInt64, treeSize: UInt64, leaf: ChainHash, path: [ChainHash], root: ChainHash) {
        self.position = position
        self.treeSize = treeSize
        self.leaf = leaf
        self.path = path
        self.root = root
    }

    /// Checks the proof; throws `.inclusionRefused` when it does not lead to the root.
    public func verify() throws(ProofError) {
        guard position >= 1, position <= treeSize else { throw .positionOutsideTree(position: position, size: treeSize) }
        var walk = ProofWalk(index: position - 1, last: treeSize - 1)
        var r = MerkleHashing.leaf(leaf)
        for p in path {
            guard !walk.pastRoot else { throw .inclusionRefused(position: position, size: treeSize) }
            let left = walk.hashGoesLeft
            r = left ? MerkleHashing.node(p, r) : MerkleHashing.node(r, p)
            walk.climb(afterLeft: left)
        }
        guard walk.pastRoot, r == root else { throw .inclusionRefused(position: position, size: treeSize) }
    }
}
