import Foundation
import LMDB
import XCTest
@testable import Ledger

/// The stored head must name the last event exactly (position, hash and
/// recorded_at) and must not lie ahead of the clock: else `recorded_at`,
/// which never goes back along the chain, would carry a forged time into
/// every later event for good.
final class HeadTamperTests: XCTestCase {
    private func world() throws -> (PrivacyLedgerWorld, CaseID) {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.run(.contact(id, channel: .phone, note: nil), at: "2026-01-12T09:00:00Z")
        return (world, id)
    }

    /// The reviewer's attack: the head's recorded_at set to 2099 passed verify, and the next append took it.
    func testAHeadRecordedIn2099IsCaughtAndNotBuiltOn() throws {
        let (world, id) = try world()
        let store = world.ledger.store
        let head = try world.ledger.head()
        var forged = head
        forged.recordedAt = Timestamp("2099-01-01T00:00:00Z")
        try store.write { txn in try store.putHead(forged, txn) }

        XCTAssertThrowsError(try world.ledger.verify()) { error in
            guard case .corrupted(let message)? = error as? LedgerError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("recorded_at") && message.contains("head"), message)
        }
        assertRefused(65, "head") { try world.run(.contact(id, channel: .letter, note: nil), at: "2026-01-13T09:00:00Z") }
        XCTAssertEqual(try world.ledger.events(of: id).count, 2, "nothing may be appended on a forged head")

        try store.write { txn in try store.putHead(head, txn) }
        XCTAssertNoThrow(try world.ledger.verify())
        world.close()
    }

    func testAHeadNamingAnotherEventIsNotBuiltOn() throws {
        let (world, id) = try world()
        let store = world.ledger.store
        var stale = try world.ledger.head()
        stale.position -= 1
        try store.write { txn in try store.putHead(stale, txn) }
        assertRefused(65, "does not match the log's last event") {
            try world.run(.contact(id, channel: .letter, note: nil), at: "2026-01-13T09:00:00Z")
        }
        world.close()
    }

    /// A clock set back behind the last recorded_at: a few minutes are tolerated (the write takes the last
    /// recorded_at, as before), more is refused with a clear message.
    func testAClockFarBehindTheHeadRefusesToWrite() throws {
        let (world, id) = try world()
        let last = try XCTUnwrap(try world.ledger.head().recordedAt)
        try world.reopen(now: last.epochSeconds - HeadCheck.clockTolerance)
        try world.run(.contact(id, channel: .letter, note: nil), at: "2026-01-13T09:00:00Z")
        XCTAssertEqual(try world.ledger.head().recordedAt, last)

        try world.reopen(now: last.epochSeconds - HeadCheck.clockTolerance - 1)
        assertRefused(65, "after this computer's clock") {
            try world.run(.contact(id, channel: .letter, note: nil), at: "2026-01-13T10:00:00Z")
        }
        XCTAssertEqual(try world.ledger.events(of: id).count, 3)
        world.close()
    }
}
