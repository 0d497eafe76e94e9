import XCTest
@testable import Ledger

final class CaseloadTests: XCTestCase {
    func rows(_ log: TestLog, on d: String, caseworker: String? = nil) -> [CaseloadRow] {
        Caseload.rows(from: log.records(occurredBy: day(d)), day: day(d), caseworker: caseworker)
    }

    func testOrderFlagsFollowUpsAndCounts() {
        var log = TestLog()
        // X: eviction 10 May, within [1 May, 15 May] -> urgent; contact yesterday -> not overdue.
        log.add("LG-2024-000005", "2024-04-01T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000005", "2024-04-02T09:00:00Z", analysed([.evictionScheduled], eviction: "2024-05-10"))
        log.add("LG-2024-000005", "2024-04-30T09:00:00Z", contact())
        // Y: eviction 20 May (19 days ahead, not urgent); follow-up due 25 April still open -> overdue.
        log.add("LG-2024-000004", "2024-04-20T09:00:00Z", opened("kaltenmoor"))
        log.add("LG-2024-000004", "2024-04-21T09:00:00Z", analysed([.rentArrears], eviction: "2024-05-20"))
        log.add("LG-2024-000004", "2024-04-21T10:00:00Z", followUp("2024-04-25"))
        // Z: no eviction date, last contact 1 April = 30 days -> overdue.
        log.add("LG-2024-000003", "2024-03-20T09:00:00Z", opened("altstadt", by: "cw.b"))
        log.add("LG-2024-000003", "2024-04-01T09:00:00Z", contact())
        // W1, W2: follow-up due 20 April, followed by a contact on 25 April -> closed; 6 days -> not overdue.
        // Equal in every key but the id: W1 (…0001) before W2 (…0002). W2's next follow-up (10 May) is open but not due.
        for id in ["LG-2024-000002", "LG-2024-000001"] {
            log.add(id, "2024-04-10T09:00:00Z", opened("altstadt"))
            log.add(id, "2024-04-11T09:00:00Z", followUp("2024-04-20"))
            log.add(id, "2024-04-25T09:00:00Z", contact())
        }
        log.add("LG-2024-000002", "2024-04-25T10:00:00Z", followUp("2024-05-10"))
        // V: closed -> no row; E: erased -> no row.
        log.add("LG-2024-000006", "2024-04-01T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000006", "2024-04-03T09:00:00Z", closed(.movedAway))
        log.add("LG-2024-000007", "2024-04-01T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000007", "2024-04-03T09:00:00Z", closed(.movedAway))
        log.add("LG-2024-000007", "2024-04-04T09:00:00Z", erased())
        // A contact after the day does not count on that day.
        log.add("LG-2024-000003", "2024-05-02T09:00:00Z", contact())

        let r = rows(log, on: "2024-05-01")
        XCTAssertEqual(r.map(\.case.rawValue), ["LG-2024-000005", "LG-2024-000004", "LG-2024-000003", "LG-2024-000001", "LG-2024-000002"])
        XCTAssertEqual(r.map(\.urgent), [true, false, false, false, false])
        XCTAssertEqual(r.map(\.overdue), [false, true, true, false, false])
        XCTAssertEqual(r.map(\.daysSinceContact), [1, 11, 30, 6, 6]) // Y: no contact, 20 April -> 1 May = 11
        XCTAssertEqual(r[1].nextFollowUp, day("2024-04-25"))
        XCTAssertEqual(r[3].nextFollowUp, nil)
        XCTAssertEqual(r[4].nextFollowUp, day("2024-05-10"))
        XCTAssertEqual(r[0].phase, .active)
        XCTAssertEqual(r[2].phase, .intake)

        let counts = Caseload.counts(r)
        XCTAssertEqual(counts.byDistrict, ["altstadt": 4, "kaltenmoor": 1])
        XCTAssertEqual(counts.byPhase, [.active: 2, .intake: 3])
        XCTAssertEqual(counts.total, 5)

        XCTAssertEqual(rows(log, on: "2024-05-01", caseworker: "cw.b").map(\.case.rawValue), ["LG-2024-000003"])
    }

    func testUrgentWindowIncludesBothEnds() {
        var log = TestLog()
        log.add("LG-2024-000001", "2024-05-01T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000001", "2024-05-01T10:00:00Z", analysed([.evictionScheduled], eviction: "2024-05-15"))
        // Eviction 15 May: on 1 May it is D + 14 -> urgent; on 30 April D + 15 -> not; on 15 May D -> urgent; on 16 May passed -> not.
        XCTAssertEqual(rows(log, on: "2024-05-01").first?.urgent, true)
        XCTAssertEqual(Caseload.rows(from: log.records(), day: day("2024-04-30"), caseworker: nil).first?.urgent, false)
        XCTAssertEqual(rows(log, on: "2024-05-15").first?.urgent, true)
        XCTAssertEqual(rows(log, on: "2024-05-16").first?.urgent, false)
    }

