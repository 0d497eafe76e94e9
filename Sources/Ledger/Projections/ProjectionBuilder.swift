import Foundation
import LMDB

/// Replays the log into case records held in memory: the engine behind
/// `rebuild`, as-of answers and verification. It uses the same
/// `CaseProjector` as inline appends, so its result equals the inline
/// projections at the same position.
///
/// A correction changes earlier events, so a case with corrections is folded
/// (`CaseProjector.fold`, whose result an `apply` of every later event
/// equals): from a case's first correction on, the builder only gathers its
/// corrections, and `finish` folds every such case from its events up to the
/// replay's position, in a second pass over the log in log order.
///
/// A replay without an `include` filter reads each event's envelope and
/// payload straight from the stored bytes (no `Event`, no case id `String`)
/// and finds the case's record by those bytes; it hands back the pages of the
/// log it has passed (`releaseMappedPages`), so its resident set holds the
/// records, not the log. A rebuild may split the case space between several
/// builders on as many threads (`replaySharded`), each replaying only its
/// own cases' events.
final class ProjectionBuilder {
    let zone: LedgerTimeZone
    private(set) var position: UInt64 = 0
    private var table = CaseTable()

    /// Which events count (corrections always do); nil: all.
    let include: ((Event) -> Bool)?

    /// The part of the case space this builder replays (`CaseKey.shard`); nil: all of it.
    let shard: (index: Int, count: Int)?

    /// Events read between two hand-backs of the log's mapped pages (a few megabytes).
    static let releaseInterval = 1 << 13

    /// Logs shorter than this are replayed on one thread (a thread's start is not worth it).
    static let shardingThreshold = 1 << 14

    /// Whether the replay hands back the log's mapped pages as it goes (false: another thread reading the
    /// same map does, as `verify`'s does; the map is the process's, so either hand-back drops both's pages).
    let releasesPages: Bool

    init(zone: LedgerTimeZone, include: ((Event) -> Bool)? = nil, shard: (index: Int, count: Int)? = nil,
         releasesPages: Bool = true) {
        precondition(shard == nil || include == nil, "a sharded replay takes no filter")
        self.zone = zone
        self.releasesPages = releasesPages
        self.include = include
        self.shard = shard
    }

    /// The records by case id (after `finish`).
    var records: [CaseID: CaseRecord] {
        var out: [CaseID: CaseRecord] = [:]
        out.reserveCapacity(table.records.count)
        for record in table.records { out[record.state.caseID] = record }
        return out
    }

    /// The records' projections encoded in the byte order of their case ids (after `finish`); the builder
    /// lets go of its records, so they are freed here, on the caller's thread.
    func takeEncodedProjections() -> EncodedProjections {
        var table = CaseTable()
        swap(&table, &self.table)
        var encoded = EncodedProjections()
        let order = table.slotsInKeyOrder
        encoded.reserve(cases: order.count)
        for slot in order { encoded.add(table.records[slot], key: table.keys[slot]) }
        return encoded
    }

    /// Replays events with position ≤ `end` (and, if given, recorded by `knownAt`), then `finish`es.
    func replay(_ store: LedgerStore, _ txn: ReadTransaction, through end: UInt64 = .max,
                knownAt: Timestamp? = nil, progress: ProgressReporter? = nil, total: Int = 0) throws {
        // Counted through an inout argument: a nested function capturing `done` boxed it, and every event
        // paid for dynamic exclusivity checks on the box (5% of a replay's instructions).
        var done = 0
        if include != nil {
            try store.forEachEvent(txn, detail: .skippingPersonal) { event in
                guard event.position <= end else { return false }
                if let knownAt, knownAt.isBefore(event.recordedAt) { return false }
                try self.apply(event, store, txn)
                try ProjectionBuilder.advance(&done, releasesPages ? txn : nil, progress, total)
                return true
            }
        } else {
            // The table lives in a local while the log streams by (see `CaseTable`).
            var table = CaseTable()
            swap(&table, &self.table)
            defer { swap(&table, &self.table) }
            var position = self.position
            defer { self.position = position }
            let zone = self.zone
            try txn.forEach(store.events, from: KeyBytes.u64(1)) { key, value in
                guard let p = KeyBytes.readU64(key), p <= end else { return false }
                if let shard {
                    // (A sharded replay has no knownAt, so every event up to `end` is visited.)
                    var peek = ByteReader(value)
                    if CaseKey.shard(of: try EventEnvelope.caseBytes(&peek), count: shard.count) != shard.index {
                        // Another shard's case: that shard reads and checks the event.
                        position = p
                        table.visit(nil)
                        try ProjectionBuilder.advance(&done, releasesPages ? txn : nil, progress, total)
                        return true
                    }
                }
                var r = ByteReader(value)
                let envelope = try EventEnvelope(&r, readingRecordedAt: knownAt != nil)
                if let knownAt, let recordedAt = envelope.recordedAt, knownAt.isBefore(recordedAt) { return false }
                let slot = try table.slot(envelope.caseBytes, position: p)
                table.visit(slot)
                position = p
                let payload = try EventBinaryCodec.wholePayload(envelope.type, &r, .skippingPersonal)
                table.apply(version: envelope.version, position: p, type: envelope.type, schema: envelope.schema,
                            occurredAt: envelope.occurredAt, payload: payload, slot: slot, zone: zone)
                try ProjectionBuilder.advance(&done, releasesPages ? txn : nil, progress, total)
                return true
            }
        }
        try finish(store, txn)
    }

