import Foundation
import LedgerTestSupport
import XCTest

/// Restriction of processing (Art. 18 GDPR) through the real executable:
/// casework waits (exit 65, the rule named), every view marks the case, and
/// its personal data opens only with a purpose, flagged in the access log.
final class RestrictionCLITests: CLITestCase {
    func testCaseworkWaitsWhileACaseIsRestricted() throws {
        let id = try openCase(name: "Erika Musterfrau")
        try succeed(["restrict", id, "--reason", "accuracy_disputed", "--occurred-at", "2026-01-06T09:00:00+01:00"])

        let rule = "rule case-restricted"
        try refuse(65, rule, ["contact", id, "--channel", "phone"])
        try refuse(65, rule, ["follow-up", id, "--due", "2026-02-01", "--purpose", "Unterlagen prüfen"])
        try refuse(65, rule, ["mediate", id, "--party", "landlord", "--outcome", "agreement"])
        try refuse(65, rule, ["close", id, "--reason", "other"])
        try refuse(65, "already restricted", ["restrict", id, "--reason", "objection"])
        try succeed(["correct", id, "--version", "1", "--amend", "household.children=1", "--reason", "berichtigt"])

        try succeed(["lift", id, "--reason", "Daten berichtigt"])
        try succeed(["contact", id, "--channel", "phone"])
    }

    func testEveryViewMarksARestrictedCase() throws {
        let id = try openCase(name: "Erika Musterfrau")
        let other = try openCase(name: "Max Mustermann")
        try succeed(["restrict", id, "--reason", "objection"])

        XCTAssertTrue(try succeed(["show", id, "--no-personal"]).contains("restricted       yes"))
        XCTAssertTrue(try succeed(["history", id, "--no-personal"]).hasPrefix("\(id): restricted (Art. 18 GDPR)"))
        XCTAssertFalse(try succeed(["history", other, "--no-personal"]).contains("restricted (Art. 18"))
        let rows = try XCTUnwrap(try json(["caseload"]) as? [[String: Any]])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: rows.map { ($0["case"] as? String ?? "", $0["restricted"] as? Bool) }),
                       [id: true, other: false])
    }

    func testChecksDueLeaveOutARestrictedCase() throws {
        let id = try openCase(name: "Erika Musterfrau")
        try succeed(["secure", id, "--kind", "tenancy_retained", "--effective", "2026-01-10", "--occurred-at", "2026-01-10T09:00:00+01:00"])
        try succeed(["close", id, "--reason", "housing_secured", "--occurred-at", "2026-01-15T09:00:00+01:00"])
        let day = ["checks-due", "--day", "2026-04-15"]
        XCTAssertEqual((try json(day) as? [[String: Any]])?.compactMap { $0["case"] as? String }, [id])

        try succeed(["restrict", id, "--reason", "legal_claims", "--occurred-at", "2026-02-01T09:00:00+01:00"])
        XCTAssertEqual((try json(day) as? [[String: Any]])?.count, 0, "a restricted case gets no calls")
        try succeed(["lift", id, "--reason", "Rechtsstreit abgeschlossen", "--occurred-at", "2026-02-02T09:00:00+01:00"])
        XCTAssertEqual((try json(day) as? [[String: Any]])?.count, 1)
    }

    func testRevealingARestrictedCaseNeedsAPurposeAndIsFlagged() throws {
        let id = try openCase(name: "Erika Musterfrau")
        try succeed(["restrict", id, "--reason", "accuracy_disputed"])

        try refuse(65, "rule case-restricted", ["show", id])
        try refuse(65, "rule case-restricted", ["history", id])
        try refuse(65, "rule case-restricted", ["export", "--reveal"])
        XCTAssertTrue(try succeed(["show", id, "--purpose", "Az. 44/2026"]).contains("Erika Musterfrau"))
        let log = try XCTUnwrap(try json(["access-log"]) as? [[String: Any]])
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.first?["restricted"] as? Bool, true)
        XCTAssertEqual(log.first?["purpose"] as? String, "Az. 44/2026")
        XCTAssertTrue(try succeed(["access-log"]).contains("\(id) (restricted)"))
    }
}
