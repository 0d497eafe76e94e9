import XCTest
@testable import Ledger

/// The tenancy-law figures of `metrics`: stage_at_intake, success_by_stage,
/// tenancy_held and schonfrist, each with its groupings (DOMAIN.md "Outcome
/// metrics").
final class TenancyLawMetricsTests: XCTestCase {
    func compute(_ log: TestLog, _ from: String, _ to: String, by grouping: MetricsGrouping? = nil,
                 asOf: String? = nil) -> MetricsReport {
        Metrics.compute(episodes: log.episodes, from: day(from), to: day(to), by: grouping, asOf: asOf.map(day) ?? log.asOf)
    }

    func all(_ report: MetricsReport) -> GroupMetrics { report.groups[MetricsReport.ungrouped] ?? GroupMetrics() }

    /// A schema 2 analysis.
    private func analysed2(_ causes: [Cause], eviction: String? = nil, notice: String? = nil, kind: NoticeKind? = nil,
                           suit: String? = nil) -> Payload {
        .situationAnalysed(SituationAnalysed(causes: causes, risk: .high, evictionDate: eviction.map(day), arrearsCents: nil,
                                             note: sealed, noticeDate: notice.map(day), noticeKind: kind, suitDate: suit.map(day)))
    }

    private func checked(_ status: TenancyStatus) -> Payload { .tenancyChecked(TenancyChecked(status: status)) }

