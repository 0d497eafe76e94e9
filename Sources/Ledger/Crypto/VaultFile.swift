import Foundation
import LMDB

/// The vault's file on disk (`vault.mdb`, an LMDB environment without a lock
/// file) and the `vault.lock` flock that guards it: shared to read, exclusive
/// to change. It moves wrapped keys as opaque bytes, so it needs no master key:
/// erasure and backups work for staff who never hold the key.
///
/// Promises:
/// - `remove` leaves the removed entries' bytes in no file: it never deletes
///   in place (LMDB keeps freed pages and the gaps inside live pages as they
///   were, and its compacting copy `mdb_env_copy2(MDB_CP_COMPACT)` copies the
///   used part of each page rounded out to 8-byte words, so up to 7 stale
///   bytes at either edge of the gap come along), but
///   writes the remaining entries into a fresh environment file, whose pages
///   LMDB zero-fills, and renames it over the old one.
/// - A crash at any moment leaves the old or the new file in place, each
///   complete: the new file is flushed to disk before the rename, and the
///   folder after it. A half-written `vault.mdb.new` is ignored and replaced
///   by the next rewrite.
struct VaultFile {
    static let fileName = "vault.mdb"
    static let database = "keys"

    let directory: String
    let lockTimeout: Double

    var path: String { directory + "/" + VaultFile.fileName }
    var lockPath: String { directory + "/vault.lock" }
    var what: String { "the vault (\(path))" }

    /// Runs `body` with the vault's environment and its `keys` database, under the flock in `mode`.
    func withEnvironment<R>(_ mode: FileLock.Mode, _ body: (Environment, Database) throws(LedgerError) -> R) throws(LedgerError) -> R {
        let lock = FileLock(path: lockPath)
        try lock.lock(mode, timeout: lockTimeout, what: "the ledger's vault")
        defer { lock.unlock() }
        return try withOpenEnvironment(at: path, create: mode == .exclusive, readOnly: mode == .shared, body)
    }

    /// Removes the entries of `cases` by rewriting the file without them (see the type's promises).
    /// `beforeRename` lets tests stop the work where a crash could.
    func remove(_ cases: [CaseID], beforeRename: () throws(LedgerError) -> Void = {}) throws(LedgerError) {
        let drop = Set(cases.map { Array($0.rawValue.utf8) })
        let lock = FileLock(path: lockPath)
        try lock.lock(.exclusive, timeout: lockTimeout, what: "the ledger's vault")
        defer { lock.unlock() }
        let entries = try readEntries(at: path) { !drop.contains($0) }
        let fresh = path + ".new"
        try VaultFile.writeFresh(entries, to: fresh, what: what)
        try beforeRename()
        guard rename(fresh, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(fresh)
            throw .io("cannot replace the vault after erasure: \(reason)")
        }
        try Durability.fsyncDirectory(directory)
    }

    /// Writes a copy holding exactly the vault's current entries to `destination` (a new file),
    /// under the shared lock: what backups take.
    func copy(to destination: String) throws(LedgerError) {
        let lock = FileLock(path: lockPath)
        try lock.lock(.shared, timeout: lockTimeout, what: "the ledger's vault")
        defer { lock.unlock() }
        let entries = try readEntries(at: path) { _ in true }
        try VaultFile.writeFresh(entries, to: destination, what: "the vault copy (\(destination))")
    }

    /// The cases the vault holds a key of (the master key is not needed to list them).
    func caseIDs() throws(LedgerError) -> [CaseID] {
        try withEnvironment(.shared) { env, db throws(LedgerError) in
            try VaultFile.run(what, directory: directory) {
                try env.read { txn in
                    var out: [CaseID] = []
                    try txn.forEach(db) { key, _ in
                        if let id = CaseID(String(decoding: key, as: UTF8.self)) { out.append(id) }
                        return true
                    }
                    return out
                }
            }
        }
    }

    /// The stored (wrapped) bytes of a case's key, as they lie in the file; nil when absent.
    func storedEntry(of caseID: CaseID) throws(LedgerError) -> [UInt8]? {
        try withEnvironment(.shared) { env, db throws(LedgerError) in
            try VaultFile.run(what, directory: directory) { try env.read { try $0.value(db, key: Array(caseID.rawValue.utf8)) } }
        }
    }

    // MARK: plumbing

    private func readEntries(at file: String, keeping keep: ([UInt8]) -> Bool) throws(LedgerError) -> [([UInt8], [UInt8])] {
        try withOpenEnvironment(at: file, create: false, readOnly: true) { env, db throws(LedgerError) in
            try VaultFile.run(what, directory: directory) {
                try env.read { txn in
                    var out: [([UInt8], [UInt8])] = []
                    try txn.forEach(db) { key, value in
                        let k = Array(key)
                        if keep(k) { out.append((k, Array(value))) }
                        return true
                    }
                    return out
                }
            }
        }
    }

    /// Opens `file` for `body`. Reading opens it read-only: LMDB then sets up no write
    /// transaction (a read-write open allocates and zeroes megabytes of page lists,
    /// which made every append's key lookup cost half a millisecond of CPU).
    private func withOpenEnvironment<R>(at file: String, create: Bool, readOnly: Bool,
                                        _ body: (Environment, Database) throws(LedgerError) -> R) throws(LedgerError) -> R {
        try FileAccess.checkDataFile(file)
        var options = VaultFile.options(forBytes: 0)
        options.readOnly = readOnly
        let env = try DamagedFile.open(.vault, at: file, options: options, path: file, what: what, directory: directory)
        defer { env.close() }
        let db = try VaultFile.run(what, directory: directory) { try env.openDatabase(VaultFile.database, create: create) }
        return try body(env, db)
    }

    /// Creates `file` (replacing a leftover of an interrupted rewrite) holding exactly `entries`
    /// (in key order), written in one transaction and flushed to disk.
    static func writeFresh(_ entries: [([UInt8], [UInt8])], to file: String, what: String) throws(LedgerError) {
        if unlink(file) != 0 && errno != ENOENT {
            throw .io("cannot remove \(file): \(String(cString: strerror(errno)))")
        }
        let bytes = entries.reduce(0) { $0 + $1.0.count + $1.1.count + 16 }
        try run(what) {
            let env = try Environment(path: file, options: options(forBytes: bytes))
            defer { env.close() }
            let db = try env.openDatabase(database, create: true)
            try env.write { txn in
                for (key, value) in entries { try txn.put(db, key: key, value: value, flags: .append) }
            }
        }
        try Durability.fsyncFile(file)
    }

    static func options(forBytes bytes: Int) -> EnvironmentOptions {
        var options = EnvironmentOptions()
        options.noSubdirectory = true
        options.noLock = true
        options.mapSize = max(16 << 20, bytes * 4)
        options.maxDatabases = 2
        options.fileMode = 0o600
        return options
    }

    static func run<R>(_ what: String, directory: String? = nil, _ body: () throws -> R) throws(LedgerError) -> R {
        do { return try body() } catch let error as LedgerError { throw error } catch let error as LMDBError {
            throw StoreErrors.map(error, what: what, directory: directory, kind: .vault)
        } catch { throw .io("\(what): \(error)") }
    }
}
