/// The parts of a stored event a fold reads, decoded from its envelope and
/// payload without building an `Event` (no case id or actor `String`, no
/// timestamps): what a replay of a few chosen cases keeps of each event.
struct FoldedEventParts {
    var version: UInt32
    /// Where the event stands in the log (the state's case index keeps it).
    var position: UInt64
    var type: EventType
    var schema: UInt8
    /// occurred_at's epoch seconds.
    var occurredAt: Int64
    var payload: Payload
}

extension CaseProjector {
    /// `fold` over events given by their parts (in version order): corrections among them applied, voided
    /// events skipped, amended ones with their replacement. Promises: equal to `fold` of the same events.
    static func fold(_ parts: [FoldedEventParts], caseID: CaseID, zone: LedgerTimeZone) -> CaseRecord? {
        guard !parts.isEmpty else { return nil }
        var corrections = CaseCorrections()
        for part in parts {
            if case .entryCorrected(let c) = part.payload { corrections.add(c) }
        }
        var record = CaseRecord(caseID: caseID)
        for part in parts {
            apply(version: part.version, position: part.position, type: part.type, schema: part.schema, occurredAt: part.occurredAt,
                  payload: corrections.replacement(for: part.version) ?? part.payload,
                  voided: corrections.isVoided(part.version), to: &record, zone: zone)
        }
        return record
    }
}
