import LMDB

/// The stored head (`meta/head`) held against the log's last event and the
/// clock, by `verify` and before every write extends the chain from it.
///
/// Promises: `matching` passes only when the head names the last event's
/// position, hash and `recorded_at` exactly; `notAhead` passes only when the
/// head's `recorded_at` is at most `clockTolerance` seconds after the clock.
/// A write that would build on a head failing either is refused with nothing
/// written: a `recorded_at` set into the future in the head (or a clock set
/// back) would otherwise be copied into every later event for good, since
/// `recorded_at` never goes back along the chain.
enum HeadCheck {
    /// How far the head may lie ahead of the clock: the 5 minutes DOMAIN.md allows
    /// `occurred_at` ahead of `recorded_at` (clocks of one office drift that much).
    static let clockTolerance: Int64 = 300

    /// The head the log's last event makes (`.empty` for an empty log), read from the stored event.
    static func lastEvent(_ store: LedgerStore, _ txn: ReadTransaction) throws -> LogHead {
        try txn.lastEntry(store.events) { key, value -> LogHead in
            guard let position = KeyBytes.readU64(key) else { throw LedgerError.corrupted("the log holds a malformed key; run 'ledger verify'") }
            let event = try EventBinaryCodec.decode(value, position: position, prev: .zero, detail: .skippingPersonal)
            return LogHead(position: position, hash: event.hash, recordedAt: event.recordedAt)
        } ?? .empty
    }

    /// Throws unless `head` names exactly the last event.
    static func matching(_ head: LogHead, last: LogHead) throws(LedgerError) {
        guard head.position == last.position, head.hash == last.hash else {
            throw .corrupted("the stored head (\(head.position)) does not match the log's last event (\(last.position)); run 'ledger verify'")
        }
        guard head.recordedAt == last.recordedAt else {
            throw .corrupted("the stored head's recorded_at (\(head.recordedAt?.description ?? "none")) differs from the last event's (\(last.recordedAt?.description ?? "none")): the head was altered; run 'ledger verify'")
        }
    }

    /// Throws when the head's recorded_at lies more than `clockTolerance` after `now`.
    static func notAhead(of now: Int64, _ head: LogHead) throws(LedgerError) {
        guard let recorded = head.recordedAt, recorded.epochSeconds > now + clockTolerance else { return }
        throw .corrupted("the ledger's last event was recorded at \(recorded), after this computer's clock (\(Timestamp.utc(epochSeconds: now))): check the clock; if it is right, the ledger was altered (run 'ledger verify'). Nothing was written")
    }
}
