import Foundation
import LMDB
import XCTest
@testable import Ledger

/// `verify` on two threads (the second replays, then checks the hashes of the log's last part) checks
/// what one thread checks and names the same first problem, wherever the damage lies: before the split,
/// after it, on both sides, or several kinds at once.
final class VerifyTwoThreadsTests: XCTestCase {
    /// A ledger of 4 cases with 8 events each (32 events, the split after about 19 of them).
    private func world() throws -> PrivacyLedgerWorld {
        let world = try PrivacyLedgerWorld(self)
        var ids: [CaseID] = []
        for n in 0..<4 { ids.append(try world.openCase(name: "Person \(["Anna", "Berta", "Clara", "Dora"][n])")) }
        for day in 1...7 {
            for id in ids {
                try world.run(.contact(id, channel: .phone, note: "Gespräch \(day) zu \(id.rawValue)"),
                              at: String(format: "2026-02-%02dT09:00:00Z", day))
            }
        }
        return world
    }

    /// What verify says, one way or the other: the report's event count, or the error.
    private func verdict(_ ledger: Ledger, twoThreads: Bool) -> String {
        do {
            return "ok \(try ledger.verify(twoThreads: twoThreads).events)"
        } catch {
            return "\(error)"
        }
    }

    private func assertSameVerdict(_ world: PrivacyLedgerWorld, expectFailure: Bool, _ what: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        let one = verdict(world.ledger, twoThreads: false)
        let two = verdict(world.ledger, twoThreads: true)
        XCTAssertEqual(one, two, what, file: file, line: line)
        XCTAssertEqual(!one.hasPrefix("ok"), expectFailure, "\(what): \(one)", file: file, line: line)
        // A single altered or unreadable event is named by its position.
        let words = what.split(separator: " ")
        if expectFailure, words.count == 2, ["altered", "unreadable"].contains(words[0]) {
            XCTAssertTrue(one.contains("position \(words[1])"), "\(what): \(one)", file: file, line: line)
        }
    }

    /// Flips a bit of the stored event's last byte (a sealed field's tag: its hash no longer matches).
    private func alter(_ store: LedgerStore, _ txn: WriteTransaction, at position: UInt64) throws {
        var value = try XCTUnwrap(try txn.value(store.events, key: KeyBytes.u64(position)))
        value[value.count - 1] ^= 0x01
        try txn.put(store.events, key: KeyBytes.u64(position), value: value)
    }

    /// Appends bytes after the stored event's payload (it becomes unreadable).
    private func extend(_ store: LedgerStore, _ txn: WriteTransaction, at position: UInt64) throws {
        let value = try XCTUnwrap(try txn.value(store.events, key: KeyBytes.u64(position)))
        try txn.put(store.events, key: KeyBytes.u64(position), value: value + [0x41])
    }

    func testAnUntouchedLedgerPassesBothWays() throws {
        let world = try world()
        defer { world.close() }
        XCTAssertEqual(Ledger.hashSplit(32), 20)
        assertSameVerdict(world, expectFailure: false, "untouched")
    }

    func testEveryDamageIsNamedTheSameWayOnBothSidesOfTheSplit() throws {
        typealias Damage = (name: String, apply: (LedgerStore, WriteTransaction) throws -> Void)
        let split = Ledger.hashSplit(32)
        var damages: [Damage] = []
        for position in [UInt64(3), split - 1, split, split + 1, 31, 32] {
            damages.append(("altered \(position)", { try self.alter($0, $1, at: position) }))
            damages.append(("unreadable \(position)", { try self.extend($0, $1, at: position) }))
            damages.append(("missing \(position)", { store, txn in _ = try txn.delete(store.events, key: KeyBytes.u64(position)) }))
        }
        // Two at once: one on each side, and the later one of another kind.
        damages.append(("altered 5 and \(split + 2)", { try self.alter($0, $1, at: 5); try self.alter($0, $1, at: split + 2) }))
        damages.append(("missing 25, altered \(split)", { store, txn in
            _ = try txn.delete(store.events, key: KeyBytes.u64(25)); try self.alter(store, txn, at: split)
        }))
        damages.append(("altered 28, missing \(split)", { store, txn in
            try self.alter(store, txn, at: 28); _ = try txn.delete(store.events, key: KeyBytes.u64(split))
        }))
        damages.append(("an entry in the old case index, altered 24", { store, txn in
            try self.alter(store, txn, at: 24)
            try txn.put(store.cases, key: Array("LG-2026-000001".utf8) + [0, 0, 0, 1], value: KeyBytes.u64(1))
        }))
        for damage in damages {
            let world = try world()
            let store = world.ledger.store
            try store.write { txn in try damage.apply(store, txn) }
            assertSameVerdict(world, expectFailure: true, damage.name)
            world.close()
        }
    }

    /// A damaged projection is found by the second thread's replay as by the first's.
    func testADamagedProjectionIsFoundBothWays() throws {
        let world = try world()
        defer { world.close() }
        let store = world.ledger.store
        try store.write { txn in
            var key: [UInt8]? = nil
            try txn.forEach(store.caseState) { k, _ in key = Array(k); return false }
            let k = try XCTUnwrap(key)
            var value = try XCTUnwrap(try txn.value(store.caseState, key: k))
            value[value.count - 1] ^= 0x01
            try txn.put(store.caseState, key: k, value: value)
        }
        assertSameVerdict(world, expectFailure: true, "a damaged case state")
    }
}
