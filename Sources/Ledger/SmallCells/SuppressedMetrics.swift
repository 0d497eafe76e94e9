/// A metrics report with its small cells withheld (`SmallCells.suppress`):
/// the report itself, unchanged, and per group the figures that must not be
/// published. Promises: outputs made from it (`Metrics.json`, `csvRows`)
/// print a withheld figure as `null` in JSON and `<K` in tables and CSV,
/// never its value; a figure not listed is printed as the report has it.
public struct SuppressedMetrics: Equatable, Sendable {
    public let report: MetricsReport
    public let minCell: MinCell
    /// Withheld figures by group key (groups with none may be missing).
    public let withheld: [String: Set<MetricFigure>]

    public init(report: MetricsReport, minCell: MinCell, withheld: [String: Set<MetricFigure>]) {
        self.report = report
        self.minCell = minCell
        self.withheld = withheld
    }

    public func isWithheld(_ figure: MetricFigure, in group: String) -> Bool {
        withheld[group]?.contains(figure) ?? false
    }
}
