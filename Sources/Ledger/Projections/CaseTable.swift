/// The case records of a replay, found by the stored bytes of their case id,
/// with the corrections gathered for each. Promises: one record per distinct
/// case id, created on first sight (when the id is well formed); a case's
/// events are applied to its record until its first correction, after which
/// only its corrections are gathered (`ProjectionBuilder.finish` folds it).
/// A value type, so that a replay holding it in a local variable mutates it
/// without the dynamic exclusivity checks a class property costs per access.
struct CaseTable {
    /// By slot: the record, its key, and its corrections once it has any.
    private(set) var records: [CaseRecord] = []
    private(set) var keys: [CaseKey] = []
    private(set) var corrections: [CaseCorrections?] = []
    private var slots: [CaseKey: Int] = [:]

    /// The slot for a case id's stored bytes; malformed ids are refused.
    mutating func slot(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> Int {
        guard let key = CaseKey(bytes) else { throw .malformed("case id") }
        if let slot = slots[key] { return slot }
        guard let id = CaseID(String(decoding: bytes, as: UTF8.self)) else { throw .malformed("case id") }
        return slot(key, id)
    }

    mutating func slot(_ id: CaseID) throws(CodecError) -> Int {
        guard let key = CaseKey(id) else { throw .malformed("case id") }
        return slot(key, id)
    }

    private mutating func slot(_ key: CaseKey, _ id: CaseID) -> Int {
        if let slot = slots[key] { return slot }
        let slot = records.count
        records.append(CaseRecord(caseID: id))
        keys.append(key)
        corrections.append(nil)
        slots[key] = slot
        return slot
    }

    /// Applies an event to its case's record, or gathers it if it is a correction or its case has one.
    mutating func apply(version: UInt32, type: EventType, occurredAt: Int64, payload: Payload, slot: Int,
                        zone: LedgerTimeZone) {
        if case .entryCorrected(let c) = payload {
            var gathered = corrections[slot] ?? CaseCorrections()
            corrections[slot] = nil
            gathered.add(c)
            corrections[slot] = gathered
        } else if corrections[slot] == nil {
            CaseProjector.apply(version: version, type: type, occurredAt: occurredAt, payload: payload, voided: false,
                                to: &records[slot], zone: zone)
        }
    }

    /// Applies an event with what its case's corrections say of it (a step of `CaseProjector.fold`).
    mutating func applyCorrected(version: UInt32, type: EventType, occurredAt: Int64, payload: Payload, slot: Int,
                                 zone: LedgerTimeZone) {
        let c = corrections[slot]
        CaseProjector.apply(version: version, type: type, occurredAt: occurredAt,
                            payload: c?.replacement(for: version) ?? payload, voided: c?.isVoided(version) ?? false,
                            to: &records[slot], zone: zone)
    }

    /// The slots of the cases with corrections, in key order.
    var correctedSlots: [Int] {
        corrections.indices.filter { corrections[$0] != nil }.sorted { keys[$0] < keys[$1] }
    }

    /// Empties a case's record, to be folded again.
    mutating func restart(_ slot: Int) {
        records[slot] = CaseRecord(caseID: records[slot].state.caseID)
    }

    /// The slots in the byte order of their case ids (the order of the projections' keys).
    var slotsInKeyOrder: [Int] { keys.indices.sorted { keys[$0] < keys[$1] } }
}
