import XCTest
@testable import Ledger

/// The rules of DOMAIN.md's tenancy law, checks and restriction: each
/// refused with exit 65 and its rule named, nothing written.
extension RulesTests {
    private func analyse(notice: String? = nil, kind: NoticeKind? = nil, suit: String? = nil) -> CaseCommand {
        .analyse(id, causes: [.rentArrears], risk: .high, evictionDate: nil, arrearsCents: nil, note: nil,
                 tenancy: TenancyDatesInput(noticeDate: notice.map(day), noticeKind: kind, suitDate: suit.map(day)))
    }

    func testTenancyDatesFollowTheirRules() throws {
        try refuse(analyse(kind: .extraordinary), "rule tenancy-dates")
        try refuse(analyse(notice: "2026-01-05"), "rule tenancy-dates")
        try refuse(analyse(notice: "2026-02-02", kind: .ordinary), "lies after the analysis's own date")
        try refuse(analyse(suit: "2026-02-02"), "lies after the analysis's own date")
        try refuse(analyse(notice: "2026-01-05", kind: .ordinary, suit: "2026-01-04"), "lies before notice_date")
        // On the event's own date (2026-02-01 in Berlin) both are fine; a suit alone is allowed.
        try ledger.execute(analyse(notice: "2026-02-01", kind: .extraordinary, suit: "2026-02-01"), context: context("2026-02-01T09:00:00Z"))
        try ledger.execute(analyse(suit: "2026-01-15"), context: context("2026-02-01T10:00:00Z"))
    }

    func testEffectiveDatesLieInTheEpisode() throws {
        // The case opened on 2026-01-10.
        try refuse(.secure(id, kind: .newTenancy, effective: day("2026-01-09")), "rule effective-date")
        try refuse(.accommodate(id, effective: day("2026-01-09"), place: "Notunterkunft"), "rule effective-date")
        try refuse(.secure(id, kind: .newTenancy, effective: day("2027-02-02")), "more than 365 days after")
        try ledger.execute(.secure(id, kind: .newTenancy, effective: day("2027-02-01")), context: context("2026-02-01T09:00:00Z"))
        try ledger.execute(.secure(id, kind: .newTenancy, effective: day("2026-01-10")), context: context("2026-02-01T09:00:00Z"))
    }

    func testChecksOnlyAfterAHousingSecuredClose() throws {
        try refuse(.check(id, status: .stillHoused), "rule check-after-secured-close")
        try ledger.execute(.close(id, reason: .contactLost), context: context("2026-01-20T09:00:00Z"))
        try refuse(.check(id, status: .stillHoused), "not housing_secured")
        try ledger.execute(.reopen(id, reason: "wieder da"), context: context("2026-01-21T09:00:00Z"))
        try ledger.execute(.secure(id, kind: .tenancyRetained, effective: day("2026-01-21")), context: context("2026-01-21T10:00:00Z"))
        try ledger.execute(.close(id, reason: .housingSecured), context: context("2026-01-22T09:00:00Z"))
        try refuse(.check(id, status: .stillHoused), at: "2026-01-21T09:00:00Z", "lies before the close")
        try ledger.execute(.check(id, status: .stillHoused), context: context("2026-04-22T09:00:00Z"))
        XCTAssertEqual(try ledger.record(of: id)?.episodes.last?.checks.map(\.status), [.stillHoused])
    }

    func testCaseworkWaitsWhileRestricted() throws {
        try refuse(.lift(id, reason: "nichts"), "rule case-must-be-restricted")
        try ledger.execute(.restrict(id, reason: .accuracyDisputed), context: context("2026-01-20T09:00:00Z"))
        try refuse(.restrict(id, reason: .objection), "already restricted")
        try refuse(.contact(id, channel: .phone, note: nil), "rule case-restricted")
        try refuse(.close(id, reason: .other), "rule case-restricted")
        // Rectification stays possible.
        try ledger.execute(.correct(id, target: 1, change: .amend([("household.adults", "2")]), reason: "Zahl"),
                           context: context("2026-01-21T09:00:00Z"))
        try ledger.execute(.lift(id, reason: "geklärt"), context: context("2026-01-22T09:00:00Z"))
        try ledger.execute(.contact(id, channel: .phone, note: nil), context: context("2026-01-23T09:00:00Z"))
        XCTAssertEqual(try ledger.record(of: id)?.state.isRestricted, false)
    }

