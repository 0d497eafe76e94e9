import LMDB

/// The case-id counters one write reads and raises: per prefix and year of
/// opening, the last sequence given (`seq/PREFIX-YEAR` in `meta`). Promises:
/// each counter is read from the store once per write; a counter only rises;
/// `write` stores every counter the write read or raised.
struct CaseSequences {
    /// Which counter: the prefix and year of `seq/PREFIX-YEAR`.
    private struct Key: Hashable {
        var prefix: Substring
        var year: Int
    }

    private var values: [Key: Int] = [:]

    /// The last sequence given for the prefix and year, as it stands in this write.
    mutating func current(prefix: Substring, year: Int, _ store: LedgerStore, _ txn: WriteTransaction) throws -> Int {
        let key = Key(prefix: prefix, year: year)
        if let known = values[key] { return known }
        let stored = try store.sequence(txn, prefix: prefix, year: year)
        values[key] = stored
        return stored
    }

    /// Raises the counter of the case's prefix and year to its sequence, if it lies beyond.
    mutating func note(_ id: CaseID, _ store: LedgerStore, _ txn: WriteTransaction) throws {
        let (year, sequence) = id.yearAndSequence
        let prefix = id.prefix
        if try sequence > current(prefix: prefix, year: year, store, txn) {
            values[Key(prefix: prefix, year: year)] = sequence
        }
    }

    /// Stores every counter of this write.
    func write(_ store: LedgerStore, _ txn: WriteTransaction) throws {
        for (key, value) in values {
            try store.putSequence(txn, prefix: key.prefix, year: key.year, value)
        }
    }
}
