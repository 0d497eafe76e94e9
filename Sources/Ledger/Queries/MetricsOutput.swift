/// The machine-readable forms of a `MetricsReport`. Promises: the JSON has
/// exactly DOMAIN.md's keys, metrics in the order of its table, groups and
/// vocabulary keys sorted (horizons in their order, 3m, 6m, 12m), counts of
/// zero left out of inner objects except where the shared examples show them
/// (a stage's `secured`, every horizon of `tenancy_held` and its counts,
/// `schonfrist`'s three), rates and `returns_12m` rounded to 4 decimals and
/// the mean to 2 (null where there is nothing to divide by); the CSV rows
/// carry the same figures and digits.
extension Metrics {
    /// Decimals of rates and shares.
    public static let ratePlaces = 4
    /// Decimals of means.
    public static let meanPlaces = 2

    /// The `metrics --format json` object, keyed by group.
    public static func json(_ report: MetricsReport) -> ReportJSON { json(report, nil) }

    /// The same object with the small cells withheld: each as `null`.
    public static func json(_ suppressed: SuppressedMetrics) -> ReportJSON { json(suppressed.report, suppressed) }

    static func json(_ report: MetricsReport, _ suppressed: SuppressedMetrics?) -> ReportJSON {
        .object(report.groupKeys.compactMap { key in
            report.groups[key].map { ReportJSON.Member(key, json($0, Shown(suppressed, key))) }
        })
    }

    static func json(_ g: GroupMetrics, _ s: Shown) -> ReportJSON {
        .object([
            .init("episodes_started", s.count(.episodesStarted, g.episodesStarted)),
            .init("episodes_closed", counts(g.episodesClosed, s, MetricFigure.episodesClosed)),
            .init("success_rate", s.number(.successRate, g.successRate)),
            .init("known_outcome_success_rate", s.number(.knownOutcomeSuccessRate, g.knownOutcomeSuccessRate)),
            .init("days_to_secured", .object([
                .init("median", s.days(.daysToSecured, g.daysToSecured.median)),
                .init("p90", s.days(.daysToSecured, g.daysToSecured.p90)),
                .init("mean", s.number(.daysToSecured, g.daysToSecured.mean, places: meanPlaces)),
            ])),
            .init("days_to_analysis", .object([.init("median", s.days(.daysToAnalysis, g.daysToAnalysis.median))])),
            .init("emergency_accommodations", s.count(.emergencyAccommodations, g.emergencyAccommodations)),
            .init("returns_12m", s.number(.returns12m, g.returns12m)),
            .init("causes", counts(g.causes, s, MetricFigure.cause)),
            .init("mediations", .object(sorted(g.mediations).map { party, m in
                .init(party.rawValue, .object([
                    .init("count", s.count(.mediationCount(party), m.count)),
                    .init("successful_share", s.number(.mediationShare(party), m.successfulShare)),
                ]))
            })),
            .init("referrals", .object(sorted(g.referrals).map { agency, r in
                .init(agency.rawValue, .object([
                    .init("made", s.count(.referralsMade(agency), r.made)),
                    .init("concluded", counts(r.concluded, s) { .referralsConcluded(agency, $0) }),
                    .init("open_at_end", s.count(.referralsOpenAtEnd(agency), r.openAtEnd)),
                ]))
            })),
            .init("open_at_end", s.count(.openAtEnd, g.openAtEnd)),
            .init("stage_at_intake", counts(g.stageAtIntake, s, MetricFigure.stageAtIntake)),
            .init("success_by_stage", .object(sorted(g.successByStage).map { stage, f in
                .init(stage.rawValue, .object([
                    .init("closed", s.count(.stageClosed(stage), f.closed)),
                    .init("secured", s.count(.stageSecured(stage), f.secured)),
                    .init("success_rate", s.number(.stageSuccessRate(stage), f.successRate)),
                ]))
            })),
            .init("tenancy_held", .object(Horizon.allCases.map { horizon in
                let f = g.tenancyHeld[horizon] ?? HeldFigures()
                return .init(horizon.rawValue, .object([
                    .init("held", s.count(.held(horizon, .held), f.held)),
                    .init("lost", s.count(.held(horizon, .lost), f.lost)),
                    .init("unknown", s.count(.held(horizon, .unknown), f.unknown)),
                    .init("rate", s.number(.heldRate(horizon), f.rate)),
                ]))
            })),
            .init("schonfrist", .object([
                .init("episodes", s.count(.schonfristEpisodes, g.schonfrist.episodes)),
                .init("secured", s.count(.schonfristSecured, g.schonfrist.secured)),
                .init("blocked", s.count(.schonfristBlocked, g.schonfrist.blocked)),
            ])),
        ])
    }

    /// Columns of `csvRows` for a report with one grouping or none.
    public static let csvColumns = ["group", "metric", "key", "value"]

    /// Columns of `csvRows(report)`: `group`, or under two groupings one
    /// column named after each, then `metric`, `key` and `value`.
    public static func csvColumns(_ report: MetricsReport) -> [String] {
        report.secondGrouping == nil ? csvColumns : report.groupings.map(\.rawValue) + csvColumns.dropFirst()
    }

    /// The report in long form: one row per group and figure, cells as in
    /// `csvColumns(report)` (`key` is the vocabulary value, `agency.result`
    /// for concluded referrals, empty for plain figures; a missing figure is
    /// an empty value). Quoting is the writer's job.
    public static func csvRows(_ report: MetricsReport) -> [[String]] { csvRows(report, nil) }

    /// The same rows with the small cells withheld: each as `<K`.
    public static func csvRows(_ suppressed: SuppressedMetrics) -> [[String]] { csvRows(suppressed.report, suppressed) }

