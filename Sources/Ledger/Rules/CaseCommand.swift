/// A person's details as typed at `open` (personal: sealed before storage).
public struct PersonInput: Sendable {
    public var name: String
    public var birthDate: LocalDate
    public var address: String
    public var phone: String
    public init(name: String, birthDate: LocalDate, address: String, phone: String) {
        self.name = name; self.birthDate = birthDate; self.address = address; self.phone = phone
    }
}

/// The tenancy-law dates of an analysis as typed (`--notice-date`,
/// `--notice-kind`, `--suit-date`); all optional.
public struct TenancyDatesInput: Sendable {
    public var noticeDate: LocalDate?
    public var noticeKind: NoticeKind?
    public var suitDate: LocalDate?
    public init(noticeDate: LocalDate? = nil, noticeKind: NoticeKind? = nil, suitDate: LocalDate? = nil) {
        self.noticeDate = noticeDate; self.noticeKind = noticeKind; self.suitDate = suitDate
    }
}

/// What a correction does to its target.
public enum CorrectionChange: Sendable {
    case void
    /// FIELD=VALUE edits by wire name (`risk=acute`, `household.adults=2`, `note=...`).
    case amend([(field: String, value: String)])
}

/// Every action of the office on a case, as a caseworker gives it. The
/// `decide` step turns a command and the case's state into the event to
/// append (or a rule error).
public enum CaseCommand: Sendable {
    case open(district: String, source: Source, household: Household, caseworker: String, person: PersonInput)
    case contact(CaseID, channel: Channel, note: String?)
    case analyse(CaseID, causes: [Cause], risk: Risk, evictionDate: LocalDate?, arrearsCents: Int64?, note: String?,
                 tenancy: TenancyDatesInput = TenancyDatesInput())
    case mediate(CaseID, party: Party, outcome: MediationOutcome, amountCents: Int64?, note: String?)
    case refer(CaseID, agency: Agency, note: String?)
    case concludeReferral(CaseID, referral: Int, result: ReferralResult)
    case followUp(CaseID, due: LocalDate, purpose: String)
    case secure(CaseID, kind: HousingKind, effective: LocalDate)
    case accommodate(CaseID, effective: LocalDate, place: String)
    case reassign(CaseID, caseworker: String)
    case close(CaseID, reason: CloseReason)
    case reopen(CaseID, reason: String)
    case correct(CaseID, target: Int, change: CorrectionChange, reason: String)
    case erase(CaseID, reason: ErasureReason)
    case check(CaseID, status: TenancyStatus)
    case restrict(CaseID, reason: RestrictionReason)
    case lift(CaseID, reason: String)

    /// The case the command acts on (nil for `open`).
    public var caseID: CaseID? {
        switch self {
        case .open: return nil
        case .contact(let id, _, _), .analyse(let id, _, _, _, _, _, _), .mediate(let id, _, _, _, _), .refer(let id, _, _),
             .concludeReferral(let id, _, _), .followUp(let id, _, _), .secure(let id, _, _), .accommodate(let id, _, _),
             .reassign(let id, _), .close(let id, _), .reopen(let id, _), .correct(let id, _, _, _), .erase(let id, _),
             .check(let id, _), .restrict(let id, _), .lift(let id, _):
            return id
        }
    }
}

/// Who records a command, when it happened, and the version it was decided on.
public struct CommandContext: Sendable {
    public var actor: String
    /// When the action happened; nil means now.
    public var occurredAt: Timestamp?
    /// The case version the caller saw; a different current version is a conflict.
    public var expectVersion: UInt32?
    public init(actor: String, occurredAt: Timestamp? = nil, expectVersion: UInt32? = nil) {
        self.actor = actor; self.occurredAt = occurredAt; self.expectVersion = expectVersion
    }
}
