/// Outcome metrics (DOMAIN.md "Outcome metrics" and "Machine-readable
/// outputs") computed from the episodes projection. Promises: pure and exact
/// (integers and ratios, no floating point); the same episodes give the same
/// report in any order. Every figure falls to the group of the episode it
/// belongs to (a referral's conclusion and its being open at the end: the
/// episode it was made in); under `month`, to the month of the date that put
/// it in the period, and `open_at_end` figures to the month of `to - 1`.
public enum Metrics {
    /// Days after a close from which its returns can be judged.
    public static let returnWindowDays = 365

    /// - Parameters:
    ///   - from: first day of the period.
    ///   - to: first day after the period (an empty period, `to <= from`, has no figures).
    ///   - asOf: date of the ledger's last `recorded_at`; only `housing_secured`
    ///     closes at least 365 days before it count for returns_12m.
    public static func compute(episodes: some Sequence<EpisodeFacts>, from: LocalDate, to: LocalDate,
                               by grouping: MetricsGrouping?, asOf: LocalDate) -> MetricsReport {
        var groups: [String: GroupMetrics] = grouping == nil ? [MetricsReport.ungrouped: GroupMetrics()] : [:]
        if from < to {
            let lastDay = to.adding(days: -1)
            for e in episodes {
                func key(_ date: LocalDate) -> String { groupKey(e, grouping, date) }
                add(e, from: from, to: to, lastDay: lastDay, asOf: asOf) { date, change in change(&groups[key(date), default: GroupMetrics()]) }
            }
        }
        for k in groups.keys {
            groups[k]?.daysToSecured.finish()
            groups[k]?.daysToAnalysis.finish()
        }
        return MetricsReport(from: from, to: to, grouping: grouping, asOf: asOf, groups: groups)
    }

    /// The group of a figure of episode `e` put in the period by `date`.
    static func groupKey(_ e: EpisodeFacts, _ grouping: MetricsGrouping?, _ date: LocalDate) -> String {
        switch grouping {
        case nil: return MetricsReport.ungrouped
        case .district: return e.district
        case .caseworker: return e.caseworker
        case .source: return e.source.rawValue
        case .month: return date.monthKey
        }
    }

    /// Adds every figure of one episode; `into(date, change)` applies a change to the group of `date`.
    static func add(_ e: EpisodeFacts, from: LocalDate, to: LocalDate, lastDay: LocalDate, asOf: LocalDate,
                    into: (LocalDate, (inout GroupMetrics) -> Void) -> Void) {
        func inPeriod(_ d: LocalDate) -> Bool { from <= d && d < to }
        if inPeriod(e.start) {
            into(e.start) { g in
                g.episodesStarted += 1
                if let first = e.firstAnalysis { g.daysToAnalysis.add(e.start.days(until: first)) }
            }
        }
        if let end = e.end, let reason = e.closeReason, inPeriod(end) {
            into(end) { g in
                g.episodesClosed[reason, default: 0] += 1
                for cause in Set(e.causes) { g.causes[cause, default: 0] += 1 }
                guard reason == .housingSecured else { return }
                if let effective = e.securedEffective { g.daysToSecured.add(e.start.days(until: effective)) }
                if end.days(until: asOf) >= returnWindowDays {
                    g.returnsJudged += 1
                    if e.reopenedWithinYear { g.returned += 1 }
                }
            }
        }
        for day in e.emergencies where inPeriod(day) {
            into(day) { $0.emergencyAccommodations += 1 }
        }
        for m in e.mediations where inPeriod(m.date) {
            into(m.date) { g in
                g.mediations[m.party, default: MediationFigures()].count += 1
                if m.successful { g.mediations[m.party, default: MediationFigures()].successful += 1 }
            }
        }
        let openAtEnd = e.isOpen(at: to)
        for r in e.referrals {
            if inPeriod(r.made) {
                into(r.made) { $0.referrals[r.agency, default: ReferralFigures()].made += 1 }
            }
            if let day = r.concluded, let result = r.result, inPeriod(day) {
                into(day) { $0.referrals[r.agency, default: ReferralFigures()].concluded[result, default: 0] += 1 }
            }
            if openAtEnd, r.made < to, r.concluded.map({ $0 >= to }) ?? true {
                into(lastDay) { $0.referrals[r.agency, default: ReferralFigures()].openAtEnd += 1 }
            }
        }
        if openAtEnd {
            into(lastDay) { $0.openAtEnd += 1 }
        }
    }
}