    func testASchema1AnalysisCannotGainSchema2FieldsByACorrection() throws {
        let line = #"{"actor":"cw.test","case":"\#(id.rawValue)","data":{"causes":["rent_arrears"],"risk":"high"},"occurred_at":"2026-01-11T09:00:00Z","schema":1,"type":"situation.analysed"}"#
        let file = folder.file("v1.ndjson")
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: file))
        _ = try ledger.importNDJSON(path: file)
        try refuse(.correct(id, target: 2, change: .amend([("notice_date", "2026-01-05"), ("notice_kind", "ordinary")]), reason: "x"),
                   "rule correction-schema")
        // Its non-schema-2 fields can still be amended.
        try ledger.execute(.correct(id, target: 2, change: .amend([("risk", "acute")]), reason: "x"), context: context("2026-02-01T09:00:00Z"))
    }

    func testNonPersonalCorrectionsAfterErasure() throws {
        try ledger.execute(.analyse(id, causes: [.health], risk: .low, evictionDate: nil, arrearsCents: nil, note: "Notiz"),
                           context: context("2026-01-11T09:00:00Z"))
        try ledger.execute(.close(id, reason: .movedAway), context: context("2026-01-20T09:00:00Z"))
        try ledger.execute(.erase(id, reason: .subjectRequest), context: context("2026-01-21T09:00:00Z"))
        try refuse(.correct(id, target: 2, change: .amend([("note", "neu")]), reason: "x"), "rule case-erased")
        let before = try ledger.events(of: id)[1]
        try ledger.execute(.correct(id, target: 2, change: .amend([("risk", "high")]), reason: "Einschätzung"),
                           context: context("2026-02-01T09:00:00Z"))
        let correction = try XCTUnwrap(try ledger.events(of: id).last)
        guard case .entryCorrected(let c) = correction.payload, case .situationAnalysed(let amended)? = c.replacement?.payload,
              case .situationAnalysed(let original) = before.payload else { return XCTFail("not an amended analysis") }
        XCTAssertEqual(amended.risk, .high)
        XCTAssertEqual(amended.note, original.note, "the sealed note is carried over byte for byte")
        XCTAssertEqual(try ledger.record(of: id)?.state.analysis?.risk, .high)
    }
}

extension RulesTests {
    /// An import line cannot swap an erased case's sealed bytes through an amendment.
    func testAnAmendmentAfterErasureMustCarryTheSealedFieldsOver() throws {
        try ledger.execute(.analyse(id, causes: [.health], risk: .low, evictionDate: nil, arrearsCents: nil, note: "Notiz"),
                           context: context("2026-01-11T09:00:00Z"))
        try ledger.execute(.close(id, reason: .movedAway), context: context("2026-01-20T09:00:00Z"))
        try ledger.execute(.erase(id, reason: .subjectRequest), context: context("2026-01-21T09:00:00Z"))
        let line = #"{"actor":"cw.test","case":"\#(id.rawValue)","data":{"action":"amend","reason":"x","replacement":{"causes":["health"],"note":{"sealed":"\#(String(repeating: "A", count: 60))"},"risk":"high"},"target":2},"occurred_at":"2026-02-01T09:00:00Z","schema":1,"type":"entry.corrected"}"#
        let file = folder.file("swap.ndjson")
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let before = try exportBytes(ledger, folder: folder)
        assertRefused(65, "carry its sealed fields over unchanged") { _ = try ledger.importNDJSON(path: file) }
        XCTAssertEqual(try exportBytes(ledger, folder: folder), before)
    }
}
