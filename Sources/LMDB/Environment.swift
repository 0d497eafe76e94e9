internal import CLMDB

/// One open LMDB environment. Always opened with `MDB_NOTLS` (several processes and threads may read at once).
///
/// Promises:
/// - On open, reader slots of dead processes are cleared (`mdb_reader_check`, best effort) unless `noLock`.
/// - Safe to share between threads. Any number of `read`s run concurrently; `write`s are serialized
///   by LMDB (across processes too).
/// - The map grows on demand inside `write` (see there), never above `maxMapSize`.
/// - `close()` waits for running transactions in this process, is idempotent, and runs in `deinit`.
///   Every use after `close()` throws `EBADF` (`LMDBError(code: EBADF)`).
///
/// Rules for callers:
/// - Open each path at most once per process (LMDB forbids two environments on one file in a process).
/// - Growing the map needs a moment with no transaction of this process active. So never call `write`
///   from inside a `read` body on the same thread (it can deadlock when the map must grow). A `read`
///   inside a `write` body is fine. Long reads on other threads delay growth until they end.
/// - Don't nest `write` inside `write`, and open databases before starting transactions that use them.
public final class Environment: @unchecked Sendable {
    /// The path given at open: the directory (or, with `noSubdirectory`, the data file).
    public let path: String
    /// The options given at open (`mapSize` clamped to `maxMapSize`).
    public let options: EnvironmentOptions

    /// The `MDB_env`; nil after `close()`. Read under `lock` (shared), written under `lock` (exclusive).
    private var handle: OpaquePointer?
    /// Shared for every transaction and call into LMDB; exclusive for resizing the map and closing.
    private let lock = ReadWriteLock()
    /// Serializes `mdb_dbi_open`, which LMDB allows in only one transaction at a time.
    private let dbiLock = PlainMutex()

    /// Opens (creating if needed) the environment at `path`. Throws `LMDBError`; for directory mode
    /// the directory must already exist (`ENOENT` otherwise).
    public init(path: String, options: EnvironmentOptions = .init()) throws {
        var options = options
        if let cap = options.maxMapSize, options.mapSize > cap {
            options.mapSize = cap
        }
        var created: OpaquePointer?
        try lmdbCheck(mdb_env_create(&created))
        guard let env = created else { throw LMDBError.outOfMemory }
        do {
            try lmdbCheck(mdb_env_set_maxdbs(env, MDB_dbi(options.maxDatabases)))
            try lmdbCheck(mdb_env_set_maxreaders(env, options.maxReaders))
            try lmdbCheck(mdb_env_set_mapsize(env, options.mapSize))
            try lmdbCheck(mdb_env_open(env, path, options.environmentFlags, mdb_mode_t(options.fileMode)))
        } catch {
            mdb_env_close(env)
            throw error
        }
        if !options.noLock {
            var dead: Int32 = 0
            _ = mdb_reader_check(env, &dead)  // best effort: a failure here must not prevent opening
        }
        self.path = path
        self.options = options
        self.handle = env
    }

    deinit {
        close()
    }

    /// Closes the environment (and every `Database` handle from it). Waits for transactions of this
    /// process to end. Idempotent.
    public func close() {
        lock.withExclusive {
            if let handle {
                mdb_env_close(handle)
            }
            handle = nil
        }
    }

    // MARK: Locked access

