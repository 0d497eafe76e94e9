import LMDB

/// Writes every case's projections into the just-emptied `case_state`,
/// `episodes` and `open_cases` databases of a rebuild. Promises: the entries
/// written are exactly those `LedgerStore.putRecord` writes for the same
/// records into empty databases. Given records in key order (as the rebuild
/// passes them), each put is an `MDB_APPEND`, which skips the search and
/// fills pages completely instead of splitting them in half; a key that does
/// not sort after the last one written is put normally.
struct FreshProjectionWriter {
    let store: LedgerStore
    let txn: WriteTransaction
    private var lastState: [UInt8] = []
    private var lastEpisode: [UInt8] = []
    private var lastOpen: [UInt8] = []

    init(store: LedgerStore, txn: WriteTransaction) {
        self.store = store
        self.txn = txn
    }

    mutating func put(_ record: CaseRecord) throws {
        let id = record.state.caseID
        let key = Array(id.rawValue.utf8)
        try put(store.caseState, key: key, value: ProjectionCodec.encode(record.state), after: &lastState)
        for facts in record.episodes where facts.number >= 1 {
            try put(store.episodes, key: StoreKeys.episode(id, facts.number), value: ProjectionCodec.encode(facts),
                    after: &lastEpisode)
        }
        if record.state.isOpen {
            try put(store.openCases, key: key, value: CaseloadEntry(state: record.state).encoded(), after: &lastOpen)
        }
    }

    private func put(_ db: Database, key: [UInt8], value: [UInt8], after last: inout [UInt8]) throws {
        // LMDB orders keys by memcmp, a shorter key first on a common prefix: lexicographic byte order.
        let inOrder = last.lexicographicallyPrecedes(key)
        try txn.put(db, key: key, value: value, flags: inOrder ? .append : [])
        if inOrder { last = key }
    }
}
