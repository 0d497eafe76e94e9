/// A consistency proof (RFC 9162, section 2.1.4): the log's Merkle tree of
/// `second` events (root `secondRoot`) extends the tree of `first` events
/// (root `firstRoot`): nothing of the first `first` events was changed,
/// removed or reordered. A witness that saw the smaller checkpoint checks
/// this before it cosigns the larger. Promises: `verify()` runs RFC 9162's
/// verification algorithm (2.1.4.2); the path is empty when `first` is 0
/// (every tree extends the empty one) or equals `second` (then the roots must
/// be equal), and any change to a size, a root or the path is refused.
public struct ConsistencyProof: Equatable, Sendable {
    public var first: UInt64
    public var second: UInt64
    public var path: [ChainHash]
    public var firstRoot: ChainHash
    public var secondRoot: ChainHash

    public init(first: UInt64, second: UInt64, path: [ChainHash], firstRoot: ChainHash, secondRoot: ChainHash) {
        self.first = first
        self.second = second
        self.path = path
        self.firstRoot = firstRoot
        self.secondRoot = secondRoot
    }

    /// Checks the proof; throws `.consistencyRefused` when it does not lead to both roots.
    public func verify() throws(ProofError) {
        guard first <= second else { throw .firstLargerThanSecond(first: first, second: second) }
        let refused = ProofError.consistencyRefused(first: first, second: second)
        if first == 0 {
            guard path.isEmpty, firstRoot == MerkleHashing.emptyRoot else { throw refused }
            return
        }
        if first == second {
            guard path.isEmpty, firstRoot == secondRoot else { throw refused }
            return
        }
        guard !path.isEmpty else { throw refused }
        var hashes = path[...]
        if first.nonzeroBitCount == 1 { hashes = [firstRoot] + path }
        var walk = ProofWalk(index: first - 1, last: second - 1)
        walk.skipRightChildren()
        guard var fr = hashes.first else { throw refused }
        var sr = fr
        for c in hashes.dropFirst() {
            guard !walk.pastRoot else { throw refused }
            let left = walk.hashGoesLeft
            if left {
                fr = MerkleHashing.node(c, fr)
                sr = MerkleHashing.node(c, sr)
            } else {
                sr = MerkleHashing.node(sr, c)
            }
            walk.climb(afterLeft: left)
        }
        guard walk.pastRoot, fr == firstRoot, sr == secondRoot else { throw refused }
    }
}
