import LMDB

/// Writes every case's projections into the just-emptied `case_state`,
/// `episodes` and `open_cases` databases of a rebuild. Promises: the entries
/// written are exactly those `LedgerStore.putRecord` writes for the same
/// records into empty databases. Given records in key order (as the rebuild
/// passes them), each put is an `MDB_APPEND`, which skips the search and
/// fills pages completely instead of splitting them in half; a key that does
/// not sort after the last one written is put normally. Keys and values are
/// encoded into buffers reused from case to case (a few allocations per case
/// were a tenth of the writing).
struct FreshProjectionWriter {
    let store: LedgerStore
    let txn: WriteTransaction
    private var lastState: [UInt8] = []
    private var lastEpisode: [UInt8] = []
    private var lastOpen: [UInt8] = []
    private var key: [UInt8] = []
    private var value = ByteWriter(capacity: 1024)

    init(store: LedgerStore, txn: WriteTransaction) {
        self.store = store
        self.txn = txn
    }

    mutating func put(_ record: CaseRecord) throws {
        var id = record.state.caseID.rawValue
        key.removeAll(keepingCapacity: true)
        id.withUTF8 { key.append(contentsOf: $0) }
        let idCount = key.count
        value.reset()
        ProjectionCodec.encode(record.state, into: &value)
        try put(store.caseState, after: &lastState)
        for facts in record.episodes where facts.number >= 1 {
            // StoreKeys.episode: the id, then the number in two bytes big-endian.
            key.removeSubrange(idCount...)
            key.append(UInt8(truncatingIfNeeded: facts.number >> 8))
            key.append(UInt8(truncatingIfNeeded: facts.number))
            value.reset()
            ProjectionCodec.encode(facts, into: &value)
            try put(store.episodes, after: &lastEpisode)
        }
        if record.state.isOpen {
            key.removeSubrange(idCount...)
            value.reset()
            CaseloadEntry(state: record.state).encode(into: &value)
            try put(store.openCases, after: &lastOpen)
        }
    }

    private func put(_ db: Database, after last: inout [UInt8]) throws {
        // LMDB orders keys by memcmp, a shorter key first on a common prefix: lexicographic byte order.
        let inOrder = last.lexicographicallyPrecedes(key)
        try key.withUnsafeBytes { k in
            try value.bytes.withUnsafeBytes { v in try txn.put(db, key: k, value: v, flags: inOrder ? .append : []) }
        }
        if inOrder {
            last.removeAll(keepingCapacity: true)
            last.append(contentsOf: key)
        }
    }
}
