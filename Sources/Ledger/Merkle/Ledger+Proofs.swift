import LMDB

/// The root of the log's Merkle tree at a size: what a signed checkpoint commits to.
public struct TreeHead: Equatable, Sendable {
    /// The number of events (leaves) in the tree.
    public var size: UInt64
    public var root: ChainHash

    public init(size: UInt64, root: ChainHash) {
        self.size = size
        self.root = root
    }
}

extension Ledger {
    /// The tree head at `size` events (nil: the whole log), read in one transaction.
    public func treeHead(size: UInt64? = nil) throws(LedgerError) -> TreeHead {
        try store.read { txn in
            let size = try treeSize(size, txn)
            return TreeHead(size: size, root: try reader(txn).root(size: size))
        }
    }

    /// The inclusion proof of the event at `position` in the tree of `size` events (nil: the whole log).
    /// Checked before it is returned.
    public func inclusionProof(position: UInt64, size: UInt64? = nil) throws(LedgerError) -> InclusionProof {
        let proof = try store.read { txn -> InclusionProof in
            let size = try treeSize(size, txn)
            guard position >= 1, position <= size else { throw ProofError.positionOutsideTree(position: position, size: size) }
            let tree = reader(txn)
            return InclusionProof(position: position, treeSize: size, leaf: try tree.entry(at: position - 1),
                                  path: try tree.inclusionPath(index: position - 1, size: size), root: try tree.root(size: size))
        }
        do { try proof.verify() } catch { throw .corrupted("the stored Merkle tree gives a wrong proof (\(error.description)); run 'ledger verify'") }
        return proof
    }

    /// The consistency proof from the tree of `first` events to the tree of `second` (nil: the whole log).
    /// Checked before it is returned.
    public func consistencyProof(first: UInt64, second: UInt64? = nil) throws(LedgerError) -> ConsistencyProof {
        let proof = try store.read { txn -> ConsistencyProof in
            let second = try treeSize(second, txn)
            guard first <= second else { throw ProofError.firstLargerThanSecond(first: first, second: second) }
            let tree = reader(txn)
            return ConsistencyProof(first: first, second: second, path: try tree.consistencyPath(first: first, second: second),
                                    firstRoot: try tree.root(size: first), secondRoot: try tree.root(size: second))
        }
        do { try proof.verify() } catch { throw .corrupted("the stored Merkle tree gives a wrong proof (\(error.description)); run 'ledger verify'") }
        return proof
    }

    /// `size`, checked against the log's head, or the head's position.
    private func treeSize(_ size: UInt64?, _ txn: ReadTransaction) throws -> UInt64 {
        let head = try store.head(txn).position
        guard let size else { return head }
        guard size <= head else { throw ProofError.sizeBeyondLog(size: size, head: head) }
        return size
    }

    private func reader(_ txn: ReadTransaction) -> MerkleTreeReader<StoredMerkleNodes> {
        MerkleTreeReader(source: StoredMerkleNodes(store: store, txn: txn))
    }

    /// Builds the Merkle tree if the ledger was written before it existed (or by a build that did not keep
    /// it): under the writer lock, in one write transaction, as `rebuild` does.
    func ensureTreeCurrent() throws(LedgerError) {
        let current = try store.read { txn in try StoredMerkleTree.isCurrent(store, txn, head: try store.head(txn).position) }
        if !current { _ = try rebuildTree(onlyIfStale: true) }
    }

    /// Empties the Merkle tree and builds it again from the log's hashes alone, in one write transaction
    /// under the writer lock (`rebuild` does it with the projections; the benchmark times it alone).
    /// Returns the tree's size.
    @discardableResult
    public func rebuildTree() throws(LedgerError) -> UInt64 {
        try rebuildTree(onlyIfStale: false)
    }

    private func rebuildTree(onlyIfStale: Bool) throws(LedgerError) -> UInt64 {
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        options.progress?.progress("building the Merkle tree", done: 0, total: 0)
        defer { options.progress?.finished("building the Merkle tree") }
        return try store.write { txn in
            let head = try store.head(txn).position
            if onlyIfStale, try StoredMerkleTree.isCurrent(store, txn, head: head) { return head }
            return try StoredMerkleTree.rebuild(store, txn)
        }
    }
}
