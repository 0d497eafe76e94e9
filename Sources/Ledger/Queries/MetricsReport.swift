/// How outcome metrics may be grouped (DOMAIN.md "Outcome metrics").
public enum MetricsGrouping: String, CaseIterable, Sendable {
    case district, caseworker, source, month

    /// The groupings of a `--by` value: one (`district`) or two different
    /// ones separated by a comma (`district,month`), in the order given.
    public static func list(_ text: String) throws(LedgerError) -> (MetricsGrouping, MetricsGrouping?) {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var out: [MetricsGrouping] = []
        for name in names {
            guard let g = MetricsGrouping(rawValue: name) else {
                throw .usage("--by takes district, caseworker, source or month, or two of them as district,month (got '\(text.prefix(40))')")
            }
            out.append(g)
        }
        guard out.count <= 2, let first = out.first else {
            throw .usage("--by takes one grouping or two (district,month), not \(out.count)")
        }
        guard out.count == 1 || out[1] != first else { throw .usage("--by names \(first.rawValue) twice") }
        return (first, out.count == 2 ? out[1] : nil)
    }

    /// The episode's value of this grouping (empty for `month`, which is a date's).
    func value(of e: EpisodeFacts) -> String {
        switch self {
        case .district: return e.district
        case .caseworker: return e.caseworker
        case .source: return e.source.rawValue
        case .month: return ""
        }
    }
}

/// Day counts over a set of episodes (days to secured, days to analysis) and
/// their summaries. Promises: `values` ascend once the report is complete;
/// `median` is the lower median, `p90` the nearest rank (the ⌈0.9·n⌉-th
/// smallest), `mean` the exact sum over the count; all nil when empty.
public struct DaySample: Equatable, Sendable {
    public private(set) var values: [Int] = []

    public init() {}

    init(unsorted values: [Int]) { self.values = values.sorted() }

    public var median: Int? { values.isEmpty ? nil : values[(values.count - 1) / 2] }
    public var p90: Int? { values.isEmpty ? nil : values[(9 * values.count + 9) / 10 - 1] }
    public var mean: Ratio? { Ratio(values.reduce(0, +), values.count) }
}

/// Mediations with one party.
public struct MediationFigures: Equatable, Sendable {
    public var count = 0
    public var successful = 0
    public var successfulShare: Ratio? { Ratio(successful, count) }
}

/// Referrals to one agency.
public struct ReferralFigures: Equatable, Sendable {
    public var made = 0
    public var concluded: [ReferralResult: Int] = [:]
    public var openAtEnd = 0
}

/// Every metric of DOMAIN.md's table for one group. Rates are derived from
/// the counts, as exact ratios (nil where the denominator is zero).
public struct GroupMetrics: Equatable, Sendable {
    public var episodesStarted = 0
    public var episodesClosed: [CloseReason: Int] = [:]
    public var daysToSecured = DaySample()
    public var daysToAnalysis = DaySample()
    public var emergencyAccommodations = 0
    /// `housing_secured` closes old enough to judge for returns_12m, and those reopened within 365 days.
    public var returnsJudged = 0
    public var returned = 0
    public var causes: [Cause: Int] = [:]
    public var mediations: [Party: MediationFigures] = [:]
    public var referrals: [Agency: ReferralFigures] = [:]
    public var openAtEnd = 0
    /// Episodes started in the period, by the stage the office came in at.
    public var stageAtIntake: [Stage: Int] = [:]
    /// Closes in the period by stage (only stages with a close).
    public var successByStage: [Stage: StageFigures] = [:]
    /// Judged `housing_secured` closes by horizon (only horizons with one;
    /// the outputs show all three, zeros included).
    public var tenancyHeld: [Horizon: HeldFigures] = [:]
    public var schonfrist = SchonfristFigures()

    public init() {}

    public var closed: Int { episodesClosed.values.reduce(0, +) }
    public var successRate: Ratio? { Ratio(episodesClosed[.housingSecured] ?? 0, closed) }
    public var knownOutcomeSuccessRate: Ratio? {
        let secured = episodesClosed[.housingSecured] ?? 0
        return Ratio(secured, secured + (episodesClosed[.housingLost] ?? 0))
    }
    public var returns12m: Ratio? { Ratio(returned, returnsJudged) }
}

/// Outcome metrics for a period [from, to), per group. Promises: keyed by
/// group value (`MetricsReport.ungrouped` when not grouped, months as
/// `YYYY-MM`; under two groupings both values joined by `|`, as
/// `kaltenmoor|2025-07`); a group appears only if some figure in it is not
/// zero, except the ungrouped one, which is always there.
public struct MetricsReport: Equatable, Sendable {
    public static let ungrouped = "all"
    /// Between the two values of a two-way group's key.
    public static let pairSeparator = "|"

    public var from: LocalDate
    public var to: LocalDate
    public var grouping: MetricsGrouping?
    public var asOf: LocalDate
    public var groups: [String: GroupMetrics]
    /// The second grouping of a two-way report (`--by district,month`).
    public var secondGrouping: MetricsGrouping? = nil
    /// Under two groupings, each group's two values (a caseworker's name may
    /// hold the separator, so the key alone cannot be split).
    public var pairs: [String: [String]] = [:]

    /// The key of a two-way group: its values joined by `|`, each `\` and
    /// `|` inside a value (a caseworker's name may hold them) escaped by a
    /// `\`, so that two different pairs never share a key.
    public static func pairKey(_ values: [String]) -> String {
        values.map { v in
            guard v.contains(where: { $0 == "|" || $0 == "\\" }) else { return v }
            var out = ""
            for c in v {
                if c == "|" || c == "\\" { out.append("\\") }
                out.append(c)
            }
            return out
        }.joined(separator: pairSeparator)
    }

    /// The groupings, first one first (none when ungrouped).
    public var groupings: [MetricsGrouping] { [grouping, secondGrouping].compactMap { $0 } }

    /// The values a group's key stands for: one, or two under two groupings.
    public func values(of key: String) -> [String] { pairs[key] ?? [key] }

    /// Group keys in order (months chronologically); under two groupings by
    /// the first value, then the second.
    public var groupKeys: [String] {
        guard secondGrouping != nil else { return groups.keys.sorted() }
        return groups.keys.sorted { a, b in values(of: a).lexicographicallyPrecedes(values(of: b)) }
    }
}
