import SystemCrypto
import Foundation
import LedgerTestSupport
import XCTest
@testable import Ledger

/// The open ledger's cache of sealing keys: it learns a key only from a
/// committed write, holds the vault's own key, and loses it at erasure.
final class SealingKeyCacheTests: XCTestCase {
    func testACommittedWriteRemembersTheVaultsKeyAndErasureForgetsIt() throws {
        let world = try PrivacyLedgerWorld(self)
        let id = try world.openCase(name: "Erika Muster")
        let cached = try fingerprint(try XCTUnwrap(world.ledger.sealingKeys.key(for: id)))
        XCTAssertEqual(cached, try fingerprint(AES256GCMKey(bytes: try XCTUnwrap(try world.rawKey(id)))))

        try world.run(.contact(id, channel: .phone, note: "Rückruf"), at: "2026-01-11T09:00:00Z")
        try world.close(id, at: "2026-01-12T09:00:00Z")
        try world.run(.erase(id, reason: .subjectRequest), at: "2026-01-13T09:00:00Z")
        XCTAssertNil(world.ledger.sealingKeys.key(for: id))
        XCTAssertNil(try world.rawKey(id))
    }

    func testAFailedImportLeavesNoKeyInTheCache() throws {
        let world = try PrivacyLedgerWorld(self)
        let lines = try String(contentsOfFile: TestPaths.fixture("small.ndjson"), encoding: .utf8).split(separator: "\n")
        let file = world.directory + "/../broken.ndjson"
        try (String(lines[0]) + "\n{\"case\": broken\n").write(toFile: file, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try world.ledger.importNDJSON(path: file))
        let id = try XCTUnwrap(CaseID("LG-2024-000001"))
        XCTAssertNil(world.ledger.sealingKeys.key(for: id))
        XCTAssertNil(try world.rawKey(id))
    }

    func testTheCacheStartsAgainWhenFull() throws {
        let cache = SealingKeyCache(capacity: 2)
        let ids = (1...3).compactMap { CaseID("LG-2026-00000\($0)") }
        cache.remember([ids[0]: try AES256GCMKey(bytes: [UInt8](repeating: 1, count: 32)), ids[1]: try AES256GCMKey(bytes: [UInt8](repeating: 2, count: 32))])
        XCTAssertNotNil(cache.key(for: ids[0]))
        cache.remember([ids[2]: try AES256GCMKey(bytes: [UInt8](repeating: 3, count: 32))])
        XCTAssertNil(cache.key(for: ids[0]))
        XCTAssertNotNil(cache.key(for: ids[2]))
    }
}
