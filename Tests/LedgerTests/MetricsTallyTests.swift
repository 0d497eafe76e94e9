import XCTest
@testable import Ledger

/// The metrics tally (counters by vocabulary code) against the rules as first
/// written with one dictionary per group (`referenceMetrics`), on random episodes.
final class MetricsTallyTests: XCTestCase {
    /// Ungrouped, by one grouping and by every ordered pair of two.
    func testTheTallyGivesWhatThePlainRulesGive() {
        var random = RandomEpisodes(seed: 0x7A11_4)
        for round in 0..<60 {
            let episodes = (0..<random.rng.below(120)).map { random.episode($0) }
            let (from, to) = random.period()
            let asOf = to.adding(days: random.rng.below(900))
            for (g, second) in MetricsTallyTests.groupingPairs {
                let report = Metrics.compute(episodes: episodes, from: from, to: to, by: g, then: second, asOf: asOf)
                XCTAssertEqual(report, referenceMetrics(episodes, from: from, to: to, by: g, then: second, asOf: asOf),
                               "round \(round) \(String(describing: g)),\(String(describing: second))")
                XCTAssertEqual(report, Metrics.compute(episodes: episodes.reversed(), from: from, to: to, by: g, then: second, asOf: asOf))
                XCTAssertEqual(report.groupKeys, report.groupKeys.sorted { report.values(of: $0).lexicographicallyPrecedes(report.values(of: $1)) })
            }
        }
    }

    /// Summed over the second grouping, a two-way report gives the one-way report's counts.
    func testTwoGroupingsAddUpToOne() {
        var random = RandomEpisodes(seed: 0x5_0DD)
        for _ in 0..<20 {
            let episodes = (0..<random.rng.below(150)).map { random.episode($0) }
            let (from, to) = random.period()
            let one = Metrics.compute(episodes: episodes, from: from, to: to, by: .district, asOf: to)
            let two = Metrics.compute(episodes: episodes, from: from, to: to, by: .district, then: .source, asOf: to)
            for (district, g) in one.groups {
                let parts = two.groups.filter { two.values(of: $0.key)[0] == district }.map(\.value)
                XCTAssertEqual(g.episodesStarted, parts.map(\.episodesStarted).reduce(0, +))
                XCTAssertEqual(g.openAtEnd, parts.map(\.openAtEnd).reduce(0, +))
                XCTAssertEqual(g.closed, parts.map(\.closed).reduce(0, +))
            }
        }
    }

    static let groupings: [MetricsGrouping?] = [nil] + MetricsGrouping.allCases
    static let groupingPairs: [(MetricsGrouping?, MetricsGrouping?)] = groupings.map { ($0, nil) }
        + MetricsGrouping.allCases.flatMap { a in MetricsGrouping.allCases.filter { $0 != a }.map { (a, $0) } }

