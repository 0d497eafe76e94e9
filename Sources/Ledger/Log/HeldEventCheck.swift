/// Checks an import line that names a position the log already holds: the
/// line must be that very event, so that importing onto a ledger that holds a
/// prefix of the same log (a standby, a resumed stream) adds only the rest.
/// Promises: a line passes only when the event it describes, with the held
/// event's values for the envelope fields it leaves out, hashes to the held
/// event's hash and every envelope field it gives equals the held one's; the
/// message names the position and never a personal value. It writes nothing.
enum HeldEventCheck {
    static func check(_ line: IncomingEvent, against held: Event) throws(LedgerError) {
        let position = held.position
        if let prev = line.prev, prev != held.prev {
            throw .invalidInput("position \(position) is already held here with another prev: the input is not the log this ledger holds")
        }
        if let hash = line.hash, hash != held.hash {
            throw diverged(position, held: held.hash, line: hash)
        }
        if let version = line.version, version != held.version {
            throw .invalidInput("position \(position) is already held here as version \(held.version) of \(held.caseID), not \(version) of \(line.caseID): the input is not the log this ledger holds")
        }
        let described = Event(position: position, caseID: line.caseID, version: line.version ?? held.version,
                              schema: line.schema, occurredAt: line.occurredAt,
                              recordedAt: line.recordedAt ?? held.recordedAt, actor: line.actor, payload: line.payload,
                              prev: held.prev, hash: .zero)
        let hash = ChainHashing.sha256(EventJSONWriter.canonicalBytes(described))
        guard hash == held.hash else { throw diverged(position, held: held.hash, line: hash) }
    }

    private static func diverged(_ position: UInt64, held: ChainHash, line: ChainHash) -> LedgerError {
        .invalidInput("position \(position) is already held here with hash \(held.hex.prefix(12))…, the line's is \(line.hex.prefix(12))…: the input is not the log this ledger holds (or the line was altered)")
    }
}

/// What an import did with one line.
enum ImportedLine {
    /// Appended as a new event.
    case appended(Event)
    /// Already in the log (same position, same hash): checked, not added again.
    case held
}

extension AppendSession {
    /// Takes one import line: a line naming a position at or before the head
    /// of this write (held before it, or appended earlier in it) is checked
    /// against the event held there (`HeldEventCheck`) and not added again;
    /// any other line is appended, where a position it names must be the
    /// next one (the chain refuses a gap).
    func take(_ incoming: IncomingEvent, presealed: PresealedPayload?) throws -> ImportedLine {
        if let position = incoming.position, position <= head.position {
            guard let held = try store.event(at: position, txn) else {
                throw LedgerError.corrupted("position \(position) is missing from the log although the head is \(head.position)")
            }
            try HeldEventCheck.check(incoming, against: held)
            return .held
        }
        return .appended(try append(incoming, presealed: presealed))
    }
}
