import Foundation
import LMDB
import XCTest

final class MaintenanceTests: XCTestCase {
    private func snapshot(_ env: Environment, _ db: Database) throws -> [[UInt8]: [UInt8]] {
        var all: [[UInt8]: [UInt8]] = [:]
        try env.read { txn in
            try txn.forEach(db) { key, value in
                all[Array(key)] = Array(value)
                return true
            }
        }
        return all
    }

    private func dataFileSize(_ dir: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/data.mdb")
        return (attributes[.size] as? NSNumber)?.intValue ?? -1
    }

    func testCompactCopyIsReadableWithSameData() throws {
        let sourceDir = try makeTemporaryDirectory()
        let env = try Environment(path: sourceDir, options: .init(durable: false))
        let db = try env.openDatabase("events")
        let index = try env.openDatabase("index")
        try env.write { txn in
            for i in UInt64(0)..<2000 {
                try txn.put(db, key: be(i), value: payload(i, size: 500))
                try txn.put(index, key: be(i % 7) + be(i), value: [])
            }
        }
        try env.write { txn in
            for i in stride(from: UInt64(0), to: 2000, by: 2) { try txn.delete(db, key: be(i)) }
        }
        let expected = try snapshot(env, db)
        let expectedIndex = try snapshot(env, index)
        XCTAssertEqual(expected.count, 1000)

        let copyDir = try makeTemporaryDirectory()
        try env.copy(to: copyDir, compact: true)
        XCTAssertLessThan(try dataFileSize(copyDir), try dataFileSize(sourceDir))

        let copy = try Environment(path: copyDir)
        XCTAssertEqual(try snapshot(copy, copy.openDatabase("events", create: false)), expected)
        XCTAssertEqual(try snapshot(copy, copy.openDatabase("index", create: false)), expectedIndex)

        let plainDir = try makeTemporaryDirectory()
        try env.copy(to: plainDir, compact: false)
        let plain = try Environment(path: plainDir)
        XCTAssertEqual(try snapshot(plain, plain.openDatabase("events", create: false)), expected)
    }

    func testCopyHandingBackMappedPagesWritesTheSameBytes() throws {
        let sourceDir = try makeTemporaryDirectory()
        let env = try Environment(path: sourceDir, options: .init(durable: false))
        let db = try env.openDatabase("events")
        try env.write { txn in
            for i in UInt64(0)..<3000 { try txn.put(db, key: be(i), value: payload(i, size: 700)) }
        }
        try env.write { txn in
            for i in stride(from: UInt64(0), to: 3000, by: 3) { try txn.delete(db, key: be(i)) }
        }
        for compact in [true, false] {
            let plainDir = try makeTemporaryDirectory()
            let releasingDir = try makeTemporaryDirectory()
            try env.copy(to: plainDir, compact: compact)
            // An interval far below the copy's time, so that pages are handed back while LMDB reads them.
            try env.copyReleasingMappedPages(to: releasingDir, compact: compact, releaseInterval: 0.0001)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: releasingDir + "/data.mdb")),
                           try Data(contentsOf: URL(fileURLWithPath: plainDir + "/data.mdb")), "compact: \(compact)")
        }
        try env.releaseMappedPages()
        XCTAssertEqual(try snapshot(env, db).count, 2000)
    }

    func testClearStaleReadersAndSync() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        try env.write { try $0.put(db, key: [1], value: [1]) }
        XCTAssertEqual(try env.clearStaleReaders(), 0)
        try env.sync()
        try env.sync(force: false)
        XCTAssertFalse(env.path.isEmpty)
    }

    func testNoLockEnvironmentWorks() throws {
        let env = try makeEnvironment(.init(noLock: true, durable: false))
        let db = try env.openDatabase("d")
        try env.write { try $0.put(db, key: [1], value: [1]) }
        XCTAssertEqual(try env.read { try $0.value(db, key: [1]) }, [1])
        XCTAssertEqual(try env.clearStaleReaders(), 0)
    }
}