    /// The metrics rules as first written: one dictionary-keyed group per key, each figure added on its own.
    func referenceMetrics(_ episodes: [EpisodeFacts], from: LocalDate, to: LocalDate, by grouping: MetricsGrouping?,
                          then second: MetricsGrouping? = nil, asOf: LocalDate) -> MetricsReport {
        var groups: [String: GroupMetrics] = grouping == nil ? [MetricsReport.ungrouped: GroupMetrics()] : [:]
        var secured: [String: [Int]] = [:], analysis: [String: [Int]] = [:]
        var pairs: [String: [String]] = [:]
        func report() -> MetricsReport {
            var r = MetricsReport(from: from, to: to, grouping: grouping, asOf: asOf, groups: groups)
            if second != nil { r.secondGrouping = second; r.pairs = pairs.filter { groups[$0.key] != nil } }
            return r
        }
        guard from < to else { return report() }
        func inPeriod(_ d: LocalDate) -> Bool { from <= d && d < to }
        // The days the stocks are taken: `to`, or under month the earlier of each next month's first day and `to`.
        var stockDays = [to]
        if grouping == .month || second == .month {
            stockDays = []
            var month = from
            while month < to {
                let (y, m, _) = month.components
                let next = LocalDate(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1) ?? to
                stockDays.append(min(next, to))
                month = next
            }
        }
        for e in episodes {
            func value(_ g: MetricsGrouping, _ date: LocalDate) -> String {
                switch g {
                case .district: return e.district
                case .caseworker: return e.caseworker
                case .source: return e.source.rawValue
                case .month: return date.monthKey
                }
            }
            func key(_ date: LocalDate) -> String {
                guard let grouping else { return MetricsReport.ungrouped }
                guard let second else { return value(grouping, date) }
                let values = [value(grouping, date), value(second, date)]
                let k = MetricsReport.pairKey(values)
                pairs[k] = values
                return k
            }
            func into(_ date: LocalDate, _ change: (inout GroupMetrics) -> Void) { change(&groups[key(date), default: GroupMetrics()]) }
            if inPeriod(e.start) {
                into(e.start) { $0.episodesStarted += 1; $0.stageAtIntake[e.stage, default: 0] += 1 }
                if let first = e.firstAnalysis { analysis[key(e.start), default: []].append(e.start.days(until: first)) }
            }
            if let end = e.end, let reason = e.closeReason, inPeriod(end) {
                into(end) { g in
                    g.episodesClosed[reason, default: 0] += 1
                    for cause in Set(e.causes) { g.causes[cause, default: 0] += 1 }
                    g.successByStage[e.stage, default: StageFigures()].closed += 1
                    if e.schonfrist.applies { g.schonfrist.episodes += 1 }
                    if e.schonfrist.blocked { g.schonfrist.blocked += 1 }
                    guard reason == .housingSecured else { return }
                    g.successByStage[e.stage, default: StageFigures()].secured += 1
                    if e.schonfrist.applies { g.schonfrist.secured += 1 }
                    if end.days(until: asOf) >= Metrics.returnWindowDays {
                        g.returnsJudged += 1
                        if e.reopenedWithinYear { g.returned += 1 }
                    }
                    for horizon in Horizon.allCases where end.adding(months: horizon.months) <= asOf {
                        switch e.sustainability(horizon) {
                        case .held: g.tenancyHeld[horizon, default: HeldFigures()].held += 1
                        case .lost: g.tenancyHeld[horizon, default: HeldFigures()].lost += 1
                        case .unknown: g.tenancyHeld[horizon, default: HeldFigures()].unknown += 1
                        case nil: XCTFail("a housing_secured close without a sustainability")
                        }
                    }
                }
                if reason == .housingSecured, let effective = e.securedEffective {
                    secured[key(end), default: []].append(e.start.days(until: effective))
                }
            }
            for d in e.emergencies where inPeriod(d) { into(d) { $0.emergencyAccommodations += 1 } }
            for m in e.mediations where inPeriod(m.date) {
                into(m.date) { g in
                    g.mediations[m.party, default: MediationFigures()].count += 1
                    if m.successful { g.mediations[m.party, default: MediationFigures()].successful += 1 }
                }
            }
            for r in e.referrals {
                if inPeriod(r.made) { into(r.made) { $0.referrals[r.agency, default: ReferralFigures()].made += 1 } }
                if let d = r.concluded, let result = r.result, inPeriod(d) {
                    into(d) { $0.referrals[r.agency, default: ReferralFigures()].concluded[result, default: 0] += 1 }
                }
            }
            for end in stockDays where e.isOpen(at: end) {
                // The stock taken at `end` belongs to the month of its day before.
                into(end.adding(days: -1)) { $0.openAtEnd += 1 }
                for r in e.referrals where r.made < end && (r.concluded.map { $0 >= end } ?? true) {
                    into(end.adding(days: -1)) { $0.referrals[r.agency, default: ReferralFigures()].openAtEnd += 1 }
                }
            }
        }
        for (k, v) in secured { groups[k]?.daysToSecured = DaySample(unsorted: v) }
        for (k, v) in analysis { groups[k]?.daysToAnalysis = DaySample(unsorted: v) }
        return report()
    }
}
