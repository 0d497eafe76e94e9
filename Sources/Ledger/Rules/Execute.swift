extension Ledger {
    /// Decides and appends the event for one command, all or nothing.
    /// Returns the appended event (for `open`, its case id is the new case's).
    @discardableResult
    public func execute(_ command: CaseCommand, context: CommandContext) throws(LedgerError) -> Event {
        try TextField.checkName(context.actor, field: "actor")
        return try write { session -> Event in
            let now = session.now
            let occurred = context.occurredAt ?? Timestamp.utc(epochSeconds: now)
            let id: CaseID
            let record: CaseRecord?
            if let existing = command.caseID {
                guard let found = try session.record(existing) else { throw LedgerError.unknownCase(existing.rawValue) }
                id = existing
                record = found
            } else {
                id = try session.nextCaseID(openedAt: occurred)
                record = nil
            }
            let payload = try Decide.payload(command, record: record) { () throws -> Payload? in
                guard case .correct(_, let target, _, _) = command else { return nil }
                return try self.effectivePayload(of: id, version: target, session: session)
            }
            let incoming = IncomingEvent(caseID: id, occurredAt: occurred, actor: context.actor, payload: payload)
            return try session.append(incoming, expectVersion: command.caseID == nil ? nil : context.expectVersion)
        }
    }

    /// The payload that currently counts for a version (its latest amendment,
    /// else the original), with personal fields opened where the key exists.
    func effectivePayload(of id: CaseID, version: Int, session: AppendSession) throws -> Payload? {
        let events = try store.events(of: id, session.txn)
        guard version >= 1, version <= events.count else { return nil }
        var payload = events[version - 1].payload
        for event in events {
            if case .entryCorrected(let c) = event.payload, c.target == version, c.action == .amend, let r = c.replacement {
                payload = r
            }
        }
        let opener = try opener(for: id)
        return PersonalFields.open(payload, with: opener)
    }
}

/// Walks the personal fields of a payload.
enum PersonalFields {
    /// The payload with every sealed field it can open replaced by its plain value.
    static func open(_ p: Payload, with opener: FieldOpener) -> Payload {
        func f(_ field: PersonalField, _ name: String) -> PersonalField {
            guard case .sealed(let bytes) = field, let value = opener.open(bytes, field: name) else { return field }
            return .plain(value)
        }
        switch p {
        case .caseOpened(var o): o.person = f(o.person, "person"); return .caseOpened(o)
        case .contactRecorded(var c): c.note = c.note.map { f($0, "note") }; return .contactRecorded(c)
        case .situationAnalysed(var a): a.note = a.note.map { f($0, "note") }; return .situationAnalysed(a)
        case .mediationRecorded(var m): m.note = m.note.map { f($0, "note") }; return .mediationRecorded(m)
        case .referralMade(var m): m.note = m.note.map { f($0, "note") }; return .referralMade(m)
        case .emergencyAccommodated(var e): e.place = f(e.place, "place"); return .emergencyAccommodated(e)
        case .entryCorrected(var c): c.replacement = c.replacement.map { open($0, with: opener) }; return .entryCorrected(c)
        default: return p
        }
    }
}
