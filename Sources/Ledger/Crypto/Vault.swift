import Foundation
import LMDB
import SystemCrypto

/// The case keys: a small LMDB environment of its own (`vault.mdb` in the
/// ledger folder), each 256-bit case key wrapped (AES-GCM) by the master key
/// with the additional data `case-key/<case id>`. Kept apart from the log so
/// that erasure can be made final by rewriting this small file without the
/// key (`VaultFile.remove`; LMDB never zeroes freed pages). Promises: a key is
/// written durably before any event sealed under it; once erased, the key's
/// bytes exist in no file of the ledger folder; a crash at any moment leaves
/// the old or the new vault file, never a broken one.
///
/// Each operation opens the environment, works and closes it, under a
/// `flock` on `vault.lock` (shared to read, exclusive to write), so that a
/// rewrite's rename never pulls a file from under another process.
public final class Vault {
    public static let fileName = VaultFile.fileName
    static let checkKey: [UInt8] = Array("~check".utf8)
    static let checkText: [UInt8] = Array("case-ledger vault".utf8)

    let directory: String
    let master: MasterKey
    let random: RandomSource
    let lockTimeout: Double

    public init(directory: String, master: MasterKey, random: RandomSource, lockTimeout: Double = 10) {
        self.directory = directory
        self.master = master
        self.random = random
        self.lockTimeout = lockTimeout
    }

    var path: String { file.path }

    /// Creates the vault with its key check; used by `init`.
    public func create() throws(LedgerError) {
        let wrapping = try master.wrappingKey()
        try withEnvironment(.exclusive) { env, db throws(LedgerError) in
            try run {
                try env.write { txn in
                    let sealed = try SealedBox.seal(Vault.checkText, key: wrapping, aad: Vault.checkKey,
                                                    nonce: random.bytes(SealedBox.nonceSize))
                    try txn.put(db, key: Vault.checkKey, value: sealed)
                }
            }
        }
    }

    /// The keys of the given cases that the vault holds (erased cases have none).
    public func keys(for cases: some Sequence<CaseID>) throws(LedgerError) -> [CaseID: AES256GCMKey] {
        let wrapping = try master.wrappingKey()
        return try withEnvironment(.shared) { env, db throws(LedgerError) in
            try run {
                try env.read { txn in
                    var out: [CaseID: AES256GCMKey] = [:]
                    for caseID in cases {
                        if let wrapped = try txn.value(db, key: Array(caseID.rawValue.utf8)),
                           let raw = SealedBox.open(wrapped, key: wrapping, aad: Vault.aad(caseID)) {
                            out[caseID] = try LedgerError.sealingKey(raw)
                        }
                    }
                    return out
                }
            }
        }
    }

    /// Wraps and durably stores the given raw case keys (32 bytes each).
    public func store(_ keys: [CaseID: [UInt8]]) throws(LedgerError) {
        guard !keys.isEmpty else { return }
        let wrapping = try master.wrappingKey()
        var wrapped: [([UInt8], [UInt8])] = []
        wrapped.reserveCapacity(keys.count)
        for (caseID, raw) in keys {
            wrapped.append((Array(caseID.rawValue.utf8),
                            try SealedBox.seal(raw, key: wrapping, aad: Vault.aad(caseID), nonce: random.bytes(SealedBox.nonceSize))))
        }
        wrapped.sort { $0.0.lexicographicallyPrecedes($1.0) }
        try withEnvironment(.exclusive) { env, db throws(LedgerError) in
            try run {
                try env.write { txn in
                    for (key, value) in wrapped { try txn.put(db, key: key, value: value) }
                }
            }
        }
    }

    /// Removes keys that were made for an append that then failed (nothing sealed under them is stored).
    /// Returns whether they are gone (false when the vault could not be written, e.g. on a full disk).
    @discardableResult
    public func discardKeys(for cases: [CaseID]) -> Bool {
        guard !cases.isEmpty else { return true }
        do {
            try withEnvironment(.exclusive) { env, db throws(LedgerError) in
                try run {
                    try env.write { txn in
                        for caseID in cases { _ = try txn.delete(db, key: Array(caseID.rawValue.utf8)) }
                    }
                }
            }
            return true
        } catch {
            return false
        }
    }

    /// The cases the vault holds a key of.
    public func caseIDs() throws(LedgerError) -> [CaseID] { try file.caseIDs() }

    /// Checks that the master key opens this vault.
    public func checkMasterKey() throws(LedgerError) {
        let wrapping = try master.wrappingKey()
        let ok = try withEnvironment(.shared) { env, db throws(LedgerError) in
            try run {
                try env.read { txn in
                    guard let sealed = try txn.value(db, key: Vault.checkKey) else { return false }
                    return SealedBox.open(sealed, key: wrapping, aad: Vault.checkKey) == Vault.checkText
                }
            }
        }
        guard ok else { throw .key("the master key does not open this ledger's vault (wrong key file?)") }
    }

    // MARK: plumbing

    static func aad(_ caseID: CaseID) -> [UInt8] { Array("case-key/\(caseID.rawValue)".utf8) }

    var file: VaultFile { VaultFile(directory: directory, lockTimeout: lockTimeout) }

    func withEnvironment<R>(_ mode: FileLock.Mode, _ body: (Environment, Database) throws(LedgerError) -> R) throws(LedgerError) -> R {
        try file.withEnvironment(mode, body)
    }

    func run<R>(_ body: () throws -> R) throws(LedgerError) -> R {
        do { return try body() } catch let error as LedgerError { throw error } catch let error as LMDBError {
            throw StoreErrors.map(error, what: "the vault (\(path))", directory: directory, kind: .vault)
        } catch { throw .io("vault: \(error)") }
    }
}
