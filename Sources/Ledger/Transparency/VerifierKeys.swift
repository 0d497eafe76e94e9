import LMDB

/// The verifier keys of every signing key a ledger has had, kept in its
/// `meta` database under `verifier-keys` (one key per line in the note
/// verifier-key format, oldest first, the current one last): public data that
/// travels with the ledger and its backups, so that `verify --against` can
/// check a checkpoint signed before a key rotation without any secret.
/// Promises: keys are only ever added; the last is the key `checkpoint`
/// signs with.
enum VerifierKeys {
    static let metaKey: [UInt8] = Array("verifier-keys".utf8)

    /// Every key, oldest first (empty for a ledger that never had a signing key).
    static func all(_ store: LedgerStore, _ txn: ReadTransaction) throws -> [NoteVerifierKey] {
        guard let bytes = try txn.value(store.meta, key: metaKey) else { return [] }
        return try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
            do throws(NoteError) { return try NoteVerifierKey(parsing: String(line)) } catch {
                throw LedgerError.corrupted("the ledger's list of verifier keys is damaged (\(error.description))")
            }
        }
    }

    /// Adds `key` as the current one.
    static func add(_ key: NoteVerifierKey, _ store: LedgerStore, _ txn: WriteTransaction) throws {
        let lines = try all(store, txn).filter { $0 != key }.map(\.description) + [key.description]
        try txn.put(store.meta, key: metaKey, value: Array(lines.map { $0 + "\n" }.joined().utf8))
    }
}
