extension Ledger {
    /// Decides and appends the event for one command, all or nothing.
    /// Returns the appended event (for `open`, its case id is the new case's).
    @discardableResult
    public func execute(_ command: CaseCommand, context: CommandContext) throws(LedgerError) -> Event {
        try TextField.checkName(context.actor, field: "actor")
        try checkActor(context.actor)
        return try write { session -> Event in
            let now = session.now
            let occurred = context.occurredAt ?? Timestamp.utc(epochSeconds: now)
            let id: CaseID
            let record: CaseRecord?
            if let existing = command.caseID {
                guard let found = try session.record(existing) else {
                    try store.refuseLostCase(existing, session.txn)
                    throw LedgerError.unknownCase(existing.rawValue)
                }
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
        guard let payload = ErasedCaseAmendment.standing(version, in: try session.events(of: id)) else { return nil }
        return try opener(for: id).open(payload)
    }
}
