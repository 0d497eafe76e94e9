import LMDB

extension Ledger {
    /// The one way to open a case's sealed fields: records in the access log
    /// who opens which fields of the case, when and why (committed under the
    /// writer lock), and only then returns the opener. An erased case has no
    /// key: nothing is recorded and the opener opens nothing. Throws
    /// `.unknownCase` (nothing recorded) for a case the ledger does not hold,
    /// and `.key` (nothing recorded) when the master key is missing. A
    /// restricted case (Art. 18 GDPR) opens only with a purpose, and its
    /// entry is flagged `restricted`; without one the rule `case-restricted`
    /// refuses (nothing recorded).
    public func opener(for id: CaseID, access request: AccessRequest) throws(LedgerError) -> FieldOpener {
        let vault = try self.vault()
        let (entry, _) = try recordAccess(request) { txn -> (AccessGrant, Void)? in
            guard let record = try store.record(of: id, txn) else {
                try store.refuseLostCase(id, txn)
                throw LedgerError.unknownCase(id.rawValue)
            }
            if record.state.isErased { return nil }
            let restricted = record.state.isRestricted
            if restricted { try Ledger.requirePurpose(request, restricted: id) }
            var names = Set<PersonalFieldName>()
            for event in try store.events(of: id, txn) { event.payload.forEachPersonalField { _, name in names.insert(name) } }
            return (AccessGrant(scope: .cases([id]), fields: PersonalFieldName.listed(names).map(\.rawValue),
                                restricted: restricted), ())
        }
        guard entry != nil else { return FieldOpener(key: nil, caseID: id) }
        return FieldOpener(key: try vault.keys(for: [id])[id], caseID: id)
    }

    /// Records an `export --reveal` of the whole log as it stands and returns
    /// the position it covers (nil for an empty log: nothing recorded). When
    /// the log holds a restricted case, it needs a purpose and is flagged.
    func recordWholeLogAccess(_ request: AccessRequest) throws(LedgerError) -> UInt64? {
        try recordAccess(request) { txn -> (AccessGrant, UInt64)? in
            let head = try store.head(txn)
            guard head.position > 0 else { return nil }
            let restricted = try firstRestrictedCase(txn)
            if let restricted { try Ledger.requirePurpose(request, restricted: restricted) }
            return (AccessGrant(scope: .wholeLog(through: head.position), fields: PersonalFieldName.allCases.map(\.rawValue),
                                restricted: restricted != nil), head.position)
        }.1
    }

    /// Refuses to open a restricted case's personal data without a purpose (rule `case-restricted`).
    static func requirePurpose(_ request: AccessRequest, restricted id: CaseID) throws(LedgerError) {
        guard request.purpose?.isEmpty ?? true else { return }
        throw .ruleBroken(RuleViolation(.caseRestricted, case: id.rawValue,
                                        "the case is restricted (Art. 18 GDPR): its personal data opens only with --purpose (recorded in the access log), or use --no-personal"))
    }

    /// The first case (in case-id order) whose processing is restricted, from the `case_state` projection.
    private func firstRestrictedCase(_ txn: ReadTransaction) throws -> CaseID? {
        var found: CaseID?
        try txn.forEach(store.caseState) { key, value in
            guard let id = CaseID(String(decoding: key, as: UTF8.self)) else {
                throw LedgerError.corrupted("the case projection holds a malformed case id; run 'ledger rebuild'")
            }
            guard try ProjectionCodec.decodeState(value, caseID: id).isRestricted else { return true }
            found = id
            return false
        }
        return found
    }
}
