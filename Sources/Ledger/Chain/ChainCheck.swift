import LMDB

/// Checks stored events against the hash chain before they are shown: the
/// event's canonical form hashes to its stored hash (which covers `prev`, the
/// stored hash of the event before), and the event after it (or, for the last
/// event, the head) was chained to that hash.
///
/// Promises: an event changed in place, or given a recomputed hash, fails
/// here (the change breaks its own hash, or the link of the next event);
/// only a chain rewritten from the event to the head passes, which `verify`
/// against a published checkpoint catches. A failure is `.corrupted` naming
/// the position, never a stored value.
struct ChainCheck {
    private var canonical = CanonicalJSONWriter(reservingCapacity: 1024)

    /// Whether the event's canonical form (with its `prev`) hashes to its stored hash.
    mutating func hashMatches(_ event: Event) -> Bool {
        canonical.reset()
        EventJSONWriter.write(event, includeHash: false, into: &canonical)
        return ChainHashing.sha256(canonical.bytes) == event.hash
    }

    /// Throws unless `event` (decoded `.full`, as `LedgerStore.event(at:)` gives it) matches its hash
    /// and the chain goes on from it.
    mutating func check(_ event: Event, _ store: LedgerStore, _ txn: ReadTransaction) throws {
        guard hashMatches(event) else { throw ChainCheck.altered(event.position, event) }
        if let next = try store.event(at: event.position + 1, txn) {
            guard next.prev == event.hash, hashMatches(next) else { throw ChainCheck.altered(next.position, next) }
        } else {
            let head = try store.head(txn)
            guard head.position == event.position, head.hash == event.hash else {
                throw LedgerError.corrupted("the event at position \(event.position) is not the one the head names: the log was altered; run 'ledger verify'")
            }
        }
    }

    /// The events of a case in version order (decoded `.full`), each checked. A case whose events
    /// the case index lost while its projection stands is damage, not a case without events.
    static func checkedEvents(of id: CaseID, _ store: LedgerStore, _ txn: ReadTransaction) throws -> [Event] {
        var check = ChainCheck()
        let events = try store.events(of: id, txn)
        if events.isEmpty, try txn.contains(store.caseState, key: Array(id.rawValue.utf8)) {
            throw LedgerError.corrupted("the projection holds \(id), but the log's case index does not: the ledger file is damaged; run 'ledger verify'")
        }
        for event in events { try check.check(event, store, txn) }
        return events
    }

    /// An event that failed its hash check: where, and what `verify` says of it.
    struct Failure: Error {
        var position: UInt64
        var error: LedgerError
    }

    /// The first event from position `start` on that cannot be read or does not match its hash, if any.
    /// Reads from the map without handing pages back: the caller (`verify`'s first thread) does.
    static func firstAltered(from start: UInt64, _ store: LedgerStore, _ txn: ReadTransaction) throws -> Failure? {
        var check = ChainCheck()
        // The position of the event being decoded (the one after the last that was).
        var next = start
        do {
            var found: Failure? = nil
            try store.forEachEvent(from: start, txn, detail: .full) { event in
                next = event.position + 1
                guard check.hashMatches(event) else {
                    found = Failure(position: event.position, error: verifyAltered(event))
                    return false
                }
                return true
            }
            return found
        } catch let error as CodecError {
            return Failure(position: next, error: unreadable(next, error))
        }
    }

    /// What `verify` says of an event that does not match its hash.
    static func verifyAltered(_ event: Event) -> LedgerError {
        .corrupted("event at position \(event.position) (\(event.caseID) version \(event.version)) does not match its hash: it was altered")
    }

    /// What `verify` says of an event it cannot decode.
    static func unreadable(_ position: UInt64, _ error: CodecError) -> LedgerError {
        .corrupted("event at position \(position) is unreadable (\(error.description)): it was altered")
    }

    static func altered(_ position: UInt64, _ event: Event) -> LedgerError {
        .corrupted("event at position \(position) (\(event.caseID) version \(event.version)) does not match its hash: it was altered; run 'ledger verify'")
    }
}
