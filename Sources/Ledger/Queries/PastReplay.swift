import LMDB

/// A question about a past day or moment (a caseload or checks due on a past
/// day, metrics or episodes as known at a past position) answered from the
/// projections, replaying only the cases whose answer can differ from them.
///
/// Promises, for one read transaction:
/// - `end` is the last position the as-of moment admits: the one asked for,
///   and of those the last recorded by `knownAt`, as the full replay stops
///   (`recorded_at` is non-decreasing along position, DOMAIN.md, so a binary
///   search finds it).
/// - `changed` holds every case with an event after `end`: only for those can
///   the record at `end` differ from the projection. Every other case's record
///   at `end` is the projection's (the projections equal a replay of the log).
/// - `records(of:occurredBy:)` folds each case's events up to `end` (found
///   through the `cases` index) with the fold the full replay uses (over the
///   events' parts, as the rebuild applies them), so each
///   record equals the full replay's record of that case, also when only the
///   events that occurred by a day count.
struct PastReplay {
    let store: LedgerStore
    let txn: ReadTransaction
    let zone: LedgerTimeZone
    /// The head now.
    let head: LogHead
    /// The last position the answer sees.
    let end: UInt64
    /// The cases with an event after `end`, by their key bytes.
    let changed: [CaseKey: CaseID]

    init(_ store: LedgerStore, _ txn: ReadTransaction, zone: LedgerTimeZone, asOf: AsOf) throws {
        self.store = store
        self.txn = txn
        self.zone = zone
        head = try store.head(txn)
        end = try PastReplay.lastPosition(asOf, head: head.position, store, txn)
        changed = end < head.position ? try PastReplay.cases(after: end, store, txn) : [:]
    }

    /// More of the log lies after `end` than up to it: a full replay up to `end` reads less than
    /// finding the changed cases and folding each of them does.
    static func prefersFullReplay(_ asOf: AsOf, _ store: LedgerStore, _ txn: ReadTransaction) throws -> Bool {
        let head = try store.head(txn).position
        let end = try lastPosition(asOf, head: head, store, txn)
        return head - end > end
    }

    /// The head as it stood at `end`.
    func headAtEnd() throws -> LogHead {
        if end == head.position { return head }
        if end == 0 { return .empty }
        let head = try txn.withValue(store.events, key: KeyBytes.u64(end)) { value -> LogHead in
            var r = ByteReader(value)
            let envelope = try EventEnvelope(&r, readingRecordedAt: true)
            return LogHead(position: end, hash: try EventBinaryCodec.storedHash(value), recordedAt: envelope.recordedAt)
        }
        guard let head else { throw PastReplay.missing(end) }
        return head
    }

    /// The case ids that have an episode `wanted` accepts (its stored span first, then its facts, decoded
    /// only when the span passed), or an event after `end`; in key order of their episodes, the changed
    /// cases without an episode last.
    func cases(withEpisode wanted: PastCaseSets.Test) throws -> [CaseID] {
        var ids: [CaseID] = []
        var met = Set<CaseKey>()
        var last: CaseKey?
        var e = EpisodeFacts(caseID: CaseID(prefix: "LG", year: 0, sequence: 0), number: 0, district: "",
                             source: .walkIn, caseworker: "", start: LocalDate(daysSinceEpoch: 0))
        try txn.forEach(store.episodes) { key, value in
            let caseKey = try PastReplay.caseKey(ofEpisode: key)
            if caseKey == last { return true }
            var accepted = changed[caseKey] != nil
            if !accepted, wanted.span(try ProjectionCodec.episodeSpan(value)) {
                try ProjectionCodec.decodeEpisode(value, into: &e, district: false, caseworker: false)
                accepted = wanted.facts(e)
            }
            guard accepted else { return true }
            guard let (id, _) = StoreKeys.splitEpisode(key) else { throw PastReplay.malformedEpisodeKey }
            ids.append(id)
            met.insert(caseKey)
            last = caseKey
            return true
        }
        for (key, id) in changed where !met.contains(key) { ids.append(id) }
        return ids
    }

    /// Visits the stored episodes of the cases without an event after `end` whose span `wanted` accepts.
    func forEachUnchangedEpisode(where wanted: (EpisodeSpan) -> Bool,
                                 _ body: (CaseID, Int, UnsafeRawBufferPointer) throws -> Void) throws {
        try txn.forEach(store.episodes) { key, value in
            guard wanted(try ProjectionCodec.episodeSpan(value)) else { return true }
            if !changed.isEmpty, changed[try PastReplay.caseKey(ofEpisode: key)] != nil { return true }
            guard let (id, number) = StoreKeys.splitEpisode(key) else { throw PastReplay.malformedEpisodeKey }
            try body(id, number, value)
            return true
        }
    }