    func testVoidedAnalysisWithTheEvictionDateFallsBackToTheStandingOne() {
        var log = TestLog()
        let a = "LG-2024-000001", b = "LG-2024-000002"
        log.add(a, "2024-04-01T09:00:00Z", opened("altstadt"))
        log.add(a, "2024-04-02T09:00:00Z", analysed([.rentArrears], eviction: "2024-05-10"))
        let wrong = log.add(a, "2024-04-03T09:00:00Z", analysed([.rentArrears], eviction: "2024-05-20"))
        log.add(b, "2024-04-01T09:00:00Z", opened("altstadt"))
        let only = log.add(b, "2024-04-02T09:00:00Z", analysed([.rentArrears], eviction: "2024-05-05"))
        // Before the corrections: a shows the latest analysis's 20 May (19 days ahead: not urgent), b 5 May.
        let before = rows(log, on: "2024-05-01")
        XCTAssertEqual(before.first { $0.case.rawValue == a }?.evictionDate, day("2024-05-20"))
        XCTAssertEqual(before.first { $0.case.rawValue == a }?.urgent, false)

        // Voided (recorded after the day, yet applied: corrections count whenever recorded).
        log.add(a, "2024-05-03T09:00:00Z", voiding(wrong))
        log.add(b, "2024-05-03T09:00:00Z", voiding(only))
        let after = rows(log, on: "2024-05-01")
        let rowA = after.first { $0.case.rawValue == a }
        let rowB = after.first { $0.case.rawValue == b }
        // a: the earlier standing analysis's 10 May, 9 days ahead -> urgent.
        XCTAssertEqual(rowA?.evictionDate, day("2024-05-10"))
        XCTAssertEqual(rowA?.urgent, true)
        // b: no standing analysis -> no eviction date, back to intake.
        XCTAssertEqual(rowB?.evictionDate, nil)
        XCTAssertEqual(rowB?.phase, .intake)
    }

    func testTheDayOfAnEventIsItsBerlinDate() {
        var log = TestLog()
        // 31 Jan 23:30 UTC is 1 Feb 00:30 in Berlin (UTC+1): not yet open on 31 Jan.
        log.add("LG-2024-000001", "2024-01-31T23:30:00Z", opened("altstadt"))
        XCTAssertEqual(rows(log, on: "2024-01-31").count, 0)
        XCTAssertEqual(rows(log, on: "2024-02-01").first?.opened, day("2024-02-01"))
        XCTAssertEqual(rows(log, on: "2024-02-01").first?.daysSinceContact, 0)
    }

    func testDaysAcrossTheSpringClockChange() {
        var log = TestLog()
        // 30 Mar 23:30 UTC = 31 Mar 00:30 CET; 31 Mar 22:30 UTC = 1 Apr 00:30 CEST (the 23-hour day is one day).
        log.add("LG-2024-000001", "2024-03-30T23:30:00Z", opened("altstadt"))
        log.add("LG-2024-000001", "2024-03-31T22:30:00Z", contact())
        XCTAssertEqual(rows(log, on: "2024-03-31").first?.opened, day("2024-03-31"))
        XCTAssertEqual(rows(log, on: "2024-03-31").first?.lastContact, nil)
        XCTAssertEqual(rows(log, on: "2024-04-01").first?.lastContact, day("2024-04-01"))
        // 1 Apr -> 14 Apr = 13 days: not overdue; 15 Apr = 14 days: overdue.
        XCTAssertEqual(rows(log, on: "2024-04-14").first?.overdue, false)
        XCTAssertEqual(rows(log, on: "2024-04-15").first?.overdue, true)
    }

    func testDaysAcrossTheAutumnClockChange() {
        var log = TestLog()
        // 26 Oct 22:00 UTC = 27 Oct 00:00 CEST; 27 Oct 22:30 UTC = 23:30 CET, still 27 Oct (the 25-hour day).
        log.add("LG-2024-000001", "2024-10-26T22:00:00Z", opened("altstadt"))
        log.add("LG-2024-000001", "2024-10-27T22:30:00Z", contact())
        XCTAssertEqual(rows(log, on: "2024-10-26").count, 0)
        XCTAssertEqual(rows(log, on: "2024-10-27").first?.lastContact, day("2024-10-27"))
        // 27 Oct -> 10 Nov = 14 days: overdue.
        XCTAssertEqual(rows(log, on: "2024-11-10").first?.daysSinceContact, 14)
        XCTAssertEqual(rows(log, on: "2024-11-10").first?.overdue, true)
    }

    func testReopenedCaseCountsFromTheNewEpisode() {
        var log = TestLog()
        log.add("LG-2024-000001", "2024-01-10T09:00:00Z", opened("altstadt"))
        log.add("LG-2024-000001", "2024-01-11T09:00:00Z", analysed([.rentArrears], eviction: "2024-03-01"))
        log.add("LG-2024-000001", "2024-01-12T09:00:00Z", contact())
        log.add("LG-2024-000001", "2024-01-12T10:00:00Z", followUp("2024-01-20"))
        log.add("LG-2024-000001", "2024-02-01T09:00:00Z", closed(.contactLost))
        log.add("LG-2024-000001", "2024-02-20T09:00:00Z", reopened())
        // Contacts, follow-ups and the analysis of episode 1 do not count: days from the new start (20 Feb -> 25 Feb).
        let row = rows(log, on: "2024-02-25").first
        XCTAssertEqual(row?.opened, day("2024-02-20"))
        XCTAssertEqual(row?.lastContact, nil)
        XCTAssertEqual(row?.daysSinceContact, 5)
        XCTAssertEqual(row?.nextFollowUp, nil)
        XCTAssertEqual(row?.evictionDate, nil)
        XCTAssertEqual(row?.phase, .intake)
        XCTAssertEqual(row?.overdue, false)
    }
}
