import XCTest
@testable import Ledger

final class MetricsTests: XCTestCase {
    func compute(_ log: TestLog, _ from: String, _ to: String, by grouping: MetricsGrouping? = nil, asOf: String? = nil) -> MetricsReport {
        Metrics.compute(episodes: log.episodes, from: day(from), to: day(to), by: grouping, asOf: asOf.map(day) ?? log.asOf)
    }

    func all(_ report: MetricsReport) -> GroupMetrics { report.groups[MetricsReport.ungrouped] ?? GroupMetrics() }

    /// A case opened on `start` (09:00 UTC), secured effective `effective`, closed housing_secured on `close`.
    func addSecured(_ log: inout TestLog, _ id: String, start: String, effective: String, close: String) {
        log.add(id, start + "T09:00:00Z", opened("altstadt"))
        log.add(id, effective + "T09:00:00Z", secured(effective))
        log.add(id, close + "T09:00:00Z", closed(.housingSecured))
    }

    func testEvenCountTakesTheLowerMedian() {
        var log = TestLog()
        addSecured(&log, "LG-2024-000001", start: "2024-01-01", effective: "2024-01-21", close: "2024-02-01") // 20 days
        addSecured(&log, "LG-2024-000002", start: "2024-01-01", effective: "2024-01-11", close: "2024-02-01") // 10 days
        let g = all(compute(log, "2024-01-01", "2024-03-01"))
        // [10, 20]: lower median 10; p90 = ⌈0.9·2⌉ = 2nd smallest = 20; mean 30/2 = 15.0.
        XCTAssertEqual(g.daysToSecured.median, 10)
        XCTAssertEqual(g.daysToSecured.p90, 20)
        XCTAssertEqual(g.daysToSecured.mean, Ratio(30, 2))
        XCTAssertEqual(g.daysToSecured.mean?.decimal(places: 2), "15.0")
    }

    func testP90IsTheNearestRankOfTenValues() {
        var log = TestLog()
        // Days to secured 1…10, added out of order.
        for (i, days) in [7, 3, 10, 1, 9, 5, 2, 8, 6, 4].enumerated() {
            let effective = day("2024-01-01").adding(days: days).description
            addSecured(&log, "LG-2024-00000\(i)", start: "2024-01-01", effective: effective, close: "2024-02-01")
        }
        let g = all(compute(log, "2024-01-01", "2024-03-01"))
        // p90: ⌈0.9·10⌉ = 9th smallest = 9 (not 10, not an interpolated 9.1); lower median: 5th = 5; mean 55/10 = 5.5.
        XCTAssertEqual(g.daysToSecured.p90, 9)
        XCTAssertEqual(g.daysToSecured.median, 5)
        XCTAssertEqual(g.daysToSecured.mean?.decimal(places: 2), "5.5")
        XCTAssertEqual(g.successRate, Ratio(10, 10))
    }

