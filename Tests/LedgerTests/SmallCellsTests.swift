import XCTest
@testable import Ledger

/// Small-cell suppression (DOMAIN.md "Small cells"), one test per step on
/// hand-made groups, then the iteration, the ties, and the outputs.
final class SmallCellsTests: XCTestCase {
    let five = MinCell.councilDefault

    func report(_ groups: [String: GroupMetrics], by grouping: MetricsGrouping? = .district) -> MetricsReport {
        let day = LocalDate(daysSinceEpoch: 20_000)
        return MetricsReport(from: day, to: day.adding(days: 90), grouping: grouping, asOf: day.adding(days: 90), groups: groups)
    }

    func withheld(_ g: GroupMetrics, _ k: MinCell? = nil) -> Set<MetricFigure> {
        SmallCells.suppress(report(["all": g], by: nil), minCell: k ?? five).withheld["all"] ?? []
    }

    func testKBelowTwoIsRefused() {
        XCTAssertThrowsError(try MinCell(1))
        XCTAssertThrowsError(try MinCell(0))
        XCTAssertEqual(try MinCell(2).mark, "<2")
    }

    // MARK: step 1

    func testStep1WithholdsCountsFromOneToKMinusOne() {
        var g = GroupMetrics()
        g.episodesStarted = 4
        g.openAtEnd = 5
        g.emergencyAccommodations = 1
        g.schonfrist = SchonfristFigures(episodes: 7, secured: 3, blocked: 0)
        g.referrals[.jobcenter] = ReferralFigures(made: 2, concluded: [:], openAtEnd: 9)
        g.mediations[.landlord] = MediationFigures(count: 12, successful: 6)
        g.successByStage[.suit] = StageFigures(closed: 9, secured: 4)
        g.tenancyHeld[.threeMonths] = HeldFigures(held: 6, lost: 0, unknown: 0)
        let out = withheld(g)
        for f in [MetricFigure.episodesStarted, .emergencyAccommodations, .schonfristSecured, .referralsMade(.jobcenter),
                  .stageSecured(.suit)] {
            XCTAssertTrue(out.contains(f), f.path)
        }
        for f in [MetricFigure.openAtEnd, .schonfristEpisodes, .schonfristBlocked, .referralsOpenAtEnd(.jobcenter),
                  .mediationCount(.landlord), .stageClosed(.suit), .held(.threeMonths, .held), .held(.threeMonths, .lost)] {
            XCTAssertFalse(out.contains(f), f.path)
        }
    }

    // MARK: step 2

    func testStep2WithholdsRatesBySmallDenominatorOrEitherSide() {
        var g = GroupMetrics()
        g.mediations[.landlord] = MediationFigures(count: 4, successful: 0)   // denominator below K
        g.mediations[.jobcenter] = MediationFigures(count: 12, successful: 3) // numerator small
        g.mediations[.utility] = MediationFigures(count: 12, successful: 9)   // the rest (3) small
        g.mediations[.court] = MediationFigures(count: 12, successful: 6)     // both sides at least K
        g.mediations[.other] = MediationFigures(count: 10, successful: 10)    // the rest is zero
        let out = withheld(g)
        XCTAssertTrue(out.contains(.mediationShare(.landlord)))
        XCTAssertTrue(out.contains(.mediationShare(.jobcenter)))
        XCTAssertTrue(out.contains(.mediationShare(.utility)))
        XCTAssertFalse(out.contains(.mediationShare(.court)))
        XCTAssertFalse(out.contains(.mediationShare(.other)))
    }

    func testStep2UsesEachRatesOwnDenominator() {
        var g = GroupMetrics()
        g.episodesClosed = [.housingSecured: 6, .housingLost: 2, .contactLost: 10]
        g.returnsJudged = 6
        g.returned = 0
        g.tenancyHeld[.sixMonths] = HeldFigures(held: 5, lost: 5, unknown: 1)
        g.tenancyHeld[.twelveMonths] = HeldFigures(held: 3, lost: 0, unknown: 9)
        let out = withheld(g)
        XCTAssertFalse(out.contains(.successRate), "6 of 18, 12 not secured")
        XCTAssertTrue(out.contains(.knownOutcomeSuccessRate), "6 of 8: the 2 lost are a small cell")
        XCTAssertFalse(out.contains(.returns12m), "0 of 6 judged")
        XCTAssertFalse(out.contains(.heldRate(.sixMonths)))
        XCTAssertTrue(out.contains(.heldRate(.twelveMonths)), "3 held of 3 known")
    }

