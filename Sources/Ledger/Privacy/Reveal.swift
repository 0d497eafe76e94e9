import LMDB

extension Ledger {
    /// The one way to open a case's sealed fields: records in the access log
    /// who opens which fields of the case, when and why (committed under the
    /// writer lock), and only then returns the opener. An erased case has no
    /// key: nothing is recorded and the opener opens nothing. Throws
    /// `.unknownCase` (nothing recorded) for a case the ledger does not hold,
    /// and `.key` (nothing recorded) when the master key is missing.
    public func opener(for id: CaseID, access request: AccessRequest) throws(LedgerError) -> FieldOpener {
        let vault = try self.vault()
        let (entry, _) = try recordAccess(request) { txn -> (AccessScope, [String], Void)? in
            guard let record = try store.record(of: id, txn) else { throw LedgerError.unknownCase(id.rawValue) }
            if record.state.isErased { return nil }
            var names = Set<PersonalFieldName>()
            for event in try store.events(of: id, txn) { event.payload.forEachPersonalField { _, name in names.insert(name) } }
            return (.cases([id]), PersonalFieldName.listed(names).map(\.rawValue), ())
        }
        guard entry != nil else { return FieldOpener(key: nil, caseID: id) }
        return FieldOpener(key: try vault.keys(for: [id])[id], caseID: id)
    }

    /// Records an `export --reveal` of the whole log as it stands and returns
    /// the position it covers (nil for an empty log: nothing recorded).
    func recordWholeLogAccess(_ request: AccessRequest) throws(LedgerError) -> UInt64? {
        try recordAccess(request) { txn -> (AccessScope, [String], UInt64)? in
            let head = try store.head(txn)
            guard head.position > 0 else { return nil }
            return (.wholeLog(through: head.position), PersonalFieldName.allCases.map(\.rawValue), head.position)
        }.1
    }
}