    func testReturnsCountOnlyClosesAYearBeforeAsOf() {
        var log = TestLog()
        // A: closed 10 Jan 2023, reopened 1 Jun 2023 (142 days later: a return).
        addSecured(&log, "LG-2023-000001", start: "2022-12-01", effective: "2023-01-05", close: "2023-01-10")
        log.add("LG-2023-000001", "2023-06-01T09:00:00Z", reopened())
        // B: closed 1 Feb 2023, never reopened.
        addSecured(&log, "LG-2023-000002", start: "2023-01-02", effective: "2023-01-20", close: "2023-02-01")
        // C: closed 15 Mar 2023, reopened 14 Mar 2024 = 365 days later (still within 365 days).
        addSecured(&log, "LG-2023-000003", start: "2023-02-01", effective: "2023-03-01", close: "2023-03-15")
        log.add("LG-2023-000003", "2024-03-14T09:00:00Z", reopened())
        let period = ("2023-01-01", "2024-01-01")

        // As of 10 Mar 2024: A (425 days ago) and B (403) judged, C (361) not yet: 1 return of 2 = 0.5.
        var g = all(compute(log, period.0, period.1, asOf: "2024-03-10"))
        XCTAssertEqual(g.returns12m, Ratio(1, 2))
        // As of 31 Jan 2024: B is 364 days back, not judged: A alone, 1 of 1.
        g = all(compute(log, period.0, period.1, asOf: "2024-01-31"))
        XCTAssertEqual(g.returns12m, Ratio(1, 1))
        // As of 1 Feb 2024: B exactly 365 days back counts: 1 of 2.
        g = all(compute(log, period.0, period.1, asOf: "2024-02-01"))
        XCTAssertEqual(g.returns12m, Ratio(1, 2))
        // As of 14 Mar 2024 (the ledger's own as-of): C 365 days back, reopened on day 365: 2 of 3.
        g = all(compute(log, period.0, period.1))
        XCTAssertEqual(g.returns12m, Ratio(2, 3))
        XCTAssertEqual(Metrics.json(compute(log, period.0, period.1)).text.contains("\"returns_12m\": 0.6667"), true)
        // Nothing old enough: null, not 0.
        g = all(compute(log, period.0, period.1, asOf: "2023-12-01"))
        XCTAssertNil(g.returns12m)
    }

    func testAnEventLateInTheUTCEveningBelongsToTheNextBerlinDay() {
        var log = TestLog()
        // 31 Jan 23:30 UTC = 1 Feb 00:30 in Berlin: started in February, not January.
        log.add("LG-2024-000001", "2024-01-31T23:30:00Z", opened("altstadt"))
        let byMonth = compute(log, "2024-01-01", "2024-03-01", by: .month)
        XCTAssertEqual(byMonth.groups["2024-01"]?.episodesStarted, nil)
        XCTAssertEqual(byMonth.groups["2024-02"]?.episodesStarted, 1)
        XCTAssertEqual(all(compute(log, "2024-01-01", "2024-02-01")).episodesStarted, 0)
    }

    func testClockChangeDays() {
        var log = TestLog()
        // Spring: opened 30 Mar 23:30 UTC = 31 Mar (CET); mediation 31 Mar 22:30 UTC = 1 Apr 00:30 (CEST).
        log.add("LG-2024-000001", "2024-03-30T23:30:00Z", opened("altstadt"))
        log.add("LG-2024-000001", "2024-03-31T22:30:00Z", mediation(.landlord, .installmentPlan))
        // Autumn: opened 26 Oct 22:00 UTC = 27 Oct 00:00 (CEST); analysed 27 Oct 23:00 UTC = 28 Oct 00:00 (CET): 1 day.
        log.add("LG-2024-000002", "2024-10-26T22:00:00Z", opened("altstadt"))
        log.add("LG-2024-000002", "2024-10-27T23:00:00Z", analysed([.health]))
        let byMonth = compute(log, "2024-03-01", "2024-11-01", by: .month)
        XCTAssertEqual(byMonth.groups["2024-03"]?.episodesStarted, 1)
        XCTAssertEqual(byMonth.groups["2024-03"]?.mediations, [:])
        XCTAssertEqual(byMonth.groups["2024-04"]?.mediations[.landlord], MediationFigures(count: 1, successful: 1))
        XCTAssertEqual(byMonth.groups["2024-10"]?.daysToAnalysis.median, 1)
        // Period [1 Apr, …): the spring case started before it, its mediation lies inside.
        let april = all(compute(log, "2024-04-01", "2024-05-01"))
        XCTAssertEqual(april.episodesStarted, 0)
        XCTAssertEqual(april.mediations[.landlord]?.count, 1)
        // Period ending 27 Oct: the autumn case (27 Oct) is not in it.
        XCTAssertEqual(all(compute(log, "2024-10-01", "2024-10-27")).episodesStarted, 0)
    }

