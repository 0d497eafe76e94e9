import LMDB

/// Replays the log into case records held in memory: the engine behind
/// `rebuild`, as-of answers and verification. It uses the same
/// `CaseProjector` as inline appends, so its result equals the inline
/// projections at the same position. A correction refolds its case from the
/// events read through the case index (bounded by the replay's end).
final class ProjectionBuilder {
    let zone: LedgerTimeZone
    private(set) var records: [CaseID: CaseRecord] = [:]
    private(set) var position: UInt64 = 0
    private var caseEvents: [CaseID: [UInt64]] = [:]

    /// Which events count (corrections always do); nil: all.
    let include: ((Event) -> Bool)?

    init(zone: LedgerTimeZone, include: ((Event) -> Bool)? = nil) {
        self.zone = zone
        self.include = include
    }

    /// Replays events with position ≤ `end` (and, if given, recorded by `knownAt`).
    func replay(_ store: LedgerStore, _ txn: ReadTransaction, through end: UInt64 = .max,
                knownAt: Timestamp? = nil, progress: ProgressReporter? = nil, total: Int = 0) throws {
        var done = 0
        try store.forEachEvent(txn, detail: .skippingPersonal) { event in
            guard event.position <= end else { return false }
            if let knownAt, knownAt.isBefore(event.recordedAt) { return false }
            try self.apply(event, store, txn)
            done += 1
            if done & 0xffff == 0 { progress?.progress("replaying the log", done: done, total: total) }
            return true
        }
    }

    func apply(_ event: Event, _ store: LedgerStore, _ txn: ReadTransaction) throws {
        let id = event.caseID
        position = event.position
        caseEvents[id, default: []].append(event.position)
        if case .entryCorrected = event.payload {
            let events = try (caseEvents[id] ?? []).compactMap { try store.event(at: $0, txn, detail: .skippingPersonal) }
            if let include {
                records[id] = CaseProjector.fold(events, zone: zone) { $0.type == .entryCorrected || include($0) }
            } else {
                records[id] = CaseProjector.fold(events, zone: zone)
            }
        } else if let include, !include(event) {
            return
        } else {
            CaseProjector.apply(event, to: &records[id, default: CaseRecord(caseID: id)], zone: zone)
        }
    }
}

extension Ledger {
    /// Drops every projection and rebuilds it from the log alone. Returns the events replayed.
    @discardableResult
    public func rebuildProjections() throws(LedgerError) -> Int {
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        return try rebuildLocked()
    }

    func rebuildLocked() throws(LedgerError) -> Int {
        let progress = options.progress
        // Replay what the write below will see: a commit a killed writer left unannounced.
        try store.adoptUnannouncedCommit()
        let (builder, total) = try store.read { txn -> (ProjectionBuilder, Int) in
            let total = try txn.entryCount(store.events)
            let builder = ProjectionBuilder(zone: zone)
            try builder.replay(store, txn, progress: progress, total: total)
            return (builder, total)
        }
        progress?.finished("replaying the log")
        try store.write { txn in
            try txn.clear(store.caseState)
            try txn.clear(store.episodes)
            try txn.clear(store.openCases)
            let ids = builder.records.keys.sorted()
            for id in ids {
                if let record = builder.records[id] { try store.putRecord(record, txn) }
            }
            try ProjectionCheckpoint(version: ProjectionCodec.version, position: builder.position).write(store, txn)
        }
        return total
    }

    /// Rebuilds the projections if their code version changed or they lag the log.
    func ensureProjectionsCurrent() throws(LedgerError) {
        let (checkpoint, head) = try store.read { txn in
            (try ProjectionCheckpoint.read(store, txn), try store.head(txn))
        }
        if let checkpoint, checkpoint.version == ProjectionCodec.version, checkpoint.position == head.position { return }
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        let again = try store.read { txn in (try ProjectionCheckpoint.read(store, txn), try store.head(txn)) }
        if let c = again.0, c.version == ProjectionCodec.version, c.position == again.1.position { return }
        options.progress?.progress("projections out of date; rebuilding", done: 0, total: 0)
        _ = try rebuildLocked()
    }

    /// The case records as the ledger stood after `position` (and, if given, as known at `knownAt`), by replay.
    func replayedRecords(through position: UInt64 = .max, knownAt: Timestamp? = nil,
                         include: ((Event) -> Bool)? = nil) throws(LedgerError) -> [CaseID: CaseRecord] {
        try store.read { txn in
            let builder = ProjectionBuilder(zone: zone, include: include)
            try builder.replay(store, txn, through: position, knownAt: knownAt, progress: options.progress)
            return builder.records
        }
    }
}
