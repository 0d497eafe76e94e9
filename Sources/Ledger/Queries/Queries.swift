import LMDB

/// Which past state of the ledger a question is about. Empty: the ledger as
/// it stands now (answered from the inline projections).
public struct AsOf: Sendable, Equatable {
    /// The ledger as it stood right after this position.
    public var position: UInt64?
    /// The ledger as it stood at this recorded time (events recorded by then).
    public var knownAt: Timestamp?
    /// Only events that occurred by then (show and history).
    public var happenedBy: Timestamp?

    public init(position: UInt64? = nil, knownAt: Timestamp? = nil, happenedBy: Timestamp? = nil) {
        self.position = position
        self.knownAt = knownAt
        self.happenedBy = happenedBy
    }

    public var isNow: Bool { position == nil && knownAt == nil && happenedBy == nil }

    func admits(_ e: Event) -> Bool {
        if let position, e.position > position { return false }
        if let knownAt, knownAt.isBefore(e.recordedAt) { return false }
        if let happenedBy, happenedBy.isBefore(e.occurredAt) { return false }
        return true
    }
}

extension Ledger {
    /// Today in the ledger's zone, by the injected clock.
    public var today: LocalDate { zone.date(of: options.clock.now()) }

    /// The caseload for `day` (default today): today's from the inline
    /// projection, a past day's (or an as-of one) by folding only the cases
    /// that can be open then (`PastReplay`), or by one replay up to an as-of
    /// moment far back (DOMAIN.md "Caseload views").
    public func caseload(day: LocalDate? = nil, caseworker: String? = nil, asOf: AsOf = AsOf()) throws(LedgerError) -> [CaseloadRow] {
        let target = day ?? today
        if asOf.isNow && target >= today {
            let entries = try store.read { txn -> [CaseloadEntry] in
                var entries: [CaseloadEntry] = []
                try txn.forEach(store.openCases) { key, value in
                    guard let id = CaseID(String(decoding: key, as: UTF8.self)) else {
                        throw LedgerError.corrupted("an open_cases key is malformed; run 'ledger rebuild'")
                    }
                    entries.append(try CaseloadEntry(caseID: id, decoding: value))
                    return true
                }
                return entries
            }
            return Caseload.rows(from: entries, day: target, caseworker: caseworker)
        }
        // Only a case with an episode whose span meets the day from its first day to before its last can be
        // open on it (proof in `PastCaseSets.openOn`), or one with events after the as-of position.
        let records = try pastRecords(on: target, asOf: asOf, candidates: PastCaseSets.openOn(target))
        return Caseload.rows(from: records, day: target, caseworker: caseworker)
    }

    /// The records of the cases `candidates` picks (and of every case with events after the as-of moment),
    /// folded from their events that occurred on or before `day`: by `PastReplay`, or by one replay of the
    /// log up to the moment where more of the log lies after it than before.
    func pastRecords(on day: LocalDate, asOf: AsOf, candidates: PastCaseSets.Test) throws(LedgerError) -> [CaseRecord] {
        let zone = self.zone
        if try prefersFullReplay(asOf) {
            return Array(try replayedRecords(through: asOf.position ?? .max, knownAt: asOf.knownAt) {
                zone.date(of: $0.occurredAt) <= day
            }.values)
        }
        return try store.read { txn -> [CaseRecord] in
            let past = try PastReplay(store, txn, zone: zone, asOf: asOf)
            return try past.records(of: try past.cases(withEpisode: candidates), occurredBy: day)
        }
    }

    /// More of the log lies after the as-of moment than up to it: one replay of the log up to it reads
    /// less than folding each case with events after it (`PastReplay`).
    func prefersFullReplay(_ asOf: AsOf) throws(LedgerError) -> Bool {
        try store.read { try PastReplay.prefersFullReplay(asOf, store, $0) }
    }

