internal import CLMDB

/// A cursor over one database inside one transaction.
///
/// Promises: positioned by `first`/`last`/`next`/`previous`/`seek(atLeast:)`, each returning false
/// (and leaving `key`/`value` empty) when there is no such entry. `key` and `value` point into the
/// memory map and are valid until the next move or the end of the transaction (in a write
/// transaction also until the next modification); copy them if you need them longer.
///
/// It closes itself in `deinit` (`mdb_cursor_close`). Release it before its transaction ends; if you
/// don't, the transaction closes it when it ends and every later move throws
/// `LMDBError.badTransaction`. Not thread-safe.
public final class Cursor {
    private var handle: OpaquePointer?
    private var k = MDB_val()
    private var v = MDB_val()

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        if let handle { mdb_cursor_close(handle) }
    }

    /// Closes the LMDB cursor; called by the transaction before it ends.
    func invalidate() {
        if let handle { mdb_cursor_close(handle) }
        handle = nil
        k = MDB_val()
        v = MDB_val()
    }

    @inline(__always)
    private func move(_ op: MDB_cursor_op) throws -> Bool {
        guard let handle else { throw LMDBError.badTransaction }
        if try cursorGet(handle, &k, &v, op) { return true }
        k = MDB_val()
        v = MDB_val()
        return false
    }

    /// Moves to the first entry; false if the database is empty.
    public func first() throws -> Bool { try move(MDB_FIRST) }

    /// Moves to the last entry; false if the database is empty.
    public func last() throws -> Bool { try move(MDB_LAST) }

    /// Moves to the next entry (the first one if unpositioned); false at the end.
    public func next() throws -> Bool { try move(MDB_NEXT) }

    /// Moves to the previous entry (the last one if unpositioned); false at the start.
    public func previous() throws -> Bool { try move(MDB_PREV) }

    /// Moves to the first entry whose key is >= `key` (`MDB_SET_RANGE`); false if there is none.
    public func seek(atLeast key: [UInt8]) throws -> Bool {
        guard let handle else { throw LMDBError.badTransaction }
        if key.isEmpty { return try first() }
        let found = try key.withUnsafeBytes { keyBytes in
            k = MDB_val(keyBytes)
            return try cursorGet(handle, &k, &v, MDB_SET_RANGE)
        }
        if !found {
            k = MDB_val()
            v = MDB_val()
        }
        return found
    }

    /// The current key; empty when not positioned.
    public var key: UnsafeRawBufferPointer { k.bytes }

    /// The current value; empty when not positioned.
    public var value: UnsafeRawBufferPointer { v.bytes }
}
