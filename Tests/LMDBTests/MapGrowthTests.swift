import Foundation
import LMDB
import LedgerTestSupport
import XCTest

final class MapGrowthTests: XCTestCase {
    private let small = 64 << 10
    private let valueSize = 1000
    private let entryCount: UInt64 = 5000  // 5 MB of values

    private func verifyAll(_ env: Environment, _ db: Database, count: UInt64) throws {
        try env.read { txn in
            XCTAssertEqual(try txn.entryCount(db), Int(count))
            for i in UInt64(0)..<count {
                let matches = try txn.withValue(db, key: be(i)) { $0.elementsEqual(payload(i, size: valueSize)) }
                XCTAssertEqual(matches, true, "entry \(i)")
            }
        }
    }

    func testMapGrowsInOneLargeTransaction() throws {
        let env = try makeEnvironment(.init(mapSize: small, durable: false))
        XCTAssertLessThan(env.mapSize, 1 << 20)
        let db = try env.openDatabase("events")
        var runs = 0
        try env.write { txn in
            runs += 1
            for i in UInt64(0)..<entryCount {
                try txn.put(db, key: be(i), value: payload(i, size: valueSize), flags: .append)
            }
        }
        XCTAssertGreaterThan(runs, 1, "the body was re-run after growth")
        XCTAssertGreaterThan(env.mapSize, 5_000_000)
        try verifyAll(env, db, count: entryCount)
    }

    func testMapGrowsAcrossManyTransactions() throws {
        let dir = try makeTemporaryDirectory()
        do {
            let env = try Environment(path: dir, options: .init(mapSize: small, durable: false))
            let db = try env.openDatabase("events")
            for batch in UInt64(0)..<(entryCount / 10) {
                try env.write { txn in
                    for i in batch * 10..<(batch + 1) * 10 {
                        try txn.put(db, key: be(i), value: payload(i, size: valueSize), flags: .append)
                    }
                }
            }
            XCTAssertGreaterThan(env.mapSize, 5_000_000)
            try verifyAll(env, db, count: entryCount)
        }
        // Reopening with the small initial size still sees everything and can keep writing.
        let env = try Environment(path: dir, options: .init(mapSize: small, durable: false))
        let db = try env.openDatabase("events")
        try verifyAll(env, db, count: entryCount)
        try env.write { txn in
            for i in entryCount..<entryCount + 100 {
                try txn.put(db, key: be(i), value: payload(i, size: valueSize), flags: .append)
            }
        }
        try verifyAll(env, db, count: entryCount + 100)
    }

    func testGrowthEvenWhenBodySwallowsMapFull() throws {
        let env = try makeEnvironment(.init(mapSize: small, durable: false))
        let db = try env.openDatabase("events")
        var runs = 0
        try env.write { txn in
            runs += 1
            for i in UInt64(0)..<500 {
                do {
                    try txn.put(db, key: be(i), value: payload(i, size: valueSize))
                } catch {
                    return  // swallowed: write must still notice and retry in a larger map
                }
            }
        }
        XCTAssertGreaterThan(runs, 1)
        try verifyAll(env, db, count: 500)
    }

    func testMaxMapSizeCapGivesMapFullAndKeepsCommittedData() throws {
        let cap = 1 << 20
        let env = try makeEnvironment(.init(mapSize: small, maxMapSize: cap, durable: false))
        let db = try env.openDatabase("events")
        try env.write { txn in
            for i in UInt64(0)..<100 { try txn.put(db, key: be(i), value: payload(i, size: valueSize)) }
        }
        XCTAssertThrowsError(
            try env.write { txn in
                for i in UInt64(100)..<5000 { try txn.put(db, key: be(i), value: payload(i, size: valueSize)) }
            }
        ) { error in
            XCTAssertEqual(error as? LMDBError, .mapFull)
        }
        XCTAssertLessThanOrEqual(env.mapSize, cap)
        try verifyAll(env, db, count: 100)
        // Still writable within the cap.
        try env.write { try $0.put(db, key: be(100), value: payload(100, size: valueSize)) }
        try verifyAll(env, db, count: 101)
    }

