import Foundation
import LMDB
import XCTest
@testable import Ledger

/// What `show` and `history` print is checked against the hash chain first,
/// and a sealed field that does not open under the key this vault holds
/// reads as altered, not as a key that is missing.
final class ShownEventsCheckTests: XCTestCase {
    private func world() throws -> (PrivacyLedgerWorld, CaseID) {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Musterfrau")
        try world.run(.followUp(id, due: try XCTUnwrap(LocalDate("2026-02-01")), purpose: "Unterlagen"), at: "2026-01-12T10:00:00Z")
        try world.run(.contact(id, channel: .phone, note: "Erstgespräch"), at: "2026-01-12T11:00:00Z")
        return (world, id)
    }

    /// Rewrites the stored event at `position` with `change` applied to the decoded event, optionally re-hashed.
    private func rewrite(_ world: PrivacyLedgerWorld, _ position: UInt64, rehash: Bool, _ change: (inout Event) -> Void) throws {
        let store = world.ledger.store
        try store.write { txn in
            var event = try XCTUnwrap(try store.event(at: position, txn))
            change(&event)
            if rehash {
                var canonical = CanonicalJSONWriter()
                EventJSONWriter.write(event, includeHash: false, into: &canonical)
                event.hash = ChainHashing.sha256(canonical.bytes)
            }
            try txn.put(store.events, key: KeyBytes.u64(position), value: try EventBinaryCodec.encode(event))
        }
    }

    private func assertAltered(_ world: PrivacyLedgerWorld, _ id: CaseID, position: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        for (what, body) in [("events", { _ = try world.ledger.events(of: id) }),
                             ("as of", { _ = try world.ledger.record(of: id, asOf: AsOf(position: 3)) })] as [(String, () throws -> Void)] {
            XCTAssertThrowsError(try body(), what, file: file, line: line) { error in
                guard case .corrupted(let message)? = error as? LedgerError else { return XCTFail("\(what): \(error)", file: file, line: line) }
                XCTAssertTrue(message.contains("position \(position)") && message.contains("altered"), "\(what): \(message)", file: file, line: line)
            }
        }
    }

    func testAnEventChangedInPlaceIsNotShown() throws {
        let (world, id) = try world()
        try rewrite(world, 2, rehash: false) { event in
            guard case .followUpScheduled(var f) = event.payload else { return }
            f.purpose = "Unterlagex"
            event.payload = .followUpScheduled(f)
        }
        assertAltered(world, id, position: 2)
        world.close()
    }

    /// A recomputed hash makes the event agree with itself; the next event's link to the old hash gives it away.
    func testAnEventWithARecomputedHashIsNotShown() throws {
        let (world, id) = try world()
        try rewrite(world, 2, rehash: true) { event in event.actor = "someone.else" }
        assertAltered(world, id, position: 3)
        world.close()
    }

    /// The last event has no successor: the head names its hash.
    func testTheLastEventWithARecomputedHashIsNotShown() throws {
        let (world, id) = try world()
        try rewrite(world, 3, rehash: true) { event in event.actor = "someone.else" }
        XCTAssertThrowsError(try world.ledger.events(of: id)) { error in
            guard case .corrupted(let message)? = error as? LedgerError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("position 3") && message.contains("head"), message)
        }
        world.close()
    }

    /// Bytes that fail authentication under the case's key are "altered"; no key at all is "not in this vault".
    func testASealedFieldThatFailsItsTagIsAlteredNotKeyless() throws {
        let (world, id) = try world()
        let events = try world.ledger.events(of: id)
        guard case .contactRecorded(let contact) = events[2].payload, case .sealed(let bytes)? = contact.note else {
            return XCTFail("a sealed note expected")
        }
        let opener = try world.ledger.opener(for: id, access: AccessRequest(actor: "auditor.b", command: "show"))
        XCTAssertEqual(opener.opening(bytes, field: .note), .opened(.string("Erstgespräch")))
        for i in [0, SealedBox.nonceSize, bytes.count - 1] {
            var flipped = bytes
            flipped[i] ^= 1
            XCTAssertEqual(opener.opening(flipped, field: .note), .altered, "byte \(i)")
            XCTAssertEqual(PersonalView.open(.sealed(flipped), name: .note, opener: opener, erased: false), .altered)
        }
        XCTAssertEqual(opener.opening(bytes, field: .place), .altered, "moved to another field")
        let keyless = FieldOpener(key: nil, caseID: id)
        XCTAssertEqual(PersonalView.open(.sealed(bytes), name: .note, opener: keyless, erased: false), .unavailable)
        XCTAssertEqual(PersonalView.open(.sealed(bytes), name: .note, opener: opener, erased: true), .erased)
        world.close()
    }
}
