import Foundation
import LedgerTestSupport
import XCTest

/// Dates, times, case ids and caseworkers as people type them.
final class DeskInputTests: DeskTestCase {
    /// The `occurred_at` of the last event in the export.
    func lastOccurredAt() throws -> String {
        let last = try XCTUnwrap(try export().split(separator: "\n").last)
        return try XCTUnwrap((try json(String(last)) as? [String: Any])?["occurred_at"] as? String)
    }

    func testTimesAsPeopleTypeThemInTheLedgersZone() throws {
        let id = try openCase(at: "2025-11-30 10:00")
        XCTAssertEqual(try lastOccurredAt(), "2025-11-30T10:00:00+01:00")
        try ledger("contact", id, "--channel", "phone", "--occurred-at", "30.11.2025 11:15")
        XCTAssertEqual(try lastOccurredAt(), "2025-11-30T11:15:00+01:00")
        try ledger("contact", id, "--channel", "phone", "--occurred-at", "2025-12-01")
        XCTAssertEqual(try lastOccurredAt(), "2025-12-01T23:59:59+01:00", "a date alone is the end of that day")
        try ledger("contact", id, "--channel", "phone", "--occurred-at", "2025-12-02T08:00:00Z")
        XCTAssertEqual(try lastOccurredAt(), "2025-12-02T08:00:00Z", "RFC 3339 is kept as written")
        try ledger("contact", id, "--channel", "phone", "--occurred-at", "2026-06-01 09:30:15")
        XCTAssertEqual(try lastOccurredAt(), "2026-06-01T09:30:15+02:00", "summer time")
        // 25 October 2026: 02:30 happens twice in Berlin; the earlier (summer time) counts.
        try ledger("contact", id, "--channel", "phone", "--occurred-at", "25.10.2026 02:30")
        XCTAssertEqual(try lastOccurredAt(), "2026-10-25T02:30:00+02:00")
        // 29 March 2026: the clocks jump from 02:00 to 03:00.
        try refused(64, "never happened in Europe/Berlin", ["contact", id, "--channel", "phone", "--occurred-at", "2026-03-29 02:30"])
        try refused(64, "is not a real date", ["contact", id, "--channel", "phone", "--occurred-at", "31.02.2026 10:00"])
        try refused(64, "is not a date or time like", ["contact", id, "--channel", "phone", "--occurred-at", "yesterday"])
    }

    func testDatesInGermanForm() throws {
        let id = try openCase(at: "2025-09-01 10:00")
        try ledger("follow-up", id, "--due", "10.12.2025", "--purpose", "Unterlagen", "--occurred-at", "2025-09-02 10:00")
        XCTAssertTrue(try export().contains(#""due":"2025-12-10""#))
        try refused(64, "--due '31.11.2025' is not a real date", ["follow-up", id, "--due", "31.11.2025", "--purpose", "x"])
        try refused(64, "--due '2025/12/10' is not a date like 2026-11-30 or 30.11.2026",
                    ["follow-up", id, "--due", "2025/12/10", "--purpose", "x"])
        try refused(64, "--birth-date '03.02.80' is not a date", ["open"] + Self.household.map { $0 == "03.02.1980" ? "03.02.80" : $0 }
                    + ["--caseworker", "cw.test"])
    }

    func testKnownAtADayMeansTheEndOfThatDay() throws {
        try importExample("prevention-law.ndjson")
        func phase(_ knownAt: String) throws -> String? {
            (try json(try ledger("show", "LG-2025-000001", "--no-personal", "--format", "json", "--known-at", knownAt)) as? [String: Any])?["phase"] as? String
        }
        // housing.secured was recorded on 1 October 2025 at 10:00 in Berlin, the close on 2 October.
        XCTAssertEqual(try phase("2025-09-30"), "active")
        XCTAssertEqual(try phase("2025-10-01"), "secured")
        XCTAssertEqual(try phase("2025-10-01 09:59"), "active")
        XCTAssertEqual(try phase("01.10.2025 10:00"), "secured")
        XCTAssertEqual(try phase("02.10.2025"), "closed")
        XCTAssertEqual(try phase("2025-10-01T08:00:00Z"), "secured")
    }

    func testCaseIDsInAnyCaseAndWithoutLeadingZeros() throws {
        let id = try openCase()
        XCTAssertEqual(id, "LG-2026-000001")
        XCTAssertTrue(try ledger("contact", "lg-2026-000001", "--channel", "phone").hasPrefix("LG-2026-000001 version 2"))
        XCTAssertTrue(try ledger("show", "lg-2026-1", "--no-personal").contains("LG-2026-000001"))
    }

    func testUnknownCaseworkersAreRefusedWithTheClosestKnownOne() throws {
        try openCase(caseworker: "cw.mueller")
        try refused(64, "--caseworker 'cw.mueler' is no caseworker this ledger knows; did you mean 'cw.mueller'?",
                    ["open"] + Self.household + ["--caseworker", "cw.mueler"])
        let id = try openCase(caseworker: "cw.mueller")
        try refused(64, "add --new-caseworker if the name is meant", ["reassign", id, "--caseworker", "cw.schmidt"])
        try ledger("reassign", id, "--caseworker", "cw.schmidt", "--new-caseworker")
        try refused(64, "did you mean 'cw.mueller'?", ["caseload", "--caseworker", "cw.mueler"])
        try refused(64, "did you mean 'cw.schmidt'?", ["checks-due", "--caseworker", "cw.schmit"])
        XCTAssertTrue(try ledger("caseload", "--caseworker", "cw.test").contains("0 open cases"), "the actor is known")
        let listed = try XCTUnwrap(try json(try ledger("caseworkers", "--format", "json")) as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["caseworker"] as? String }, ["cw.mueller", "cw.schmidt"])
        XCTAssertEqual(listed.map { $0["open_cases"] as? Int }, [1, 1])
        XCTAssertTrue(try ledger("caseworkers").contains("2 caseworkers in this ledger"))
    }
}