    func testAmendedSecuredCountsWithItsReplacementDate() {
        var log = TestLog()
        let id = "LG-2024-000001"
        log.add(id, "2024-01-10T09:00:00Z", opened("altstadt"))
        let v = log.add(id, "2024-03-01T09:00:00Z", secured("2024-03-01"))
        log.add(id, "2024-03-05T09:00:00Z", closed(.housingSecured))
        log.add(id, "2024-03-06T09:00:00Z", amending(v, with: secured("2024-02-20", .newTenancy)))
        let g = all(compute(log, "2024-01-01", "2024-04-01"))
        // 10 Jan -> 20 Feb (the replacement) = 41 days, not 51 (the original 1 Mar).
        XCTAssertEqual(g.daysToSecured.values, [41])
        XCTAssertEqual(log.episodes.first?.securedKind, .newTenancy)
    }

    func testReopeningInsideThePeriodGivesTwoEpisodes() {
        var log = TestLog()
        let id = "LG-2024-000001"
        log.add(id, "2024-01-05T09:00:00Z", opened("altstadt"))
        log.add(id, "2024-01-06T09:00:00Z", analysed([.rentArrears, .incomeLoss]))
        log.add(id, "2024-01-07T09:00:00Z", referral(1, .debtCounselling))
        log.add(id, "2024-02-01T09:00:00Z", closed(.housingLost))
        log.add(id, "2024-02-15T09:00:00Z", reopened())
        log.add(id, "2024-02-16T09:00:00Z", referral(2, .jobcenter))
        XCTAssertEqual(log.episodes.count, 2)
        XCTAssertEqual(log.episodes.first?.reopened, day("2024-02-15"))

        let q1 = all(compute(log, "2024-01-01", "2024-04-01"))
        // Started: 5 Jan and 15 Feb; closed: 1 Feb (lost); open at the end: episode 2 only.
        XCTAssertEqual(q1.episodesStarted, 2)
        XCTAssertEqual(q1.episodesClosed, [.housingLost: 1])
        XCTAssertEqual(q1.causes, [.rentArrears: 1, .incomeLoss: 1])
        XCTAssertEqual(q1.successRate, Ratio(0, 1))
        XCTAssertEqual(q1.openAtEnd, 1)
        // Referral 1 is unconcluded but its episode closed: not open at the end. Referral 2 is.
        XCTAssertEqual(q1.referrals[.debtCounselling], ReferralFigures(made: 1, concluded: [:], openAtEnd: 0))
        XCTAssertEqual(q1.referrals[.jobcenter], ReferralFigures(made: 1, concluded: [:], openAtEnd: 1))

        let feb = all(compute(log, "2024-02-01", "2024-03-01"))
        XCTAssertEqual(feb.episodesStarted, 1)
        XCTAssertEqual(feb.closed, 1)
        XCTAssertEqual(feb.openAtEnd, 1)
    }

    func testOpenAtEndIsOpenAtTheStartOfTo() {
        var log = TestLog()
        log.add("LG-2024-000001", "2024-01-05T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000001", "2024-03-31T09:00:00Z", closed(.movedAway)) // last day of the period: not open at its end
        log.add("LG-2024-000002", "2024-01-05T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000002", "2024-04-01T09:00:00Z", closed(.movedAway)) // the day after: still open at the end
        log.add("LG-2024-000003", "2024-04-01T09:00:00Z", opened("altstadt")) // starts after the period
        XCTAssertEqual(all(compute(log, "2024-01-01", "2024-04-01")).openAtEnd, 1)
    }

    /// Three cases over the first quarter of 2024, used by both grouping tests.
    func groupingLog() -> TestLog {
        var log = TestLog()
        let a = "LG-2024-000001", b = "LG-2024-000002", c = "LG-2023-000009"
        log.add(a, "2024-01-10T09:00:00Z", opened("altstadt", .walkIn, by: "cw.a"))
        log.add(a, "2024-01-12T09:00:00Z", analysed([.rentArrears]))
        log.add(a, "2024-01-20T09:00:00Z", referral(1, .jobcenter))
        log.add(a, "2024-02-05T09:00:00Z", concluded(1, .helpGranted))
        log.add(a, "2024-02-20T09:00:00Z", secured("2024-02-20"))
        log.add(a, "2024-03-01T09:00:00Z", closed(.housingSecured))
        log.add(b, "2024-02-03T09:00:00Z", opened("kaltenmoor", .courtNotice, by: "cw.b"))
        log.add(b, "2024-02-10T09:00:00Z", mediation(.landlord, .rejected))
        log.add(b, "2024-03-05T09:00:00Z", referral(1, .debtCounselling))
        log.add(c, "2023-12-20T09:00:00Z", opened("altstadt", .phone, by: "cw.b"))
        log.add(c, "2024-01-15T09:00:00Z", emergency("2024-01-15"))
        log.add(c, "2024-01-20T09:00:00Z", closed(.housingLost))
        return log
    }