    /// Replays the whole log as `replay` does, the case space split between `count` builders
    /// (`CaseKey.shard`): this thread replays shard 0 in `txn`, a thread each the others, each in a read
    /// transaction of its own, and each folds its own corrected cases. Each event is read and checked
    /// whole by the shard of its case (`CaseKey.shard` of the id's bytes); the others read only as far as
    /// the case id. Together they check what one replay checks.
    /// The caller holds the writer lock, so every transaction sees the same log; the shards' event counts
    /// and positions are compared to make sure. Nil when a shard failed or saw another log: the caller
    /// replays on one thread, which stops at the same event with the same error as before.
    /// Each shard encodes its projections and frees its records on its own thread too.
    static func replaySharded(_ store: LedgerStore, _ txn: ReadTransaction, zone: LedgerTimeZone, count: Int,
                              progress: ProgressReporter?, total: Int)
        -> (parts: [EncodedProjections], position: UInt64)? {
        let builders = (0..<count).map { ProjectionBuilder(zone: zone, shard: (index: $0, count: count)) }
        let runs = builders.dropFirst().map { ShardRun(store: store, builder: $0) }
        for run in runs {
            let thread = Thread { run.run() }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var first: EncodedProjections? = nil
        do {
            try builders[0].replay(store, txn, progress: progress, total: total)
            first = builders[0].takeEncodedProjections()
        } catch {}
        for run in runs { run.done.wait() }
        guard let first else { return nil }
        var parts = [first]
        for run in runs {
            guard run.entries == total, run.builder.position == builders[0].position, let encoded = run.encoded else { return nil }
            parts.append(encoded)
        }
        return (parts, builders[0].position)
    }

    /// A shard replayed on a thread of its own; `done` is signalled when it ends.
    private final class ShardRun: @unchecked Sendable {
        let store: LedgerStore
        let builder: ProjectionBuilder
        /// The events its transaction held; -1 if it failed.
        private(set) var entries = -1
        private(set) var encoded: EncodedProjections?
        let done = DispatchSemaphore(value: 0)

        init(store: LedgerStore, builder: ProjectionBuilder) {
            self.store = store
            self.builder = builder
        }

        func run() {
            defer { done.signal() }
            entries = (try? store.read { txn in
                try builder.replay(store, txn)
                return try txn.entryCount(store.events)
            }) ?? -1
            if entries >= 0 { encoded = builder.takeEncodedProjections() }
        }
    }

    /// Counts a visited event; hands back the log's mapped pages and reports progress now and then.
    @inline(__always)
    private static func advance(_ done: inout Int, _ txn: ReadTransaction?, _ progress: ProgressReporter?,
                                _ total: Int) throws {
        done += 1
        if let txn, done % ProjectionBuilder.releaseInterval == 0 { try txn.releaseMappedPages() }
        if done & 0xffff == 0 { progress?.progress("replaying the log", done: done, total: total) }
    }

    /// Applies one decoded event (the replay of `verify`, and of as-of answers with a filter). Call `finish` after the last.
    func apply(_ event: Event, _ store: LedgerStore, _ txn: ReadTransaction) throws {
        position = event.position
        if event.type != .entryCorrected, let include, !include(event) {
            table.visit(nil)
            return
        }
        let slot = try table.slot(event.caseID, position: event.position)
        table.visit(slot)
        table.apply(version: event.version, position: event.position, type: event.type, schema: UInt8(clamping: event.schema),
                    occurredAt: event.occurredAt.epochSeconds, payload: event.payload, slot: slot, zone: zone)
    }

    /// Folds every case with corrections from its events up to the replay's position, in one more pass over
    /// the same events from the first of those cases' events: each event of such a case is applied with the
    /// payload its case's corrections leave it, as `CaseProjector.fold` does. The pass knows each event's case
    /// from the first (`CaseTable.visits`), so it decodes only the events it applies.
    func finish(_ store: LedgerStore, _ txn: ReadTransaction) throws {
        var table = CaseTable()
        swap(&table, &self.table)
        defer { swap(&table, &self.table) }
        guard let start = table.restartCorrected() else { return }
        let zone = self.zone
        var visit = start.visit
        if let include {
            // A filter may look at any field, so it gets whole events (with `prev`).
            try store.forEachEvent(from: start.position, txn, detail: .skippingPersonal) { event in
                guard visit < table.visits.count else { return false }
                defer { visit += 1 }
                guard let slot = table.correctedSlot(ofVisit: visit) else { return true }
                guard CaseKey(event.caseID) == table.keys[slot] else { throw ProjectionBuilder.lost(event.position) }
                guard event.type == .entryCorrected || include(event) else { return true }
                table.applyCorrected(version: event.version, position: event.position, type: event.type,
                                     schema: UInt8(clamping: event.schema), occurredAt: event.occurredAt.epochSeconds,
                                     payload: event.payload, slot: slot, zone: zone)
                return true
            }
            return
        }
        try txn.forEach(store.events, from: KeyBytes.u64(start.position)) { key, value in
            guard visit < table.visits.count else { return false }
            defer { visit += 1 }
            if releasesPages, visit % ProjectionBuilder.releaseInterval == 0 { try txn.releaseMappedPages() }
            guard let slot = table.correctedSlot(ofVisit: visit) else { return true }
            var r = ByteReader(value)
            let envelope = try EventEnvelope(&r)
            guard let position = KeyBytes.readU64(key), CaseKey(envelope.caseBytes) == table.keys[slot] else {
                throw ProjectionBuilder.lost(KeyBytes.readU64(key) ?? 0)
            }
            let payload = try EventBinaryCodec.wholePayload(envelope.type, &r, .skippingPersonal)
            table.applyCorrected(version: envelope.version, position: position, type: envelope.type,
                                 schema: envelope.schema, occurredAt: envelope.occurredAt, payload: payload, slot: slot, zone: zone)
            return true
        }
    }

    /// The second pass met another event than the first at the same step: the log changed under one transaction.
    private static func lost(_ position: UInt64) -> LedgerError {
        .corrupted("the replay read a different event at position \(position) the second time")
    }
}

extension Ledger {
    /// Drops every projection and the Merkle tree and rebuilds them from the log alone, in this build's
    /// layout (format version and case index included, see `FormatMigration`). Returns the events replayed.
    @discardableResult
    public func rebuildProjections() throws(LedgerError) -> Int {
        try withWriterLock { () throws(LedgerError) -> Int in try rebuildLocked() }
    }

