import Foundation

extension Ledger {
    /// The origin line of this ledger's checkpoints, as stored now (`makeSigningKey` may have set it).
    public func origin() throws(LedgerError) -> String {
        try store.read { try store.config($0) }.checkpointOrigin
    }

    /// The verifier keys of every signing key this ledger has had, oldest first, the current one last.
    public func verifierKeys() throws(LedgerError) -> [NoteVerifierKey] {
        try store.read { try VerifierKeys.all(store, $0) }
    }

    /// The signing key from `options.signingKeyFile`, checked to be the ledger's current one (exit 77 otherwise).
    func signingKey() throws(LedgerError) -> NoteSigningKey {
        let path = options.signingKeyFile
        guard let current = try verifierKeys().last else {
            throw .key("this ledger has no checkpoint signing key yet (it was made before checkpoints existed): create one with 'ledger keygen'")
        }
        let key = try SigningKeyFile.load(from: path)
        guard key.verifier == current else {
            let interrupted = FileManager.default.fileExists(atPath: path + ".new")
                ? "; a key rotation was interrupted: \(path).new holds the new key, move it to \(path)" : ""
            throw .key("the signing key at \(path) (\(key.verifier)) is not this ledger's current key (\(current))\(interrupted)")
        }
        return key
    }

    /// The log's head as a checkpoint (C2SP tlog-checkpoint) signed by the ledger's key (C2SP signed-note).
    public func signedCheckpoint() throws(LedgerError) -> SignedNote {
        let key = try signingKey()
        let checkpoint = TreeCheckpoint(origin: try origin(), head: try treeHead())
        do { return try SignedNote.sign(checkpoint.text, with: key) } catch { throw LedgerError(error) }
    }

    /// Reads a signed checkpoint of this ledger and checks its signature: by one of `trusted` (nil: the
    /// ledger's own verifier keys, current and former) and by no trusted key that fails; its origin must be
    /// this ledger's. Returns its tree head, for `verify(treeHead:)` to check against the log.
    public func checkSignedCheckpoint(_ text: String, trusting trusted: [NoteVerifierKey]? = nil) throws(LedgerError) -> TreeHead {
        let keys: [NoteVerifierKey]
        if let trusted { keys = trusted } else { keys = try verifierKeys() }
        let origin = try origin()
        guard !keys.isEmpty else {
            throw .key("this ledger has no verifier key to check the checkpoint with: pass the key the checkpoint was published with (--verifier-key FILE)")
        }
        do throws(NoteError) {
            let note = try SignedNote(parsing: text)
            try note.verify(trusting: keys)
            let checkpoint = try TreeCheckpoint(parsing: note.text)
            guard checkpoint.origin == origin else { throw NoteError.wrongOrigin(expected: origin, found: checkpoint.origin) }
            return checkpoint.head
        } catch {
            throw LedgerError(error)
        }
    }

    /// Creates the first signing key of a ledger made before checkpoints existed (`ledger keygen`), named
    /// `origin` (nil: the configured or default origin; a new origin is stored in the configuration).
    /// With `rotate`, replaces the current key instead (`ledger keygen --rotate`); the former key's verifier
    /// key stays in the ledger's list, so checkpoints it signed still verify.
    @discardableResult
    public func makeSigningKey(origin newOrigin: String? = nil, rotate: Bool = false) throws(LedgerError) -> NoteVerifierKey {
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        let path = options.signingKeyFile
        let existing = try verifierKeys()
        let origin = try origin()
        if rotate {
            guard newOrigin == nil || newOrigin == origin else {
                throw .usage("the origin names the log in every checkpoint it signed; it stays '\(origin)' when the key is rotated")
            }
            _ = try signingKey()
            let key = try SigningKeyFile.newKey(origin: origin, random: options.random)
            try store.write { txn in try VerifierKeys.add(key.verifier, store, txn) }
            try SigningKeyFile.replace(at: path, with: key)
            return key.verifier
        }
        guard existing.isEmpty else {
            throw .usage("this ledger already has a signing key (\(existing.last?.description ?? "")); 'ledger keygen --rotate' replaces it")
        }
        var config = try store.read { try store.config($0) }
        if let newOrigin { config.origin = newOrigin }
        try config.validate()
        let key = try SigningKeyFile.create(at: path, origin: config.checkpointOrigin, random: options.random)
        do {
            try store.write { txn in
                if newOrigin != nil { try txn.put(store.meta, key: StoreKeys.config, value: try config.encoded()) }
                try VerifierKeys.add(key.verifier, store, txn)
            }
        } catch {
            unlink(path)
            throw error
        }
        return key.verifier
    }
}
