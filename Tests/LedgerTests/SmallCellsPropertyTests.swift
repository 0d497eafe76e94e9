import XCTest
@testable import Ledger

/// Small-cell suppression on random ledgers, any grouping and K: what the
/// outputs publish never singles out fewer than K households.
final class SmallCellsPropertyTests: XCTestCase {
    /// The CSV metrics that are counts (DOMAIN.md "Small cells", step 1).
    static let countMetrics: Set<String> = [
        "episodes_started", "episodes_closed", "emergency_accommodations", "causes", "mediations.count", "referrals.made",
        "referrals.concluded", "referrals.open_at_end", "open_at_end", "stage_at_intake", "success_by_stage.closed",
        "success_by_stage.secured", "tenancy_held.held", "tenancy_held.lost", "tenancy_held.unknown",
        "schonfrist.episodes", "schonfrist.secured", "schonfrist.blocked",
    ]

    func testNoPublishedCountLiesBetweenOneAndKMinusOne() throws {
        var random = RandomEpisodes(seed: 0x5_3A11)
        var withheldSeen = 0, publishedSeen = 0
        for round in 0..<80 {
            let episodes = (0..<random.rng.below(200)).map { random.episode($0) }
            let (from, to) = random.period()
            let groupings: [MetricsGrouping?] = [nil] + MetricsGrouping.allCases
            let first = random.rng.pick(groupings)
            let second = first == nil || random.rng.below(3) > 0 ? nil : random.rng.pick(MetricsGrouping.allCases.filter { $0 != first })
            let k = try MinCell(2 + random.rng.below(9))
            let report = Metrics.compute(episodes: episodes, from: from, to: to, by: first, then: second, asOf: to.adding(days: 400))
            let s = SmallCells.suppress(report, minCell: k)
            let lead = second == nil ? 1 : 2
            for row in Metrics.csvRows(s) where Self.countMetrics.contains(row[lead]) {
                let cell = row[lead + 2]
                if cell == k.mark { withheldSeen += 1; continue }
                let n = try XCTUnwrap(Int(cell), "round \(round): \(row)")
                XCTAssertFalse(k.isSmall(n), "round \(round), K \(k): \(row) is published")
                publishedSeen += 1
            }
            try checkJSON(Metrics.json(s), k, round)
            checkComplements(s)
        }
        XCTAssertGreaterThan(withheldSeen, 100, "the rounds withhold something")
        XCTAssertGreaterThan(publishedSeen, 100, "and publish something")
    }

    /// Every integer of the JSON but a median or p90 is 0 or at least K; every published rate is safe.
    func checkJSON(_ json: ReportJSON, _ k: MinCell, _ round: Int, path: [String] = []) throws {
        switch json {
        case .int(let n):
            if !path.contains("days_to_secured") && !path.contains("days_to_analysis") {
                XCTAssertFalse(k.isSmall(Int(n)), "round \(round): \(path.joined(separator: ".")) = \(n)")
            }
        case .object(let members):
            for m in members { try checkJSON(m.value, k, round, path: path + [m.key]) }
        case .array(let items):
            for item in items { try checkJSON(item, k, round, path: path) }
        default:
            break
        }
    }

    /// The rates a group publishes rest on safe counts, and after steps 3
    /// and 4 no partition and no count across groups has exactly one cell
    /// withheld while a non-zero one stays published beside it.
    func checkComplements(_ s: SuppressedMetrics) {
        let keys = s.report.groupKeys
        var cells: [String: GroupCells] = [:]
        for key in keys { cells[key] = s.report.groups[key].map(GroupCells.init) }
        for key in keys {
            guard let c = cells[key] else { continue }
            for r in c.rates where r.denominator > 0 && !s.isWithheld(r.figure, in: key) {
                XCTAssertGreaterThanOrEqual(r.denominator, s.minCell.k, r.figure.path)
                XCTAssertFalse(s.minCell.isSmall(r.numerator) || s.minCell.isSmall(r.denominator - r.numerator), r.figure.path)
            }
            for p in c.partitions where p.count(where: { s.isWithheld($0.figure, in: key) }) == 1 {
                XCTAssertFalse(p.contains { !s.isWithheld($0.figure, in: key) && $0.n > 0 },
                               "a partition with one withheld cell: \(p.map(\.figure.path))")
            }
        }
        guard s.report.grouping != nil else { return }
        let figures = Set(cells.values.flatMap { $0.counts.map(\.figure) })
        for f in figures where keys.count(where: { s.isWithheld(f, in: $0) }) == 1 {
            XCTAssertFalse(keys.contains { !s.isWithheld(f, in: $0) && (cells[$0]?.count(f) ?? 0) > 0 },
                           "\(f.path) withheld in one group only")
        }
    }
}
