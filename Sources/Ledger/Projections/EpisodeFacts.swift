/// A mediation as metrics need it.
public struct MediationFact: Equatable, Sendable {
    public var date: LocalDate
    public var party: Party
    public var successful: Bool
}

/// A referral made in the episode, with its conclusion if any.
public struct ReferralFact: Equatable, Sendable {
    public var number: Int
    public var agency: Agency
    public var made: LocalDate
    public var concluded: LocalDate?
    public var result: ReferralResult?
}

/// The compact per-episode facts that every outcome metric and the analysts'
/// episodes table are computed from (the `episodes` projection). Promises: no
/// personal data; equal to what a fold of the case's events gives.
public struct EpisodeFacts: Equatable, Sendable {
    public var caseID: CaseID
    public var number: Int
    public var district: String
    public var source: Source
    public var caseworker: String
    public var start: LocalDate
    public var end: LocalDate?
    public var closeReason: CloseReason?
    public var firstAnalysis: LocalDate?
    public var causes: [Cause] = []
    public var securedEffective: LocalDate?
    public var securedKind: HousingKind?
    public var contacts: Int = 0
    public var mediations: [MediationFact] = []
    public var referrals: [ReferralFact] = []
    public var emergencies: [LocalDate] = []
    /// Start date of the next episode, if the case was reopened.
    public var reopened: LocalDate?
    /// The stage when the office came in, from the first standing analysis (`unknown` without one).
    public var stage: Stage = .unknown
    /// From the latest standing analysis: its notice (for a later episode's two-year block) and the Schonfrist.
    public var noticeDate: LocalDate?
    public var noticeKind: NoticeKind?
    public var schonfrist: Schonfrist = .none
    /// Date of the latest (by version) standing `arrears_assumed` mediation.
    public var lastArrearsAssumed: LocalDate?
    /// Standing `tenancy.checked` events after the episode's close, in version order.
    public var checks: [TenancyCheck] = []

    public init(caseID: CaseID, number: Int, district: String, source: Source, caseworker: String, start: LocalDate) {
        self.caseID = caseID; self.number = number; self.district = district; self.source = source
        self.caseworker = caseworker; self.start = start
    }

    /// What the two-year block of a later episode's Schonfrist sees of this one.
    public var cure: EarlierCure {
        EarlierCure(latestAnalysis: firstAnalysis == nil ? nil : AnalysisDates(causes: causes, noticeDate: noticeDate,
                                                                                noticeKind: noticeKind),
                    lastArrearsAssumed: lastArrearsAssumed)
    }

    /// Whether the home secured at this episode's close held over `horizon` (nil unless closed `housing_secured`).
    public func sustainability(_ horizon: Horizon) -> Sustainability? {
        guard closeReason == .housingSecured, let end else { return nil }
        return TenancyFollowUp.status(closed: end, horizon: horizon, reopened: reopened, checks: checks)
    }

    /// Reopened within 365 days of the close.
    public var reopenedWithinYear: Bool {
        guard let end, let reopened else { return false }
        return end.days(until: reopened) <= 365
    }

    /// Open at the start of the given day: started before it and not closed before it.
    public func isOpen(at day: LocalDate) -> Bool {
        start < day && (end.map { $0 >= day } ?? true)
    }
}
