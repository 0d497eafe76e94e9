/// Who asks to see personal data, through which command and what for. A
/// reveal is recorded with it in the access log before anything is opened.
/// Promises: `validated()` accepts only an account name as `actor` and a
/// one-line `purpose` of at most 200 characters.
public struct AccessRequest: Equatable, Sendable {
    /// The account that will see the data.
    public var actor: String
    /// The command that opens it, e.g. `show`, `history`, `export --reveal`.
    public var command: String
    /// Why (free text, not personal: a file number, "Widerspruch 12/2026").
    public var purpose: String?

    public init(actor: String, command: String, purpose: String? = nil) {
        self.actor = actor
        self.command = command
        self.purpose = purpose
    }

    static let maxPurposeLength = 200

    func validated() throws(LedgerError) -> AccessRequest {
        try TextField.checkName(actor, field: "actor")
        try TextField.check(command, field: "command", maxLength: 64)
        if let purpose { try TextField.check(purpose, field: "purpose", maxLength: AccessRequest.maxPurposeLength) }
        return self
    }
}

/// Which cases a reveal covered, or which search was made. Promises:
/// `wholeLog` covers exactly the cases with an event at or before its
/// position; a `nameSearch` covers no case (it opened nothing).
public enum AccessScope: Equatable, Sendable {
    /// These cases.
    case cases([CaseID])
    /// Every case of the log up to and including this position (`export --reveal`).
    case wholeLog(through: UInt64)
    /// A search by name (`find`), recorded without the name.
    case nameSearch(NameSearchRecord)
}

/// What the access log keeps of a name search. Promises: it holds no name
/// and no birth date, only the query's keyed hash (the blind index's tag,
/// which only the holder of the vault's index key can recompute for a
/// guessed name) and how many cases it answered.
public struct NameSearchRecord: Equatable, Sendable {
    /// HMAC-SHA-256 of the normalised name (with the birth date, when given) under the name index key.
    public var query: ChainHash
    /// Whether the query held a birth date.
    public var withBirthDate: Bool
    /// How many cases matched.
    public var matches: Int

    public init(query: ChainHash, withBirthDate: Bool, matches: Int) {
        self.query = query; self.withBirthDate = withBirthDate; self.matches = matches
    }
}

/// One entry of the access log: a record that personal data was opened.
/// Promises: entries are numbered 1, 2, 3 … without gaps; `hash` is the
/// SHA-256 of the entry's encoding (its sequence number and every field
/// below, `prev` included), and `prev` is the hash of the entry before (64
/// zeros for the first), so that changing or removing an entry breaks the
/// chain that `ledger verify` checks. Holds no personal value.
public struct AccessEntry: Equatable, Sendable {
    public var sequence: UInt64
    /// When the data was opened (the ledger's clock, UTC).
    public var at: Timestamp
    public var actor: String
    public var command: String
    public var scope: AccessScope
    /// The personal fields opened, by wire name (`person`, `note`, `place`).
    public var fields: [String]
    public var purpose: String?
    /// Flagged: the reveal opened a case whose processing is restricted (Art. 18 GDPR).
    public var restricted: Bool
    public var prev: ChainHash
    public var hash: ChainHash

    public init(sequence: UInt64, at: Timestamp, actor: String, command: String, scope: AccessScope, fields: [String],
                purpose: String?, restricted: Bool = false, prev: ChainHash, hash: ChainHash) {
        self.sequence = sequence; self.at = at; self.actor = actor; self.command = command; self.scope = scope
        self.fields = fields; self.purpose = purpose; self.restricted = restricted; self.prev = prev; self.hash = hash
    }

    /// Whether the entry covered the case, given the position of the case's first event (nil: not in the log).
    public func covers(_ id: CaseID, firstPosition: UInt64?) -> Bool {
        switch scope {
        case .cases(let ids): return ids.contains(id)
        case .wholeLog(let through):
            guard let firstPosition else { return false }
            return firstPosition <= through
        case .nameSearch: return false
        }
    }
}

/// Which access-log entries to list. Promises: every given criterion must
/// hold (nil matches everything); days are in the ledger's time zone, both ends included.
public struct AccessLogFilter: Sendable {
    public var caseID: CaseID?
    public var actor: String?
    /// First day (in the ledger's time zone), included.
    public var from: LocalDate?
    /// Last day (in the ledger's time zone), included.
    public var through: LocalDate?

    public init(caseID: CaseID? = nil, actor: String? = nil, from: LocalDate? = nil, through: LocalDate? = nil) {
        self.caseID = caseID; self.actor = actor; self.from = from; self.through = through
    }
}
