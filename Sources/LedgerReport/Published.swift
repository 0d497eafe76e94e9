import Ledger

/// A figure as the page shows it: a number, withheld (`<K`) or none
/// (nothing to compute: a rate without a denominator, a median of nothing).
public enum PageValue: Equatable, Sendable {
    case count(Int)
    case percent(Ratio)
    case days(Int)
    case withheld
    case none

    /// The count, for a bar (0 unless a published count).
    var barValue: Int { if case .count(let n) = self { return n } else { return 0 } }
}

/// One metrics report as the page may print it: its figures with the small
/// cells withheld, or all of them when suppression is off. Promises: a
/// figure that `SmallCells` withheld only ever comes out as `.withheld`; a
/// group the report leaves out (every figure zero) reads as zeros.
public struct Published: Sendable {
    public let report: MetricsReport
    public let suppressed: SuppressedMetrics?

    public init(_ report: MetricsReport, minCell: MinCell?) {
        self.report = report
        suppressed = minCell.map { SmallCells.suppress(report, minCell: $0) }
    }

    /// The group's figures, zeros when the report has none.
    public func group(_ key: String) -> GroupMetrics { report.groups[key] ?? GroupMetrics() }

    func hides(_ f: MetricFigure, _ key: String) -> Bool { suppressed?.isWithheld(f, in: key) ?? false }

    public func count(_ f: MetricFigure, _ key: String, _ n: Int) -> PageValue { hides(f, key) ? .withheld : .count(n) }

    public func percent(_ f: MetricFigure, _ key: String, _ r: Ratio?) -> PageValue {
        hides(f, key) ? .withheld : r.map { .percent($0) } ?? .none
    }

    public func days(_ f: MetricFigure, _ key: String, _ d: Int?) -> PageValue {
        hides(f, key) ? .withheld : d.map { .days($0) } ?? .none
    }
}
