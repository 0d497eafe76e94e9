/// Where a Merkle tree's hashes come from: the events' chain hashes (the
/// leaves' input) and the inner nodes of level `lowestStoredLevel` and up,
/// kept for each tree size at which they were completed
/// (`MerkleFrontier.completed`). `StoredMerkleTree` reads them from the
/// ledger's LMDB environment; tests keep them in memory.
protocol MerkleNodeSource {
    /// The lowest level (1 or more) of the nodes kept; lower ones are hashed from the entries.
    var lowestStoredLevel: Int { get }
    /// The chain hashes of the `count` events from leaf `index` on (0-based: leaf p − 1 is position p).
    func entries(from index: UInt64, count: Int) throws -> [ChainHash]
    /// The inner node at `level` (`lowestStoredLevel` or more) of those completed when the tree reached `size`.
    func completedNode(level: Int, atSize size: UInt64) throws -> ChainHash
}

/// RFC 9162's tree hashes (section 2.1.1) read from a `MerkleNodeSource`.
/// Every complete subtree of 2^L leaves that starts at a multiple of 2^L is
/// one read: a stored node, or below the lowest stored level the 2^L
/// events' hashes (one range read), hashed; any other range is split as MTH
/// splits it, into at most one complete subtree per level. So a root, an
/// inclusion path (2.1.3.1) or a consistency path (2.1.4.1) of a tree of n
/// leaves costs O(log n) reads. Promises: the hashes are those of the naive
/// definitions over the same leaves (the tests check every size and index
/// up to 64, with every level stored and with the ledger's lowest); callers
/// pass ranges inside the tree (0 < count, start + count ≤ the size the
/// source holds).
struct MerkleTreeReader<Source: MerkleNodeSource> {
    let source: Source

    /// The root of the complete subtree of 2^`level` leaves starting at leaf `index` × 2^`level`.
    func node(level: Int, index: UInt64) throws -> ChainHash {
        if level > 0, level >= source.lowestStoredLevel {
            return try source.completedNode(level: level, atSize: (index + 1) << UInt64(level))
        }
        var subtree = MerkleFrontier()
        for entry in try source.entries(from: index << UInt64(level), count: 1 << level) { subtree.append(entry) }
        return subtree.root
    }

    /// The chain hash of the event at leaf `index`.
    func entry(at index: UInt64) throws -> ChainHash {
        guard let entry = try source.entries(from: index, count: 1).first else {
            throw LedgerError.corrupted("the event at position \(index + 1) is missing from the log; run 'ledger verify'")
        }
        return entry
    }

    /// MTH of the `count` leaves from leaf `start` (`start` a multiple of the largest power of two below `count`,
    /// as every range of MTH's recursion is).
    func hash(start: UInt64, count: UInt64) throws -> ChainHash {
        if count.nonzeroBitCount == 1 {
            let level = count.trailingZeroBitCount
            return try node(level: level, index: start >> UInt64(level))
        }
        let k = MerkleTreeReader.split(count)
        return MerkleHashing.node(try hash(start: start, count: k), try hash(start: start + k, count: count - k))
    }

    /// The root of the tree of the first `size` leaves.
    func root(size: UInt64) throws -> ChainHash {
        size == 0 ? MerkleHashing.emptyRoot : try hash(start: 0, count: size)
    }

    /// The peaks of the tree of the first `size` leaves, for appending to it.
    func frontier(size: UInt64) throws -> MerkleFrontier {
        var peaks: [ChainHash] = []
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (1 << UInt64(level)) != 0 {
            peaks.append(try node(level: level, index: start >> UInt64(level)))
            start += 1 << UInt64(level)
        }
        return MerkleFrontier(size: size, peaks: peaks) ?? MerkleFrontier()
    }

    /// PATH(index, D[0:size]): the inclusion path of leaf `index`, nearest sibling first.
    func inclusionPath(index: UInt64, size: UInt64) throws -> [ChainHash] {
        var path: [ChainHash] = []
        try inclusionPath(index, start: 0, count: size, into: &path)
        return path
    }

    private func inclusionPath(_ m: UInt64, start: UInt64, count n: UInt64, into path: inout [ChainHash]) throws {
        guard n > 1 else { return }
        let k = MerkleTreeReader.split(n)
        if m < k {
            try inclusionPath(m, start: start, count: k, into: &path)
            path.append(try hash(start: start + k, count: n - k))
        } else {
            try inclusionPath(m - k, start: start + k, count: n - k, into: &path)
            path.append(try hash(start: start, count: k))
        }
    }

    /// PROOF(first, D[0:second]): the consistency path between the trees of `first` and `second` leaves
    /// (empty when `first` is 0 or equals `second`).
    func consistencyPath(first: UInt64, second: UInt64) throws -> [ChainHash] {
        var path: [ChainHash] = []
        if first > 0, first < second { try subproof(first, start: 0, count: second, whole: true, into: &path) }
        return path
    }

    /// SUBPROOF(m, D[start:start+n], b) of RFC 9162, section 2.1.4.1.
    private func subproof(_ m: UInt64, start: UInt64, count n: UInt64, whole: Bool, into path: inout [ChainHash]) throws {
        if m == n {
            if !whole { path.append(try hash(start: start, count: m)) }
            return
        }
        let k = MerkleTreeReader.split(n)
        if m <= k {
            try subproof(m, start: start, count: k, whole: whole, into: &path)
            path.append(try hash(start: start + k, count: n - k))
        } else {
            try subproof(m - k, start: start + k, count: n - k, whole: false, into: &path)
            path.append(try hash(start: start, count: k))
        }
    }

    /// The largest power of two below `n` (n ≥ 2): where MTH splits n leaves.
    static func split(_ n: UInt64) -> UInt64 {
        1 << UInt64(63 - (n - 1).leadingZeroBitCount)
    }
}
