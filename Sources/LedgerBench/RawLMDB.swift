import CLMDB
import Foundation

/// The append baseline: LMDB through its C API, one durable `mdb_put`
/// (MDB_APPEND, 8-byte big-endian key) per committed transaction, the way
/// the ledger stores its events, with nothing else around it.
final class RawLMDB {
    private let env: OpaquePointer
    private var dbi: MDB_dbi = 0
    private(set) var lastKey: UInt64 = 0

    init(directory: String) throws(BenchError) {
        mkdir(directory, 0o700)
        var created: OpaquePointer?
        guard mdb_env_create(&created) == 0, let env = created else { throw .failed("mdb_env_create failed") }
        self.env = env
        try check(mdb_env_set_mapsize(env, 8 << 30), "mdb_env_set_mapsize")
        try check(mdb_env_set_maxdbs(env, 2), "mdb_env_set_maxdbs")
        try check(mdb_env_open(env, directory, 0, 0o600), "mdb_env_open \(directory)")
        try transaction { txn throws(BenchError) in
            try check(mdb_dbi_open(txn, "events", UInt32(MDB_CREATE), &dbi), "mdb_dbi_open")
        }
    }

    deinit { mdb_env_close(env) }

    /// Fills the database with `count` copies of `value` in one transaction (not timed), so that
    /// the timed commits work on a tree as deep as the ledger's.
    func prefill(count: Int, value: [UInt8]) throws(BenchError) {
        try transaction { txn throws(BenchError) in
            for _ in 0..<count { try put(txn, value) }
        }
    }

    /// One durable transaction holding one put of `value` under the next key.
    func commitOne(_ value: [UInt8]) throws(BenchError) {
        try transaction { txn throws(BenchError) in try put(txn, value) }
    }

    private func put(_ txn: OpaquePointer, _ value: [UInt8]) throws(BenchError) {
        lastKey += 1
        var bigEndian = lastKey.bigEndian
        let rc = withUnsafeMutableBytes(of: &bigEndian) { keyBytes in
            value.withUnsafeBytes { valueBytes in
                var k = MDB_val(mv_size: 8, mv_data: keyBytes.baseAddress)
                var v = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                return mdb_put(txn, dbi, &k, &v, UInt32(MDB_APPEND))
            }
        }
        try check(rc, "mdb_put")
    }

    private func transaction(_ body: (OpaquePointer) throws(BenchError) -> Void) throws(BenchError) {
        var begun: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &begun), "mdb_txn_begin")
        guard let txn = begun else { throw .failed("mdb_txn_begin gave no transaction") }
        do {
            try body(txn)
        } catch {
            mdb_txn_abort(txn)
            throw error
        }
        try check(mdb_txn_commit(txn), "mdb_txn_commit")
    }

    private func check(_ rc: Int32, _ what: String) throws(BenchError) {
        guard rc == 0 else { throw .failed("\(what): \(String(cString: mdb_strerror(rc)))") }
    }
}