    /// The records of `ids` as the full replay up to `end` folds them (a case without events by then has
    /// none), with only the events that occurred by `day` (corrections always) when it is given, as the
    /// full replay's filter does. The cases are taken a batch at a time: their events are read in position
    /// order with one cursor (neighbours share the log's pages, so most seeks stay on the page the last
    /// one found), the mapped pages handed back as they are left, and each case is folded from its events
    /// (skipping, without decoding, those that occurred after `day`).
    func records(of ids: [CaseID], occurredBy day: LocalDate? = nil) throws -> [CaseRecord] {
        var out: [CaseRecord] = []
        out.reserveCapacity(ids.count)
        var reads = 0
        var start = 0
        while start < ids.count {
            let batch = ids[start..<min(ids.count, start + PastReplay.batchSize)]
            start = batch.endIndex
            var wanted: [(position: UInt64, slot: Int)] = []
            for (slot, id) in batch.enumerated() {
                try releasePages(every: &reads)
                for position in try store.positions(of: id, txn) {
                    guard position <= end else { break }
                    wanted.append((position, slot))
                }
            }
            wanted.sort { $0.position < $1.position }
            let keys = batch.map { CaseKey($0) }
            var events = [[FoldedEventParts]](repeating: [], count: batch.count)
            let cursor = try txn.makeCursor(store.events)
            for (position, slot) in wanted {
                try releasePages(every: &reads)
                let key = KeyBytes.u64(position)
                guard try cursor.seek(atLeast: key), cursor.key.elementsEqual(key) else { throw PastReplay.missing(position) }
                var r = ByteReader(cursor.value)
                let envelope = try EventEnvelope(&r)
                if let day, envelope.type != .entryCorrected, day < zone.date(of: envelope.occurredAt) { continue }
                guard CaseKey(envelope.caseBytes) == keys[slot] else { throw PastReplay.missing(position) }
                let payload = try EventBinaryCodec.wholePayload(envelope.type, &r, .skippingPersonal)
                events[slot].append(FoldedEventParts(version: envelope.version, position: position, type: envelope.type, schema: envelope.schema,
                                                     occurredAt: envelope.occurredAt, payload: payload))
            }
            for (slot, id) in batch.enumerated() {
                if let record = CaseProjector.fold(events[slot], caseID: id, zone: zone) { out.append(record) }
            }
        }
        return out
    }

    /// Cases read and folded together: their events are held until they are folded.
    static let batchSize = 2048

    /// Counts a read and hands back the mapped pages every `releaseInterval` reads. Scattered reads need it
    /// far more often than a scan: the kernel maps up to 16 neighbouring pages on each fault, so a few
    /// thousand scattered reads leave most of the file resident.
    @inline(__always)
    private func releasePages(every reads: inout Int) throws {
        reads += 1
        if reads % PastReplay.releaseInterval == 0 { try txn.releaseMappedPages() }
    }

    static let releaseInterval = 1024

    /// The last position admitted by `asOf` (0: none).
    static func lastPosition(_ asOf: AsOf, head: UInt64, _ store: LedgerStore, _ txn: ReadTransaction) throws -> UInt64 {
        let last = min(asOf.position ?? head, head)
        guard let knownAt = asOf.knownAt else { return last }
        // Positions up to `low` are admitted, those after `high` are not.
        var low: UInt64 = 0, high = last
        while low < high {
            let middle = low + (high - low + 1) / 2
            if knownAt.isBefore(try recordedAt(middle, store, txn)) { high = middle - 1 } else { low = middle }
        }
        return low
    }

    private static func recordedAt(_ position: UInt64, _ store: LedgerStore, _ txn: ReadTransaction) throws -> Timestamp {
        let recordedAt = try txn.withValue(store.events, key: KeyBytes.u64(position)) { value -> Timestamp? in
            var r = ByteReader(value)
            return try EventEnvelope(&r, readingRecordedAt: true).recordedAt
        }
        guard let recordedAt = recordedAt ?? nil else { throw missing(position) }
        return recordedAt
    }

    /// The cases of the events after `end`, read as far as their case ids.
    private static func cases(after end: UInt64, _ store: LedgerStore, _ txn: ReadTransaction) throws -> [CaseKey: CaseID] {
        var out: [CaseKey: CaseID] = [:]
        var visited = 0
        try txn.forEach(store.events, from: KeyBytes.u64(end + 1)) { _, value in
            var r = ByteReader(value)
            let bytes = try EventEnvelope.caseBytes(&r)
            guard let key = CaseKey(bytes) else { throw LedgerError.corrupted("an event's case id is too long") }
            if out[key] == nil {
                guard let id = CaseID(String(decoding: bytes, as: UTF8.self)) else {
                    throw LedgerError.corrupted("an event's case id is malformed")
                }
                out[key] = id
            }
            visited += 1
            if visited % ProjectionBuilder.releaseInterval == 0 { try txn.releaseMappedPages() }
            return true
        }
        return out
    }

    private static func caseKey(ofEpisode key: UnsafeRawBufferPointer) throws -> CaseKey {
        guard key.count > 2, let caseKey = CaseKey(UnsafeRawBufferPointer(rebasing: key[0..<(key.count - 2)])) else {
            throw malformedEpisodeKey
        }
        return caseKey
    }

    private static let malformedEpisodeKey = LedgerError.corrupted("an episodes key is malformed; run 'ledger rebuild'")

    private static func missing(_ position: UInt64) -> LedgerError {
        .corrupted("the event at position \(position) is missing or not the case's the index names; run 'ledger verify'")
    }
}
