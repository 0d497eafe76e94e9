import Foundation
import XCTest
@testable import Ledger

/// The blind name index behind `find`: every spelling of a name finds the
/// case, a near miss does not; no name reaches a file; erasure leaves no
/// entry; amendments, rebuilds and ledgers made before the index keep it right.
final class NameIndexTests: XCTestCase {
    let fullName = "Jürgen Weiß-Müller"

    func find(_ world: PrivacyLedgerWorld, _ name: String, born: String? = nil, purpose: String? = nil) throws -> [CaseID] {
        let query = NameQuery(name: name, birthDate: try born.map { try XCTUnwrap(LocalDate($0)) })
        return try world.ledger.findCases(query, access: AccessRequest(actor: "cw.a", command: "find", purpose: purpose)).map(\.caseID)
    }

    func testNormalisationMatchesSpellingsAndKeepsNearMissesApart() {
        let same = ["Jürgen Weiß-Müller", "JUERGEN WEISS MUELLER", "ju\u{308}rgen weiss-mu\u{308}ller", "  Jürgen   Weiß – Müller ",
                    "JÜRGEN WEIẞ MÜLLER", "Juergen\u{AD} Weiss\u{2010}Mueller"]
        for spelling in same { XCTAssertEqual(NameNormalisation.normalise(spelling), "juergen weiss mueller", spelling) }
        for nearMiss in ["Jurgen Weiss Muller", "Jürgen Weis-Müller", "Jürgen Weiß", "Jürgen WeißMüller", "Jürgen Weiß-Müler"] {
            XCTAssertNotEqual(NameNormalisation.normalise(nearMiss), "juergen weiss mueller", nearMiss)
        }
        XCTAssertEqual(NameNormalisation.normalise(" - "), "")
    }

    func testTagsDependOnTheKeyAndOnNothingHashedBefore() throws {
        let key = try NameIndexKey(bytes: Array(repeating: 7, count: 32))
        let first = try XCTUnwrap(try key.tags(name: fullName, birthDate: "1980-02-03"))
        _ = try key.tags(name: "Erika Musterfrau", birthDate: "1970-01-01")
        XCTAssertEqual(try key.tags(name: "JUERGEN WEISS MUELLER", birthDate: "1980-02-03"), first)
        XCTAssertNotEqual(try key.tags(name: fullName, birthDate: "1980-02-04")?.nameAndBirth, first.nameAndBirth)
        XCTAssertEqual(try key.tags(name: fullName, birthDate: "1980-02-04")?.name, first.name)
        XCTAssertNotEqual(try NameIndexKey(bytes: Array(repeating: 8, count: 32)).tags(name: fullName, birthDate: "1980-02-03"), first)
    }

