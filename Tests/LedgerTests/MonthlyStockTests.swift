import LedgerTestSupport
import XCTest
@testable import Ledger

/// `open_at_end` under `--by month` is a stock: each month holds the episodes
/// and referrals open at the end of its part of the period, at the earlier of
/// the next month's first day and `to` (DOMAIN.md "Machine-readable outputs").
final class MonthlyStockTests: XCTestCase {
    func compute(_ log: TestLog, _ from: String, _ to: String, by grouping: MetricsGrouping? = .month) -> MetricsReport {
        Metrics.compute(episodes: log.episodes, from: day(from), to: day(to), by: grouping, asOf: log.asOf)
    }

    func testACaseOpenAcrossThreeMonthsIsInEachMonthsStock() {
        var log = TestLog()
        let a = "LG-2024-000001", b = "LG-2024-000002", c = "LG-2023-000003", d = "LG-2024-000004"
        // a: open from 10 Jan to beyond the period; referral 1 open from 20 Jan to 20 Feb, referral 2 from 31 Mar.
        log.add(a, "2024-01-10T09:00:00Z", opened("altstadt"))
        log.add(a, "2024-01-20T09:00:00Z", referral(1, .jobcenter))
        log.add(a, "2024-02-20T09:00:00Z", concluded(1, .accepted))
        log.add(a, "2024-03-31T09:00:00Z", referral(2, .debtCounselling))
        // b: open from 15 Feb, closed on 1 Mar (open at the start of that day, as at `to`).
        log.add(b, "2024-02-15T09:00:00Z", opened("kaltenmoor"))
        log.add(b, "2024-02-16T09:00:00Z", referral(1, .legalAid))
        log.add(b, "2024-03-01T09:00:00Z", closed(.movedAway))
        // c: closed on 31 Jan, the day before January's stock is taken.
        log.add(c, "2023-12-01T09:00:00Z", opened("altstadt"))
        log.add(c, "2024-01-31T09:00:00Z", closed(.contactLost))
        // d: opened on the last day of the period.
        log.add(d, "2024-03-31T09:00:00Z", opened("altstadt"))

        let report = compute(log, "2024-01-01", "2024-04-01")
        func stock(_ month: String) -> Int? { report.groups[month]?.openAtEnd }
        func referrals(_ month: String) -> [Agency: Int]? {
            report.groups[month]?.referrals.compactMapValues { $0.openAtEnd == 0 ? nil : $0.openAtEnd }
        }
        XCTAssertEqual([stock("2024-01"), stock("2024-02"), stock("2024-03")], [1, 2, 2])
        XCTAssertEqual(referrals("2024-01"), [.jobcenter: 1])
        XCTAssertEqual(referrals("2024-02"), [.legalAid: 1], "referral 1 of a was concluded before 1 Mar; b's is open on 1 Mar")
        XCTAssertEqual(referrals("2024-03"), [.debtCounselling: 1])
        // The whole period's stock is the last month's.
        let whole = compute(log, "2024-01-01", "2024-04-01", by: nil).groups[MetricsReport.ungrouped]
        XCTAssertEqual(whole?.openAtEnd, 2)
        XCTAssertEqual(whole?.referrals[.debtCounselling]?.openAtEnd, 1)
        XCTAssertEqual(whole?.referrals[.jobcenter]?.openAtEnd, 0)
        // In JSON, every month says so.
        let text = Metrics.json(report).text
        XCTAssertEqual(text.components(separatedBy: "\n  \"open_at_end\": ").dropFirst().map { $0.prefix(1) }, ["1", "2", "2"])
    }

