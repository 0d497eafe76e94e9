import Foundation
import XCTest
@testable import Ledger

/// Every reveal is in the hash-chained access log before anything is opened.
final class AccessLogTests: XCTestCase {
    func testARevealIsRecordedBeforeTheFieldsOpen() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.run(.contact(id, channel: .phone, note: "Erstgespräch"), at: "2026-01-12T09:00:00Z")
        XCTAssertEqual(try world.ledger.accessLog(), [])

        let opener = try world.ledger.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show", purpose: "Az. 12/2026"))

        let log = try world.ledger.accessLog()
        XCTAssertEqual(log.count, 1)
        let entry = try XCTUnwrap(log.first)
        XCTAssertEqual(entry.sequence, 1)
        XCTAssertEqual(entry.actor, "auditor.b")
        XCTAssertEqual(entry.command, "show")
        XCTAssertEqual(entry.scope, .cases([id]))
        XCTAssertEqual(entry.fields, ["person", "note"])
        XCTAssertEqual(entry.purpose, "Az. 12/2026")
        XCTAssertEqual(entry.at, .utc(epochSeconds: PrivacyLedgerWorld.defaultNow))
        XCTAssertEqual(entry.prev, .zero)
        let view = PersonalView.build(try world.ledger.events(of: id), opener: opener, erased: false)
        guard case .opened(.object(let person)) = view.person else { return XCTFail("the person did not open: \(view.person)") }
        XCTAssertEqual(person["name"], .string("Erika Musterfrau"))
        XCTAssertEqual(view.notes.map(\.value), [.opened(.string("Erstgespräch"))])

