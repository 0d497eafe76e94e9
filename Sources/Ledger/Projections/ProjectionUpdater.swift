import LMDB

/// The inline projections of one write transaction: the records of the
/// cases it touches, each read from the store once and then kept current in
/// memory event by event, written back at `finish` from the first episode
/// any of its events changed; with them the case-id counters and the cases
/// erased. Promises: `record` is the case as it stands in this write; after
/// `apply` the record equals `CaseProjector.fold` of the case's events so far
/// (a correction refolds the case from the log, so its event must be stored
/// first); `finish` writes every touched record, the projection checkpoint,
/// the counters and a pending-erasure mark per erased case.
final class ProjectionUpdater {
    let store: LedgerStore
    let txn: WriteTransaction
    let zone: LedgerTimeZone
    private var records: [CaseID: CaseRecord] = [:]
    /// Per touched case, the first episode to write back.
    private var dirtyFrom: [CaseID: Int] = [:]
    private var sequences = CaseSequences()
    /// The cases erased in this write, in order.
    private(set) var erasedCases: [CaseID] = []

    init(store: LedgerStore, txn: WriteTransaction, zone: LedgerTimeZone) {
        self.store = store
        self.txn = txn
        self.zone = zone
    }

    /// The case's record as it stands in this write; nil for a case not opened yet.
    func record(_ id: CaseID) throws -> CaseRecord? {
        if let cached = records[id] { return cached }
        let stored = try store.record(of: id, txn)
        if let stored { records[id] = stored }
        return stored
    }

    /// The case's events as they stand in this write, in version order: found through the record's
    /// positions (the case index), which this write keeps in memory until `finish`, and `adding` (an
    /// event already put but not yet applied).
    func events(of id: CaseID, adding position: UInt64? = nil, detail: EventBinaryCodec.Detail = .full) throws -> [Event] {
        var positions = try record(id)?.state.positions ?? []
        if let position { positions.append(position) }
        return try store.events(at: positions, of: id, txn, detail: detail)
    }

    /// The id for the next case opened with this prefix in this year:
    /// `PREFIX-YEAR-NEXT`, skipping any id a case already holds.
    func nextCaseID(prefix: String, year: Int) throws -> CaseID {
        var sequence = try sequences.current(prefix: Substring(prefix), year: year, store, txn) + 1
        var id = CaseID(prefix: prefix, year: year, sequence: sequence)
        while try record(id) != nil {
            sequence += 1
            id = CaseID(prefix: prefix, year: year, sequence: sequence)
        }
        return id
    }

    /// Brings the event's case up to date with it (reading the case's record
    /// first if this write has not yet). While the caller holds no copy of
    /// the record, its arrays change in place.
    func apply(_ event: Event) throws {
        let id = event.caseID
        let from: Int
        if case .entryCorrected = event.payload {
            let events = try self.events(of: id, adding: event.position, detail: .skippingPersonal)
            records[id] = CaseProjector.fold(events, zone: zone) ?? CaseRecord(caseID: id)
            from = 1
        } else {
            from = try applyInPlace(event)
        }
        if case .caseOpened = event.payload { try sequences.note(id, store, txn) }
        if case .caseErased = event.payload { erasedCases.append(id) }
        if let known = dirtyFrom[id], known <= from { return }
        dirtyFrom[id] = from
    }

    /// Applies a non-correction to the case's record where it lies: one
    /// dictionary lookup for a record this write holds already.
    private func applyInPlace(_ event: Event) throws -> Int {
        if let index = records.index(forKey: event.caseID) {
            return ProjectionUpdater.applyFindingChangedEpisode(event, to: &records.values[index], zone: zone)
        }
        var record = try store.record(of: event.caseID, txn) ?? CaseRecord(caseID: event.caseID)
        let from = ProjectionUpdater.applyFindingChangedEpisode(event, to: &record, zone: zone)
        records[event.caseID] = record
        return from
    }

    /// Applies the event in place; returns the first episode it changed (a
    /// conclusion or an accommodation may belong to an earlier episode than the
    /// current one), so that the episodes are written back from there.
    static func applyFindingChangedEpisode(_ event: Event, to record: inout CaseRecord, zone: LedgerTimeZone) -> Int {
        let before = record.episodes
        CaseProjector.apply(event, to: &record, zone: zone)
        let changed = record.episodes.indices.first { $0 >= before.count || before[$0] != record.episodes[$0] }
        return (changed ?? record.episodes.count) + 1
    }

    /// Writes every touched record, the projection checkpoint at `position`
    /// (the log's head), the case-id counters and the pending-erasure marks.
    func finish(through position: UInt64) throws {
        for (id, from) in dirtyFrom {
            guard let record = records[id] else { continue }
            try store.putRecord(record, episodesFrom: from, txn)
        }
        try ProjectionCheckpoint(version: ProjectionCodec.version, position: position).write(store, txn)
        try sequences.write(store, txn)
        for id in erasedCases { try txn.put(store.meta, key: StoreKeys.pendingErasure(id), value: []) }
    }
}
