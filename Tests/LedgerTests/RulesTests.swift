import LedgerTestSupport
import XCTest
@testable import Ledger

/// Every rule of DOMAIN.md refused by the decide step, with nothing written:
/// after each refusal the export is byte-for-byte what it was before.
final class RulesTests: XCTestCase {
    var folder: TemporaryFolder!
    var ledger: Ledger!
    var id: CaseID!

    override func setUpWithError() throws {
        folder = TemporaryFolder()
        ledger = try makeLedger(folder)
        id = try openCase(ledger)
    }

    override func tearDown() {
        ledger.close()
        folder = nil  // XCTest keeps each test's instance: let go of the folder so that it is removed now
    }

    /// Runs a command that must be refused and checks the ledger did not change.
    func refuse(_ command: CaseCommand, at: String = "2026-02-01T09:00:00Z", code: Int32 = 65, _ text: String,
                expect: UInt32? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try exportBytes(ledger, folder: folder)
        let head = try ledger.head()
        assertRefused(code, text, file: file, line: line) {
            try ledger.execute(command, context: context(at, expect: expect))
        }
        XCTAssertEqual(try exportBytes(ledger, folder: folder), before, "a refused command changed the log", file: file, line: line)
        XCTAssertEqual(try ledger.head(), head, file: file, line: line)
    }

    func testNothingButReopenCorrectOrEraseAfterClose() throws {
        try ledger.execute(.close(id, reason: .contactLost), context: context("2026-01-20T09:00:00Z"))
        try refuse(.contact(id, channel: .phone, note: "x"), "rule case-must-be-open")
        try refuse(.analyse(id, causes: [.health], risk: .low, evictionDate: nil, arrearsCents: nil, note: nil), "closed")
        try refuse(.close(id, reason: .other), "closed")
        try ledger.execute(.reopen(id, reason: "neue Rückstände"), context: context("2026-02-01T09:00:00Z"))
        XCTAssertEqual(try ledger.record(of: id)?.state.episode, 2)
    }

    func testReopenNeedsAClosedCaseAndEraseToo() throws {
        try refuse(.reopen(id, reason: "again"), "rule case-must-be-closed")
        try refuse(.erase(id, reason: .subjectRequest), "close it before erasing")
    }

    func testNothingButCorrectionsAfterErasure() throws {
        try ledger.execute(.close(id, reason: .movedAway), context: context("2026-01-20T09:00:00Z"))
        try ledger.execute(.erase(id, reason: .subjectRequest), context: context("2026-01-21T09:00:00Z"))
        try refuse(.reopen(id, reason: "back"), "rule case-erased")
        try refuse(.correct(id, target: 1, change: .amend([("person.name", "X")]), reason: "typo"), "erased")
        try refuse(.erase(id, reason: .subjectRequest), "the case is already erased")
    }

    func testAnAmendmentNamesOnlyTheTargetsFields() throws {
        try refuse(.correct(id, target: 1, change: .amend([("adults", "2")]), reason: "typo"), code: 64,
                   "case.opened has no field 'adults'; did you mean 'household.adults'?")
        try refuse(.correct(id, target: 1, change: .amend([("distrct", "altstadt")]), reason: "typo"), code: 64,
                   "did you mean 'district'?")
        try ledger.execute(.correct(id, target: 1, change: .amend([("household.adults", "2")]), reason: "typo"),
                           context: context("2026-01-20T09:00:00Z"))
        XCTAssertEqual(try ledger.record(of: id)?.state.household.adults, 2)
    }

    func testUnknownCaseIsExit66() throws {
        let unknown = CaseID(prefix: "LG", year: 1999, sequence: 999_999)
        try refuse(.contact(unknown, channel: .phone, note: nil), code: 66, "unknown case")
    }

    func testReferralMustExistAndBeOpen() throws {
        try refuse(.concludeReferral(id, referral: 7, result: .accepted), "no referral 7")
        let made = try ledger.execute(.refer(id, agency: .jobcenter, note: "Termin"), context: context("2026-01-12T09:00:00Z"))
        guard case .referralMade(let m) = made.payload else { return XCTFail("not a referral") }
        XCTAssertEqual(m.referral, 1)
        try ledger.execute(.concludeReferral(id, referral: 1, result: .accepted), context: context("2026-01-13T09:00:00Z"))
        try refuse(.concludeReferral(id, referral: 1, result: .declined), "already concluded")
    }