    /// Outcome metrics for [from, to), from the `episodes` projection (as of a past moment, with the cases
    /// that changed after it folded up to it: `PastReplay`).
    /// Now, only the episodes whose stored `EpisodeSpan` meets the period are
    /// decoded, each into the same value, with its district or caseworker
    /// only when grouped by it.
    /// `second` groups a second time (`--by district,month`).
    public func metrics(from: LocalDate, to: LocalDate, by grouping: MetricsGrouping?, then second: MetricsGrouping? = nil,
                        asOf: AsOf = AsOf()) throws(LedgerError) -> MetricsReport {
        let groupings = [grouping, second]
        let district = groupings.contains(.district), caseworker = groupings.contains(.caseworker)
        guard asOf.isNow else {
            if try prefersFullReplay(asOf) {
                let (episodes, head) = try episodeFacts(asOf: asOf)
                return Metrics.compute(episodes: episodes, from: from, to: to, by: grouping, then: second, asOf: date(of: head))
            }
            // The cases without events after the moment stand in the projection as they stood then.
            return try store.read { txn -> MetricsReport in
                let past = try PastReplay(store, txn, zone: zone, asOf: asOf)
                var tally = MetricsTally(from: from, to: to, by: grouping, then: second, asOf: date(of: try past.headAtEnd()))
                var e = EpisodeFacts(caseID: CaseID(prefix: "LG", year: 0, sequence: 0), number: 0, district: "",
                                     source: .walkIn, caseworker: "", start: LocalDate(daysSinceEpoch: 0))
                try past.forEachUnchangedEpisode(where: { $0.meets(from: from, to: to) }) { id, number, value in
                    e.caseID = id
                    e.number = number
                    try ProjectionCodec.decodeEpisode(value, into: &e, district: district, caseworker: caseworker)
                    tally.add(e)
                }
                for record in try past.records(of: Array(past.changed.values)) {
                    for episode in record.episodes { tally.add(episode) }
                }
                return tally.report()
            }
        }
        return try store.read { txn -> MetricsReport in
            var tally = MetricsTally(from: from, to: to, by: grouping, then: second, asOf: date(of: try store.head(txn)))
            // One value decoded into again and again; its case id and number are set from each key first.
            var e = EpisodeFacts(caseID: CaseID(prefix: "LG", year: 0, sequence: 0), number: 0, district: "",
                                 source: .walkIn, caseworker: "", start: LocalDate(daysSinceEpoch: 0))
            try txn.forEach(store.episodes) { key, value in
                guard try ProjectionCodec.episodeSpan(value).meets(from: from, to: to) else { return true }
                guard let (id, number) = StoreKeys.splitEpisode(key) else {
                    throw LedgerError.corrupted("an episodes key is malformed; run 'ledger rebuild'")
                }
                e.caseID = id
                e.number = number
                try ProjectionCodec.decodeEpisode(value, into: &e, district: district, caseworker: caseworker)
                tally.add(e)
                return true
            }
            return tally.report()
        }
    }

    /// The date of the head's `recorded_at` (today for an empty ledger): what returns are judged against.
    private func date(of head: LogHead) -> LocalDate {
        head.recordedAt.map { zone.date(of: $0) } ?? today
    }

    /// Every episode's facts (no personal data), with the head they stand at.
    public func episodeFacts(asOf: AsOf = AsOf()) throws(LedgerError) -> ([EpisodeFacts], LogHead) {
        if asOf.isNow {
            return try store.read { txn -> ([EpisodeFacts], LogHead) in
                var out: [EpisodeFacts] = []
                try txn.forEach(store.episodes) { key, value in
                    guard let (id, number) = StoreKeys.splitEpisode(key) else {
                        throw LedgerError.corrupted("an episodes key is malformed; run 'ledger rebuild'")
                    }
                    out.append(try ProjectionCodec.decodeEpisode(value, caseID: id, number: number))
                    return true
                }
                return (out, try store.head(txn))
            }
        }
        if try prefersFullReplay(asOf) {
            let records = try replayedRecords(through: asOf.position ?? .max, knownAt: asOf.knownAt)
            return (records.values.flatMap(\.episodes), try headAt(asOf))
        }
        return try store.read { txn -> ([EpisodeFacts], LogHead) in
            let past = try PastReplay(store, txn, zone: zone, asOf: asOf)
            var out: [EpisodeFacts] = []
            try past.forEachUnchangedEpisode(where: { _ in true }) { id, number, value in
                out.append(try ProjectionCodec.decodeEpisode(value, caseID: id, number: number))
            }
            for record in try past.records(of: Array(past.changed.values)) { out += record.episodes }
            return (out, try past.headAtEnd())
        }
    }

    /// The case's record now (projection) or as of a past moment (replay of its events).
    public func record(of id: CaseID, asOf: AsOf) throws(LedgerError) -> CaseRecord? {
        if asOf.isNow { return try record(of: id) }
        let events = try store.read { try ChainCheck.checkedEvents(of: id, store, $0) }
        let known = events.filter { asOf.admits($0) || ($0.type == .entryCorrected && AsOf(position: asOf.position, knownAt: asOf.knownAt).admits($0)) }
        return CaseProjector.fold(known, zone: zone) { asOf.admits($0) || $0.type == .entryCorrected }
    }

    /// The case's events as known at a past moment (history).
    public func events(of id: CaseID, asOf: AsOf) throws(LedgerError) -> [Event] {
        try events(of: id).filter { asOf.admits($0) }
    }

    /// The head as it stood at the as-of moment.
    func headAt(_ asOf: AsOf) throws(LedgerError) -> LogHead {
        try store.read { txn in try PastReplay(store, txn, zone: zone, asOf: AsOf(position: asOf.position, knownAt: asOf.knownAt)).headAtEnd() }
    }
}

extension Ledger {
    /// The ids of the open cases (or of every case), sorted.
    public func caseIDs(openOnly: Bool) throws(LedgerError) -> [CaseID] {
        try store.read { txn -> [CaseID] in
            var ids: [CaseID] = []
            try txn.forEach(openOnly ? store.openCases : store.caseState) { key, _ in
                if let id = CaseID(String(decoding: key, as: UTF8.self)) { ids.append(id) }
                return true
            }
            return ids
        }
    }
}
