import LedgerTestSupport
import XCTest
@testable import Ledger

/// Month arithmetic as §188 BGB counts it, and the Schonfrist, stage and
/// sustainability rules of DOMAIN.md "Tenancy law", on the dates where
/// they are easiest to get wrong: month ends, 29 February, and both edges
/// of the two-year window.
final class TenancyLawTests: XCTestCase {
    private func d(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LocalDate {
        guard let date = LocalDate(text) else { XCTFail("bad test date \(text)", file: file, line: line); return LocalDate(daysSinceEpoch: 0) }
        return date
    }

    func testMonthsKeepTheDayNumberOrTakeTheMonthsLastDay() {
        XCTAssertEqual(d("2027-01-31").adding(months: 1), d("2027-02-28"))
        XCTAssertEqual(d("2028-01-31").adding(months: 1), d("2028-02-29"))
        XCTAssertEqual(d("2025-08-29").adding(months: 2), d("2025-10-29"))
        XCTAssertEqual(d("2025-08-31").adding(months: 1), d("2025-09-30"))
        XCTAssertEqual(d("2025-10-31").adding(months: 3), d("2026-01-31"))
        XCTAssertEqual(d("2025-11-30").adding(months: 3), d("2026-02-28"))
        XCTAssertEqual(d("2025-12-15").adding(months: 1), d("2026-01-15"))
        XCTAssertEqual(d("2024-02-29").adding(months: 12), d("2025-02-28"))
        XCTAssertEqual(d("2024-02-29").adding(months: 48), d("2028-02-29"))
        XCTAssertEqual(d("2025-03-31").adding(months: 0), d("2025-03-31"))
    }

    func testYearsGoBackTheSameWay() {
        XCTAssertEqual(d("2028-02-29").adding(years: -2), d("2026-02-28"))
        XCTAssertEqual(d("2028-02-29").adding(years: -4), d("2024-02-29"))
        XCTAssertEqual(d("2025-05-20").adding(years: -2), d("2023-05-20"))
        XCTAssertEqual(d("2026-01-15").adding(months: -1), d("2025-12-15"))
        XCTAssertEqual(d("2026-03-31").adding(months: -1), d("2026-02-28"))
        XCTAssertEqual(d("0001-03-31").adding(months: -2), d("0001-01-31"))
    }

    /// Adding then subtracting the same months lands on the start unless the
    /// day was clamped, and clamping only ever moves to a month's last day.
    func testMonthArithmeticAgreesWithTheCalendarForManyDates() {
        var rng = SplitMix64(seed: 0x188)
        for _ in 0..<5_000 {
            let start = LocalDate(daysSinceEpoch: Int32(rng.below(40_000)))
            let months = rng.below(49) - 24
            let moved = start.adding(months: months)
            let (y0, m0, d0) = start.components
            let (y1, m1, d1) = moved.components
            XCTAssertEqual((y1 * 12 + m1) - (y0 * 12 + m0), months)
            if d1 != d0 {
                XCTAssertLessThan(d1, d0)
                XCTAssertEqual(d1, LocalDate.daysIn(month: m1, year: y1))
            }
        }
    }

    private func law(_ causes: [Cause], eviction: String? = nil, notice: String? = nil,
                     kind: NoticeKind? = nil, suit: String? = nil) -> AnalysisDates {
        AnalysisDates(causes: causes, evictionDate: eviction.map { d($0) }, noticeDate: notice.map { d($0) },
                      noticeKind: kind, suitDate: suit.map { d($0) })
    }

    func testStageIsTheFurthestStepADateOrCauseShows() {
        XCTAssertEqual(law([.rentArrears]).stage, .beforeNotice)
        XCTAssertEqual(law([.terminationNotice]).stage, .notice)
        XCTAssertEqual(law([.rentArrears], notice: "2025-01-01", kind: .ordinary).stage, .notice)
        XCTAssertEqual(law([.evictionLawsuit]).stage, .suit)
        XCTAssertEqual(law([.rentArrears], suit: "2025-01-01").stage, .suit)
        XCTAssertEqual(law([.evictionScheduled]).stage, .evictionSet)
        XCTAssertEqual(law([.rentArrears], eviction: "2025-01-01", suit: "2024-11-01").stage, .evictionSet)
    }

    func testSchonfristAppliesOnlyToAnExtraordinaryNoticeForRentArrearsWithASuit() {
        let running = Schonfrist(latest: law([.rentArrears], notice: "2025-07-15", kind: .extraordinaryAndOrdinary,
                                             suit: "2025-08-29"), earlier: [])
        XCTAssertEqual(running, Schonfrist(applies: true, end: d("2025-10-29"), blocked: false))
        XCTAssertEqual(Schonfrist(latest: law([.rentArrears], notice: "2025-07-15", kind: .ordinary, suit: "2025-08-29"),
                                  earlier: []), .none)
        XCTAssertEqual(Schonfrist(latest: law([.utilityArrears], notice: "2025-07-15", kind: .extraordinary,
                                              suit: "2025-08-29"), earlier: []), .none)
        XCTAssertEqual(Schonfrist(latest: law([.rentArrears], notice: "2025-07-15", kind: .extraordinary), earlier: []), .none)
        XCTAssertEqual(Schonfrist(latest: nil, earlier: []), .none)
        // The suit on 31 December: two months later is the last day of February.
        XCTAssertEqual(Schonfrist(latest: law([.rentArrears], notice: "2027-10-01", kind: .extraordinary, suit: "2027-12-31"),
                                  earlier: []).end, d("2028-02-29"))
    }

    /// The block's window runs from the notice date − 2 years to the day
    /// before the notice date, both included.
    func testTheTwoYearWindowAtBothEdges() {
        let latest = law([.rentArrears], notice: "2025-05-20", kind: .extraordinary, suit: "2025-07-31")
        func verdict(_ cure: String?) -> Schonfrist {
            Schonfrist(latest: latest, earlier: [EarlierCure(terminationDate: cure.map { d($0) })])
        }
        XCTAssertTrue(verdict("2023-05-20").blocked, "first day of the window")
        XCTAssertFalse(verdict("2023-05-19").blocked, "the day before the window")
        XCTAssertTrue(verdict("2025-05-19").blocked, "last day of the window")
        XCTAssertFalse(verdict("2025-05-20").blocked, "the notice's own day")
        XCTAssertFalse(verdict(nil).blocked, "nothing cured")
        XCTAssertNil(verdict("2024-01-01").end, "a blocked Schonfrist is no deadline")
        XCTAssertEqual(verdict("2023-05-19").end, d("2025-09-30"))
        // 29 February: notice on 2028-02-29 reaches back to 2026-02-28.
        let leap = law([.rentArrears], notice: "2028-02-29", kind: .extraordinary, suit: "2028-04-01")
        XCTAssertTrue(Schonfrist(latest: leap, earlier: [EarlierCure(terminationDate: d("2026-02-28"))]).blocked)
        XCTAssertFalse(Schonfrist(latest: leap, earlier: [EarlierCure(terminationDate: d("2026-02-27"))]).blocked)
    }

    func testAnEarlierEpisodesTerminationDate() {
        // No analysis: the cure's date stands in (the worked example's LG-2023-000002).
        XCTAssertEqual(EarlierCure(latestAnalysis: nil, lastArrearsAssumed: d("2023-06-01")).terminationDate, d("2023-06-01"))
        // A schema 1 analysis (no notice date): the cure's date stands in.
        XCTAssertEqual(EarlierCure(latestAnalysis: law([.rentArrears]), lastArrearsAssumed: d("2023-06-01")).terminationDate,
                       d("2023-06-01"))
        // A notice date: it counts only when the notice was extraordinary.
        XCTAssertEqual(EarlierCure(latestAnalysis: law([.rentArrears], notice: "2023-04-01", kind: .extraordinary),
                                   lastArrearsAssumed: d("2023-06-01")).terminationDate, d("2023-04-01"))
        XCTAssertNil(EarlierCure(latestAnalysis: law([.rentArrears], notice: "2023-04-01", kind: .ordinary),
                                 lastArrearsAssumed: d("2023-06-01")).terminationDate)
        // Nothing assumed: nothing cured.
        XCTAssertNil(EarlierCure(latestAnalysis: law([.rentArrears], notice: "2023-04-01", kind: .extraordinary),
                                 lastArrearsAssumed: nil).terminationDate)
    }

    func testSustainabilityAtEachHorizon() {
        let closed = d("2025-04-02")
        let lostCheck = [TenancyCheck(date: d("2025-06-01"), status: .housingLost)]
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .threeMonths, reopened: nil, checks: lostCheck), .lost)
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .twelveMonths, reopened: nil, checks: lostCheck), .lost)
        let housed = [TenancyCheck(date: d("2025-07-02"), status: .stillHoused)]
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .threeMonths, reopened: nil, checks: housed), .held)
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .sixMonths, reopened: nil, checks: housed), .unknown)
        let early = [TenancyCheck(date: d("2025-07-01"), status: .movedToHousing)]
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .threeMonths, reopened: nil, checks: early), .unknown)
        // Reopened on the horizon's last day: lost; a day later: not lost at that horizon.
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .threeMonths, reopened: d("2025-07-02"), checks: housed), .lost)
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .threeMonths, reopened: d("2025-07-03"), checks: housed), .held)
        // A lost home found after the horizon does not undo "held" at it.
        let later = housed + [TenancyCheck(date: d("2025-09-01"), status: .housingLost)]
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .threeMonths, reopened: nil, checks: later), .held)
        XCTAssertEqual(TenancyFollowUp.status(closed: closed, horizon: .sixMonths, reopened: nil, checks: later), .lost)
    }

    func testChecksDueInTheirWindow() {
        let closed = d("2025-10-02")
        let due = TenancyFollowUp.due(closed: closed, checks: [], on: d("2025-12-25"))
        XCTAssertEqual(due.map(\.horizon), [.threeMonths])
        XCTAssertEqual(due.map(\.due), [d("2026-01-02")])
        // 14 days ahead is the last day included; 15 is not.
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: [], on: d("2025-12-19")).count, 1)
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: [], on: d("2025-12-18")).count, 0)
        // 90 days back is the first day included.
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: [], on: d("2026-04-02")).map(\.horizon), [.threeMonths, .sixMonths])
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: [], on: d("2026-04-03")).map(\.horizon), [.sixMonths])
        // A check on or after the due date settles it; one before does not.
        let checked = [TenancyCheck(date: d("2026-01-05"), status: .stillHoused)]
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: checked, on: d("2026-01-10")).count, 0)
        let tooEarly = [TenancyCheck(date: d("2026-01-01"), status: .stillHoused)]
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: tooEarly, on: d("2026-01-10")).count, 1)
        // A lost home needs no more checks.
        let lost = [TenancyCheck(date: d("2025-11-01"), status: .housingLost)]
        XCTAssertEqual(TenancyFollowUp.due(closed: closed, checks: lost, on: d("2025-12-25")).count, 0)
    }

    func testDeadlinesAndUrgency() {
        let day = d("2025-10-20")
        XCTAssertEqual(Deadlines.next(eviction: d("2025-10-20"), schonfristEnd: nil, on: day), d("2025-10-20"))
        XCTAssertEqual(Deadlines.next(eviction: d("2025-10-01"), schonfristEnd: d("2025-11-03"), on: day), d("2025-11-03"))
        XCTAssertNil(Deadlines.next(eviction: d("2025-10-19"), schonfristEnd: nil, on: day))
        XCTAssertTrue(Deadlines.urgent(eviction: nil, schonfristEnd: d("2025-11-03"), on: day))
        XCTAssertFalse(Deadlines.urgent(eviction: nil, schonfristEnd: d("2025-11-04"), on: day))
        XCTAssertFalse(Deadlines.urgent(eviction: d("2025-10-19"), schonfristEnd: nil, on: day))
    }
}
