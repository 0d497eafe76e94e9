import Foundation
import LMDB

/// `verify`'s second thread: the replay of the whole log, then the hash check of the log's tail, in a read
/// transaction of its own that reads the same snapshot as the caller's, while the caller checks the chain.
///
/// Promises: `result(through:)` gives the projections a `ProjectionBuilder` replay of the caller's snapshot
/// encodes and the first event from `hashesFrom` on that is unreadable or does not match its hash (if any),
/// or nil when the thread could not read that snapshot (a write committed between the two transactions'
/// starts, a few tries in a row) or its replay failed. The caller then does both on its own thread, which
/// stops at the same event with the same error as it always did. The thread hands back no mapped pages:
/// the caller's thread does, for both (the map is the process's). Verify holds no writer lock, so the
/// snapshot is matched by LMDB's transaction id, not assumed.
final class ReplayBeside: @unchecked Sendable {
    /// What the thread found.
    struct Outcome {
        var projections: EncodedProjections
        var position: UInt64
        /// The first event from `hashesFrom` on that is unreadable or does not match its hash.
        var firstAltered: ChainCheck.Failure?
    }

    private let store: LedgerStore
    private let zone: LedgerTimeZone
    private let snapshot: Int
    private let hashesFrom: UInt64
    private var outcome: Outcome?
    private let done = DispatchSemaphore(value: 0)
    /// Whether `result` has waited for the thread already (the semaphore is signalled once).
    private var joined = false

    /// How often the thread tries to begin a transaction on the caller's snapshot.
    private static let attempts = 4

    /// Starts the replay of the snapshot `snapshot` (the caller's `ReadTransaction.snapshotID()`), and the
    /// hash check of every event from position `hashesFrom` on.
    init(store: LedgerStore, zone: LedgerTimeZone, snapshot: Int, hashesFrom: UInt64) {
        self.store = store
        self.zone = zone
        self.snapshot = snapshot
        self.hashesFrom = hashesFrom
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        defer { done.signal() }
        for _ in 0..<Self.attempts {
            let matched: Bool? = try? store.read { txn -> Bool in
                guard try txn.snapshotID() == snapshot else { return false }
                let builder = ProjectionBuilder(zone: zone, releasesPages: false)
                try builder.replay(store, txn)
                let position = builder.position
                let projections = builder.takeEncodedProjections()
                let altered = try ChainCheck.firstAltered(from: hashesFrom, store, txn)
                outcome = Outcome(projections: projections, position: position, firstAltered: altered)
                return true
            }
            if matched != false { return }
        }
    }

    /// Waits for the thread (the first call); what it found, if its replay went through `position` (the
    /// caller's last event). Call from the thread that made it.
    func result(through position: UInt64) -> Outcome? {
        if !joined {
            done.wait()
            joined = true
        }
        guard let outcome, outcome.position == position else { return nil }
        return outcome
    }
}
