import LMDB

/// The log's Merkle tree as the `merkle` database of `data.mdb` keeps it
/// (Docs/STORAGE.md): for each tree size s that is a multiple of 16, under s
/// (8 bytes big-endian), the inner nodes of level 4 and up (subtrees of 16
/// leaves or more) completed when the tree reached s, level 4 first, 32
/// bytes each (s has as many trailing zero bits as it completes levels).
/// Lower nodes are not stored: they are hashed from at most 15 events' chain
/// hashes, which the `events` database holds, so the tree adds about 5 bytes
/// an event instead of 40. Every node is written once, in the write
/// transaction that appends its last leaf, with `MDB_APPEND`, and never
/// changes: so the tree of any size up to the log's is in the store, and a
/// crash leaves tree and log consistent. Promises: the tree is current when
/// `meta/tree` holds this layout's version and the last key is the head's
/// position rounded down to a multiple of 16; a proof reads O(log n) entries.
enum StoredMerkleTree {
    /// Version of this layout, in `meta/tree` (u32 big-endian).
    static let layoutVersion: UInt32 = 1
    static let metaKey: [UInt8] = Array("tree".utf8)
    /// The lowest level stored: nodes over 16 leaves.
    static let lowestStoredLevel = 4
    /// Tree sizes with stored nodes are multiples of this.
    static let storedSizeStep: UInt64 = 1 << UInt64(lowestStoredLevel)

    /// The nodes of `frontier`'s last append that the store keeps (none unless its size is a multiple of 16).
    static func storedNodes(_ frontier: MerkleFrontier) -> ArraySlice<ChainHash> {
        frontier.completed.dropFirst(lowestStoredLevel - 1)
    }

    /// Whether the stored tree covers exactly the log up to `head` in this layout.
    static func isCurrent(_ store: LedgerStore, _ txn: ReadTransaction, head: UInt64) throws -> Bool {
        let version = try txn.withValue(store.meta, key: metaKey) { b -> UInt32? in
            var r = ByteReader(b)
            return try? r.u32BE()
        }
        guard version == layoutVersion else { return false }
        let last = try txn.lastEntry(store.merkle) { key, _ in KeyBytes.readU64(key) }
        return (last ?? 0) == head / storedSizeStep * storedSizeStep
    }

    /// The frontier of the stored tree of `size` leaves (`size` at most the log's head), to append to.
    static func frontier(_ store: LedgerStore, _ txn: ReadTransaction, size: UInt64) throws -> MerkleFrontier {
        try MerkleTreeReader(source: StoredMerkleNodes(store: store, txn: txn)).frontier(size: size)
    }

    /// Puts the stored nodes `frontier`'s last append completed, if any, under its size.
    static func putCompleted(_ frontier: MerkleFrontier, _ store: LedgerStore, _ txn: WriteTransaction,
                             buffer: inout ByteWriter) throws {
        let nodes = storedNodes(frontier)
        guard !nodes.isEmpty else { return }
        buffer.reset()
        for node in nodes { buffer.hash(node) }
        try txn.put(store.merkle, key: KeyBytes.u64(frontier.size), value: buffer.bytes, flags: .append)
    }

    /// Whether `stored` (a `merkle` value) holds exactly the stored nodes `frontier`'s last append completed.
    static func matches(_ stored: UnsafeRawBufferPointer, _ frontier: MerkleFrontier) -> Bool {
        let nodes = storedNodes(frontier)
        guard stored.count == nodes.count * 32 else { return false }
        for (i, node) in nodes.enumerated() where ChainHash(loading: stored, at: i * 32) != node {
            return false
        }
        return true
    }

    /// Empties the tree and builds it again from the events' stored hashes, in the caller's write
    /// transaction (the first open of a ledger written before the tree existed; `rebuild` computes the
    /// entries on a thread of its own, `TreeRebuild`). Returns the tree's size.
    @discardableResult
    static func rebuild(_ store: LedgerStore, _ txn: WriteTransaction) throws -> UInt64 {
        let entries = try TreeEntries(store, txn)
        try entries.write(store, txn)
        return entries.size
    }
}

/// The stored tree's hashes as a `MerkleNodeSource`, read in one transaction.
struct StoredMerkleNodes: MerkleNodeSource {
    let store: LedgerStore
    let txn: ReadTransaction

    var lowestStoredLevel: Int { StoredMerkleTree.lowestStoredLevel }

    func entries(from index: UInt64, count: Int) throws -> [ChainHash] {
        var out: [ChainHash] = []
        out.reserveCapacity(count)
        try txn.forEach(store.events, from: KeyBytes.u64(index + 1)) { key, value in
            guard KeyBytes.readU64(key) == index + 1 + UInt64(out.count) else { return false }
            out.append(try EventBinaryCodec.storedHash(value))
            return out.count < count
        }
        guard out.count == count else {
            throw LedgerError.corrupted("the event at position \(index + 1 + UInt64(out.count)) is missing from the log; run 'ledger verify'")
        }
        return out
    }

    func completedNode(level: Int, atSize size: UInt64) throws -> ChainHash {
        let first = lowestStoredLevel
        let node = try txn.withValue(store.merkle, key: KeyBytes.u64(size)) { value -> ChainHash? in
            value.count >= (level - first + 1) * 32 ? ChainHash(loading: value, at: (level - first) * 32) : nil
        }
        guard let node = node ?? nil else { throw ProofError.missingNode(level: level, size: size) }
        return node
    }
}