    func testTheStocksOfAPeriodThatStartsAndEndsInsideAMonth() {
        var log = TestLog()
        // Open before the period and still open: in every month's stock.
        log.add("LG-2023-000001", "2023-12-20T09:00:00Z", opened("altstadt"))
        // Open 20 Jan to 5 Mar: January's (1 Feb) and February's (1 Mar) stock, not March's (10 Mar).
        log.add("LG-2024-000002", "2024-01-20T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000002", "2024-03-05T09:00:00Z", closed(.movedAway))
        // Opened 8 Mar: in March's stock, taken at `to`, 10 Mar.
        log.add("LG-2024-000003", "2024-03-08T09:00:00Z", opened("altstadt"))
        // Opened on `to`: in none.
        log.add("LG-2024-000004", "2024-03-10T09:00:00Z", opened("altstadt"))
        let report = compute(log, "2024-01-15", "2024-03-10")
        XCTAssertEqual(report.groupKeys, ["2024-01", "2024-02", "2024-03"])
        XCTAssertEqual(report.groupKeys.map { report.groups[$0]?.openAtEnd }, [2, 2, 2])
        // A one-day period is its own month.
        let one = compute(log, "2024-03-09", "2024-03-10")
        XCTAssertEqual(one.groupKeys, ["2024-03"])
        XCTAssertEqual(one.groups["2024-03"]?.openAtEnd, 2)
    }

    /// Each month's stock is the stock of the period from `from` to that month's stock day.
    func testEachMonthsStockIsTheWholeStockOfThePeriodEndingOnItsDay() {
        var random = RandomEpisodes(seed: 0x5700_C)
        for round in 0..<80 {
            let episodes = (0..<random.rng.below(100)).map { random.episode($0) }
            let (from, to) = random.period()
            let asOf = to.adding(days: 30)
            let byMonth = Metrics.compute(episodes: episodes, from: from, to: to, by: .month, asOf: asOf)
            let days = StockDays(from: from, to: to, monthly: true)
            for k in 0..<days.count {
                let end = days.dayBefore(k).adding(days: 1)
                let whole = Metrics.compute(episodes: episodes, from: from, to: end, by: nil, asOf: asOf)
                let month = byMonth.groups[days.dayBefore(k).monthKey] ?? GroupMetrics()
                let expected = whole.groups[MetricsReport.ungrouped] ?? GroupMetrics()
                XCTAssertEqual(month.openAtEnd, expected.openAtEnd, "round \(round) month \(k)")
                for agency in Agency.allCases {
                    XCTAssertEqual(month.referrals[agency]?.openAtEnd ?? 0, expected.referrals[agency]?.openAtEnd ?? 0,
                                   "round \(round) month \(k) \(agency)")
                }
            }
        }
    }

    /// `StockDays` against counting day by day: a thing open from a (excluded)
    /// to b (included) is open at exactly the stock days first(after: a)...last(notAfter: b).
    func testStockDaysAgainstCountingDayByDay() {
        var rng = SplitMix64(seed: 0xDA75)
        for _ in 0..<400 {
            let from = LocalDate(daysSinceEpoch: 19_000 + Int32(rng.below(800)))
            let to = from.adding(days: rng.below(200) - 10)
            for monthly in [false, true] {
                let days = StockDays(from: from, to: to, monthly: monthly)
                var expected: [LocalDate] = []
                var d = from.adding(days: 1)
                while d <= to {
                    if d == to || (monthly && d.components.day == 1) { expected.append(d) }
                    d = d.adding(days: 1)
                }
                XCTAssertEqual((0..<days.count).map { days.dayBefore($0).adding(days: 1) }, expected, "\(from) \(to) \(monthly)")
                for _ in 0..<20 {
                    let a = from.adding(days: rng.below(260) - 30)
                    let b: LocalDate? = rng.below(5) == 0 ? nil : a.adding(days: rng.below(200) - 20)
                    let open = expected.indices.filter { i in a < expected[i] && (b.map { expected[i] <= $0 } ?? true) }
                    let first = days.first(after: a), last = days.last(notAfter: b)
                    XCTAssertEqual(first <= last ? Array(first...last) : [], open, "\(from) \(to) \(monthly) \(a) \(String(describing: b))")
                }
            }
        }
    }
}
