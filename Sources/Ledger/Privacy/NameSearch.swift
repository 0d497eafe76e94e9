import LMDB

/// A search for a person's cases by name (`ledger find`). Promises: `name`
/// and `birthDate` are compared only as keyed hashes (`NameIndexKey`) and
/// appear in no message, log line or file.
public struct NameQuery: Sendable, CustomStringConvertible {
    public var name: String
    public var birthDate: LocalDate?

    public init(name: String, birthDate: LocalDate? = nil) {
        self.name = name
        self.birthDate = birthDate
    }

    /// Never the name: a query is personal data.
    public var description: String { birthDate == nil ? "<name query>" : "<name and birth date query>" }
}

/// A case a name search found: only what the caseload shows (no personal field).
public struct NameMatch: Equatable, Sendable {
    public var caseID: CaseID
    public var phase: Phase
    public var caseworker: String
    /// The first day of the current episode.
    public var episodeStart: LocalDate
    public var restricted: Bool
}

extension Ledger {
    /// The cases whose person (as it stands) has the query's name, and its
    /// birth date when given, by exact match of the normalised name through
    /// the blind index. Records the search first in the access log (who,
    /// when, the purpose, how many matches; the query as its keyed hash), in
    /// the same write as the lookup. Opens nothing. Builds the index on first
    /// use in a ledger made before it. Needs the master key (the index key is
    /// in the vault): `.key` otherwise, nothing recorded.
    public func findCases(_ query: NameQuery, access request: AccessRequest) throws(LedgerError) -> [NameMatch] {
        guard !NameNormalisation.normalise(query.name).isEmpty else { throw .usage("--name is empty: give the name to look for") }
        try ensureNameIndexBuilt()
        guard let key = try nameIndexKey(), let tags = try key.tags(name: query.name, birthDate: query.birthDate?.description ?? "") else {
            throw .corrupted("the vault holds no name index key although the index was built; run 'ledger rebuild'")
        }
        let birth = query.birthDate == nil ? nil : tags.nameAndBirth
        let (_, matches) = try recordAccess(request) { txn -> (AccessGrant, [NameMatch])? in
            let index = NameIndex(store: store)
            var found: [NameMatch] = []
            for id in try index.cases(matching: tags.name, birth: birth, txn) {
                guard let state = try store.record(of: id, txn)?.state, !state.isErased else { continue }
                found.append(NameMatch(caseID: id, phase: state.phase, caseworker: state.caseworker,
                                       episodeStart: state.episodeStart, restricted: state.isRestricted))
            }
            let search = NameSearchRecord(query: birth ?? tags.name, withBirthDate: birth != nil, matches: found.count)
            return (AccessGrant(scope: .nameSearch(search), fields: []), found)
        }
        return matches ?? []
    }
}