    func testHousingSecuredCloseNeedsAStandingSecured() throws {
        try refuse(.close(id, reason: .housingSecured), "rule housing-secured-before-close")
        let secured = try ledger.execute(.secure(id, kind: .tenancyRetained, effective: day("2026-01-15")),
                                         context: context("2026-01-15T09:00:00Z"))
        try ledger.execute(.correct(id, target: Int(secured.version), change: .void, reason: "wrong case"),
                           context: context("2026-01-16T09:00:00Z"))
        try refuse(.close(id, reason: .housingSecured), "housing_secured needs")
    }

    func testCannotVoidTheOnlySecuredOfAClosedSecuredEpisode() throws {
        let secured = try ledger.execute(.secure(id, kind: .newTenancy, effective: day("2026-01-15")),
                                         context: context("2026-01-15T09:00:00Z"))
        try ledger.execute(.close(id, reason: .housingSecured), context: context("2026-01-20T09:00:00Z"))
        try refuse(.correct(id, target: Int(secured.version), change: .void, reason: "x"), "only housing.secured")
    }

    func testCorrectionTargets() throws {
        try refuse(.correct(id, target: 1, change: .void, reason: "x"), "cannot void case.opened")
        try refuse(.correct(id, target: 9, change: .void, reason: "x"), "not an earlier version")
        let contact = try ledger.execute(.contact(id, channel: .phone, note: nil), context: context("2026-01-11T09:00:00Z"))
        let correction = try ledger.execute(.correct(id, target: Int(contact.version), change: .void, reason: "duplicate"),
                                            context: context("2026-01-11T10:00:00Z"))
        try refuse(.correct(id, target: Int(contact.version), change: .void, reason: "again"), "already voided")
        try refuse(.correct(id, target: Int(correction.version), change: .void, reason: "x"), "itself a correction")
    }

    func testReassignNeedsAnotherCaseworker() throws {
        try refuse(.reassign(id, caseworker: "cw.test"), "already assigned")
    }

    func testOccurredAtNotInTheFutureNorBeforeTheEpisode() throws {
        try refuse(.contact(id, channel: .phone, note: nil), at: "2026-11-25T12:06:00Z", "lies in the future")
        try ledger.execute(.contact(id, channel: .phone, note: nil), context: context("2026-11-25T12:04:00Z"))
        try refuse(.contact(id, channel: .phone, note: nil), at: "2025-12-31T09:00:00Z", "before the start")
    }

    func testDistrictMustBeConfigured() throws {
        try refuse(.open(district: "atlantis", source: .walkIn, household: Household(adults: 1, children: 0),
                         caseworker: "cw.test", person: person), "unknown district 'atlantis'")
        assertRefused(65, "did you mean 'kaltenmoor'") {
            try ledger.execute(.open(district: "kaltenmor", source: .walkIn, household: Household(adults: 1, children: 0),
                                     caseworker: "cw.test", person: person), context: context("2026-02-01T09:00:00Z"))
        }
    }

    func testStaleExpectedVersionIsAConflict() throws {
        try refuse(.contact(id, channel: .phone, note: nil), code: 75, "is at version 1, not 3", expect: 3)
        try ledger.execute(.contact(id, channel: .phone, note: nil), context: context("2026-01-11T09:00:00Z", expect: 1))
    }

    func testCaseIdsArePrefixYearSequence() throws {
        let second = try openCase(ledger, at: "2026-03-01T09:00:00Z")
        XCTAssertEqual(id.rawValue, "LG-2026-000001")
        XCTAssertEqual(second.rawValue, "LG-2026-000002")
        let nextYear = try openCase(ledger, at: "2025-12-31T23:30:00Z")
        XCTAssertEqual(nextYear.rawValue, "LG-2026-000003", "23:30 UTC on 31 Dec is already 2026 in Berlin")
    }
}
