import Ledger

/// Everything the council report prints, as published figures: the period
/// and the one before it of the same length, each ungrouped, and the period
/// by month and by district. Promises: each report is suppressed on its own
/// with the same K (or none), as `metrics --min-cell K` would print it;
/// nothing here holds a personal field (metrics hold none).
public struct CouncilFigures: Sendable {
    public let from: LocalDate
    public let to: LocalDate
    /// The start of the previous period, which ends at `from`.
    public let previousFrom: LocalDate
    public let minCell: MinCell?
    public let current: Published
    public let previous: Published
    public let byMonth: Published
    public let byDistrict: Published

    /// The date of the ledger's last `recorded_at`, as the metrics saw it.
    public var asOf: LocalDate { current.report.asOf }

    /// Gathers the four reports through `metrics` (`Ledger.metrics`, or a
    /// computation over episodes in tests).
    public static func gather(from: LocalDate, to: LocalDate, minCell: MinCell?,
                              metrics: (LocalDate, LocalDate, MetricsGrouping?) throws(LedgerError) -> MetricsReport)
        throws(LedgerError) -> CouncilFigures {
        guard from < to else { throw .usage("--from must lie before --to") }
        let previousFrom = previousStart(from: from, to: to)
        return CouncilFigures(from: from, to: to, previousFrom: previousFrom, minCell: minCell,
                              current: Published(try metrics(from, to, nil), minCell: minCell),
                              previous: Published(try metrics(previousFrom, from, nil), minCell: minCell),
                              byMonth: Published(try metrics(from, to, .month), minCell: minCell),
                              byDistrict: Published(try metrics(from, to, .district), minCell: minCell))
    }

    /// The start of the period of the same length before [from, to): as
    /// many whole months back when both are the first of a month (a quarter
    /// before a quarter), else as many days back.
    public static func previousStart(from: LocalDate, to: LocalDate) -> LocalDate {
        let (fy, fm, fd) = from.components, (ty, tm, td) = to.components
        guard fd == 1, td == 1 else { return from.adding(days: -from.days(until: to)) }
        return from.adding(months: -((ty * 12 + tm) - (fy * 12 + fm)))
    }

    /// The months of the period, as `YYYY-MM` keys of `byMonth`, with year and month.
    public var months: [(key: String, year: Int, month: Int)] {
        var out: [(String, Int, Int)] = []
        var day = from
        while day < to {
            let (y, m, _) = day.components
            out.append((day.monthKey, y, m))
            day = LocalDate(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1) ?? to
        }
        return out
    }
}
