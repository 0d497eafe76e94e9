import Foundation
import XCTest
@testable import Ledger

/// `retention` finds the cases closed, and not reopened, for the retention
/// period as of the clock's today, and erases them all at once.
final class RetentionTests: XCTestCase {
    /// 2036-03-01T12:00:00Z.
    static let inTenYears: Int64 = 2_087_985_600

    func testDueCasesAreThoseClosedOnOrBeforeTheSameDayYearsAgo() throws {
        let world = try PrivacyLedgerWorld(self, now: RetentionTests.inTenYears)
        let exactly = try world.openCase(name: "A Eins")
        try world.close(exactly, at: "2026-03-01T10:00:00Z")
        let dayLater = try world.openCase(name: "B Zwei", at: "2026-01-11T09:00:00Z")
        try world.close(dayLater, at: "2026-03-02T10:00:00Z")
        let reopened = try world.openCase(name: "C Drei", at: "2026-01-12T09:00:00Z")
        try world.close(reopened, at: "2026-02-01T10:00:00Z")
        try world.run(.reopen(reopened, reason: "neue Rückstände"), at: "2026-02-10T10:00:00Z")
        try world.close(reopened, at: "2026-04-01T10:00:00Z")
        let open = try world.openCase(name: "D Vier", at: "2026-01-13T09:00:00Z")

        let report = try world.ledger.retentionCandidates()
        XCTAssertEqual(report.years, 10, "the default comes from the ledger's configuration")
        XCTAssertEqual(report.today.description, "2036-03-01")
        XCTAssertEqual(report.cutoff.description, "2026-03-01")
        XCTAssertEqual(report.candidates.map(\.caseID), [exactly])
        XCTAssertEqual(report.candidates.first?.closed.description, "2026-03-01")
        XCTAssertFalse(report.applied)
        XCTAssertEqual(try world.ledger.retentionCandidates(closedFor: 9).candidates.map(\.caseID), [exactly, dayLater, reopened])
        XCTAssertFalse(try world.ledger.retentionCandidates(closedFor: 1).candidates.contains { $0.caseID == open })
        XCTAssertThrowsError(try world.ledger.retentionCandidates(closedFor: 0)) { XCTAssertEqual(($0 as? LedgerError)?.exitCode, 64) }
        world.close()
    }

    func testTheConfiguredPeriodIsTheDefault() throws {
        let world = try PrivacyLedgerWorld(self, now: RetentionTests.inTenYears, config: LedgerConfig(retentionYears: 5))
        let id = try world.openCase(name: "A Eins")
        try world.close(id, at: "2031-03-01T10:00:00Z")
        XCTAssertEqual(try world.ledger.retentionCandidates().years, 5)
        XCTAssertEqual(try world.ledger.retentionCandidates().candidates.map(\.caseID), [id])
        world.close()
    }

    func testTheTwentyNinthOfFebruary() throws {
        // Closed 2016-02-29; ten years later there is no 29 February: the period ends on 2026-02-28.
        let world = try PrivacyLedgerWorld(self, now: 1_772_280_000 - 86_400)  // 2026-02-27T12:00Z
        let id = try world.openCase(name: "A Eins", at: "2016-01-10T09:00:00Z")
        try world.close(id, at: "2016-02-29T10:00:00Z")
        XCTAssertEqual(try world.ledger.retentionCandidates().candidates, [])
        try world.reopen(now: 1_772_280_000)  // 2026-02-28T12:00Z
        let report = try world.ledger.retentionCandidates()
        XCTAssertEqual(report.candidates.map(\.caseID), [id])
        XCTAssertEqual(report.cutoff.description, "2016-02-29")
        world.close()
    }

    func testApplyErasesEveryDueCaseAndTheirKeys() throws {
        let world = try PrivacyLedgerWorld(self, now: RetentionTests.inTenYears)
        let a = try world.openCase(name: "A Eins")
        let b = try world.openCase(name: "B Zwei", at: "2026-01-11T09:00:00Z")
        let keep = try world.openCase(name: "C Drei", at: "2026-01-12T09:00:00Z")
        try world.close(a, at: "2026-02-01T10:00:00Z")
        try world.close(b, at: "2026-02-02T10:00:00Z")
        let stored = [try XCTUnwrap(try world.storedKey(a)), try XCTUnwrap(try world.storedKey(b))]
        let before = try world.sealedExport()

        let report = try world.ledger.applyRetention(actor: "office.it")

        XCTAssertTrue(report.applied)
        XCTAssertEqual(report.candidates.map(\.caseID), [a, b])
        for id in [a, b] {
            let last = try XCTUnwrap(try world.ledger.events(of: id).last)
            XCTAssertEqual(last.payload, .caseErased(CaseErased(reason: .retentionExpired)))
            XCTAssertEqual(last.actor, "office.it")
            XCTAssertEqual(try world.ledger.record(of: id)?.state.phase, .erased)
        }
        for bytes in stored { XCTAssertEqual(DiskScan.filesContaining(bytes, under: world.directory), []) }
        XCTAssertNotNil(try world.rawKey(keep))
        XCTAssertTrue(try world.sealedExport().hasPrefix(before))
        XCTAssertEqual(try world.ledger.applyRetention(actor: "office.it").candidates, [], "nothing is due twice")
        XCTAssertNoThrow(try world.ledger.verify())
        world.close()
    }
}
