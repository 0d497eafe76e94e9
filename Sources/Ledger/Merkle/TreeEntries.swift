import Foundation
import LMDB

/// Every entry of the `merkle` database for the log as one transaction sees
/// it, computed from the events' stored hashes and held in one byte arena,
/// so that it can be computed in a read transaction (on another thread,
/// while a rebuild replays the projections) and written later. Promises:
/// `write` leaves `merkle` and `meta/tree` exactly as appending the log's
/// events one by one would have.
struct TreeEntries {
    /// The number of events (leaves) read.
    private(set) var size: UInt64 = 0
    private var keys: [UInt64] = []
    /// The values one after another; value i ends at `ends[i]`.
    private var values = ByteWriter(capacity: 1 << 16)
    private var ends: [Int] = []

    /// Reads every event's hash in position order and keeps the stored nodes they complete.
    init(_ store: LedgerStore, _ txn: ReadTransaction) throws {
        var frontier = MerkleFrontier()
        try txn.forEach(store.events) { key, value in
            guard let position = KeyBytes.readU64(key), position == frontier.size + 1 else {
                throw LedgerError.corrupted("position \(frontier.size + 1) is missing from the log: the Merkle tree cannot be built; run 'ledger verify'")
            }
            frontier.append(try EventBinaryCodec.storedHash(value))
            // As a replay does: hand back the log's pages read so far, so that the resident set holds no log.
            if frontier.size % UInt64(ProjectionBuilder.releaseInterval) == 0 { try txn.releaseMappedPages() }
            let nodes = StoredMerkleTree.storedNodes(frontier)
            if !nodes.isEmpty {
                for node in nodes { values.hash(node) }
                keys.append(frontier.size)
                ends.append(values.bytes.count)
            }
            return true
        }
        size = frontier.size
    }

    /// Replaces the tree in `merkle` by these entries (in key order: every put an append) and sets the layout version.
    func write(_ store: LedgerStore, _ txn: WriteTransaction) throws {
        try txn.clear(store.merkle)
        try values.bytes.withUnsafeBytes { all in
            var start = 0
            for (key, end) in zip(keys, ends) {
                try KeyBytes.u64(key).withUnsafeBytes { k in
                    try txn.put(store.merkle, key: k, value: UnsafeRawBufferPointer(rebasing: all[start..<end]), flags: .append)
                }
                start = end
            }
        }
        var version = ByteWriter(capacity: 4)
        version.u32BE(StoredMerkleTree.layoutVersion)
        try txn.put(store.meta, key: StoredMerkleTree.metaKey, value: version.bytes)
    }
}

/// The tree's entries computed on a thread of its own, in a read transaction
/// of its own, while `rebuild` replays the projections on others. The caller
/// holds the writer lock, so it sees the log the replay sees; `entries` is
/// nil if the thread failed, and the caller then builds the tree itself.
final class TreeRebuild: @unchecked Sendable {
    private let store: LedgerStore
    private let done = DispatchSemaphore(value: 0)
    private var result: TreeEntries?
    private var waited = false

    /// Starts the thread.
    init(store: LedgerStore) {
        self.store = store
        let thread = Thread { [self] in self.run() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func run() {
        defer { done.signal() }
        result = try? store.read { try TreeEntries(store, $0) }
    }

    /// The entries, once the thread has ended.
    var entries: TreeEntries? {
        if !waited {
            done.wait()
            waited = true
        }
        return result
    }
}
