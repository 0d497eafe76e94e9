/// Outcome metrics (DOMAIN.md "Outcome metrics" and "Machine-readable
/// outputs") computed from the episodes projection. Promises: pure and exact
/// (integers and ratios, no floating point); the same episodes give the same
/// report in any order. Every figure falls to the group of the episode it
/// belongs to (a referral's conclusion and its being open at the end: the
/// episode it was made in); under `month`, to the month of the date that put
/// it in the period (start for `stage_at_intake`, close for the stage,
/// Schonfrist and sustainability figures). `open_at_end` of episodes and of
/// referrals is a stock: the whole period's is taken at `to`; under `month`
/// each month holds its own, taken at the earlier of the next month's first
/// day and `to` (see `StockDays`).
public enum Metrics {
    /// Days after a close from which its returns can be judged.
    public static let returnWindowDays = 365

    /// - Parameters:
    ///   - from: first day of the period.
    ///   - to: first day after the period (an empty period, `to <= from`, has no figures).
    ///   - asOf: date of the ledger's last `recorded_at`; only `housing_secured`
    ///     closes at least 365 days before it count for returns_12m, and for
    ///     `tenancy_held` only those whose close + N months is on or before it.
    ///   - second: a second grouping (`--by district,month`): every figure
    ///     falls to the pair of its groups under each grouping alone.
    public static func compute(episodes: some Sequence<EpisodeFacts>, from: LocalDate, to: LocalDate,
                               by grouping: MetricsGrouping?, then second: MetricsGrouping? = nil,
                               asOf: LocalDate) -> MetricsReport {
        var tally = MetricsTally(from: from, to: to, by: grouping, then: second, asOf: asOf)
        for e in episodes { tally.add(e) }
        return tally.report()
    }
}
