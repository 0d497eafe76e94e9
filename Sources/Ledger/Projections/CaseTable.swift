/// The case records of a replay, found by the stored bytes of their case id,
/// with the corrections gathered for each and the case of every event the
/// replay visited. Promises: one record per distinct case id, created on first
/// sight (when the id is well formed); a case's events are applied to its
/// record until its first correction, after which only its corrections are
/// gathered (`ProjectionBuilder.finish` folds it). A value type, so that a
/// replay holding it in a local variable mutates it without the dynamic
/// exclusivity checks a class property costs per access.
struct CaseTable {
    /// By slot: the record, its key, its corrections once it has any, and where its first event was visited.
    private(set) var records: [CaseRecord] = []
    private(set) var keys: [CaseKey] = []
    private(set) var corrections: [CaseCorrections?] = []
    private(set) var firstVisit: [(position: UInt64, visit: Int)] = []
    /// The slot of each visited event's case, in visiting order (`noSlot` for an event that made none).
    private(set) var visits: [UInt32] = []
    static let noSlot = UInt32.max

    /// Slots by key: open addressing with linear probing, a power-of-two size at most half full, indexed by
    /// the top bits of `CaseKey.mixed` (`Dictionary`'s SipHash of the key was a tenth of a replay).
    private var index = [Int32](repeating: -1, count: 1024)
    private var indexShift: UInt64 = 64 - 10

    /// The slot for a case id's stored bytes; malformed ids are refused.
    mutating func slot(_ bytes: UnsafeRawBufferPointer, position: UInt64) throws(CodecError) -> Int {
        guard let key = CaseKey(bytes) else { throw .malformed("case id") }
        return try slot(key, bytes, position: position)
    }

    /// The slot for a case id's key and stored bytes (`key` made from `bytes`).
    mutating func slot(_ key: CaseKey, _ bytes: UnsafeRawBufferPointer, position: UInt64) throws(CodecError) -> Int {
        let (found, bucket) = find(key)
        if let found { return found }
        guard let id = CaseID(String(decoding: bytes, as: UTF8.self)) else { throw .malformed("case id") }
        return add(key, id, bucket: bucket, position: position)
    }

    mutating func slot(_ id: CaseID, position: UInt64) throws(CodecError) -> Int {
        guard let key = CaseKey(id) else { throw .malformed("case id") }
        let (found, bucket) = find(key)
        return found ?? add(key, id, bucket: bucket, position: position)
    }

    /// The key's slot, or nil and the empty bucket where it would go.
    private func find(_ key: CaseKey) -> (Int?, Int) {
        let mask = index.count - 1
        var bucket = Int(truncatingIfNeeded: key.mixed >> indexShift)
        while true {
            let slot = index[bucket]
            if slot < 0 { return (nil, bucket) }
            if keys[Int(slot)] == key { return (Int(slot), bucket) }
            bucket = (bucket + 1) & mask
        }
    }

    private mutating func add(_ key: CaseKey, _ id: CaseID, bucket: Int, position: UInt64) -> Int {
        let slot = records.count
        records.append(CaseRecord(caseID: id))
        keys.append(key)
        corrections.append(nil)
        firstVisit.append((position, visits.count))
        index[bucket] = Int32(truncatingIfNeeded: slot)
        if records.count * 2 > index.count { growIndex() }
        return slot
    }

    private mutating func growIndex() {
        index = [Int32](repeating: -1, count: index.count * 2)
        indexShift -= 1
        for slot in keys.indices {
            let (_, bucket) = find(keys[slot])
            index[bucket] = Int32(truncatingIfNeeded: slot)
        }
    }

    /// Notes the case of the next visited event (nil: it made no record).
    mutating func visit(_ slot: Int?) {
        visits.append(slot.map { UInt32(truncatingIfNeeded: $0) } ?? CaseTable.noSlot)
    }

    /// Applies an event to its case's record, or gathers it if it is a correction or its case has one.
    mutating func apply(version: UInt32, position: UInt64, type: EventType, schema: UInt8, occurredAt: Int64, payload: Payload,
                        slot: Int, zone: LedgerTimeZone) {
        if case .entryCorrected(let c) = payload {
            var gathered = corrections[slot] ?? CaseCorrections()
            corrections[slot] = nil
            gathered.add(c)
            corrections[slot] = gathered
        } else if corrections[slot] == nil {
            CaseProjector.apply(version: version, position: position, type: type, schema: schema, occurredAt: occurredAt,
                                payload: payload, voided: false, to: &records[slot], zone: zone)
        }
    }

    /// Applies an event with what its case's corrections say of it (a step of `CaseProjector.fold`).
    mutating func applyCorrected(version: UInt32, position: UInt64, type: EventType, schema: UInt8, occurredAt: Int64,
                                 payload: Payload, slot: Int, zone: LedgerTimeZone) {
        let c = corrections[slot]
        CaseProjector.apply(version: version, position: position, type: type, schema: schema, occurredAt: occurredAt,
                            payload: c?.replacement(for: version) ?? payload, voided: c?.isVoided(version) ?? false,
                            to: &records[slot], zone: zone)
    }

    /// The slot of the case of the visit, if that case has corrections.
    func correctedSlot(ofVisit visit: Int) -> Int? {
        let slot = visits[visit]
        guard slot != CaseTable.noSlot, corrections[Int(slot)] != nil else { return nil }
        return Int(slot)
    }

    /// Empties the records of the cases with corrections, to be folded again; returns where the first
    /// event of any of them was visited, or nil when there is none.
    mutating func restartCorrected() -> (position: UInt64, visit: Int)? {
        var first: (position: UInt64, visit: Int)? = nil
        for slot in corrections.indices where corrections[slot] != nil {
            records[slot] = CaseRecord(caseID: records[slot].state.caseID)
            if first.map({ firstVisit[slot].visit < $0.visit }) ?? true { first = firstVisit[slot] }
        }
        return first
    }

    /// The slots in the byte order of their case ids (the order of the projections' keys).
    var slotsInKeyOrder: [Int] { keys.indices.sorted { keys[$0] < keys[$1] } }
}