    /// `shards`: how many threads replay (nil: two on a machine with two cores or more, for a log of
    /// `ProjectionBuilder.shardingThreshold` events or more, else one). The projections written are the same.
    func rebuildLocked(shards: Int? = nil) throws(LedgerError) -> Int {
        let progress = options.progress
        // Replay what the write below will see: a commit a killed writer left unannounced.
        try store.adoptUnannouncedCommit()
        let tree = TreeRebuild(store: store)
        let (parts, position, total) = try store.read { txn -> ([EncodedProjections], UInt64, Int) in
            let total = try txn.entryCount(store.events)
            let count = shards ?? (total >= ProjectionBuilder.shardingThreshold
                ? min(2, ProcessInfo.processInfo.activeProcessorCount) : 1)
            if count > 1, let sharded = ProjectionBuilder.replaySharded(store, txn, zone: zone, count: count,
                                                                         progress: progress, total: total) {
                return (sharded.parts, sharded.position, total)
            }
            let builder = ProjectionBuilder(zone: zone)
            try builder.replay(store, txn, progress: progress, total: total)
            return ([builder.takeEncodedProjections()], builder.position, total)
        }
        progress?.finished("replaying the log")
        try store.write { txn in
            try txn.clear(store.caseState)
            try txn.clear(store.episodes)
            try txn.clear(store.openCases)
            // This build's layout: the case index is in the states written below, the old one goes, the format says so.
            try txn.clear(store.cases)
            try store.putFormatVersion(txn)
            var writer = FreshProjectionWriter(store: store, txn: txn)
            // The parts hold disjoint cases, each in key order: merged, every put is an append.
            var next = [Int](repeating: 0, count: parts.count)
            while true {
                var best = -1
                for p in parts.indices where next[p] < parts[p].caseKeys.count {
                    if best < 0 || parts[p].caseKeys[next[p]] < parts[best].caseKeys[next[best]] { best = p }
                }
                guard best >= 0 else { break }
                try writer.put(parts[best], case: next[best])
                next[best] += 1
            }
            try ProjectionCheckpoint(version: ProjectionCodec.version, position: position).write(store, txn)
            if let entries = tree.entries, entries.size == position {
                try entries.write(store, txn)
            } else {
                try StoredMerkleTree.rebuild(store, txn)
            }
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
