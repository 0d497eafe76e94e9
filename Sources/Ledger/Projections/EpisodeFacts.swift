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

    public init(caseID: CaseID, number: Int, district: String, source: Source, caseworker: String, start: LocalDate) {
        self.caseID = caseID; self.number = number; self.district = district; self.source = source
        self.caseworker = caseworker; self.start = start
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
