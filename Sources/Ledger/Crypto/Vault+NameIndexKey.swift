import LMDB
import SystemCrypto

extension Vault {
    /// The vault entry holding the name index key, wrapped by the master key
    /// with the additional data `~name-index` (a case id never starts with `~`).
    static let nameIndexEntry: [UInt8] = Array("~name-index".utf8)

    /// The key of the blind name index; nil when the vault has none yet (a
    /// ledger made before the index). Throws `.key` when the entry does not open.
    func nameIndexKey() throws(LedgerError) -> NameIndexKey? {
        let wrapped = try withEnvironment(.shared) { env, db throws(LedgerError) in
            try run { try env.read { try $0.value(db, key: Vault.nameIndexEntry) } }
        }
        guard let wrapped else { return nil }
        guard let raw = SealedBox.open(wrapped, key: try master.wrappingKey(), aad: Vault.nameIndexEntry) else {
            throw .key("the name index key in the vault does not open with this master key")
        }
        return try NameIndexKey(bytes: raw)
    }

    /// The key of the blind name index, made and stored durably first when the
    /// vault has none (at `init`, or on first use by a ledger made before the index).
    func makeNameIndexKeyIfMissing() throws(LedgerError) -> NameIndexKey {
        if let key = try nameIndexKey() { return key }
        let raw = random.bytes(32)
        let wrapping = try master.wrappingKey()
        let wrapped = try SealedBox.seal(raw, key: wrapping, aad: Vault.nameIndexEntry, nonce: random.bytes(SealedBox.nonceSize))
        return try withEnvironment(.exclusive) { env, db throws(LedgerError) in
            try run {
                try env.write { txn -> NameIndexKey in
                    // Another process may have made it meanwhile: theirs stands.
                    if let stored = try txn.value(db, key: Vault.nameIndexEntry),
                       let existing = SealedBox.open(stored, key: wrapping, aad: Vault.nameIndexEntry) {
                        return try NameIndexKey(bytes: existing)
                    }
                    try txn.put(db, key: Vault.nameIndexEntry, value: wrapped)
                    return try NameIndexKey(bytes: raw)
                }
            }
        }
    }
}
