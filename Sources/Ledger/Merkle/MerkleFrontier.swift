/// The right edge of the log's Merkle tree: the roots of the complete
/// subtrees that a tree of `size` leaves splits into (RFC 9162: one per set
/// bit of the size, largest first). It is all an append needs: a new leaf
/// merges with the smallest subtrees while they are as large as it.
/// Promises: `peaks.count` is the number of set bits of `size`; after
/// `append`, `completed` holds the inner nodes that leaf completed, lowest
/// first (levels 1, 2, …: as many as the new size has trailing zero bits),
/// of which the store keeps those of level 4 and up (`StoredMerkleTree`);
/// `root` is the tree's root hash, `MerkleHashing.emptyRoot` for size 0.
struct MerkleFrontier: Equatable {
    private(set) var size: UInt64 = 0
    /// The complete subtrees' root hashes, leftmost (largest) first.
    private(set) var peaks: [ChainHash] = []
    /// The inner nodes the last appended leaf completed, level 1 first.
    private(set) var completed: [ChainHash] = []

    init() {
        peaks.reserveCapacity(64)
        completed.reserveCapacity(64)
    }

    /// A frontier from the peaks of a tree of `size` leaves (as `MerkleTreeReader.frontier` reads them).
    init?(size: UInt64, peaks: [ChainHash]) {
        guard peaks.count == size.nonzeroBitCount else { return nil }
        self.init()
        self.size = size
        self.peaks.append(contentsOf: peaks)
    }

    /// Adds the event whose chain hash is `entry` as the next leaf.
    mutating func append(_ entry: ChainHash) {
        var node = MerkleHashing.leaf(entry)
        completed.removeAll(keepingCapacity: true)
        var carry = size
        while carry & 1 == 1, let left = peaks.popLast() {
            node = MerkleHashing.node(left, node)
            completed.append(node)
            carry >>= 1
        }
        peaks.append(node)
        size += 1
    }

    /// The root hash of the tree of `size` leaves.
    var root: ChainHash {
        guard var root = peaks.last else { return MerkleHashing.emptyRoot }
        for peak in peaks.dropLast().reversed() { root = MerkleHashing.node(peak, root) }
        return root
    }
}