    func testGroupingByMonth() {
        let report = compute(groupingLog(), "2024-01-01", "2024-04-01", by: .month)
        XCTAssertEqual(report.groupKeys, ["2024-01", "2024-02", "2024-03"])
        let jan = report.groups["2024-01"] ?? GroupMetrics()
        // January: a started (analysed after 2 days), c closed lost (success 0/1), c's emergency, a's referral made.
        XCTAssertEqual(jan.episodesStarted, 1)
        XCTAssertEqual(jan.episodesClosed, [.housingLost: 1])
        XCTAssertEqual(jan.successRate, Ratio(0, 1))
        XCTAssertEqual(jan.daysToAnalysis.median, 2)
        XCTAssertEqual(jan.emergencyAccommodations, 1)
        // January's stock, taken on 1 Feb: a and its referral (concluded 5 Feb) are open.
        XCTAssertEqual(jan.referrals[.jobcenter], ReferralFigures(made: 1, concluded: [:], openAtEnd: 1))
        XCTAssertEqual(jan.openAtEnd, 1)
        let feb = report.groups["2024-02"] ?? GroupMetrics()
        // February: b started; a's referral concluded (its conclusion date); b's failed mediation.
        XCTAssertEqual(feb.episodesStarted, 1)
        XCTAssertNil(feb.daysToAnalysis.median)
        XCTAssertEqual(feb.referrals[.jobcenter], ReferralFigures(made: 0, concluded: [.helpGranted: 1], openAtEnd: 0))
        XCTAssertEqual(feb.mediations[.landlord]?.successfulShare, Ratio(0, 1))
        // February's stock, taken on 1 Mar: b, and a (closed that day, so open at its start).
        XCTAssertEqual(feb.openAtEnd, 2)
        let mar = report.groups["2024-03"] ?? GroupMetrics()
        // March: a closed secured (10 Jan -> 20 Feb = 41 days); its stock, taken on 1 Apr (= to): b and its referral.
        XCTAssertEqual(mar.episodesClosed, [.housingSecured: 1])
        XCTAssertEqual(mar.daysToSecured.values, [41])
        XCTAssertEqual(mar.causes, [.rentArrears: 1])
        XCTAssertEqual(mar.referrals[.debtCounselling], ReferralFigures(made: 1, concluded: [:], openAtEnd: 1))
        XCTAssertEqual(mar.openAtEnd, 1)
        XCTAssertEqual(Metrics.json(report).text.contains("\"success_rate\": 0.0,"), true)
    }