    /// Runs `body` with the live handle, shared with transactions (exclusive only against resizing and closing).
    func withShared<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withShared {
            guard let handle else { throw LMDBError.environmentClosed }
            return try body(handle)
        }
    }

    private func withExclusive<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withExclusive {
            guard let handle else { throw LMDBError.environmentClosed }
            return try body(handle)
        }
    }

    private static func currentMapSize(_ env: OpaquePointer) -> Int {
        var info = MDB_envinfo()
        guard mdb_env_info(env, &info) == MDB_SUCCESS else { return 0 }
        return info.me_mapsize
    }

    /// The current map size in bytes (0 after `close()`).
    public var mapSize: Int {
        (try? withShared { Environment.currentMapSize($0) }) ?? 0
    }

    // MARK: Databases

    /// Opens (and with create: true, creates) a named database. `""` is LMDB's unnamed main database.
    ///
    /// In a `readOnly` environment `create` is ignored and a missing database throws `.notFound`;
    /// so does a missing database with `create: false`. Returns the same handle for the same name.
    /// Open databases up front: the handle can't be used by a transaction that began before it was
    /// first opened (LMDB answers `EINVAL`), and calling this inside a `write` body deadlocks (it needs
    /// a transaction of its own).
    public func openDatabase(_ name: String, create: Bool = true) throws -> Database {
        let lmdbName: String? = name.isEmpty ? nil : name
        return try dbiLock.withLock {
            if create && !options.readOnly {
                let dbi = try write { txn in try txn.openDBI(lmdbName, flags: UInt32(MDB_CREATE)) }
                return Database(name: name, dbi: dbi)
            }
            let dbi = try readOnlyTransaction { txn -> UInt32 in
                var dbi: MDB_dbi = 0
                let rc: Int32
                if let lmdbName {
                    rc = mdb_dbi_open(txn, lmdbName, 0, &dbi)
                } else {
                    rc = mdb_dbi_open(txn, nil, 0, &dbi)
                }
                try lmdbCheck(rc)
                return dbi
            } commit: { true }
            return Database(name: name, dbi: dbi)
        }
    }

    // MARK: Transactions

    private enum Attempt<R> {
        case done(R)
        case mapResized
        case mapFull(observedSize: Int)
    }

    /// Runs `body` with a raw read-only `MDB_txn`, handling `MDB_MAP_RESIZED` at begin.
    /// When `commit()` is true the transaction is committed instead of aborted (keeps dbi handles).
    private func readOnlyTransaction<R>(
        _ body: (OpaquePointer) throws -> R, commit: () -> Bool = { false }
    ) throws -> R {
        while true {
            let attempt: Attempt<R> = try withShared { env in
                var begun: OpaquePointer?
                let rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &begun)
                if rc == MDB_MAP_RESIZED { return .mapResized }
                try lmdbCheck(rc)
                guard let txn = begun else { throw LMDBError.badTransaction }
                let result: R
                do {
                    result = try body(txn)
                } catch {
                    mdb_txn_abort(txn)
                    throw error
                }
                if commit() {
                    try lmdbCheck(mdb_txn_commit(txn))  // frees txn even on failure
                } else {
                    mdb_txn_abort(txn)
                }
                return .done(result)
            }
            switch attempt {
            case .done(let result): return result
            case .mapResized: try adoptResizedMap()
            case .mapFull: throw LMDBError.mapFull  // not produced by read-only transactions
            }
        }
    }

    /// Runs body in a read-only transaction; the transaction ends when body returns or throws.
    ///
    /// `MDB_MAP_RESIZED` at begin (another process grew the map) is handled by adopting the new size and
    /// retrying. Errors thrown by `body` are rethrown unchanged.
    public func read<R>(_ body: (ReadTransaction) throws -> R) throws -> R {
        try readOnlyTransaction { txn in
            let transaction = ReadTransaction(handle: txn)
            defer { transaction.finish() }
            return try body(transaction)
        }
    }

    /// Runs body in a write transaction and commits when body returns; a throw aborts (nothing written).
    ///
    /// If LMDB reports `MDB_MAP_FULL` (from a put or from commit) the transaction is aborted, the map is
    /// grown (doubled, never above `maxMapSize`; at the cap the error is thrown as `.mapFull`) and body is
    /// run again from the start, so body must not have side effects outside the transaction.
    /// This happens even if body caught the `.mapFull` error itself. `MDB_MAP_RESIZED` at begin (another
    /// process grew the map) is handled by `mdb_env_set_mapsize(env, 0)` and retry. Disk-full and other
    /// errors from commit are thrown (see `LMDBError`); nothing of the transaction is then written.
    public func write<R>(_ body: (WriteTransaction) throws -> R) throws -> R {
        while true {
            let attempt: Attempt<R> = try withShared { env in
                let observedSize = Environment.currentMapSize(env)
                var begun: OpaquePointer?
                let rc = mdb_txn_begin(env, nil, 0, &begun)
                if rc == MDB_MAP_RESIZED { return .mapResized }
                try lmdbCheck(rc)
                guard let txn = begun else { throw LMDBError.badTransaction }
                let transaction = WriteTransaction(handle: txn)
                let result: R
                do {
                    result = try body(transaction)
                } catch {
                    transaction.finish()
                    mdb_txn_abort(txn)
                    if transaction.hitMapFull { return .mapFull(observedSize: observedSize) }
                    throw error
                }
                transaction.finish()
                if transaction.hitMapFull {
                    // body swallowed the error; the transaction is poisoned anyway.
                    mdb_txn_abort(txn)
                    return .mapFull(observedSize: observedSize)
                }
                // A failed mdb_txn_commit has already freed txn: never abort it afterwards.
                let commitRC = mdb_txn_commit(txn)
                if commitRC == MDB_MAP_FULL { return .mapFull(observedSize: observedSize) }
                try lmdbCheck(commitRC)
                return .done(result)
            }
            switch attempt {
            case .done(let result): return result
            case .mapResized: try adoptResizedMap()
            case .mapFull(let observedSize): try growMap(observedSize: observedSize)
            }
        }
    }

    // MARK: Map size

    /// Adopts the map size another process recorded (`mdb_env_set_mapsize(env, 0)`).
    private func adoptResizedMap() throws {
        try withExclusive { env in
            try lmdbCheck(mdb_env_set_mapsize(env, 0))
        }
    }

    /// Grows the map to at least `bytes` (capped at `maxMapSize`; never shrinks it), so that a
    /// transaction known to be large does not fill the map, abort and run again from the start.
    /// The map is address space: the file grows only as pages are written. Call it with no
    /// transaction of this process active.
    public func reserveMap(atLeast bytes: Int) throws {
        try withExclusive { env in
            let current = Environment.currentMapSize(env)
            let pageSize = 4096
            var target = (max(bytes, 0) + pageSize - 1) / pageSize * pageSize
            if let cap = options.maxMapSize { target = min(target, cap) }
            guard target > current else { return }
            try lmdbCheck(mdb_env_set_mapsize(env, target))
        }
    }

    /// Doubles the map (capped at `maxMapSize`) unless another thread already grew it past
    /// `observedSize`. Throws `.mapFull` at the cap. Runs with no transaction of this process active.
    private func growMap(observedSize: Int) throws {
        try withExclusive { env in
            let current = Environment.currentMapSize(env)
            if current > observedSize { return }
            let pageSize = 4096
            var target = current.multipliedReportingOverflow(by: 2).overflow ? Int.max : current * 2
            target = max(target, current + pageSize) / pageSize * pageSize
            if let cap = options.maxMapSize {
                target = min(target, cap)
            }
            guard target > current else { throw LMDBError.mapFull }
            try lmdbCheck(mdb_env_set_mapsize(env, target))
        }
    }

    // MARK: Maintenance

    /// Copies the environment to `path` (`mdb_env_copy2`); with `compact`, free pages are omitted and
    /// pages renumbered (`MDB_CP_COMPACT`). In directory mode `path` must be an existing, empty directory;
    /// with `noSubdirectory` it is the file to create. Runs concurrently with writers.
    public func copy(to path: String, compact: Bool) throws {
        try withShared { env in
            try lmdbCheck(mdb_env_copy2(env, path, compact ? UInt32(MDB_CP_COMPACT) : 0))
        }
    }

    /// Flushes written data to disk (`mdb_env_sync`); `force` syncs even with `durable: false`.
    public func sync(force: Bool = true) throws {
        try withShared { env in
            try lmdbCheck(mdb_env_sync(env, force ? 1 : 0))
        }
    }

    /// Clears reader slots left by dead processes (`mdb_reader_check`); returns how many were cleared.
    /// Always 0 with `noLock`.
    @discardableResult
    public func clearStaleReaders() throws -> Int {
        if options.noLock { return 0 }
        return try withShared { env in
            var dead: Int32 = 0
            try lmdbCheck(mdb_reader_check(env, &dead))
            return Int(dead)
        }
    }

    /// The number of entries in `db` (`mdb_stat` in a read transaction).
    public func entryCount(_ db: Database) throws -> Int {
        try read { try $0.entryCount(db) }
    }
}
