internal import CLMDB

// The one place where `MDB_val` and raw buffers are converted into each other.
// Nothing here is public: callers of the module only ever see `UnsafeRawBufferPointer`.

extension MDB_val {
    /// An `MDB_val` pointing at `buffer` (LMDB never writes through key/value inputs).
    @inline(__always)
    init(_ buffer: UnsafeRawBufferPointer) {
        self.init(mv_size: buffer.count, mv_data: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
    }

    /// The bytes this `MDB_val` points at; valid as long as LMDB says the memory is.
    @inline(__always)
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: mv_data, count: mv_size)
    }
}

/// `mdb_cursor_get`; returns false for `MDB_NOTFOUND`, throws any other error.
@inline(__always)
func cursorGet(
    _ cursor: OpaquePointer, _ key: inout MDB_val, _ value: inout MDB_val, _ op: MDB_cursor_op
) throws -> Bool {
    let rc = mdb_cursor_get(cursor, &key, &value, op)
    if rc == MDB_NOTFOUND { return false }
    try lmdbCheck(rc)
    return true
}
