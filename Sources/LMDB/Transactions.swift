internal import CLMDB

/// A read-only view of the environment at one point in time (an LMDB read transaction).
///
/// Promises: valid only inside the closure that received it (`Environment.read`, or
/// `Environment.write` for a `WriteTransaction`); never store it. Once that closure has returned,
/// every method throws `LMDBError.badTransaction` and every cursor made from it is closed.
/// Buffers handed to closures point straight into the memory map (zero copy) and are valid only
/// while the closure runs; in a write transaction also only until the next modification.
/// Not thread-safe: use it only on the thread that runs the closure.
public class ReadTransaction {
    /// The live `MDB_txn`, or nil once the owning closure has returned.
    private(set) var handle: OpaquePointer?
    private var cursors: [WeakCursor] = []
    /// Where the data file is mapped, found once per transaction (`releaseMappedPages`); the map
    /// moves only when it is resized, which waits until no transaction of this process runs.
    var mappedFileRanges: [Range<UInt>]?

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// The live transaction, or `badTransaction` if it has ended.
    @inline(__always)
    func live() throws -> OpaquePointer {
        guard let handle else { throw LMDBError.badTransaction }
        return handle
    }

    /// Closes all cursors and detaches from the LMDB transaction; the caller then commits or aborts it.
    func finish() {
        for entry in cursors {
            entry.cursor?.invalidate()
        }
        cursors.removeAll()
        handle = nil
    }

    // MARK: Point lookups

    /// Zero-copy lookup; body sees the value bytes only while it runs. Returns nil if the key is absent.
    public func withValue<R>(
        _ db: Database, key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        let txn = try live()
        var k = MDB_val(key)
        var v = MDB_val()
        let rc = mdb_get(txn, db.dbi, &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try lmdbCheck(rc)
        return try body(v.bytes)
    }

    /// Zero-copy lookup; body sees the value bytes only while it runs. Returns nil if the key is absent.
    public func withValue<R>(
        _ db: Database, key: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        try key.withUnsafeBytes { try withValue(db, key: $0, body) }
    }

    /// The value for `key` copied into an array, or nil if the key is absent.
    public func value(_ db: Database, key: [UInt8]) throws -> [UInt8]? {
        try withValue(db, key: key) { Array($0) }
    }

    /// Whether `key` is present.
    public func contains(_ db: Database, key: [UInt8]) throws -> Bool {
        try withValue(db, key: key) { _ in true } ?? false
    }

    // MARK: Cursors and scans

    /// A new cursor on `db`. It is closed when released, and at the latest when this transaction ends.
    public func makeCursor(_ db: Database) throws -> Cursor {
        let txn = try live()
        var raw: OpaquePointer?
        try lmdbCheck(mdb_cursor_open(txn, db.dbi, &raw))
        guard let raw else { throw LMDBError.badTransaction }
        let cursor = Cursor(handle: raw)
        if cursors.count >= 16 {
            cursors.removeAll { $0.cursor == nil }
        }
        cursors.append(WeakCursor(cursor: cursor))
        return cursor
    }

    /// Runs body with a temporary raw cursor that is closed when body returns.
    private func withRawCursor<T>(_ db: Database, _ body: (OpaquePointer, OpaquePointer) throws -> T) throws -> T {
        let txn = try live()
        var raw: OpaquePointer?
        try lmdbCheck(mdb_cursor_open(txn, db.dbi, &raw))
        guard let raw else { throw LMDBError.badTransaction }
        defer { mdb_cursor_close(raw) }
        return try body(txn, raw)
    }

    /// Visits entries in key order starting at the first key >= start (or the first key when start is
    /// nil or empty); body returns false to stop. Keys/values are valid only during the call.
    public func forEach(
        _ db: Database, from start: [UInt8]? = nil,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try withRawCursor(db) { _, cursor in
            var k = MDB_val()
            var v = MDB_val()
            var found: Bool
            if let start, !start.isEmpty {
                found = try start.withUnsafeBytes { startBytes in
                    k = MDB_val(startBytes)
                    return try cursorGet(cursor, &k, &v, MDB_SET_RANGE)
                }
            } else {
                found = try cursorGet(cursor, &k, &v, MDB_FIRST)
            }
            while found {
                guard try body(k.bytes, v.bytes) else { return }
                found = try cursorGet(cursor, &k, &v, MDB_NEXT)
            }
        }
    }

    /// Visits entries in reverse key order starting at the last key <= start (or the last key when
    /// start is nil); body returns false to stop. An empty start visits nothing (no key is <= it).
    /// Keys/values are valid only during the call.
    public func forEachReversed(
        _ db: Database, from start: [UInt8]? = nil,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try withRawCursor(db) { txn, cursor in
            var k = MDB_val()
            var v = MDB_val()
            var found: Bool
            if let start {
                if start.isEmpty { return }
                found = try start.withUnsafeBytes { startBytes in
                    var target = MDB_val(startBytes)
                    k = target
                    if try cursorGet(cursor, &k, &v, MDB_SET_RANGE) {
                        // Landed on the first key >= start; step back unless it is start itself.
                        if mdb_cmp(txn, db.dbi, &k, &target) > 0 {
                            return try cursorGet(cursor, &k, &v, MDB_PREV)
                        }
                        return true
                    }
                    // Every key is < start.
                    return try cursorGet(cursor, &k, &v, MDB_LAST)
                }
            } else {
                found = try cursorGet(cursor, &k, &v, MDB_LAST)
            }
            while found {
                guard try body(k.bytes, v.bytes) else { return }
                found = try cursorGet(cursor, &k, &v, MDB_PREV)
            }
        }
    }

    /// Runs body on the entry with the greatest key, or returns nil if the database is empty.
    public func lastEntry<R>(
        _ db: Database,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        try withRawCursor(db) { _, cursor in
            var k = MDB_val()
            var v = MDB_val()
            guard try cursorGet(cursor, &k, &v, MDB_LAST) else { return nil }
            return try body(k.bytes, v.bytes)
        }
    }

    /// The id of the snapshot this transaction reads (`mdb_txn_id`: the last committed write it sees).
    /// Two read transactions with the same id see the same data.
    public func snapshotID() throws -> Int {
        Int(mdb_txn_id(try live()))
    }

    /// The number of entries in `db` as seen by this transaction.
    public func entryCount(_ db: Database) throws -> Int {
        let txn = try live()
        var stat = MDB_stat()
        try lmdbCheck(mdb_stat(txn, db.dbi, &stat))
        return stat.ms_entries
    }
}

/// A read-write transaction. A write transaction can be used wherever a read transaction is expected.
///
/// Promises: valid only inside the `Environment.write` closure that received it; its changes become
/// visible to others only when that closure returns and the commit succeeds, and vanish if the
/// closure throws. After any write reported `LMDBError.mapFull`, the transaction is unusable, and
/// `Environment.write` discards it and runs the closure again in a larger map.
public final class WriteTransaction: ReadTransaction {
    /// Set when any write reported `MDB_MAP_FULL`; the environment then grows the map and retries.
    private(set) var hitMapFull = false