    static func csvRows(_ report: MetricsReport, _ suppressed: SuppressedMetrics?) -> [[String]] {
        var rows: [[String]] = []
        for group in report.groupKeys {
            guard let g = report.groups[group] else { continue }
            let s = Shown(suppressed, group), lead = report.secondGrouping == nil ? [group] : report.values(of: group)
            func row(_ metric: String, _ figure: MetricFigure, _ value: String, key: String = "") {
                rows.append(lead + [metric, key, s.text(figure, value)])
            }
            func rate(_ r: Ratio?, _ places: Int = ratePlaces) -> String { r?.decimal(places: places) ?? "" }
            func day(_ d: Int?) -> String { d.map(String.init) ?? "" }
            row("episodes_started", .episodesStarted, String(g.episodesStarted))
            for (reason, n) in sorted(g.episodesClosed) { row("episodes_closed", .episodesClosed(reason), String(n), key: reason.rawValue) }
            row("success_rate", .successRate, rate(g.successRate))
            row("known_outcome_success_rate", .knownOutcomeSuccessRate, rate(g.knownOutcomeSuccessRate))
            row("days_to_secured.median", .daysToSecured, day(g.daysToSecured.median))
            row("days_to_secured.p90", .daysToSecured, day(g.daysToSecured.p90))
            row("days_to_secured.mean", .daysToSecured, rate(g.daysToSecured.mean, meanPlaces))
            row("days_to_analysis.median", .daysToAnalysis, day(g.daysToAnalysis.median))
            row("emergency_accommodations", .emergencyAccommodations, String(g.emergencyAccommodations))
            row("returns_12m", .returns12m, rate(g.returns12m))
            for (cause, n) in sorted(g.causes) { row("causes", .cause(cause), String(n), key: cause.rawValue) }
            for (party, m) in sorted(g.mediations) {
                row("mediations.count", .mediationCount(party), String(m.count), key: party.rawValue)
                row("mediations.successful_share", .mediationShare(party), rate(m.successfulShare), key: party.rawValue)
            }
            for (agency, r) in sorted(g.referrals) {
                row("referrals.made", .referralsMade(agency), String(r.made), key: agency.rawValue)
                for (result, n) in sorted(r.concluded) {
                    row("referrals.concluded", .referralsConcluded(agency, result), String(n), key: agency.rawValue + "." + result.rawValue)
                }
                row("referrals.open_at_end", .referralsOpenAtEnd(agency), String(r.openAtEnd), key: agency.rawValue)
            }
            row("open_at_end", .openAtEnd, String(g.openAtEnd))
            for (stage, n) in sorted(g.stageAtIntake) { row("stage_at_intake", .stageAtIntake(stage), String(n), key: stage.rawValue) }
            for (stage, f) in sorted(g.successByStage) {
                row("success_by_stage.closed", .stageClosed(stage), String(f.closed), key: stage.rawValue)
                row("success_by_stage.secured", .stageSecured(stage), String(f.secured), key: stage.rawValue)
                row("success_by_stage.success_rate", .stageSuccessRate(stage), rate(f.successRate), key: stage.rawValue)
            }
            for horizon in Horizon.allCases {
                let f = g.tenancyHeld[horizon] ?? HeldFigures(), h = horizon.rawValue
                row("tenancy_held.held", .held(horizon, .held), String(f.held), key: h)
                row("tenancy_held.lost", .held(horizon, .lost), String(f.lost), key: h)
                row("tenancy_held.unknown", .held(horizon, .unknown), String(f.unknown), key: h)
                row("tenancy_held.rate", .heldRate(horizon), rate(f.rate), key: h)
            }
            row("schonfrist.episodes", .schonfristEpisodes, String(g.schonfrist.episodes))
            row("schonfrist.secured", .schonfristSecured, String(g.schonfrist.secured))
            row("schonfrist.blocked", .schonfristBlocked, String(g.schonfrist.blocked))
        }
        return rows
    }

    /// Counts as an object with sorted keys (the maps only hold counts that were added to, so no zeros).
    static func counts<K: Vocabulary>(_ map: [K: Int], _ s: Shown, _ figure: (K) -> MetricFigure) -> ReportJSON {
        .object(sorted(map).map { .init($0.0.rawValue, s.count(figure($0.0), $0.1)) })
    }

    /// Entries with a count or figure, by the key's wire value.
    static func sorted<K: Vocabulary, V>(_ map: [K: V]) -> [(K, V)] {
        map.map { ($0.key, $0.value) }.sorted { $0.0.rawValue < $1.0.rawValue }
    }
}

/// How one group's figures are written: as the report has them, or, for a
/// figure small-cell suppression withheld, as `null` (JSON) or `<K` (text).
struct Shown {
    let withheld: Set<MetricFigure>?
    let mark: String

    init(_ suppressed: SuppressedMetrics?, _ group: String) {
        withheld = suppressed.map { $0.withheld[group] ?? [] }
        mark = suppressed?.minCell.mark ?? ""
    }

    func hides(_ f: MetricFigure) -> Bool { withheld?.contains(f) ?? false }
    func count(_ f: MetricFigure, _ n: Int) -> ReportJSON { hides(f) ? .null : .count(n) }
    func days(_ f: MetricFigure, _ d: Int?) -> ReportJSON { hides(f) ? .null : d.map { .count($0) } ?? .null }
    func number(_ f: MetricFigure, _ r: Ratio?, places: Int = Metrics.ratePlaces) -> ReportJSON {
        hides(f) ? .null : .number(r, places: places)
    }
    func text(_ f: MetricFigure, _ value: String) -> String { hides(f) ? mark : value }
}