    func testStep2WithholdsSummariesOfFewerThanKEpisodes() {
        var g = GroupMetrics()
        g.daysToSecured = DaySample(unsorted: [10, 20, 30, 40])
        g.daysToAnalysis = DaySample(unsorted: [1, 2, 3, 4, 5])
        let out = withheld(g)
        XCTAssertTrue(out.contains(.daysToSecured))
        XCTAssertFalse(out.contains(.daysToAnalysis))
    }

    func testNothingIsNotWithheld() {
        let out = withheld(GroupMetrics())
        XCTAssertTrue(out.isEmpty, "\(out.map(\.path))")
    }

    // MARK: step 3

    func testStep3WithholdsTheSmallestOtherEntryOfAPartition() {
        var g = GroupMetrics()
        g.causes = [.rentArrears: 2, .health: 9, .incomeLoss: 7, .other: 30]
        let out = withheld(g)
        XCTAssertEqual(Set(out.filter { $0.path.hasPrefix("causes.") }), [.cause(.rentArrears), .cause(.incomeLoss)])
    }

    func testStep3LeavesAPartitionWithTwoWithheldAlone() {
        var g = GroupMetrics()
        g.stageAtIntake = [.suit: 2, .notice: 3, .unknown: 8]
        XCTAssertFalse(withheld(g).contains(.stageAtIntake(.unknown)))
    }

    func testStep3NeverWithholdsZeroAndCoversEveryPartition() {
        var g = GroupMetrics()
        g.tenancyHeld[.threeMonths] = HeldFigures(held: 8, lost: 1, unknown: 0)
        g.episodesClosed = [.housingSecured: 20, .declinedHelp: 4]
        g.referrals[.youthWelfare] = ReferralFigures(made: 20, concluded: [.accepted: 11, .declined: 1, .noShow: 6], openAtEnd: 0)
        let out = withheld(g)
        XCTAssertTrue(out.contains(.held(.threeMonths, .held)), "the only other non-zero")
        XCTAssertFalse(out.contains(.held(.threeMonths, .unknown)), "zero is not withheld")
        XCTAssertTrue(out.contains(.episodesClosed(.housingSecured)))
        XCTAssertTrue(out.contains(.referralsConcluded(.youthWelfare, .noShow)))
        XCTAssertFalse(out.contains(.referralsConcluded(.youthWelfare, .accepted)))
    }

    func testStep3TiesGoToTheFirstKeyInByteOrder() {
        var g = GroupMetrics()
        g.causes = [.rentArrears: 1, .incomeLoss: 7, .health: 7, .other: 7]
        XCTAssertEqual(Set(withheld(g).subtracting([.cause(.rentArrears)]).filter { $0.path.hasPrefix("causes.") }), [.cause(.health)])
    }

    // MARK: step 4

    func testStep4WithholdsTheSameCountInTheSmallestOtherGroup() {
        var a = GroupMetrics(), b = GroupMetrics(), c = GroupMetrics(), d = GroupMetrics()
        a.emergencyAccommodations = 3
        b.emergencyAccommodations = 12
        c.emergencyAccommodations = 6
        d.emergencyAccommodations = 0
        let s = SmallCells.suppress(report(["a": a, "b": b, "c": c, "d": d]), minCell: five)
        XCTAssertTrue(s.isWithheld(.emergencyAccommodations, in: "a"))
        XCTAssertTrue(s.isWithheld(.emergencyAccommodations, in: "c"))
        XCTAssertFalse(s.isWithheld(.emergencyAccommodations, in: "b"))
        XCTAssertFalse(s.isWithheld(.emergencyAccommodations, in: "d"))
    }

    func testStep4TiesGoToTheFirstGroupInByteOrder() {
        var small = GroupMetrics(), x = GroupMetrics()
        small.openAtEnd = 2
        x.openAtEnd = 8
        // "Zeltberg" < "altstadt" in byte order (Z is 0x5A): the upper-case name wins the tie.
        let s = SmallCells.suppress(report(["m": small, "altstadt": x, "Zeltberg": x]), minCell: five)
        XCTAssertTrue(s.isWithheld(.openAtEnd, in: "Zeltberg"))
        XCTAssertFalse(s.isWithheld(.openAtEnd, in: "altstadt"))
    }

    func testStep4IsOnlyForGroupedReports() {
        var g = GroupMetrics()
        g.openAtEnd = 2
        let s = SmallCells.suppress(report(["all": g], by: nil), minCell: five)
        XCTAssertEqual(s.withheld, ["all": [.openAtEnd]])
    }

