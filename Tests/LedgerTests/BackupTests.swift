import Foundation
import XCTest
@testable import Ledger

/// `backup` makes a verified, compacted copy that opens as a ledger; the
/// master key travels only when asked.
final class BackupTests: XCTestCase {
    func testABackupIsAVerifiedLedgerWithEveryKeyButNotTheMasterKey() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.run(.contact(id, channel: .phone, note: "Erstgespräch"), at: "2026-01-12T09:00:00Z")
        _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "cw.a", command: "show"))
        let destination = world.directory + "/../backup"

        let report = try world.ledger.backup(to: destination, withKey: false)

        XCTAssertEqual(report.verified.events, 2)
        XCTAssertEqual(report.verified.accessLogEntries, 1)
        XCTAssertEqual(report.verified.head, try world.ledger.head())
        XCTAssertFalse(report.keyCopied)
        XCTAssertEqual(report.keyFile, world.directory + "/master.key")
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination + "/master.key"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination + "/signing.key"), "the signing key stays out like the master key")
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination + ".partial"))
        XCTAssertEqual(DiskScan.filesContaining(Array("Musterfrau".utf8), under: destination), [])

        var options = PrivacyLedgerWorld.options(destination, FixedClock(PrivacyLedgerWorld.defaultNow))
        options.keyFile = world.directory + "/master.key"
        let copy = try Ledger.open(options)
        defer { copy.close() }
        XCTAssertEqual(copy.config, world.ledger.config, "the configuration comes along in data.mdb's meta")
        XCTAssertEqual(try copy.accessLog().count, 1)
        let opener = try copy.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show"))
        let view = PersonalView.build(try copy.events(of: id), opener: opener, erased: false)
        guard case .opened(.object(let person)) = view.person else { return XCTFail("the key did not come along: \(view.person)") }
        XCTAssertEqual(person["name"], .string("Erika Musterfrau"))
        XCTAssertEqual(try world.ledger.accessLog().count, 1, "a reveal in the copy is logged in the copy")
        world.close()
    }

    func testWithKeyCopiesTheMasterKeyAndTheSigningKey() throws {
        let world = try PrivacyLedgerWorld(self)
        try world.openCase(name: "Erika Musterfrau")
        let destination = try world.emptyBackupFolder()
        let report = try world.ledger.backup(to: destination, withKey: true)
        XCTAssertTrue(report.keyCopied)
        for name in ["master.key", "signing.key"] {
            XCTAssertEqual(FileManager.default.contents(atPath: destination + "/" + name),
                           FileManager.default.contents(atPath: world.directory + "/" + name), name)
            let attributes = try FileManager.default.attributesOfItem(atPath: destination + "/" + name)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, name)
        }
        let copy = try Ledger.open(PrivacyLedgerWorld.options(destination, FixedClock(PrivacyLedgerWorld.defaultNow)))
        defer { copy.close() }
        XCTAssertEqual(try copy.signedCheckpoint(), try world.ledger.signedCheckpoint(), "the copy signs as the ledger does")
        world.close()
    }

    func testABackupRefusesAFolderInUseAndLeavesNothingBehind() throws {
        let world = try PrivacyLedgerWorld(self)
        try world.openCase(name: "Erika Musterfrau")
        let destination = try world.emptyBackupFolder()
        try Data("keep".utf8).write(to: URL(fileURLWithPath: destination + "/notes.txt"))
        XCTAssertThrowsError(try world.ledger.backup(to: destination, withKey: false)) {
            XCTAssertEqual(($0 as? LedgerError)?.exitCode, 64)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: destination), ["notes.txt"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination + ".partial"))
        world.close()
    }

    func testAPendingErasureIsFinishedInTheCopy() throws {
        let world = try PrivacyLedgerWorld(self)
        let (_, stored) = try world.caseWithInterruptedErasure()
        let destination = world.directory + "/../backup"
        _ = try world.ledger.backup(to: destination, withKey: false)
        XCTAssertEqual(DiskScan.filesContaining(stored, under: destination), [], "an erased case's key must not come back through a backup")
        world.close()
    }
}

/// The folder a backup's rename is made durable in, for every shape of destination a person types.
final class BackupParentFolderTests: XCTestCase {
    func testTheParentFolderOfEveryShapeOfPath() {
        XCTAssertEqual(Ledger.parentFolder(of: "s"), ".")
        XCTAssertEqual(Ledger.parentFolder(of: "backup"), ".")
        XCTAssertEqual(Ledger.parentFolder(of: "a/b"), "a")
        XCTAssertEqual(Ledger.parentFolder(of: "a/b/"), "a")
        XCTAssertEqual(Ledger.parentFolder(of: "/b"), "/")
        XCTAssertEqual(Ledger.parentFolder(of: "/srv/backups/2026-12-01"), "/srv/backups")
    }
}
