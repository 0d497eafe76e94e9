/// One entry of a case's history as the state remembers it: enough to check
/// a correction against its target without reading the log, and where the
/// log holds the event. Promises: the state's `entries[v - 1]` is version v.
public struct EntryInfo: Equatable, Sendable {
    public var type: EventType
    public var episode: Int
    public var voided: Bool
    /// The payload schema the event was written in (an amendment's replacement is read in it).
    public var schema: UInt8 = 1
    /// The event's position in the log: the case index (format 2 keeps it here, not in a database of its own).
    public var position: UInt64 = 0
}

/// The latest standing analysis of the current episode.
public struct AnalysisInfo: Equatable, Sendable {
    public var version: UInt32
    public var date: LocalDate
    public var causes: [Cause]
    public var risk: Risk
    public var evictionDate: LocalDate?
    public var arrearsCents: Int64?
    /// Schema 2 dates (nil in a schema 1 analysis).
    public var noticeDate: LocalDate?
    public var noticeKind: NoticeKind?
    public var suitDate: LocalDate?
}

/// A standing `housing.secured` of the current episode.
public struct SecuredInfo: Equatable, Sendable {
    public var version: UInt32
    public var kind: HousingKind
    public var effective: LocalDate
}

/// A standing referral of the case (any episode).
public struct ReferralInfo: Equatable, Sendable {
    public var number: Int
    public var version: UInt32
    public var agency: Agency
    public var episode: Int
    public var made: LocalDate
    public var concluded: LocalDate?
    public var result: ReferralResult?
    public var concludedVersion: UInt32?
}

/// A follow-up scheduled in the current episode.
public struct FollowUpInfo: Equatable, Sendable {
    public var version: UInt32
    public var due: LocalDate
    public var purpose: String
}

/// The phase of a case (DOMAIN.md "Episodes and phases"). Promises: stored
/// in the `open_cases` projection as its permanent `code` (`StableCode`).
public enum Phase: String, Sendable, StableCode {
    case intake, active, secured, closed, erased

    /// The stored code: permanent, never reused (`StableCode`).
    public var code: UInt8 {
        switch self {
        case .intake: 0
        case .active: 1
        case .secured: 2
        case .closed: 3
        case .erased: 4
        }
    }
}

/// The current state of one case: every event folded in version order with
/// corrections applied (a voided event is ignored, an amended one counts with
/// its replacement). It is both the state `decide` checks rules against and
/// the stored `case_state` projection. Promises: equal to a fold of the
/// case's events, however it was reached.
public struct CaseState: Equatable, Sendable {
    public var caseID: CaseID
    public var version: UInt32 = 0
    public var entries: [EntryInfo] = []
    public var district: String = ""
    public var source: Source = .walkIn
    public var household = Household(adults: 1, children: 0)
    public var caseworker: String = ""
    public var episode: Int = 0
    public var isOpen = false
    public var isErased = false
    /// Restricted (Art. 18 GDPR) from a standing `case.restricted` until the next `case.restriction_lifted`.
    public var isRestricted = false
    /// occurred_at (epoch seconds) of the event that started the current episode, and its date.
    public var episodeStartSeconds: Int64 = 0
    public var episodeStart = LocalDate(daysSinceEpoch: 0)
    public var lastClosedSeconds: Int64?
    public var lastClosed: LocalDate?
    public var closeReason: CloseReason?
    public var analysis: AnalysisInfo?
    public var secured: [SecuredInfo] = []
    public var referrals: [ReferralInfo] = []
    public var followUps: [FollowUpInfo] = []
    /// The version of the episode's last standing contact and the latest contact date.
    public var lastContactVersion: UInt32 = 0
    public var lastContact: LocalDate?

    public init(caseID: CaseID) { self.caseID = caseID }

    public var phase: Phase {
        if isErased { return .erased }
        if !isOpen { return .closed }
        if !secured.isEmpty { return .secured }
        return analysis == nil ? .intake : .active
    }

    /// Referral numbers already given (voided ones included), so the next is this + 1.
    public var referralsMade: Int { entries.reduce(0) { $0 + ($1.type == .referralMade ? 1 : 0) } }

    /// The positions of the case's events in version order (the case index).
    public var positions: [UInt64] { entries.map(\.position) }

    /// Follow-ups not yet followed (by version) by a contact in the open episode (none once closed).
    public var openFollowUps: [FollowUpInfo] { isOpen ? followUps.filter { $0.version > lastContactVersion } : [] }

    public var openReferrals: [ReferralInfo] { referrals.filter { $0.concluded == nil } }
}