    // MARK: step 5

    /// Each round's steps 3 and 4 open a partition or a count for the next
    /// (the step that withholds each in brackets): a's rent arrears (1) takes
    /// a's health along (3), then b's rent arrears (4), which takes b's
    /// income loss (3 of round 2), then c's income loss (4), which takes c's
    /// other (3 of round 3), then b's other (4): three rounds that change
    /// something and a fourth that changes nothing.
    func testStepsThreeAndFourRepeatUntilNothingChanges() {
        var a = GroupMetrics(), b = GroupMetrics(), c = GroupMetrics()
        a.causes = [.rentArrears: 3, .health: 6]
        b.causes = [.rentArrears: 8, .incomeLoss: 9, .other: 12]
        c.causes = [.incomeLoss: 15, .other: 30]
        let s = SmallCells.suppress(report(["a": a, "b": b, "c": c]), minCell: five)
        XCTAssertEqual(s.withheld["a"], [.cause(.rentArrears), .cause(.health)])
        XCTAssertEqual(s.withheld["b"], [.cause(.rentArrears), .cause(.incomeLoss), .cause(.other)])
        XCTAssertEqual(s.withheld["c"], [.cause(.incomeLoss), .cause(.other)])
    }

    // MARK: outputs

    func testWithheldFiguresAreNullInJSONAndMarkedInCSV() {
        var g = GroupMetrics()
        g.episodesStarted = 3
        g.causes = [.health: 2, .other: 9]
        g.mediations[.landlord] = MediationFigures(count: 6, successful: 2)
        let s = SmallCells.suppress(report(["all": g], by: nil), minCell: five)
        let json = Metrics.json(s).text
        XCTAssertTrue(json.contains("\"episodes_started\": null"))
        XCTAssertTrue(json.contains("\"health\": null"))
        XCTAssertTrue(json.contains("\"other\": null"))
        XCTAssertTrue(json.contains("\"count\": 6"))
        XCTAssertTrue(json.contains("\"successful_share\": null"))
        XCTAssertTrue(json.contains("\"open_at_end\": 0"), "zero is shown")
        let rows = Metrics.csvRows(s)
        XCTAssertEqual(rows.first { $0[1] == "episodes_started" }?[3], "<5")
        XCTAssertEqual(rows.first { $0[1] == "causes" && $0[2] == "other" }?[3], "<5")
        XCTAssertEqual(rows.first { $0[1] == "success_rate" }?[3], "", "no close: nothing to withhold")
        XCTAssertEqual(Metrics.csvRows(report(["all": g], by: nil)).first { $0[1] == "episodes_started" }?[3], "3")
    }

    func testEveryFigureHasItsOwnNumberAndPath() {
        var all: [MetricFigure] = [.episodesStarted, .episodesClosedTotal, .successRate, .knownOutcomeSuccessRate, .daysToSecured,
                                   .daysToAnalysis, .emergencyAccommodations, .returns12m, .openAtEnd, .schonfristEpisodes,
                                   .schonfristSecured, .schonfristBlocked]
        all += CloseReason.allCases.map(MetricFigure.episodesClosed) + Cause.allCases.map(MetricFigure.cause)
        all += Party.allCases.flatMap { [MetricFigure.mediationCount($0), .mediationShare($0)] }
        all += Agency.allCases.flatMap { a in [MetricFigure.referralsMade(a), .referralsOpenAtEnd(a)] + ReferralResult.allCases.map { .referralsConcluded(a, $0) } }
        all += Stage.allCases.flatMap { [MetricFigure.stageAtIntake($0), .stageClosed($0), .stageSecured($0), .stageSuccessRate($0)] }
        all += Horizon.allCases.flatMap { h in [MetricFigure.heldRate(h)] + Sustainability.allCases.map { .held(h, $0) } }
        XCTAssertEqual(Set(all.map(\.number)).count, all.count)
        XCTAssertEqual(Set(all.map(\.path)).count, all.count)
        XCTAssertEqual(Set(all).count, all.count)
    }

    func testATwoWayKeyNeverMixesTwoPairs() {
        XCTAssertEqual(MetricsReport.pairKey(["kaltenmoor", "2025-07"]), "kaltenmoor|2025-07")
        XCTAssertNotEqual(MetricsReport.pairKey(["a|b", "c"]), MetricsReport.pairKey(["a", "b|c"]))
        XCTAssertNotEqual(MetricsReport.pairKey(["a\\", "|c"]), MetricsReport.pairKey(["a\\|", "c"]))
    }
}
