import LMDB

/// The `case_state`, `episodes` and `open_cases` entries of a rebuild's
/// records, encoded into one byte arena, so that the records can be let go
/// of (and, in a sharded rebuild, be encoded and freed on each shard's own
/// thread) before the write. Promises: the entries of a record are exactly
/// those `LedgerStore.putRecord` writes for it into empty databases, in the
/// same order; cases keep the order they were added in.
struct EncodedProjections {
    /// By case: its key, and where its entries end in `entryEnds`.
    private(set) var caseKeys: [CaseKey] = []
    private var caseEnds: [Int] = []
    /// By entry: its database, and where its key and its value end in `arena` (each begins where the one before ends).
    private var entryDBs: [ProjectionDB] = []
    private var keyEnds: [Int] = []
    private var valueEnds: [Int] = []
    private var arena = ByteWriter(capacity: 1 << 16)

    enum ProjectionDB: UInt8, CaseIterable {
        case caseState, episodes, openCases

        /// The database's name in `data.mdb`.
        var name: String {
            switch self {
            case .caseState: return "case_state"
            case .episodes: return "episodes"
            case .openCases: return "open_cases"
            }
        }
    }

    mutating func reserve(cases: Int) {
        caseKeys.reserveCapacity(cases)
        caseEnds.reserveCapacity(cases)
    }

    mutating func add(_ record: CaseRecord, key: CaseKey) {
        var id = record.state.caseID.rawValue
        id.withUTF8 { arena.raw($0) }
        keyEnds.append(arena.bytes.count)
        ProjectionCodec.encode(record.state, into: &arena)
        end(.caseState)
        for facts in record.episodes where facts.number >= 1 {
            // StoreKeys.episode: the id, then the number in two bytes big-endian.
            id.withUTF8 { arena.raw($0) }
            arena.u8(UInt8(truncatingIfNeeded: facts.number >> 8))
            arena.u8(UInt8(truncatingIfNeeded: facts.number))
            keyEnds.append(arena.bytes.count)
            ProjectionCodec.encode(facts, into: &arena)
            end(.episodes)
        }
        if record.state.isOpen {
            id.withUTF8 { arena.raw($0) }
            keyEnds.append(arena.bytes.count)
            CaseloadEntry(record: record).encode(into: &arena)
            end(.openCases)
        }
        caseKeys.append(key)
        caseEnds.append(entryDBs.count)
    }

    private mutating func end(_ db: ProjectionDB) {
        entryDBs.append(db)
        valueEnds.append(arena.bytes.count)
    }

    /// Visits the entries of the case added `index`-th.
    func forEachEntry(ofCase index: Int,
                      _ body: (ProjectionDB, UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try arena.bytes.withUnsafeBytes { all in
            var entry = index == 0 ? 0 : caseEnds[index - 1]
            var start = entry == 0 ? 0 : valueEnds[entry - 1]
            while entry < caseEnds[index] {
                let keyEnd = keyEnds[entry], valueEnd = valueEnds[entry]
                try body(entryDBs[entry], UnsafeRawBufferPointer(rebasing: all[start..<keyEnd]),
                         UnsafeRawBufferPointer(rebasing: all[keyEnd..<valueEnd]))
                start = valueEnd
                entry += 1
            }
        }
    }
}

/// Writes every case's projections into the just-emptied `case_state`,
/// `episodes` and `open_cases` databases of a rebuild. Promises: the entries
/// written are exactly those `LedgerStore.putRecord` writes for the same
/// records into empty databases. Given cases in key order (as the rebuild
/// passes them), each put is an `MDB_APPEND`, which skips the search and
/// fills pages completely instead of splitting them in half; a key that does
/// not sort after the last one written is put normally.
struct FreshProjectionWriter {
    let store: LedgerStore
    let txn: WriteTransaction
    private var last: [[UInt8]] = [[], [], []]

    init(store: LedgerStore, txn: WriteTransaction) {
        self.store = store
        self.txn = txn
    }

    /// Puts the entries of the case added `index`-th to `encoded`.
    mutating func put(_ encoded: EncodedProjections, case index: Int) throws {
        try encoded.forEachEntry(ofCase: index) { db, key, value in
            let database: Database
            switch db {
            case .caseState: database = store.caseState
            case .episodes: database = store.episodes
            case .openCases: database = store.openCases
            }
            // LMDB orders keys by memcmp, a shorter key first on a common prefix: lexicographic byte order.
            let slot = Int(db.rawValue)
            let inOrder = last[slot].lexicographicallyPrecedes(key)
            try txn.put(database, key: key, value: value, flags: inOrder ? .append : [])
            if inOrder {
                last[slot].removeAll(keepingCapacity: true)
                last[slot].append(contentsOf: key)
            }
        }
    }
}
