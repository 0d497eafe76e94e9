import Foundation
import LMDB
import LedgerTestSupport
import XCTest
@testable import Ledger

/// `verify` notices altered bytes in the log and in the access log, naming
/// the first problem, and checks published checkpoints.
final class VerifyTamperTests: XCTestCase {
    private func worldWithHistory() throws -> (PrivacyLedgerWorld, CaseID) {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.run(.contact(id, channel: .phone, note: "Erstgespräch"), at: "2026-01-12T09:00:00Z")
        try world.run(.followUp(id, due: try XCTUnwrap(LocalDate("2026-02-01")), purpose: "Unterlagen"), at: "2026-01-12T10:00:00Z")
        return (world, id)
    }

    /// Replaces the first occurrence of `old` inside the stored value by `new` (same length).
    private func patchValue(_ world: PrivacyLedgerWorld, _ db: Database, key: [UInt8], _ old: String, _ new: String) throws {
        let store = world.ledger.store
        try store.write { txn in
            var value = try XCTUnwrap(try txn.value(db, key: key))
            let at = try XCTUnwrap(DiskScan.offsets(of: Array(old.utf8), in: value).first, "\(old) not in the value")
            value.replaceSubrange(at..<(at + old.utf8.count), with: Array(new.utf8))
            try txn.put(db, key: key, value: value)
        }
    }