    func testGroupingByDistrict() {
        let report = compute(groupingLog(), "2024-01-01", "2024-04-01", by: .district)
        XCTAssertEqual(report.groupKeys, ["altstadt", "kaltenmoor"])
        let altstadt = report.groups["altstadt"] ?? GroupMetrics()
        // a and c: one started in the period (c started in 2023), one secured and one lost -> 1/2 both rates.
        XCTAssertEqual(altstadt.episodesStarted, 1)
        XCTAssertEqual(altstadt.episodesClosed, [.housingSecured: 1, .housingLost: 1])
        XCTAssertEqual(altstadt.successRate?.decimal(places: 4), "0.5")
        XCTAssertEqual(altstadt.knownOutcomeSuccessRate, Ratio(1, 2))
        XCTAssertEqual(altstadt.emergencyAccommodations, 1)
        XCTAssertEqual(altstadt.referrals[.jobcenter], ReferralFigures(made: 1, concluded: [.helpGranted: 1], openAtEnd: 0))
        XCTAssertEqual(altstadt.openAtEnd, 0)
        let kaltenmoor = report.groups["kaltenmoor"] ?? GroupMetrics()
        XCTAssertEqual(kaltenmoor.episodesStarted, 1)
        XCTAssertNil(kaltenmoor.successRate)
        XCTAssertEqual(kaltenmoor.mediations[.landlord], MediationFigures(count: 1, successful: 0))
        XCTAssertEqual(kaltenmoor.referrals[.debtCounselling], ReferralFigures(made: 1, concluded: [:], openAtEnd: 1))
        XCTAssertEqual(kaltenmoor.openAtEnd, 1)

        let bySource = compute(groupingLog(), "2024-01-01", "2024-04-01", by: .source)
        XCTAssertEqual(bySource.groupKeys, ["court_notice", "phone", "walk_in"])
    }

    func testEmergencyBelongsToTheEpisodeInForceAtItsEffectiveDate() {
        var log = TestLog()
        let id = "LG-2024-000001"
        log.add(id, "2024-01-05T09:00:00Z", opened("altstadt", by: "cw.a"))
        log.add(id, "2024-02-01T09:00:00Z", closed(.contactLost))
        log.add(id, "2024-03-01T09:00:00Z", reopened())
        log.add(id, "2024-03-02T09:00:00Z", reassigned("cw.b"))
        // Recorded in episode 2, effective 20 Feb: episode 1 (cw.a at its end) was the last to start by then.
        log.add(id, "2024-03-05T09:00:00Z", emergency("2024-02-20"))
        log.add(id, "2024-03-06T09:00:00Z", emergency("2024-03-04"))
        XCTAssertEqual(log.episodes.map(\.emergencies), [[day("2024-02-20")], [day("2024-03-04")]])
        let report = compute(log, "2024-01-01", "2024-04-01", by: .caseworker)
        XCTAssertEqual(report.groups["cw.a"]?.emergencyAccommodations, 1)
        XCTAssertEqual(report.groups["cw.b"]?.emergencyAccommodations, 1)
    }

    func testUngroupedEmptyPeriodStillHasItsGroupAndNulls() {
        let report = compute(TestLog(), "2024-01-01", "2024-02-01", asOf: "2024-02-01")
        XCTAssertEqual(report.groupKeys, ["all"])
        let text = Metrics.json(report).text
        XCTAssertTrue(text.contains("\"success_rate\": null"))
        XCTAssertTrue(text.contains("\"days_to_secured\": {\n   \"median\": null,\n   \"p90\": null,\n   \"mean\": null\n  }"))
        XCTAssertTrue(text.contains("\"causes\": {}"))
        XCTAssertEqual(compute(TestLog(), "2024-01-01", "2024-02-01", by: .district, asOf: "2024-02-01").groups.count, 0)
    }

    func testCSVRowsCarryTheJSONFigures() {
        let log = WorkedExampleTests.threeCases()
        let rows = Metrics.csvRows(compute(log, "2024-01-01", "2024-04-01"))
        XCTAssertEqual(Metrics.csvColumns, ["group", "metric", "key", "value"])
        XCTAssertTrue(rows.allSatisfy { $0.count == 4 && $0[0] == "all" })
        XCTAssertTrue(rows.contains(["all", "success_rate", "", "0.5"]))
        XCTAssertTrue(rows.contains(["all", "days_to_secured.mean", "", "41.0"]))
        XCTAssertTrue(rows.contains(["all", "returns_12m", "", ""]))
        XCTAssertTrue(rows.contains(["all", "episodes_closed", "housing_lost", "1"]))
        XCTAssertTrue(rows.contains(["all", "referrals.open_at_end", "jobcenter", "1"]))
        XCTAssertTrue(rows.contains(["all", "mediations.successful_share", "landlord", "1.0"]))
    }
}
