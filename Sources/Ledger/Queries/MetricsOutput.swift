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
    public static func json(_ report: MetricsReport) -> ReportJSON {
        .object(report.groupKeys.compactMap { key in
            report.groups[key].map { ReportJSON.Member(key, json($0)) }
        })
    }

    static func json(_ g: GroupMetrics) -> ReportJSON {
        .object([
            .init("episodes_started", .count(g.episodesStarted)),
            .init("episodes_closed", counts(g.episodesClosed)),
            .init("success_rate", .number(g.successRate, places: ratePlaces)),
            .init("known_outcome_success_rate", .number(g.knownOutcomeSuccessRate, places: ratePlaces)),
            .init("days_to_secured", .object([
                .init("median", days(g.daysToSecured.median)),
                .init("p90", days(g.daysToSecured.p90)),
                .init("mean", .number(g.daysToSecured.mean, places: meanPlaces)),
            ])),
            .init("days_to_analysis", .object([.init("median", days(g.daysToAnalysis.median))])),
            .init("emergency_accommodations", .count(g.emergencyAccommodations)),
            .init("returns_12m", .number(g.returns12m, places: ratePlaces)),
            .init("causes", counts(g.causes)),
            .init("mediations", .object(sorted(g.mediations).map { party, m in
                .init(party, .object([
                    .init("count", .count(m.count)),
                    .init("successful_share", .number(m.successfulShare, places: ratePlaces)),
                ]))
            })),
            .init("referrals", .object(sorted(g.referrals).map { agency, r in
                .init(agency, .object([
                    .init("made", .count(r.made)),
                    .init("concluded", counts(r.concluded)),
                    .init("open_at_end", .count(r.openAtEnd)),
                ]))
            })),
            .init("open_at_end", .count(g.openAtEnd)),
            .init("stage_at_intake", counts(g.stageAtIntake)),
            .init("success_by_stage", .object(sorted(g.successByStage).map { stage, f in
                .init(stage, .object([
                    .init("closed", .count(f.closed)),
                    .init("secured", .count(f.secured)),
                    .init("success_rate", .number(f.successRate, places: ratePlaces)),
                ]))
            })),
            .init("tenancy_held", .object(Horizon.allCases.map { horizon in
                let f = g.tenancyHeld[horizon] ?? HeldFigures()
                return .init(horizon.rawValue, .object([
                    .init("held", .count(f.held)),
                    .init("lost", .count(f.lost)),
                    .init("unknown", .count(f.unknown)),
                    .init("rate", .number(f.rate, places: ratePlaces)),
                ]))
            })),
            .init("schonfrist", .object([
                .init("episodes", .count(g.schonfrist.episodes)),
                .init("secured", .count(g.schonfrist.secured)),
                .init("blocked", .count(g.schonfrist.blocked)),
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
    public static func csvRows(_ report: MetricsReport) -> [[String]] {
        var rows: [[String]] = []
        for group in report.groupKeys {
            guard let g = report.groups[group] else { continue }
            let lead = report.secondGrouping == nil ? [group] : report.values(of: group)
            func row(_ metric: String, _ value: String, key: String = "") { rows.append(lead + [metric, key, value]) }
            func rate(_ r: Ratio?, _ places: Int = ratePlaces) -> String { r?.decimal(places: places) ?? "" }
            row("episodes_started", String(g.episodesStarted))
            for (reason, n) in sorted(g.episodesClosed) { row("episodes_closed", String(n), key: reason) }
            row("success_rate", rate(g.successRate))
            row("known_outcome_success_rate", rate(g.knownOutcomeSuccessRate))
            row("days_to_secured.median", g.daysToSecured.median.map(String.init) ?? "")
            row("days_to_secured.p90", g.daysToSecured.p90.map(String.init) ?? "")
            row("days_to_secured.mean", rate(g.daysToSecured.mean, meanPlaces))
            row("days_to_analysis.median", g.daysToAnalysis.median.map(String.init) ?? "")
            row("emergency_accommodations", String(g.emergencyAccommodations))
            row("returns_12m", rate(g.returns12m))
            for (cause, n) in sorted(g.causes) { row("causes", String(n), key: cause) }
            for (party, m) in sorted(g.mediations) {
                row("mediations.count", String(m.count), key: party)
                row("mediations.successful_share", rate(m.successfulShare), key: party)
            }
            for (agency, r) in sorted(g.referrals) {
                row("referrals.made", String(r.made), key: agency)
                for (result, n) in sorted(r.concluded) { row("referrals.concluded", String(n), key: agency + "." + result) }
                row("referrals.open_at_end", String(r.openAtEnd), key: agency)
            }
            row("open_at_end", String(g.openAtEnd))
            for (stage, n) in sorted(g.stageAtIntake) { row("stage_at_intake", String(n), key: stage) }
            for (stage, f) in sorted(g.successByStage) {
                row("success_by_stage.closed", String(f.closed), key: stage)
                row("success_by_stage.secured", String(f.secured), key: stage)
                row("success_by_stage.success_rate", rate(f.successRate), key: stage)
            }
            for horizon in Horizon.allCases {
                let f = g.tenancyHeld[horizon] ?? HeldFigures()
                row("tenancy_held.held", String(f.held), key: horizon.rawValue)
                row("tenancy_held.lost", String(f.lost), key: horizon.rawValue)
                row("tenancy_held.unknown", String(f.unknown), key: horizon.rawValue)
                row("tenancy_held.rate", rate(f.rate), key: horizon.rawValue)
            }
            row("schonfrist.episodes", String(g.schonfrist.episodes))
            row("schonfrist.secured", String(g.schonfrist.secured))
            row("schonfrist.blocked", String(g.schonfrist.blocked))
        }
        return rows
    }

    /// Counts as an object with sorted keys (the maps only hold counts that were added to, so no zeros).
    static func counts<K: Vocabulary>(_ map: [K: Int]) -> ReportJSON {
        .object(sorted(map).map { .init($0.0, .count($0.1)) })
    }

    static func days(_ value: Int?) -> ReportJSON { value.map { .count($0) } ?? .null }

    /// Entries with a count or figure, by the key's wire value.
    static func sorted<K: Vocabulary, V>(_ map: [K: V]) -> [(String, V)] {
        map.map { ($0.key.rawValue, $0.value) }.sorted { $0.0 < $1.0 }
    }
}
