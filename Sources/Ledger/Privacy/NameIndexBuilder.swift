import LMDB

/// What building the blind name index did. Promises: `indexed` cases have
/// their entry; `withoutKey` are cases (not erased) whose key this vault
/// does not hold (imported sealed without it), which `find` cannot answer.
public struct NameIndexReport: Equatable, Sendable {
    public var indexed: Int
    public var withoutKey: Int
}

extension Ledger {
    /// Builds the blind name index again from the log: every case that is not
    /// erased, with its person as it stands (the latest amendment of
    /// `case.opened`), opened with its case key, hashed under the index key
    /// (made in the vault first when it has none); the old entries go. One
    /// write under the writer lock. Needs the master key.
    @discardableResult
    public func rebuildNameIndex() throws(LedgerError) -> NameIndexReport {
        try withWriterLock { () throws(LedgerError) -> NameIndexReport in
            try recoverInterruptedWritesLocked()
            return try buildNameIndexLocked()
        }
    }

    /// Builds the index unless it is built already (the first `find` on a ledger made before the index).
    func ensureNameIndexBuilt() throws(LedgerError) {
        if try store.read({ try NameIndex(store: store).isBuilt($0) }) { return }
        try rebuildNameIndex()
    }

    /// The build, for a caller holding the writer lock (so the log read first is the log written against).
    private func buildNameIndexLocked() throws(LedgerError) -> NameIndexReport {
        let indexKey = try makeNameIndexKey()
        let vault = try self.vault()
        let persons = try store.read { try currentPersons($0) }
        let keys = try vault.keys(for: persons.map(\.0))
        var report = NameIndexReport(indexed: 0, withoutKey: 0)
        var entries: [(CaseID, NameTags)] = []
        entries.reserveCapacity(persons.count)
        for (id, sealed) in persons {
            guard let key = keys[id], let person = FieldOpener(key: key, caseID: id).open(sealed, field: .person) else {
                report.withoutKey += 1
                continue
            }
            if let tags = try indexKey.tags(person: person) { entries.append((id, tags)) }
        }
        report.indexed = entries.count
        try store.write { txn in
            let index = NameIndex(store: store)
            try txn.clear(store.nameIndex)
            for (id, tags) in entries { try index.put(tags, for: id, txn) }
            try index.markBuilt(txn)
        }
        return report
    }

    /// Every case that is not erased, with the sealed bytes of its person as it
    /// stands: that of `case.opened`, or of the latest amendment of it. Reads
    /// the case's first event and its corrections only, and hands back the
    /// log's mapped pages as it goes (its resident set stays small).
    private func currentPersons(_ txn: ReadTransaction) throws -> [(CaseID, [UInt8])] {
        var out: [(CaseID, [UInt8])] = []
        var visited = 0
        try txn.forEach(store.caseState) { key, value in
            guard let id = CaseID(String(decoding: key, as: UTF8.self)) else {
                throw LedgerError.corrupted("the case projection holds a malformed case id; run 'ledger rebuild'")
            }
            let state = try ProjectionCodec.decodeState(value, caseID: id)
            if !state.isErased, let person = try currentPerson(state, txn) { out.append((id, person)) }
            visited += 1
            if visited % ProjectionBuilder.releaseInterval == 0 { try txn.releaseMappedPages() }
            return true
        }
        return out
    }

    /// The sealed person of `case.opened` or of its latest amendment.
    private func currentPerson(_ state: CaseState, _ txn: ReadTransaction) throws -> [UInt8]? {
        // The opening, then every correction (the state's entries are the case index: version i + 1 at entries[i]).
        let positions = state.entries.enumerated().filter { $0.offset == 0 || $0.element.type == .entryCorrected }.map(\.element.position)
        var person: [UInt8]?
        for position in positions {
            guard let event = try store.event(at: position, txn), event.caseID == state.caseID else { continue }
            switch event.payload {
            case .caseOpened(let o):
                if case .sealed(let bytes) = o.person { person = bytes }
            case .entryCorrected(let c):
                if c.target == 1, c.action == .amend, case .read(.caseOpened(let o))? = c.replacement,
                   case .sealed(let bytes) = o.person { person = bytes }
            default: break
            }
        }
        return person
    }
}