    @inline(__always)
    private func checkWrite(_ rc: Int32) throws {
        guard rc != MDB_SUCCESS else { return }
        if rc == MDB_MAP_FULL { hitMapFull = true }
        throw LMDBError(code: rc)
    }

    /// Stores `value` under `key`. Keys must be 1...511 bytes.
    public func put(
        _ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []
    ) throws {
        let txn = try live()
        var k = MDB_val(key)
        var v = MDB_val(value)
        try checkWrite(mdb_put(txn, db.dbi, &k, &v, flags.rawValue))
    }

    /// Stores `value` under `key`. Keys must be 1...511 bytes.
    public func put(_ db: Database, key: [UInt8], value: [UInt8], flags: PutFlags = []) throws {
        try key.withUnsafeBytes { k in
            try value.withUnsafeBytes { v in
                try put(db, key: k, value: v, flags: flags)
            }
        }
    }

    /// Removes `key`; returns false if it was absent.
    @discardableResult
    public func delete(_ db: Database, key: [UInt8]) throws -> Bool {
        let txn = try live()
        let rc = key.withUnsafeBytes { keyBytes -> Int32 in
            var k = MDB_val(keyBytes)
            return mdb_del(txn, db.dbi, &k, nil)
        }
        if rc == MDB_NOTFOUND { return false }
        try checkWrite(rc)
        return true
    }

    /// Removes every entry of `db` and keeps the database (`mdb_drop(txn, dbi, 0)`).
    public func clear(_ db: Database) throws {
        let txn = try live()
        try checkWrite(mdb_drop(txn, db.dbi, 0))
    }

    /// `mdb_dbi_open` inside this transaction (`name` nil is the main database).
    func openDBI(_ name: String?, flags: UInt32) throws -> UInt32 {
        let txn = try live()
        var dbi: MDB_dbi = 0
        let rc: Int32
        if let name {
            rc = mdb_dbi_open(txn, name, flags, &dbi)
        } else {
            rc = mdb_dbi_open(txn, nil, flags, &dbi)
        }
        try checkWrite(rc)
        return dbi
    }
}

/// A weak reference to a cursor, so a transaction can close the cursors still alive when it ends.
struct WeakCursor {
    weak var cursor: Cursor?
}