    func testStageAtIntakeCountsEpisodesStartedInThePeriodByTheirFirstStandingAnalysis() {
        var log = TestLog()
        let a = "LG-2024-000001", b = "LG-2024-000002", c = "LG-2024-000003", d = "LG-2023-000009", e = "LG-2024-000005"
        // a: first analysed before any notice; a later analysis with an eviction date does not change its stage.
        log.add(a, "2024-01-10T09:00:00Z", opened("altstadt", by: "cw.a"))
        log.add(a, "2024-01-11T09:00:00Z", analysed([.rentArrears]))
        log.add(a, "2024-02-11T09:00:00Z", analysed([.rentArrears], eviction: "2024-04-01"))
        // b: a notice date alone makes the stage notice.
        log.add(b, "2024-01-20T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        log.add(b, "2024-01-21T09:00:00Z", analysed2([.rentArrears], notice: "2024-01-02", kind: .ordinary))
        // c: no analysis.
        log.add(c, "2024-02-02T09:00:00Z", opened("altstadt", by: "cw.a"))
        // d: started before the period.
        log.add(d, "2023-12-20T09:00:00Z", opened("altstadt", by: "cw.a"))
        log.add(d, "2023-12-21T09:00:00Z", analysed([.evictionLawsuit]))
        // e: its first analysis is voided; the first standing one shows a suit.
        log.add(e, "2024-02-05T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        let wrong = log.add(e, "2024-02-06T09:00:00Z", analysed([.evictionScheduled]))
        log.add(e, "2024-02-07T09:00:00Z", analysed([.evictionLawsuit]))
        log.add(e, "2024-02-08T09:00:00Z", voiding(wrong))

        XCTAssertEqual(all(compute(log, "2024-01-01", "2024-04-01")).stageAtIntake,
                       [.beforeNotice: 1, .notice: 1, .unknown: 1, .suit: 1])
        // Under month: the month of the start.
        let byMonth = compute(log, "2024-01-01", "2024-04-01", by: .month)
        XCTAssertEqual(byMonth.groups["2024-01"]?.stageAtIntake, [.beforeNotice: 1, .notice: 1])
        XCTAssertEqual(byMonth.groups["2024-02"]?.stageAtIntake, [.unknown: 1, .suit: 1])
        XCTAssertEqual(byMonth.groups["2024-03"]?.stageAtIntake, [:], "March holds only the stock of open cases")
        // Under caseworker: the episode's group.
        let byCaseworker = compute(log, "2024-01-01", "2024-04-01", by: .caseworker)
        XCTAssertEqual(byCaseworker.groups["cw.a"]?.stageAtIntake, [.beforeNotice: 1, .unknown: 1])
        XCTAssertEqual(byCaseworker.groups["cw.b"]?.stageAtIntake, [.notice: 1, .suit: 1])
        let text = Metrics.json(compute(log, "2024-01-01", "2024-04-01")).text
        XCTAssertTrue(text.contains("\"stage_at_intake\": {\n   \"before_notice\": 1,\n   \"notice\": 1,\n   \"suit\": 1,\n   \"unknown\": 1\n  }"), text)
    }

    /// Four closes of three stages in the first quarter of 2024, and one after it.
    func stageLog() -> TestLog {
        var log = TestLog()
        let a = "LG-2024-000001", b = "LG-2024-000002", c = "LG-2024-000003", d = "LG-2023-000009", e = "LG-2024-000005"
        log.add(a, "2024-01-10T09:00:00Z", opened("altstadt", by: "cw.a"))
        log.add(a, "2024-01-11T09:00:00Z", analysed([.rentArrears]))
        log.add(a, "2024-02-20T09:00:00Z", secured("2024-02-20"))
        log.add(a, "2024-03-01T09:00:00Z", closed(.housingSecured))
        log.add(b, "2024-01-20T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        log.add(b, "2024-01-21T09:00:00Z", analysed([.terminationNotice]))
        log.add(b, "2024-02-10T09:00:00Z", closed(.housingLost))
        log.add(c, "2024-02-01T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        log.add(c, "2024-02-02T09:00:00Z", analysed2([.rentArrears], notice: "2024-01-15", kind: .extraordinary))
        log.add(c, "2024-03-04T09:00:00Z", secured("2024-03-04"))
        log.add(c, "2024-03-05T09:00:00Z", closed(.housingSecured))
        // d started in 2023 and closes in the period: it counts.
        log.add(d, "2023-12-20T09:00:00Z", opened("altstadt", by: "cw.a"))
        log.add(d, "2023-12-21T09:00:00Z", analysed([.evictionLawsuit]))
        log.add(d, "2024-01-14T09:00:00Z", secured("2024-01-14"))
        log.add(d, "2024-01-15T09:00:00Z", closed(.housingSecured))
        // e closes after the period: it does not.
        log.add(e, "2024-03-10T09:00:00Z", opened("altstadt", by: "cw.a"))
        log.add(e, "2024-04-02T09:00:00Z", closed(.contactLost))
        return log
    }

    func testSuccessByStageCountsTheClosesOfThePeriodPerStage() {
        let q1 = all(compute(stageLog(), "2024-01-01", "2024-04-01"))
        XCTAssertEqual(q1.successByStage, [.beforeNotice: StageFigures(closed: 1, secured: 1),
                                           .notice: StageFigures(closed: 2, secured: 1),
                                           .suit: StageFigures(closed: 1, secured: 1)])
        XCTAssertEqual(q1.successByStage[.notice]?.successRate?.decimal(places: 4), "0.5")
        // Under month: the month of the close.
        let byMonth = compute(stageLog(), "2024-01-01", "2024-04-01", by: .month)
        XCTAssertEqual(byMonth.groups["2024-01"]?.successByStage, [.suit: StageFigures(closed: 1, secured: 1)])
        XCTAssertEqual(byMonth.groups["2024-02"]?.successByStage, [.notice: StageFigures(closed: 1, secured: 0)])
        XCTAssertEqual(byMonth.groups["2024-03"]?.successByStage, [.beforeNotice: StageFigures(closed: 1, secured: 1),
                                                                   .notice: StageFigures(closed: 1, secured: 1)])
        // Under district: the episode's group.
        let byDistrict = compute(stageLog(), "2024-01-01", "2024-04-01", by: .district)
        XCTAssertEqual(byDistrict.groups["altstadt"]?.successByStage, [.beforeNotice: StageFigures(closed: 1, secured: 1),
                                                                       .suit: StageFigures(closed: 1, secured: 1)])
        XCTAssertEqual(byDistrict.groups["kaltenmoor"]?.successByStage, [.notice: StageFigures(closed: 2, secured: 1)])
        // A stage with a close but no success shows its zero.
        let feb = Metrics.json(compute(stageLog(), "2024-02-01", "2024-03-01")).text
        XCTAssertTrue(feb.contains("\"success_by_stage\": {\n   \"notice\": {\n    \"closed\": 1,\n    \"secured\": 0,\n    \"success_rate\": 0.0\n   }\n  }"), feb)
    }

    /// A case helped in 2023 (the Jobcenter assumed the arrears), terminated
    /// again in 2024 within two years: blocked. Another with the Schonfrist
    /// running, one with an ordinary notice, one still open.
    func schonfristLog() -> TestLog {
        var log = TestLog()
        let x = "LG-2023-000001", y = "LG-2024-000002", z = "LG-2024-000003", w = "LG-2024-000004"
        log.add(x, "2023-03-01T09:00:00Z", opened("weststadt", by: "cw.a"))
        log.add(x, "2023-04-01T09:00:00Z", mediation(.jobcenter, .arrearsAssumed))
        log.add(x, "2023-04-09T09:00:00Z", secured("2023-04-09"))
        log.add(x, "2023-04-10T09:00:00Z", closed(.housingSecured))
        log.add(x, "2024-09-01T09:00:00Z", reopened())
        log.add(x, "2024-09-02T09:00:00Z", analysed2([.rentArrears], notice: "2024-08-01", kind: .extraordinary, suit: "2024-08-20"))
        log.add(x, "2024-10-01T09:00:00Z", closed(.housingLost))
        log.add(y, "2024-08-05T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        log.add(y, "2024-08-30T09:00:00Z", analysed2([.rentArrears, .evictionLawsuit], notice: "2024-07-15",
                                                     kind: .extraordinaryAndOrdinary, suit: "2024-08-29"))
        log.add(y, "2024-10-14T09:00:00Z", secured("2024-10-14"))
        log.add(y, "2024-10-15T09:00:00Z", closed(.housingSecured))
        log.add(z, "2024-08-06T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        log.add(z, "2024-08-30T09:00:00Z", analysed2([.rentArrears], notice: "2024-07-01", kind: .ordinary, suit: "2024-08-28"))
        log.add(z, "2024-10-19T09:00:00Z", secured("2024-10-19"))
        log.add(z, "2024-10-20T09:00:00Z", closed(.housingSecured))
        log.add(w, "2024-08-07T09:00:00Z", opened("kaltenmoor", by: "cw.b"))
        log.add(w, "2024-08-30T09:00:00Z", analysed2([.rentArrears], notice: "2024-07-01", kind: .extraordinary, suit: "2024-08-28"))
        return log
    }

    func testSchonfristCountsTheClosedEpisodesItAppliedTo() {
        let log = schonfristLog()
        XCTAssertEqual(log.episodes.map(\.schonfrist.blocked), [false, true, false, false, false])
        let h2 = all(compute(log, "2024-07-01", "2025-01-01"))
        // x (blocked, lost) and y (secured); z's notice was ordinary; w is still open.
        XCTAssertEqual(h2.schonfrist, SchonfristFigures(episodes: 2, secured: 1, blocked: 1))
        let byCaseworker = compute(log, "2024-07-01", "2025-01-01", by: .caseworker)
        XCTAssertEqual(byCaseworker.groups["cw.a"]?.schonfrist, SchonfristFigures(episodes: 1, secured: 0, blocked: 1))
        XCTAssertEqual(byCaseworker.groups["cw.b"]?.schonfrist, SchonfristFigures(episodes: 1, secured: 1, blocked: 0))
        let byMonth = compute(log, "2024-07-01", "2025-01-01", by: .month)
        XCTAssertEqual(byMonth.groups["2024-10"]?.schonfrist, SchonfristFigures(episodes: 2, secured: 1, blocked: 1))
        XCTAssertEqual(byMonth.groups["2024-08"]?.schonfrist, SchonfristFigures())
        // The episode of 2023 had no Schonfrist.
        XCTAssertEqual(all(compute(log, "2023-01-01", "2024-01-01")).schonfrist, SchonfristFigures())
        XCTAssertTrue(Metrics.json(compute(log, "2024-07-01", "2025-01-01")).text
            .contains("\"schonfrist\": {\n   \"episodes\": 2,\n   \"secured\": 1,\n   \"blocked\": 1\n  }"))
    }

    /// Four `housing_secured` closes in the first quarter of 2025 and one lost.
    func heldLog() -> TestLog {
        var log = TestLog()
        let a = "LG-2025-000001", b = "LG-2025-000002", c = "LG-2025-000003", d = "LG-2025-000004", e = "LG-2025-000005"
        for (id, district, open, close) in [(a, "altstadt", "2024-12-01", "2025-01-10"), (b, "kaltenmoor", "2024-12-02", "2025-02-01"),
                                            (c, "kaltenmoor", "2024-12-03", "2025-03-01"), (e, "altstadt", "2024-12-05", "2025-01-20")] {
            log.add(id, open + "T09:00:00Z", opened(district))
            log.add(id, close + "T08:00:00Z", secured(close))
            log.add(id, close + "T09:00:00Z", closed(.housingSecured))
        }
        log.add(a, "2025-07-15T09:00:00Z", checked(.stillHoused)) // on or after C + 6 months (10 Jul): held at 3m and 6m
        log.add(b, "2025-03-15T09:00:00Z", reopened())              // lost at every horizon
        log.add(e, "2025-09-01T09:00:00Z", checked(.housingLost))   // after 6 months (20 Jul): lost at 12m only
        log.add(d, "2024-12-04T09:00:00Z", opened("altstadt"))
        log.add(d, "2025-02-01T09:00:00Z", closed(.housingLost))     // not secured: never judged
        return log
    }

    func testTenancyHeldJudgesTheHorizonsThatEndByTheAsOfDate() {
        let log = heldLog()
        // As of 1 Aug 2025: 3m of a, b, c, e; 6m of a, b (1 Aug: the last day counts) and e; 12m of none.
        var q1 = all(compute(log, "2025-01-01", "2025-04-01", asOf: "2025-08-01"))
        XCTAssertEqual(q1.tenancyHeld[.threeMonths], HeldFigures(held: 1, lost: 1, unknown: 2))
        XCTAssertEqual(q1.tenancyHeld[.sixMonths], HeldFigures(held: 1, lost: 1, unknown: 1))
        XCTAssertNil(q1.tenancyHeld[.twelveMonths])
        XCTAssertEqual(q1.tenancyHeld[.threeMonths]?.rate, Ratio(1, 2))
        let text = Metrics.json(compute(log, "2025-01-01", "2025-04-01", asOf: "2025-08-01")).text
        XCTAssertTrue(text.contains("\"12m\": {\n    \"held\": 0,\n    \"lost\": 0,\n    \"unknown\": 0,\n    \"rate\": null\n   }"), text)
        // As of 1 Mar 2026: 12m of all four; a's check came before its 12 months ran out: unknown.
        q1 = all(compute(log, "2025-01-01", "2025-04-01", asOf: "2026-03-01"))
        XCTAssertEqual(q1.tenancyHeld[.twelveMonths], HeldFigures(held: 0, lost: 2, unknown: 2))
        XCTAssertEqual(q1.tenancyHeld[.twelveMonths]?.rate?.decimal(places: 4), "0.0")
        XCTAssertEqual(q1.tenancyHeld[.sixMonths], HeldFigures(held: 1, lost: 1, unknown: 2))
        // Under month: the month of the close; under district: the episode's.
        let byMonth = compute(log, "2025-01-01", "2025-04-01", by: .month, asOf: "2025-08-01")
        XCTAssertEqual(byMonth.groups["2025-01"]?.tenancyHeld[.threeMonths], HeldFigures(held: 1, lost: 0, unknown: 1))
        XCTAssertEqual(byMonth.groups["2025-02"]?.tenancyHeld[.threeMonths], HeldFigures(held: 0, lost: 1, unknown: 0))
        XCTAssertEqual(byMonth.groups["2025-03"]?.tenancyHeld[.threeMonths], HeldFigures(held: 0, lost: 0, unknown: 1))
        XCTAssertNil(byMonth.groups["2025-03"]?.tenancyHeld[.sixMonths], "1 Sep is after the as-of date")
        let byDistrict = compute(log, "2025-01-01", "2025-04-01", by: .district, asOf: "2025-08-01")
        XCTAssertEqual(byDistrict.groups["altstadt"]?.tenancyHeld[.sixMonths], HeldFigures(held: 1, lost: 0, unknown: 1))
        XCTAssertEqual(byDistrict.groups["kaltenmoor"]?.tenancyHeld[.sixMonths], HeldFigures(held: 0, lost: 1, unknown: 0))
        // Closes outside the period are not judged in it.
        XCTAssertEqual(all(compute(log, "2025-04-01", "2025-07-01", asOf: "2026-03-01")).tenancyHeld, [:])
    }

    func testCSVRowsCarryTheTenancyLawFigures() {
        let rows = Metrics.csvRows(compute(heldLog(), "2025-01-01", "2025-04-01", asOf: "2025-08-01"))
        XCTAssertTrue(rows.contains(["all", "stage_at_intake", "unknown", "1"]), "b's second episode")
        XCTAssertTrue(rows.contains(["all", "success_by_stage.closed", "unknown", "5"]))
        XCTAssertTrue(rows.contains(["all", "success_by_stage.secured", "unknown", "4"]))
        XCTAssertTrue(rows.contains(["all", "success_by_stage.success_rate", "unknown", "0.8"]))
        XCTAssertTrue(rows.contains(["all", "tenancy_held.held", "3m", "1"]))
        XCTAssertTrue(rows.contains(["all", "tenancy_held.unknown", "3m", "2"]))
        XCTAssertTrue(rows.contains(["all", "tenancy_held.rate", "3m", "0.5"]))
        XCTAssertTrue(rows.contains(["all", "tenancy_held.held", "12m", "0"]))
        XCTAssertTrue(rows.contains(["all", "tenancy_held.rate", "12m", ""]))
        XCTAssertTrue(rows.contains(["all", "schonfrist.episodes", "", "0"]))
        let schonfrist = Metrics.csvRows(compute(schonfristLog(), "2024-07-01", "2025-01-01"))
        XCTAssertTrue(schonfrist.contains(["all", "schonfrist.blocked", "", "1"]))
        XCTAssertTrue(schonfrist.contains(["all", "stage_at_intake", "suit", "4"]))
    }

    func testAnEmptyGroupShowsEveryHorizonAndTheSchonfristAsZeros() {
        let text = Metrics.json(compute(TestLog(), "2024-01-01", "2024-02-01", asOf: "2024-02-01")).text
        XCTAssertTrue(text.contains("\"stage_at_intake\": {},\n  \"success_by_stage\": {},\n  \"tenancy_held\": {\n   \"3m\": {"), text)
        XCTAssertTrue(text.contains("\"6m\": {\n    \"held\": 0,"))
        XCTAssertTrue(text.contains("\"open_at_end\": 0,\n  \"stage_at_intake\""), text)
        XCTAssertTrue(text.contains("\"schonfrist\": {\n   \"episodes\": 0,\n   \"secured\": 0,\n   \"blocked\": 0\n  }\n }"), text)
    }
}
