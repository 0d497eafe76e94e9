/// Converts a ledger written in an older storage format to this build's, once,
/// when it is opened (Docs/STORAGE.md, "Formats and their conversion").
///
/// Format 1 kept the case index in a database of its own (`cases`: case id
/// and version -> position); format 2 keeps it in each case's state (every
/// history entry carries its event's position), so an append writes one
/// B-tree less. The conversion is a rebuild of the projections
/// (`rebuildLocked`): it replays the log, writes every state with its
/// positions, empties `cases` and stamps format 2, all in one write
/// transaction under the writer lock.
///
/// Promises: a crash at any moment leaves the ledger in format 1 (nothing of
/// the transaction) or in format 2 (all of it); the log, the Merkle tree, the
/// access log and the name index are not changed; a second open finds format
/// 2 and writes nothing; two processes opening at once convert once (the
/// second finds the format current under the lock). A build that knows only
/// format 1 refuses a converted ledger by its format version (exit 65,
/// "upgrade"), since `cases` is kept, empty, for it to find.
extension Ledger {
    func ensureFormatCurrent(_ format: UInt32) throws(LedgerError) {
        guard format < LedgerStore.formatVersion else { return }
        try withWriterLock { () throws(LedgerError) in
            // Another process may have converted it while this one waited for the lock.
            guard let stored = try store.read({ try store.formatVersion($0) }), stored < LedgerStore.formatVersion else { return }
            options.progress?.progress("converting the ledger from format \(stored) to format \(LedgerStore.formatVersion)",
                                       done: 0, total: 0)
            _ = try rebuildLocked()
            options.progress?.finished("converting the ledger from format \(stored) to format \(LedgerStore.formatVersion)")
        }
    }
}
