import LMDB

extension StoreKeys {
    /// `meta`: the access log's last sequence number (8 bytes big-endian) and hash.
    static let accessHead: [UInt8] = Array("access-head".utf8)
}

/// What an access-log entry will say was opened or searched: which cases (or
/// search), which fields, and whether a restricted case is among them.
struct AccessGrant {
    var scope: AccessScope
    var fields: [String]
    var restricted = false
}

extension Ledger {
    /// Appends one entry to the access log and commits it, under the writer
    /// lock, before the caller opens anything. `scope` runs inside the same
    /// transaction and says which cases and fields will be opened (nil: nothing
    /// to open, nothing is recorded). Returns the entry and the scope's result.
    func recordAccess<T>(_ request: AccessRequest,
                         scope: (ReadTransaction) throws -> (AccessGrant, T)?) throws(LedgerError) -> (AccessEntry?, T?) {
        let request = try request.validated()
        try checkActor(request.actor)
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        let now = Timestamp.utc(epochSeconds: options.clock.now())
        return try store.write { txn -> (AccessEntry?, T?) in
            guard let (grant, value) = try scope(txn) else { return (nil, nil) }
            let last = try txn.lastEntry(store.accessLog) { key, value -> (UInt64, ChainHash) in
                guard let sequence = KeyBytes.readU64(key), value.count >= 32 else {
                    throw LedgerError.corrupted("the access log's last entry is damaged; run 'ledger verify'")
                }
                var r = ByteReader(UnsafeRawBufferPointer(rebasing: value[(value.count - 32)...]))
                return (sequence, try r.hash())
            } ?? (0, ChainHash.zero)
            let sequence = last.0 + 1
            let (bytes, hash) = AccessLogCodec.encode(sequence: sequence, at: now, actor: request.actor, command: request.command,
                                                      scope: grant.scope, fields: grant.fields, purpose: request.purpose,
                                                      restricted: grant.restricted, account: options.account, prev: last.1)
            try txn.put(store.accessLog, key: KeyBytes.u64(sequence), value: bytes, flags: .append)
            var head = ByteWriter(capacity: 40)
            head.u64BE(sequence)
            head.hash(hash)
            try txn.put(store.meta, key: StoreKeys.accessHead, value: head.bytes)
            let entry = AccessEntry(sequence: sequence, at: now, actor: request.actor, command: request.command,
                                    scope: grant.scope, fields: grant.fields, purpose: request.purpose,
                                    restricted: grant.restricted, account: options.account, prev: last.1, hash: hash)
            return (entry, value)
        }
    }

    /// The access log's entries in order, filtered (DOMAIN: who opened which
    /// case's personal data, when, and why). Reading it opens nothing personal.
    public func accessLog(_ filter: AccessLogFilter = AccessLogFilter()) throws(LedgerError) -> [AccessEntry] {
        try store.read { txn in
            let first = try filter.caseID.map { try store.positions(of: $0, txn).first }
            var out: [AccessEntry] = []
            try txn.forEach(store.accessLog) { key, value in
                guard let sequence = KeyBytes.readU64(key) else {
                    throw LedgerError.corrupted("the access log holds a malformed key; run 'ledger verify'")
                }
                let entry = try AccessLogCodec.decode(value, sequence: sequence).entry
                if let actor = filter.actor, entry.actor != actor { return true }
                let day = zone.date(of: entry.at)
                if let from = filter.from, day < from { return true }
                if let through = filter.through, through < day { return true }
                if let id = filter.caseID, !entry.covers(id, firstPosition: first ?? nil) { return true }
                out.append(entry)
                return true
            }
            return out
        }
    }

    /// The access log's recorded head (0 and zeros when it is empty).
    func accessHead(_ txn: ReadTransaction) throws -> AccessLogHead {
        try txn.withValue(store.meta, key: StoreKeys.accessHead) { b -> AccessLogHead in
            var r = ByteReader(b)
            return AccessLogHead(count: try r.u64BE(), hash: try r.hash())
        } ?? AccessLogHead(count: 0, hash: .zero)
    }

    /// The checkpoint `ledger seal` prints: the log's head and the access log's head, read together.
    public func sealedCheckpoint() throws(LedgerError) -> Checkpoint {
        try store.read { txn in Checkpoint(try store.head(txn), accessLog: try accessHead(txn)) }
    }

    /// The access log's head as it stands (for a signed checkpoint's extension line).
    public func accessLogHead() throws(LedgerError) -> AccessLogHead {
        try store.read { txn in try accessHead(txn) }
    }

    /// Checks the access log's chain: numbered from 1 without gaps, each
    /// entry's hash matching its bytes and linking to the one before, the last
    /// matching the recorded head; with `published` (a checkpoint's access-log
    /// head), that the log still extends it: entry `published.count` exists and
    /// has that hash. Throws `.corrupted` naming the first problem.
    func verifyAccessLog(_ txn: ReadTransaction, extending published: AccessLogHead? = nil) throws -> Int {
        var expected: UInt64 = 1
        var prev = ChainHash.zero
        let progress = options.progress
        progress?.progress("verifying the access log", done: 0, total: 0)
        try txn.forEach(store.accessLog) { key, value in
            guard let sequence = KeyBytes.readU64(key), key.count == 8 else {
                throw LedgerError.corrupted("access log entry \(expected): its key is malformed")
            }
            guard sequence == expected else {
                throw LedgerError.corrupted("access log entry \(expected) is missing (found \(sequence) next): the access log has a gap")
            }
            let decoded: (entry: AccessEntry, hashMatches: Bool)
            do {
                decoded = try AccessLogCodec.decode(value, sequence: sequence)
            } catch let error as CodecError {
                throw LedgerError.corrupted("access log entry \(sequence) is unreadable (\(error.description)): it was altered")
            }
            guard decoded.hashMatches else {
                throw LedgerError.corrupted("access log entry \(sequence) does not match its hash: it was altered")
            }
            guard decoded.entry.prev == prev else {
                throw LedgerError.corrupted("access log entry \(sequence) does not link to the hash of entry \(sequence - 1)")
            }
            if let published, published.count == sequence, published.hash != decoded.entry.hash {
                throw LedgerError.corrupted("access log entry \(sequence) does not carry the published hash \(published.hash.hex): the access log no longer extends the checkpoint")
            }
            prev = decoded.entry.hash
            expected += 1
            if sequence & 0xfff == 0 { progress?.progress("verifying the access log", done: Int(sequence), total: 0) }
            return true
        }
        let count = expected - 1
        let head = try accessHead(txn)
        guard head.count == count, head.hash == prev else {
            throw LedgerError.corrupted("the access log ends at entry \(count), but its recorded head is entry \(head.count): entries were removed or added")
        }
        if let published, count < published.count {
            throw LedgerError.corrupted("the access log ends at entry \(count), before the published checkpoint's access-log entry \(published.count): entries were removed or the access log was replaced")
        }
        progress?.finished("verifying the access log")
        return Int(count)
    }
}
