extension Ledger {
    /// Runs `body` holding the ledger's writer lock (`writer.lock`), which
    /// serializes every writer process; waits up to `options.lockTimeout`
    /// seconds for another writer, then throws `.busy`. Promises: the lock is
    /// released when `body` returns or throws.
    func withWriterLock<R>(_ body: () throws(LedgerError) -> R) throws(LedgerError) -> R {
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        return try body()
    }
}
