import SystemCrypto

/// The case keys an open ledger has lately sealed with, so that a process
/// appending many commands (a service, the benchmark) does not open the vault
/// for each one. Promises: it only ever holds keys of cases whose events are
/// committed (a failed write's keys never enter it); an erasure made through
/// this ledger removes the key at once; it holds at most `capacity` keys
/// (when full it starts again empty). A key erased by another process may
/// linger here, but is never used: the rules refuse every event for an
/// erased case before anything is sealed, and reveals never read this cache.
final class SealingKeyCache {
    let capacity: Int
    private var keys: [CaseID: AES256GCMKey] = [:]

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    func key(for id: CaseID) -> AES256GCMKey? { keys[id] }

    /// Adds the keys a committed write used.
    func remember(_ used: [CaseID: AES256GCMKey]) {
        if keys.count + used.count > capacity { keys.removeAll(keepingCapacity: true) }
        guard used.count <= capacity else { return }
        keys.merge(used) { _, new in new }
    }

    func forget(_ ids: some Sequence<CaseID>) {
        for id in ids { keys[id] = nil }
    }
}
