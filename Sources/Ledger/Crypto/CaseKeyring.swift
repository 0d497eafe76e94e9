import SystemCrypto

/// The case keys of one write and the sealing done with them: it finds a
/// case's key (in this write's own cache, then the ledger's
/// `SealingKeyCache`, then the vault), makes a key for a case the write opens,
/// and seals a payload's plain personal fields under it with `FieldSealer`.
/// Promises: a case gets one key per write, a new one only when the write
/// opens it (made here, or made ahead by an import's `PreSealer` for that
/// opening); the vault is opened only for a key neither cache holds; new keys
/// reach the vault only through `storeNewKeys`, at the write's end.
final class CaseKeyring {
    private let vault: () throws -> Vault
    /// Keys of cases the ledger sealed with in earlier committed writes.
    private let knownKeys: SealingKeyCache?
    private let random: RandomSource
    /// Raw keys of the cases this write opens.
    private var newKeys: [CaseID: [UInt8]] = [:]
    /// Every key this write sealed with, new or found.
    private var keyCache: [CaseID: AES256GCMKey] = [:]

    init(vault: @escaping () throws -> Vault, knownKeys: SealingKeyCache?, random: RandomSource) {
        self.vault = vault
        self.knownKeys = knownKeys
        self.random = random
    }

    /// The payload the rules decided with every plain personal field sealed
    /// under the case's key. `presealed`, what an import's `PreSealer` did
    /// ahead: for a correction the nonces it drew, taken first; otherwise the
    /// payload it sealed, which replaces `decided`, and the key it made when
    /// the event opens the case, which becomes the case's key.
    func seal(_ decided: Payload, of caseID: CaseID, opening: Bool, presealed: PresealedPayload?) throws -> Payload {
        guard let presealed else { return try seal(decided, of: caseID, opening: opening, nonces: nil) }
        if decided.type == .entryCorrected {
            return try seal(decided, of: caseID, opening: opening, nonces: NonceQueue(presealed.nonces))
        }
        if let raw = presealed.openingKey { try adoptKeyMadeAhead(raw, for: caseID, opening: opening) }
        return try seal(presealed.payload, of: caseID, opening: opening, nonces: nil)
    }

    private func seal(_ payload: Payload, of caseID: CaseID, opening: Bool, nonces: NonceQueue?) throws -> Payload {
        let sealer = FieldSealer(caseID: caseID) { () throws -> AES256GCMKey in
            try self.key(for: caseID, opening: opening)
        } nonce: {
            nonces?.next() ?? self.random.bytes(SealedBox.nonceSize)
        }
        return try sealer.seal(payload)
    }

    private func adoptKeyMadeAhead(_ raw: [UInt8], for caseID: CaseID, opening: Bool) throws(LedgerError) {
        guard opening, newKeys[caseID] == nil, keyCache[caseID] == nil else {
            throw .corrupted("\(caseID): a key was made ahead for a case that is not new")
        }
        // Its cipher context is made only if this write seals with it (`key(for:)`):
        // an import's appends seldom do, and a context is about 1 KB against the key's 32 bytes.
        newKeys[caseID] = raw
    }

    private func key(for caseID: CaseID, opening: Bool) throws -> AES256GCMKey {
        if let key = keyCache[caseID] { return key }
        if opening || newKeys[caseID] != nil {
            let raw = newKeys[caseID] ?? random.bytes(32)
            newKeys[caseID] = raw
            let key = try LedgerError.sealingKey(raw)
            keyCache[caseID] = key
            return key
        }
        if let key = knownKeys?.key(for: caseID) {
            keyCache[caseID] = key
            return key
        }
        guard let key = try vault().keys(for: [caseID])[caseID] else {
            throw LedgerError.invalidInput("\(caseID): the case's key is not in this ledger's vault (erased, or imported sealed without its key), so new personal fields cannot be sealed")
        }
        keyCache[caseID] = key
        return key
    }

    /// The keys of `cases` at hand without failing: this write's, the
    /// ledger's cache's, then the vault's in one read (none from the vault
    /// when it cannot be opened: no master key). Cases without a key are left out.
    func keysAtHand(for cases: [CaseID]) throws -> [CaseID: AES256GCMKey] {
        var out: [CaseID: AES256GCMKey] = [:]
        var missing: [CaseID] = []
        for id in cases {
            if let key = keyCache[id] ?? knownKeys?.key(for: id) { out[id] = key } else { missing.append(id) }
        }
        guard !missing.isEmpty, let vault = try? vault() else { return out }
        return out.merging(try vault.keys(for: missing)) { found, _ in found }
    }

    /// Stores the keys this write made in the vault, durably, after marking
    /// them pending in `directory` (the ledger folder): a write that then
    /// fails to commit leaves keys the next writer takes back (`PendingKeys`).
    func storeNewKeys(pendingIn directory: String) throws {
        guard !newKeys.isEmpty else { return }
        try PendingKeys.mark(directory)
        try vault().store(newKeys)
    }

    /// The cases this write made a key for.
    var createdKeys: [CaseID] { Array(newKeys.keys) }

    /// The keys this write sealed with (read from the vault or new), for the ledger's cache once committed.
    var usedKeys: [CaseID: AES256GCMKey] { keyCache }
}
