import LMDB

/// The part of `verify` that holds every stored projection against a replay
/// of the log, byte for byte: `case_state`, `episodes` (span header
/// included), `open_cases`, the projection checkpoints and the case-id
/// counters in `meta`.
///
/// Promises: it passes exactly when each of these databases holds the
/// entries that writing the replayed records into empty databases would
/// (`EncodedProjections`: the same keys, and values equal to the last byte),
/// each checkpoint reads this code version at the head's position, and the
/// counters are those the log's case ids give (per prefix and year, the
/// highest sequence opened). Comparing the stored bytes, not their decoded
/// values, is what catches bytes a decoder skips or never reads (an
/// episode's span header is read alone by `metrics`). A failure throws
/// `.corrupted` naming the projection and the case, never a stored value.
struct StoredProjectionCheck {
    let store: LedgerStore
    let txn: ReadTransaction

    /// Compares everything (see the type); `replayed` is the replay's encoding, `head` the log's head.
    func compare(_ replayed: EncodedProjections, head: LogHead) throws {
        var expectedCounts = [0, 0, 0]
        var counters: [String: Int] = [:]
        for index in 0..<replayed.caseKeys.count {
            try replayed.forEachEntry(ofCase: index) { db, key, value in
                expectedCounts[Int(db.rawValue)] += 1
                try compareEntry(db, key: key, value: value)
                if db == .caseState, let id = CaseID(String(decoding: key, as: UTF8.self)) {
                    let (year, sequence) = id.yearAndSequence
                    counters["\(id.prefix)-\(year)", default: 0] = max(counters["\(id.prefix)-\(year)", default: 0], sequence)
                }
            }
        }
        for db in EncodedProjections.ProjectionDB.allCases {
            let stored = try txn.entryCount(database(db))
            guard stored == expectedCounts[Int(db.rawValue)] else {
                throw LedgerError.corrupted("the \(db.name) projection holds \(stored) entries; a replay of the log gives \(expectedCounts[Int(db.rawValue)]); run 'ledger rebuild'")
            }
        }
        try compareCheckpoints(head: head)
        try compareCounters(counters)
    }

    private func database(_ db: EncodedProjections.ProjectionDB) -> Database {
        switch db {
        case .caseState: return store.caseState
        case .episodes: return store.episodes
        case .openCases: return store.openCases
        }
    }

    /// The stored value under `key` equals `value`, every byte.
    private func compareEntry(_ db: EncodedProjections.ProjectionDB, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        let same = try txn.withValue(database(db), key: Array(key)) { stored in stored.elementsEqual(value) }
        guard let same else {
            throw LedgerError.corrupted("\(StoredProjectionCheck.describe(db, key)) is missing from its projection; run 'ledger rebuild'")
        }
        guard same else {
            throw LedgerError.corrupted("\(StoredProjectionCheck.describe(db, key)) differs from a replay of its events; run 'ledger rebuild'")
        }
    }

    /// "the case_state of LG-2026-000042", "episode 2 of LG-2026-000042", "the open_cases entry of LG-2026-000042".
    static func describe(_ db: EncodedProjections.ProjectionDB, _ key: UnsafeRawBufferPointer) -> String {
        switch db {
        case .caseState: return "the case_state of \(String(decoding: key, as: UTF8.self))"
        case .openCases: return "the open_cases entry of \(String(decoding: key, as: UTF8.self))"
        case .episodes:
            guard let (id, number) = StoreKeys.splitEpisode(key) else { return "an episodes entry" }
            return "episode \(number) of \(id)"
        }
    }

    /// Each projection's checkpoint is this code version at the head's position.
    private func compareCheckpoints(head: LogHead) throws {
        let expected = ProjectionCheckpoint(version: ProjectionCodec.version, position: head.position).encoded()
        for name in ProjectionCheckpoint.names {
            let same = try txn.withValue(store.meta, key: ProjectionCheckpoint.key(name)) { $0.elementsEqual(expected) }
            guard same == true else {
                throw LedgerError.corrupted("the checkpoint of the \(name) projection does not stand at the head (position \(head.position)); run 'ledger rebuild'")
            }
        }
    }

    /// The `seq/PREFIX-YEAR` counters in `meta` are exactly those of the log's case ids.
    private func compareCounters(_ expected: [String: Int]) throws {
        let prefix = StoreKeys.sequencePrefix
        var seen = 0
        try txn.forEach(store.meta, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            let name = String(decoding: key[prefix.count...], as: UTF8.self)
            guard let want = expected[name], value.elementsEqual(KeyBytes.u64(UInt64(want))) else {
                throw LedgerError.corrupted("the case-id counter \(name) differs from the highest case id of the log")
            }
            seen += 1
            return true
        }
        guard seen == expected.count else {
            throw LedgerError.corrupted("the log has case ids of \(expected.count) prefixes and years, but \(seen) case-id counters")
        }
    }
}
