import Foundation
import LMDB
import XCTest
@testable import Ledger

/// Erasure is final on disk: after `case.erased` the case key's bytes are in
/// no file of the ledger folder, while the log, its chain and the statistics
/// stay as they were.
final class ErasureOnDiskTests: XCTestCase {
    func testErasedKeyBytesAreInNoFileOfTheLedgerFolder() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        let other = try world.openCase(name: "Max Mustermann", at: "2026-01-11T09:00:00Z")
        try world.run(.contact(id, channel: .phone, note: "Erstgespräch"), at: "2026-01-12T09:00:00Z")
        try world.close(id, at: "2026-02-01T09:00:00Z")
        let raw = try XCTUnwrap(try world.rawKey(id))
        let stored = try XCTUnwrap(try world.storedKey(id))
        XCTAssertEqual(raw.count, 32)
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [world.directory + "/vault.mdb"],
                       "before erasure the key lies (wrapped) in the vault file and nowhere else")
        XCTAssertEqual(DiskScan.filesContaining(raw, under: world.directory), [],
                       "a case key is never on disk unwrapped")
        let before = try world.sealedExport()
        let recordBefore = try XCTUnwrap(try world.ledger.record(of: id))

        try world.ledger.execute(.erase(id, reason: .subjectRequest), context: CommandContext(actor: "cw.a"))

        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [], "the wrapped key survived erasure on disk")
        XCTAssertEqual(DiskScan.filesContaining(raw, under: world.directory), [])
        XCTAssertNil(try world.rawKey(id))
        XCTAssertNil(try world.storedKey(id))
        XCTAssertNotNil(try world.rawKey(other), "another case's key must survive")
        let after = try world.sealedExport()
        XCTAssertTrue(after.hasPrefix(before), "the log, its ciphertext and chain stay byte for byte")
        XCTAssertEqual(after.split(separator: "\n").count, before.split(separator: "\n").count + 1)
        let recordAfter = try XCTUnwrap(try world.ledger.record(of: id))
        XCTAssertEqual(recordAfter.episodes, recordBefore.episodes, "statistics are unchanged")
        XCTAssertTrue(recordAfter.state.isErased)
        XCTAssertEqual(try world.ledger.verify().events, 5)
        world.close()
    }

    /// The control: deleting the key inside the LMDB file, as a plain delete
    /// does, leaves its bytes in the file. This is why the vault is rewritten.
    func testAPlainLMDBDeleteLeavesTheKeyBytesInTheFile() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        let stored = try XCTUnwrap(try world.storedKey(id))
        let file = VaultFile(directory: world.directory, lockTimeout: 5)
        try file.withEnvironment(.exclusive) { env, db throws(LedgerError) in
            try VaultFile.run("vault") { try env.write { txn in _ = try txn.delete(db, key: Array(id.rawValue.utf8)) } }
        }
        XCTAssertNil(try world.storedKey(id))
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [world.directory + "/vault.mdb"])
        world.close()
    }

    /// A crash after the fresh vault is written but before the rename leaves
    /// the old vault whole; the leftover is ignored and the next run finishes.
    func testACrashBeforeTheRenameLeavesTheOldVaultWhole() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        let other = try world.openCase(name: "Max Mustermann", at: "2026-01-11T09:00:00Z")
        let stored = try XCTUnwrap(try world.storedKey(id))
        let file = VaultFile(directory: world.directory, lockTimeout: 5)
        XCTAssertThrowsError(try file.remove([id], beforeRename: { () throws(LedgerError) in throw .io("simulated crash") }))
        XCTAssertNotNil(try world.rawKey(id), "the old vault must still be whole")
        XCTAssertNotNil(try world.rawKey(other))
        XCTAssertTrue(FileManager.default.fileExists(atPath: world.directory + "/vault.mdb.new"))
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [world.directory + "/vault.mdb"],
                       "the half-finished new vault must not hold the key either")
        try file.remove([id])
        XCTAssertNil(try world.rawKey(id))
        XCTAssertNotNil(try world.rawKey(other))
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.directory + "/vault.mdb.new"))
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [])
        world.close()
    }

    /// A crash after `case.erased` committed but before its key was destroyed:
    /// the pending mark makes the next open finish the destruction.
    func testAnInterruptedErasureFinishesOnTheNextOpen() throws {
        let world = try PrivacyLedgerWorld(self)
        let (id, stored) = try world.caseWithInterruptedErasure()
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [world.directory + "/vault.mdb"],
                       "the simulated crash left the key in place")
        try world.reopen()
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [])
        let pending = try world.ledger.store.read { txn in try txn.value(world.ledger.store.meta, key: StoreKeys.pendingErasure(id)) }
        XCTAssertNil(pending, "the pending mark is cleared once the key is gone")
        world.close()
    }

    /// Erasing needs no master key: an office can finish erasures without it.
    func testPendingErasuresFinishWithoutTheMasterKey() throws {
        let world = try PrivacyLedgerWorld(self)
        let (_, stored) = try world.caseWithInterruptedErasure()
        world.close()
        let moved = world.directory + "/../moved.key"
        XCTAssertEqual(rename(world.directory + "/master.key", moved), 0)
        let reopened = try Ledger.open(PrivacyLedgerWorld.options(world.directory, FixedClock(PrivacyLedgerWorld.defaultNow)))
        reopened.close()
        XCTAssertEqual(DiskScan.filesContaining(stored, under: world.directory), [])
    }
}
