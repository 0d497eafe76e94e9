import LMDB

/// `verify`'s check of the stored Merkle tree: the tree is built again from
/// the events' hashes as the verification reads them, and every stored node
/// must equal the one built; a signed checkpoint's root must equal the root
/// built at its size. Promises: `add` is called with every event in position
/// order; `finish` then throws `.corrupted` if the store holds more or fewer
/// nodes than the log has, or never reached the checkpoint's size.
struct TreeVerifier {
    let store: LedgerStore
    /// A signed checkpoint's tree head the log must extend.
    let expected: TreeHead?
    private var frontier = MerkleFrontier()
    private var expectedSeen: Bool

    init(store: LedgerStore, expected: TreeHead?) {
        self.store = store
        self.expected = expected
        expectedSeen = expected == nil
        if let expected, expected.size == 0 { expectedSeen = true }
    }

    /// Adds the event at `position` (the next one) whose hash was just checked.
    mutating func add(_ hash: ChainHash, position: UInt64, _ txn: ReadTransaction) throws {
        frontier.append(hash)
        if !StoredMerkleTree.storedNodes(frontier).isEmpty {
            let stored = try txn.withValue(store.merkle, key: KeyBytes.u64(position)) { StoredMerkleTree.matches($0, frontier) }
            guard stored == true else {
                throw LedgerError.corrupted("the Merkle tree's nodes completed at position \(position) are \(stored == nil ? "missing" : "altered"); run 'ledger rebuild'")
            }
        }
        if let expected, expected.size == position {
            guard frontier.root == expected.root else { throw mismatch(expected) }
            expectedSeen = true
        }
    }

    /// After the last event: the tree holds nothing beyond the log, and the checkpoint's size was reached.
    func finish(_ txn: ReadTransaction) throws {
        let entries = try txn.entryCount(store.merkle)
        let needed = frontier.size / StoredMerkleTree.storedSizeStep
        guard UInt64(entries) == needed, try StoredMerkleTree.isCurrent(store, txn, head: frontier.size) else {
            throw LedgerError.corrupted("the Merkle tree holds \(entries) node entries; a log of \(frontier.size) events needs \(needed); run 'ledger rebuild'")
        }
        if let expected {
            if expected.size == 0, expected.root != MerkleHashing.emptyRoot { throw mismatch(expected) }
            guard expectedSeen else {
                throw LedgerError.corrupted("the log ends at position \(frontier.size), before the signed checkpoint's tree of \(expected.size) events")
            }
        }
    }

    private func mismatch(_ expected: TreeHead) -> LedgerError {
        .corrupted("the log's first \(expected.size) events have the Merkle root \(frontier.root.hex), not the signed checkpoint's \(expected.root.hex): the log no longer extends that checkpoint")
    }
}