    /// Asserts that `body` throws `LedgerError.corrupted` with a message holding every one of `parts`.
    private func assertCorrupted<T>(_ body: @autoclosure () throws -> T, containing parts: String...,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case .corrupted(let message)? = error as? LedgerError else { return XCTFail("\(error)", file: file, line: line) }
            for part in parts { XCTAssertTrue(message.contains(part), message, file: file, line: line) }
        }
    }

    func testAFlippedByteInAnEventIsNamedByPosition() throws {
        let (world, _) = try worldWithHistory()
        XCTAssertEqual(try world.ledger.verify().events, 3)
        try patchValue(world, world.ledger.store.events, key: KeyBytes.u64(3), "Unterlagen", "Unterlagex")
        assertCorrupted(try world.ledger.verify(), containing: "position 3", "altered")
        world.close()
    }

    /// No hash covers bytes after a stored event's payload: every reader refuses them, not only verify.
    func testBytesAppendedToAStoredEventAreRefusedByEveryReader() throws {
        let (world, id) = try worldWithHistory()
        let store = world.ledger.store
        let scratch = TemporaryFolder()
        for extra: [UInt8] in [[0], [0x02, 0x00, 0xff, 0x00], Array(repeating: 0x41, count: 40)] {
            try store.write { txn in
                let value = try XCTUnwrap(try txn.value(store.events, key: KeyBytes.u64(2)))
                try txn.put(store.events, key: KeyBytes.u64(2), value: value + extra)
            }
            assertCorrupted(try world.ledger.verify(), containing: "position 2", "trailing bytes")
            assertCorrupted(try world.ledger.events(of: id), containing: "trailing bytes")
            assertCorrupted(try world.ledger.rebuildProjections(), containing: "trailing bytes")
            assertCorrupted(try exportBytes(world.ledger, folder: scratch), containing: "trailing bytes")
            try store.write { txn in
                let value = try XCTUnwrap(try txn.value(store.events, key: KeyBytes.u64(2)))
                try txn.put(store.events, key: KeyBytes.u64(2), value: Array(value.dropLast(extra.count)))
            }
            XCTAssertNoThrow(try world.ledger.verify())
        }
        world.close()
    }

    func testAFlippedByteInTheAccessLogIsNamedByEntry() throws {
        let (world, id) = try worldWithHistory()
        for purpose in ["Az. 1", "Az. 2", "Az. 3"] {
            _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show", purpose: purpose))
        }
        XCTAssertEqual(try world.ledger.verify().accessLogEntries, 3)
        try patchValue(world, world.ledger.store.accessLog, key: KeyBytes.u64(2), "Az. 2", "Az. 9")
        XCTAssertThrowsError(try world.ledger.verify()) { error in
            XCTAssertEqual(error as? LedgerError, .corrupted("access log entry 2 does not match its hash: it was altered"))
        }
        world.close()
    }

    func testARemovedAccessLogEntryIsNoticed() throws {
        let (world, id) = try worldWithHistory()
        for _ in 0..<2 { _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show")) }
        let store = world.ledger.store
        try store.write { txn in _ = try txn.delete(store.accessLog, key: KeyBytes.u64(2)) }
        assertCorrupted(try world.ledger.verify(), containing: "access log ends at entry 1")
        world.close()
    }

    /// Dropping the newest entry and rewriting the recorded head to the one before (as mdb_dump/mdb_load
    /// allow) leaves a consistent access log: only a published checkpoint's access-log head shows it.
    func testAnAccessLogShortenedWithItsHeadRewrittenFailsAgainstTheCheckpoint() throws {
        let (world, id) = try worldWithHistory()
        for purpose in ["Az. 1", "Az. 2"] {
            _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show", purpose: purpose))
        }
        let sealed = try world.ledger.sealedCheckpoint()
        XCTAssertEqual(sealed.accessLog?.count, 2)
        XCTAssertEqual(Checkpoint(sealed.description), sealed, "the four-part form reads back")
        XCTAssertTrue(try world.ledger.verify(against: sealed).accessLogAgainstCheckpoint)
        let store = world.ledger.store
        let first = try XCTUnwrap(world.ledger.accessLog().first)
        try store.write { txn in
            _ = try txn.delete(store.accessLog, key: KeyBytes.u64(2))
            var head = ByteWriter(capacity: 40)
            head.u64BE(1)
            head.hash(first.hash)
            try txn.put(store.meta, key: StoreKeys.accessHead, value: head.bytes)
        }
        XCTAssertEqual(try world.ledger.verify().accessLogEntries, 1, "the shortened log is consistent in itself")
        assertCorrupted(try world.ledger.verify(against: sealed), containing: "access log ends at entry 1", "entry 2")
        let old = Checkpoint(position: sealed.position, hash: sealed.hash)
        XCTAssertFalse(try world.ledger.verify(against: old).accessLogAgainstCheckpoint, "an old POSITION:HASH carries no access-log head")
        world.close()
    }

    func testAnAccessLogEntryRewrittenAtTheCheckpointsCountFails() throws {
        let (world, id) = try worldWithHistory()
        _ = try world.ledger.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show", purpose: "Az. 1"))
        let sealed = try world.ledger.sealedCheckpoint()
        var forged = sealed
        forged.accessLog = AccessLogHead(count: 1, hash: sealed.hash)  // the event's hash: not the entry's
        assertCorrupted(try world.ledger.verify(against: forged), containing: "access log entry 1 does not carry the published hash")
        XCTAssertNil(Checkpoint("3:\(sealed.hash.hex):0:\(sealed.hash.hex)"), "an empty access log has the zero hash")
        world.close()
    }

    /// The bytes are changed in the file itself, as someone with access to the disk would.
    func testBytesPatchedInDataMdbAreNoticed() throws {
        let (world, _) = try worldWithHistory()
        world.close()
        let path = world.directory + "/data.mdb"
        var bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
        let offsets = DiskScan.offsets(of: Array("Unterlagen".utf8), in: bytes)
        XCTAssertFalse(offsets.isEmpty)
        for at in offsets { bytes[at + 9] = UInt8(ascii: "x") }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try world.reopen()
        assertCorrupted(try world.ledger.verify(), containing: "position 3")
        world.close()
    }

    func testPublishedCheckpoints() throws {
        let (world, id) = try worldWithHistory()
        let sealed = Checkpoint(try world.ledger.head())
        XCTAssertEqual(sealed.position, 3)
        XCTAssertEqual(Checkpoint(sealed.description), sealed)
        try world.run(.contact(id, channel: .letter, note: nil), at: "2026-01-20T09:00:00Z")
        XCTAssertEqual(try world.ledger.verify(against: sealed).events, 4, "a longer log still extends the checkpoint")
        XCTAssertNoThrow(try world.ledger.verify(against: Checkpoint(position: 0, hash: .zero)))

        var wrong = sealed
        wrong.hash.d ^= 1
        assertCorrupted(try world.ledger.verify(against: wrong), containing: "position 3")
        assertCorrupted(try world.ledger.verify(against: Checkpoint(position: 9, hash: sealed.hash)), containing: "before the published checkpoint")
        XCTAssertThrowsError(try world.ledger.verify(against: Checkpoint(position: 0, hash: sealed.hash)))
        world.close()
    }

    func testCheckpointText() {
        let hex = String(repeating: "ab", count: 32)
        XCTAssertEqual(Checkpoint("12:\(hex)")?.position, 12)
        XCTAssertEqual(Checkpoint("12:\(hex.uppercased())")?.hash.hex, hex)
        for bad in ["", "12", ":\(hex)", "12:\(hex.dropLast())", "-1:\(hex)", "+1:\(hex)", "1:2:\(hex)", "x:\(hex)", "12:\(hex)0"] {
            XCTAssertNil(Checkpoint(bad), bad)
        }
    }
}
