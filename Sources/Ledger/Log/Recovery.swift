import LMDB

/// Finishing what a killed writer left undone: erasures whose case key is
/// not destroyed yet (their `erase-pending/` marks in `meta`), and case keys
/// stored for an append that never committed (`PendingKeys`).
///
/// The decisions are taken inside an LMDB write transaction, never a read
/// one. A writer killed after writing its meta page but before announcing
/// the new transaction id in the lock file leaves a commit that read
/// transactions do not see yet (LMDB's `mti_txnid` lags); the next holder of
/// LMDB's writer mutex adopts it. Judged from a read transaction, the keys of
/// such a commit's new cases looked like leftovers and were removed, and the
/// commit then became visible with its cases' keys gone.
extension Ledger {
    /// On open: recovers only if the writer lock is free at once, so that a
    /// reader never waits (a writer holding the lock recovers first itself).
    func recoverInterruptedWrites() throws(LedgerError) {
        if !PendingKeys.isMarked(directory), try pendingErasures().isEmpty { return }
        let lock = FileLock(path: directory + "/writer.lock")
        do {
            try lock.lock(.exclusive, timeout: 0, what: "the ledger at \(directory)")
        } catch .busy {
            return
        }
        defer { lock.unlock() }
        try recoverInterruptedWritesLocked()
    }

    /// Recovery for a caller that holds the writer lock (every write starts with it).
    func recoverInterruptedWritesLocked() throws(LedgerError) {
        let marked = PendingKeys.isMarked(directory)
        if !marked, try pendingErasures().isEmpty { return }
        let file = VaultFile(directory: directory, lockTimeout: options.lockTimeout)
        // Listing the vault needs no master key; if it cannot be read, the marker stays for later.
        let held = marked ? (try? file.caseIDs()) : nil
        let (pending, orphans) = try store.write { txn -> ([CaseID], [CaseID]) in
            let pending = try pendingErasures(txn)
            let orphans = try (held ?? []).filter { id in
                try !txn.contains(store.caseState, key: Array(id.rawValue.utf8))
            }
            return (pending, orphans)
        }
        try destroyKeys(of: pending)
        guard held != nil else { return }
        do {
            if !orphans.isEmpty { try file.remove(orphans) }
            PendingKeys.clear(directory)
        } catch {
            // Best effort (a full disk, say): the marker stays and a later writer tries again.
        }
    }

    /// Erased cases whose key destruction has not finished, as a read transaction sees them.
    func pendingErasures() throws(LedgerError) -> [CaseID] {
        try store.read { try pendingErasures($0) }
    }

    func pendingErasures(_ txn: ReadTransaction) throws -> [CaseID] {
        var out: [CaseID] = []
        let prefix = StoreKeys.pendingErasurePrefix
        try txn.forEach(store.meta, from: prefix) { key, _ in
            guard key.starts(with: prefix) else { return false }
            if let id = CaseID(String(decoding: key[prefix.count...], as: UTF8.self)) { out.append(id) }
            return true
        }
        return out
    }
}