        _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "history"))
        let second = try XCTUnwrap(try world.ledger.accessLog().last)
        XCTAssertEqual(second.sequence, 2)
        XCTAssertEqual(second.prev, entry.hash, "entries are chained")
        XCTAssertNil(second.purpose)
        XCTAssertEqual(try world.ledger.verify().accessLogEntries, 2)
        world.close()
    }

    func testRefusedRevealsRecordNothing() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        let unknown = try XCTUnwrap(CaseID("LG-1999-999999"))
        XCTAssertThrowsError(try world.ledger.opener(for: unknown, access: AccessRequest(actor: "cw.a", command: "show"))) {
            XCTAssertEqual($0 as? LedgerError, .unknownCase(unknown.rawValue))
        }
        XCTAssertThrowsError(try world.ledger.opener(for: id, access: AccessRequest(actor: "cw a", command: "show")))
        XCTAssertThrowsError(try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "show", purpose: "a\u{7}b"))) {
            XCTAssertEqual(($0 as? LedgerError)?.exitCode, 65)
        }
        XCTAssertEqual(try world.ledger.accessLog(), [])
        world.close()
    }

    func testAnErasedCaseOpensNothingAndRecordsNothing() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.close(id, at: "2026-02-01T09:00:00Z")
        try world.ledger.execute(.erase(id, reason: .subjectRequest), context: CommandContext(actor: "cw.a"))
        let opener = try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "show"))
        XCTAssertEqual(try world.ledger.accessLog(), [])
        let view = PersonalView.build(try world.ledger.events(of: id), opener: opener, erased: true)
        XCTAssertEqual(view.person, .erased)
        world.close()
    }

    func testARevealingExportCoversTheWholeLogAsItStood() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.openCase(name: "Max Mustermann", at: "2026-01-11T09:00:00Z")
        let text = try world.sealedExport(mode: .revealed(AccessRequest(actor: "auditor.b", command: "export --reveal", purpose: "Prüfung")))
        XCTAssertTrue(text.contains("Erika Musterfrau"))
        let entry = try XCTUnwrap(try world.ledger.accessLog().first)
        XCTAssertEqual(entry.scope, .wholeLog(through: 2))
        XCTAssertEqual(entry.fields, ["person", "note", "place"])
        XCTAssertEqual(try world.ledger.accessLog(AccessLogFilter(caseID: id)).count, 1, "a whole-log reveal covers every case in it")
        let later = try world.openCase(name: "Neu Fall", at: "2026-01-12T09:00:00Z")
        XCTAssertEqual(try world.ledger.accessLog(AccessLogFilter(caseID: later)).count, 0, "a case opened after the export was not covered")
        world.close()
    }

    func testFiltersByCaseActorAndDay() throws {
        let world = try PrivacyLedgerWorld(self)
        let a = try world.openCase(name: "Erika Musterfrau")
        let b = try world.openCase(name: "Max Mustermann", at: "2026-01-11T09:00:00Z")
        _ = try world.ledger.opener(for: a, access: AccessRequest(actor: "cw.a", command: "show"))
        try world.reopen(now: PrivacyLedgerWorld.defaultNow + 86_400)
        _ = try world.ledger.opener(for: b, access: AccessRequest(actor: "cw.b", command: "history"))
        try world.reopen(now: PrivacyLedgerWorld.defaultNow + 2 * 86_400)
        _ = try world.ledger.opener(for: a, access: AccessRequest(actor: "cw.b", command: "show"))
        let log = world.ledger
        XCTAssertEqual(try log.accessLog(AccessLogFilter(caseID: a)).map(\.sequence), [1, 3])
        XCTAssertEqual(try log.accessLog(AccessLogFilter(actor: "cw.b")).map(\.sequence), [2, 3])
        let day2 = try XCTUnwrap(LocalDate("2026-11-26"))
        XCTAssertEqual(try log.accessLog(AccessLogFilter(from: day2, through: day2)).map(\.sequence), [2])
        XCTAssertEqual(try log.accessLog(AccessLogFilter(from: day2)).map(\.sequence), [2, 3])
        XCTAssertEqual(try log.accessLog(AccessLogFilter(through: day2)).map(\.sequence), [1, 2])
        world.close()
    }

    func testTheCodecRoundTrips() throws {
        let id = try XCTUnwrap(CaseID("LG-2026-000001"))
        let search = NameSearchRecord(query: ChainHashing.sha256(Array("query".utf8)), withBirthDate: true, matches: 3)
        for scope in [AccessScope.cases([id]), .wholeLog(through: 77), .nameSearch(search)] {
            for (purpose, restricted) in [(nil, false), ("Widerspruch", true)] as [(String?, Bool)] {
                let (bytes, hash) = AccessLogCodec.encode(sequence: 9, at: .utc(epochSeconds: 5), actor: "a", command: "show",
                                                          scope: scope, fields: ["person"], purpose: purpose,
                                                          restricted: restricted, prev: .zero)
                let decoded = try bytes.withUnsafeBytes { try AccessLogCodec.decode($0, sequence: 9) }
                XCTAssertTrue(decoded.hashMatches)
                XCTAssertEqual(decoded.entry, AccessEntry(sequence: 9, at: .utc(epochSeconds: 5), actor: "a", command: "show", scope: scope,
                                                          fields: ["person"], purpose: purpose, restricted: restricted,
                                                          prev: .zero, hash: hash))
                let other = try bytes.withUnsafeBytes { try AccessLogCodec.decode($0, sequence: 10) }
                XCTAssertFalse(other.hashMatches, "the sequence number is covered by the hash")
            }
        }
    }

    /// Entries written before the flags byte (format 1) still read, unflagged.
    func testFormatOneEntriesStillDecode() throws {
        let id = try XCTUnwrap(CaseID("LG-2026-000001"))
        var (bytes, _) = AccessLogCodec.encode(sequence: 4, at: .utc(epochSeconds: 5), actor: "a", command: "show",
                                               scope: .cases([id]), fields: ["note"], purpose: "Az. 1", prev: .zero)
        bytes[0] = AccessLogCodec.formatWithoutFlags
        bytes.removeLast(32 + 32 + 1)  // hash, prev and the flags byte
        bytes += ChainHash.zero.bytes
        bytes += AccessLogCodec.hashOf(sequence: 4, body: bytes).bytes
        let decoded = try bytes.withUnsafeBytes { try AccessLogCodec.decode($0, sequence: 4) }
        XCTAssertTrue(decoded.hashMatches)
        XCTAssertEqual(decoded.entry.scope, .cases([id]))
        XCTAssertEqual(decoded.entry.purpose, "Az. 1")
        XCTAssertFalse(decoded.entry.restricted)
    }
}