    func testANameIsFoundUnderAllItsSpellingsAndNotUnderANearMiss() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: fullName)
        let twin = try world.openCase(name: "Juergen Weiss Mueller", at: "2026-01-11T09:00:00Z")
        try world.openCase(name: "Jürgen Weiß", at: "2026-01-12T09:00:00Z")

        for spelling in ["Jürgen Weiß-Müller", "JUERGEN WEISS MUELLER", "ju\u{308}rgen weiss-mu\u{308}ller", "Jürgen  Weiß – Müller"] {
            XCTAssertEqual(try find(world, spelling), [id, twin], spelling)
        }
        for nearMiss in ["Jurgen Weiss Muller", "Jürgen Weis-Müller", "Jürgen Weiß-Müler", "Weiß-Müller"] {
            XCTAssertEqual(try find(world, nearMiss), [], nearMiss)
        }
        XCTAssertEqual(try find(world, "juergen weiss mueller", born: "1980-02-03"), [id, twin])
        XCTAssertEqual(try find(world, "juergen weiss mueller", born: "1980-02-04"), [])
        XCTAssertThrowsError(try find(world, " - ")) { XCTAssertEqual(($0 as? LedgerError)?.exitCode, 64) }
        world.close()
    }

    func testEverySearchIsLoggedWithoutTheName() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: fullName)
        XCTAssertEqual(try find(world, "Juergen Weiss-Mueller", purpose: "Anfrage 3/2026"), [id])
        XCTAssertEqual(try find(world, "Nie Gesehen", born: "1990-01-01"), [])

        let log = try world.ledger.accessLog()
        XCTAssertEqual(log.map(\.command), ["find", "find"])
        XCTAssertEqual(log.map(\.actor), ["cw.a", "cw.a"])
        XCTAssertEqual(log.first?.purpose, "Anfrage 3/2026")
        XCTAssertEqual(log.map(\.fields), [[], []], "a search opens nothing")
        let key = try XCTUnwrap(try world.ledger.nameIndexKey())
        let tags = try XCTUnwrap(try key.tags(name: fullName, birthDate: "1980-02-03"))
        XCTAssertEqual(log.first?.scope, .nameSearch(NameSearchRecord(query: tags.name, withBirthDate: false, matches: 1)))
        guard case .nameSearch(let second)? = log.last?.scope else { return XCTFail("not a search") }
        XCTAssertEqual(second.matches, 0)
        XCTAssertTrue(second.withBirthDate)
        XCTAssertEqual(try world.ledger.accessLog(AccessLogFilter(caseID: id)), [], "a search covers no case")
        XCTAssertEqual(try world.ledger.verify().accessLogEntries, 2)
        world.close()
    }

    func testNoNameInAnyFileOfTheLedgerFolder() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: fullName)
        XCTAssertEqual(try find(world, fullName), [id], "control: the index holds the case")
        world.close()
        for needle in [fullName, "Weiß", "Müller", "Jürgen", "juergen weiss mueller", "weiss", "mueller", "WEISS", "1980-02-03"] {
            XCTAssertEqual(DiskScan.filesContaining(Array(needle.utf8), under: world.directory), [], "'\(needle)' is in a file")
        }
    }

    func testAfterErasureTheNameIsNotFoundAndNoEntryRemains() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: fullName)
        let other = try world.openCase(name: "Erika Musterfrau", at: "2026-01-11T09:00:00Z")
        XCTAssertEqual(try find(world, fullName), [id])
        try world.close(id, at: "2026-02-01T09:00:00Z")
        try world.ledger.execute(.erase(id, reason: .subjectRequest), context: CommandContext(actor: "cw.a"))

        XCTAssertEqual(try find(world, fullName), [])
        XCTAssertEqual(try find(world, "Erika Musterfrau"), [other])
        let ledger = world.ledger
        XCTAssertEqual(try ledger.store.read { try NameIndex(store: ledger.store).indexedCases($0) }, [other])
        let entries = try ledger.store.read { txn -> [[UInt8]] in
            var keys: [[UInt8]] = []
            try txn.forEach(ledger.store.nameIndex) { key, _ in keys.append(Array(key)); return true }
            return keys
        }
        XCTAssertEqual(entries.count, 2, "one search and one by-case entry, both of the other case")
        XCTAssertFalse(entries.contains { DiskScan.contains($0, Array(id.rawValue.utf8)) })
        try world.ledger.rebuildNameIndex()
        XCTAssertEqual(try find(world, fullName), [], "a rebuild leaves the erased case out")
        world.close()
    }

    func testAnAmendedNameIsFoundAndTheOldOneIsNot() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Jürgen Weiss-Müler")
        try world.run(.correct(id, target: 1, change: .amend([(field: "person.name", value: fullName)]), reason: "Tippfehler"),
                      at: "2026-01-12T09:00:00Z")
        XCTAssertEqual(try find(world, fullName), [id])
        XCTAssertEqual(try find(world, "Jürgen Weiss-Müler"), [])
        // An amendment of another field carries the sealed person over: opened with the case key, it stays found.
        try world.run(.correct(id, target: 1, change: .amend([(field: "household.children", value: "1")]), reason: "berichtigt"),
                      at: "2026-01-13T09:00:00Z")
        XCTAssertEqual(try find(world, fullName), [id])
        world.close()
    }

    func testTheFirstSearchOfALedgerMadeBeforeTheIndexBuildsIt() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: fullName)
        let ledger = world.ledger
        try ledger.store.write { txn in
            try txn.clear(ledger.store.nameIndex)
            try NameIndex(store: ledger.store).markUnbuilt(txn)
        }
        let later = try world.openCase(name: fullName, at: "2026-01-11T09:00:00Z")
        XCTAssertEqual(try ledger.store.read { try NameIndex(store: ledger.store).indexedCases($0) }, [], "unbuilt: appends leave it alone")
        XCTAssertEqual(try find(world, fullName), [id, later])
        XCTAssertEqual(try world.ledger.rebuildNameIndex(), NameIndexReport(indexed: 2, withoutKey: 0))
        XCTAssertEqual(try find(world, fullName), [id, later])
        world.close()
    }

    func testAnImportIndexesPlainPersonsAndSealedOnesOnlyWithTheirKey() throws {
        let source = try PrivacyLedgerWorld(self)
        try source.openCase(name: fullName)
        let exported = try source.sealedExport()
        source.close()

        let world = try PrivacyLedgerWorld(self)
        let plain = world.directory + "/../plain.ndjson"
        let line = #"{"actor":"cw.a","case":"LG-2026-000001","data":{"caseworker":"cw.a","district":"kaltenmoor","#
            + #""household":{"adults":1,"children":0},"person":{"address":"x","birth_date":"1980-02-03","#
            + #""name":"Jürgen Weiß-Müller","phone":""},"source":"walk_in"},"occurred_at":"2026-01-10T09:00:00Z","#
            + #""schema":1,"type":"case.opened"}"#
        try (line + "\n").write(toFile: plain, atomically: true, encoding: .utf8)
        try world.ledger.importNDJSON(path: plain)
        let imported = try XCTUnwrap(CaseID("LG-2026-000001"))
        XCTAssertEqual(try find(world, "Juergen Weiss Mueller"), [imported], "a plain line is indexed as it is sealed")
        world.close()

        let fromSealed = try PrivacyLedgerWorld(self)
        let sealedFile = fromSealed.directory + "/../sealed.ndjson"
        try exported.write(toFile: sealedFile, atomically: true, encoding: .utf8)
        try fromSealed.ledger.importNDJSON(path: sealedFile)
        XCTAssertEqual(try find(fromSealed, fullName), [], "sealed without its key here: not found, as show cannot open it")
        fromSealed.close()
    }
}
