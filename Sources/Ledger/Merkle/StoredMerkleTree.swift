import LMDB

/// The log's Merkle tree as the `merkle` database of `data.mdb` keeps it
/// (Docs/STORAGE.md): for each even tree size s, under s (8 bytes
/// big-endian), the inner nodes completed when the tree reached s, level 1
/// first, 32 bytes each (s has as many trailing zero bits as there are
/// nodes). Leaves are not stored: a leaf is the hash of its event's chain
/// hash, which the `events` database holds. Every node is written once, in
/// the write transaction that appends its last leaf, with `MDB_APPEND`, and
/// never changes: so the tree of any size up to the log's is in the store,
/// and a crash leaves tree and log consistent. Promises: the tree is
/// current when `meta/tree` holds this layout's version and the last key is
/// the head's position rounded down to even; a proof reads O(log n) entries.
enum StoredMerkleTree {
    /// Version of this layout, in `meta/tree` (u32 big-endian).
    static let layoutVersion: UInt32 = 1
    static let metaKey: [UInt8] = Array("tree".utf8)

    /// Whether the stored tree covers exactly the log up to `head` in this layout.
    static func isCurrent(_ store: LedgerStore, _ txn: ReadTransaction, head: UInt64) throws -> Bool {
        let version = try txn.withValue(store.meta, key: metaKey) { b -> UInt32? in
            var r = ByteReader(b)
            return try? r.u32BE()
        }
        guard version == layoutVersion else { return false }
        let last = try txn.lastEntry(store.merkle) { key, _ in KeyBytes.readU64(key) }
        return (last ?? 0) == head & ~1
    }

    /// The frontier of the stored tree of `size` leaves (`size` at most the log's head), to append to.
    static func frontier(_ store: LedgerStore, _ txn: ReadTransaction, size: UInt64) throws -> MerkleFrontier {
        try MerkleTreeReader(source: StoredMerkleNodes(store: store, txn: txn)).frontier(size: size)
    }

    /// Puts the nodes `frontier`'s last append completed, if any, under its size.
    static func putCompleted(_ frontier: MerkleFrontier, _ store: LedgerStore, _ txn: WriteTransaction,
                             buffer: inout ByteWriter) throws {
        guard !frontier.completed.isEmpty else { return }
        buffer.reset()
        for node in frontier.completed { buffer.hash(node) }
        try txn.put(store.merkle, key: KeyBytes.u64(frontier.size), value: buffer.bytes, flags: .append)
    }

    /// Whether `stored` (a `merkle` value) holds exactly the nodes `frontier`'s last append completed.
    static func matches(_ stored: UnsafeRawBufferPointer, _ frontier: MerkleFrontier) -> Bool {
        guard stored.count == frontier.completed.count * 32 else { return false }
        for (i, node) in frontier.completed.enumerated() where ChainHash(loading: stored, at: i * 32) != node {
            return false
        }
        return true
    }

    /// Empties the tree and builds it again from the events' stored hashes, in the caller's write
    /// transaction (`rebuild`, and the first open of a ledger written before the tree existed).
    /// Returns the tree's size.
    @discardableResult
    static func rebuild(_ store: LedgerStore, _ txn: WriteTransaction) throws -> UInt64 {
        try txn.clear(store.merkle)
        var frontier = MerkleFrontier()
        var buffer = ByteWriter(capacity: 64 * 32)
        // Another database's cursor stays valid while `merkle` is written in the same transaction.
        try txn.forEach(store.events) { key, value in
            guard let position = KeyBytes.readU64(key), position == frontier.size + 1 else {
                throw LedgerError.corrupted("position \(frontier.size + 1) is missing from the log: the Merkle tree cannot be built; run 'ledger verify'")
            }
            frontier.append(try EventBinaryCodec.storedHash(value))
            try putCompleted(frontier, store, txn, buffer: &buffer)
            return true
        }
        var version = ByteWriter(capacity: 4)
        version.u32BE(layoutVersion)
        try txn.put(store.meta, key: metaKey, value: version.bytes)
        return frontier.size
    }
}

/// The stored tree's hashes as a `MerkleNodeSource`, read in one transaction.
struct StoredMerkleNodes: MerkleNodeSource {
    let store: LedgerStore
    let txn: ReadTransaction

    func entry(at index: UInt64) throws -> ChainHash {
        guard let hash = try txn.withValue(store.events, key: KeyBytes.u64(index + 1), { try EventBinaryCodec.storedHash($0) }) else {
            throw LedgerError.corrupted("the event at position \(index + 1) is missing from the log; run 'ledger verify'")
        }
        return hash
    }

    func completedNode(level: Int, atSize size: UInt64) throws -> ChainHash {
        let node = try txn.withValue(store.merkle, key: KeyBytes.u64(size)) { value -> ChainHash? in
            value.count >= level * 32 ? ChainHash(loading: value, at: (level - 1) * 32) : nil
        }
        guard let node = node ?? nil else { throw ProofError.missingNode(level: level, size: size) }
        return node
    }
}