    func testInitialMapSizeIsClampedToCap() throws {
        let env = try makeEnvironment(.init(mapSize: 8 << 20, maxMapSize: 1 << 20, durable: false))
        XCTAssertLessThanOrEqual(env.mapSize, 1 << 20)
    }
}

final class MapFullAtCommitTests: XCTestCase {
    private struct Outcome {
        var failedInCommit = 0
        var failedInPut = 0
        var committed = 0
        var reruns = 0
    }

    /// Random puts and deletes checked against an in-memory model; returns how transactions ended.
    private func runRandomWorkload(_ env: Environment, _ db: Database, transactions: Int) throws -> Outcome {
        var model: [UInt32: [UInt8]] = [:]
        var random = SplitMix64(seed: 42)
        var outcome = Outcome()
        for _ in 0..<transactions {
            var pending = model
            var bodyCompleted = false
            var runs = 0
            let operations = (0..<Int.random(in: 0..<40, using: &random)).map { _ in
                (
                    key: UInt32.random(in: 0..<200, using: &random),
                    delete: Int.random(in: 0..<3, using: &random) == 0,
                    value: [UInt8](
                        repeating: UInt8.random(in: 0...255, using: &random),
                        count: Int.random(in: 1...2500, using: &random))
                )
            }
            do {
                try env.write { txn in
                    runs += 1
                    pending = model
                    bodyCompleted = false
                    for op in operations {
                        let key = withUnsafeBytes(of: op.key.bigEndian) { Array($0) }
                        if op.delete {
                            let existed = try txn.delete(db, key: key)
                            XCTAssertEqual(existed, pending.removeValue(forKey: op.key) != nil)
                        } else {
                            try txn.put(db, key: key, value: op.value)
                            pending[op.key] = op.value
                        }
                    }
                    bodyCompleted = true
                }
                model = pending
                outcome.committed += 1
                outcome.reruns += runs - 1
            } catch LMDBError.mapFull {
                if bodyCompleted { outcome.failedInCommit += 1 } else { outcome.failedInPut += 1 }
            }
        }
        var stored: [UInt32: [UInt8]] = [:]
        try env.read { txn in
            try txn.forEach(db) { key, value in
                stored[UInt32(bigEndian: key.loadUnaligned(as: UInt32.self))] = Array(value)
                return true
            }
        }
        XCTAssertEqual(stored, model)
        return outcome
    }

    /// In a map that may not grow, transactions fail with `.mapFull` either from a put or from
    /// `mdb_txn_commit` (freelist pages). Every failed transaction must leave the database exactly as
    /// before, and a failed commit must not be aborted again (that would crash).
    func testFailedTransactionsAtTheCapLeaveNoTrace() throws {
        let size = 256 << 10
        let env = try makeEnvironment(.init(mapSize: size, maxMapSize: size, durable: false))
        let db = try env.openDatabase("d")
        let outcome = try runRandomWorkload(env, db, transactions: 4000)
        XCTAssertEqual(env.mapSize, size)
        XCTAssertGreaterThan(outcome.committed, 0)
        XCTAssertGreaterThan(outcome.failedInPut, 0)
        XCTAssertGreaterThan(outcome.failedInCommit, 0, "the workload should hit MDB_MAP_FULL in mdb_txn_commit")
    }

    /// The same workload with growth allowed: every transaction commits (after re-runs) and the
    /// database matches the model.
    func testRandomWorkloadWithGrowthCommitsEverything() throws {
        let env = try makeEnvironment(.init(mapSize: 64 << 10, durable: false))
        let db = try env.openDatabase("d")
        let outcome = try runRandomWorkload(env, db, transactions: 2000)
        XCTAssertEqual(outcome.committed, 2000)
        XCTAssertGreaterThan(outcome.reruns, 0)
    }
}
