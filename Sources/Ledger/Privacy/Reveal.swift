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
            var names = Set<String>()
            for event in try store.events(of: id, txn) { PersonalFields.names(in: event.payload, into: &names) }
            return (.cases([id]), PersonalFields.ordered(names), ())
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
            return (.wholeLog(through: head.position), PersonalFields.allNames, head.position)
        }.1
    }
}

extension PersonalFields {
    /// Every sealed field's wire name, in the order listings use.
    static let allNames = ["person", "note", "place"]

    static func ordered(_ names: Set<String>) -> [String] { allNames.filter(names.contains) }

    /// Whether an amendment's `FIELD` (a wire path such as `note` or `person.name`) names a personal field.
    static func isPersonal(wirePath: String) -> Bool {
        allNames.contains(String(wirePath.split(separator: ".").first ?? ""))
    }

    /// Adds the names of the sealed (or plain personal) fields present in the payload.
    static func names(in p: Payload, into names: inout Set<String>) {
        switch p {
        case .caseOpened: names.insert("person")
        case .contactRecorded(let c): if c.note != nil { names.insert("note") }
        case .situationAnalysed(let a): if a.note != nil { names.insert("note") }
        case .mediationRecorded(let m): if m.note != nil { names.insert("note") }
        case .referralMade(let m): if m.note != nil { names.insert("note") }
        case .emergencyAccommodated: names.insert("place")
        case .entryCorrected(let c): if let r = c.replacement { self.names(in: r, into: &names) }
        default: break
        }
    }

    /// The personal fields of a payload by wire name, in payload order (a correction's come from its replacement).
    static func fields(of p: Payload) -> [(name: String, field: PersonalField)] {
        switch p {
        case .caseOpened(let o): return [("person", o.person)]
        case .contactRecorded(let c): return c.note.map { [("note", $0)] } ?? []
        case .situationAnalysed(let a): return a.note.map { [("note", $0)] } ?? []
        case .mediationRecorded(let m): return m.note.map { [("note", $0)] } ?? []
        case .referralMade(let m): return m.note.map { [("note", $0)] } ?? []
        case .emergencyAccommodated(let e): return [("place", e.place)]
        case .entryCorrected(let c): return c.replacement.map { fields(of: $0) } ?? []
        default: return []
        }
    }
}
