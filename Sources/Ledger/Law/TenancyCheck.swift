/// A standing `tenancy.checked` of an episode: its date (of occurred_at in
/// the ledger's time zone) and what it found.
public struct TenancyCheck: Equatable, Sendable {
    public var date: LocalDate
    public var status: TenancyStatus

    public init(date: LocalDate, status: TenancyStatus) { self.date = date; self.status = status }
}

/// Whether a secured home held, and which checks are due (DOMAIN.md
/// "Sustainability" and "Checks due"). Pure functions of an episode's close,
/// its reopening and its checks, so that today's projection and a replay
/// for a past day answer alike.
public enum TenancyFollowUp {
    /// The status at `horizon` of an episode closed `housing_secured` on
    /// `closed`: lost if the case was reopened, or a check found the home
    /// lost, within (C, C + N months]; else held if a check on or after
    /// C + N months found the household housed; else unknown.
    public static func status(closed: LocalDate, horizon: Horizon, reopened: LocalDate?,
                              checks: [TenancyCheck]) -> Sustainability {
        let due = closed.adding(months: horizon.months)
        let within = { (day: LocalDate) in day > closed && day <= due }
        if let reopened, within(reopened) { return .lost }
        if checks.contains(where: { $0.status == .housingLost && within($0.date) }) { return .lost }
        if checks.contains(where: { $0.status.meansHeld && $0.date >= due }) { return .held }
        return .unknown
    }

    /// The checks due on `day` for an episode closed `housing_secured` on
    /// `closed` (of a case not reopened, erased or restricted: the caller
    /// judges that): each horizon whose date lies in [day − 90 days,
    /// day + 14 days] and has no check on or after it; none once a check found
    /// the home lost. In horizon order.
    public static func due(closed: LocalDate, checks: [TenancyCheck], on day: LocalDate) -> [(horizon: Horizon, due: LocalDate)] {
        if checks.contains(where: { $0.status == .housingLost }) { return [] }
        let window = day.adding(days: -90)...day.adding(days: 14)
        return Horizon.allCases.compactMap { horizon in
            let due = closed.adding(months: horizon.months)
            guard window.contains(due), !checks.contains(where: { $0.date >= due }) else { return nil }
            return (horizon, due)
        }
    }
}

/// The caseload's deadlines for an open episode on day D (DOMAIN.md
/// "Caseload views"): the eviction date and the Schonfrist end.
public enum Deadlines {
    /// The earliest of the eviction date and the Schonfrist end on or after `day`.
    public static func next(eviction: LocalDate?, schonfristEnd: LocalDate?, on day: LocalDate) -> LocalDate? {
        [eviction, schonfristEnd].compactMap { $0 }.filter { $0 >= day }.min()
    }

    /// Urgent: the eviction date or the Schonfrist end lies from `day` to `day` + 14 days, both included.
    public static func urgent(eviction: LocalDate?, schonfristEnd: LocalDate?, on day: LocalDate) -> Bool {
        let window = day...day.adding(days: 14)
        return [eviction, schonfristEnd].contains { $0.map(window.contains) ?? false }
    }
}
