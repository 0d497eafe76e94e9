import Foundation
import LMDB
import XCTest

final class IterationTests: XCTestCase {
    /// Keys 3, 6, …, 3000 (crossing byte boundaries) inserted in shuffled order.
    private func makeFilled() throws -> (Environment, Database) {
        let env = try makeEnvironment()
        let db = try env.openDatabase("log")
        var generator = SystemRandomNumberGenerator()
        let keys = (UInt64(1)...1000).map { $0 * 3 }.shuffled(using: &generator)
        try env.write { txn in
            for k in keys { try txn.put(db, key: be(k), value: be(k * 10)) }
        }
        return (env, db)
    }

    func testForEachVisitsInBigEndianOrder() throws {
        let (env, db) = try makeFilled()
        var seen: [UInt64] = []
        try env.read { txn in
            try txn.forEach(db) { key, value in
                XCTAssertEqual(decodeBE(value), decodeBE(key) * 10)
                seen.append(decodeBE(key))
                return true
            }
        }
        XCTAssertEqual(seen, (UInt64(1)...1000).map { $0 * 3 })
    }

    func testForEachFromStartAndStop() throws {
        let (env, db) = try makeFilled()
        var seen: [UInt64] = []
        try env.read { txn in
            // 500 is absent: starts at 501.
            try txn.forEach(db, from: be(500)) { key, _ in
                seen.append(decodeBE(key))
                return seen.count < 4
            }
        }
        XCTAssertEqual(seen, [501, 504, 507, 510])

        seen = []
        try env.read { txn in
            try txn.forEach(db, from: be(2997)) { key, _ in
                seen.append(decodeBE(key))
                return true
            }
        }
        XCTAssertEqual(seen, [2997, 3000])

        var count = 0
        try env.read { txn in
            try txn.forEach(db, from: be(3001)) { _, _ in
                count += 1
                return true
            }
            try txn.forEach(db, from: []) { _, _ in
                count += 1
                return false
            }
        }
        XCTAssertEqual(count, 1, "past the end visits nothing; an empty start begins at the first key")
    }

    func testForEachReversed() throws {
        let (env, db) = try makeFilled()
        func collect(from start: [UInt8]?, limit: Int) throws -> [UInt64] {
            var seen: [UInt64] = []
            try env.read { txn in
                try txn.forEachReversed(db, from: start) { key, _ in
                    seen.append(decodeBE(key))
                    return seen.count < limit
                }
            }
            return seen
        }
        XCTAssertEqual(try collect(from: nil, limit: 3), [3000, 2997, 2994])
        XCTAssertEqual(try collect(from: nil, limit: 5000), (UInt64(1)...1000).map { $0 * 3 }.reversed())
        XCTAssertEqual(try collect(from: be(500), limit: 3), [498, 495, 492])
        XCTAssertEqual(try collect(from: be(501), limit: 2), [501, 498])
        XCTAssertEqual(try collect(from: be(99999), limit: 2), [3000, 2997])
        XCTAssertEqual(try collect(from: be(4), limit: 10), [3])
        XCTAssertEqual(try collect(from: be(2), limit: 10), [])
        XCTAssertEqual(try collect(from: [], limit: 10), [])
    }

    func testLastEntry() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("log")
        XCTAssertNil(try env.read { txn in try txn.lastEntry(db) { key, _ in decodeBE(key) } })
        try env.write { txn in
            for k in UInt64(1)...300 { try txn.put(db, key: be(k), value: [UInt8(k % 256)], flags: .append) }
        }
        let last = try env.read { txn in try txn.lastEntry(db) { key, value in (decodeBE(key), Array(value)) } }
        XCTAssertEqual(last?.0, 300)
        XCTAssertEqual(last?.1, [44])
    }

    func testCursorNavigation() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        try env.read { txn in
            let cursor = try txn.makeCursor(db)
            XCTAssertFalse(try cursor.first())
            XCTAssertFalse(try cursor.last())
            XCTAssertEqual(cursor.key.count, 0)
        }
        try env.write { txn in
            for k in [UInt64(10), 20, 30, 40] { try txn.put(db, key: be(k), value: be(k + 1)) }
        }
        try env.read { txn in
            let cursor = try txn.makeCursor(db)
            XCTAssertTrue(try cursor.first())
            XCTAssertEqual(decodeBE(cursor.key), 10)
            XCTAssertEqual(decodeBE(cursor.value), 11)
            XCTAssertTrue(try cursor.next())
            XCTAssertEqual(decodeBE(cursor.key), 20)
            XCTAssertTrue(try cursor.next())
            XCTAssertEqual(decodeBE(cursor.key), 30)
            XCTAssertTrue(try cursor.previous())
            XCTAssertEqual(decodeBE(cursor.key), 20)
            XCTAssertTrue(try cursor.last())
            XCTAssertEqual(decodeBE(cursor.key), 40)
            XCTAssertEqual(decodeBE(cursor.value), 41)
            XCTAssertFalse(try cursor.next())
            XCTAssertEqual(cursor.key.count, 0)
            XCTAssertTrue(try cursor.seek(atLeast: be(25)))
            XCTAssertEqual(decodeBE(cursor.key), 30)
            XCTAssertTrue(try cursor.seek(atLeast: be(40)))
            XCTAssertEqual(decodeBE(cursor.key), 40)
            XCTAssertFalse(try cursor.seek(atLeast: be(41)))
            XCTAssertEqual(cursor.value.count, 0)
            XCTAssertTrue(try cursor.seek(atLeast: be(0)))
            XCTAssertEqual(decodeBE(cursor.key), 10)
            XCTAssertFalse(try cursor.previous())
        }
        // A cursor in a write transaction sees uncommitted data.
        try env.write { txn in
            try txn.put(db, key: be(5), value: be(6))
            let cursor = try txn.makeCursor(db)
            XCTAssertTrue(try cursor.first())
            XCTAssertEqual(decodeBE(cursor.key), 5)
        }
    }

    func testCompositeKeyPrefixScan() throws {
        // index key = 4-byte stream id + 8-byte position; scan one stream.
        let env = try makeEnvironment()
        let index = try env.openDatabase("by-stream")
        func key(_ stream: UInt32, _ position: UInt64) -> [UInt8] {
            withUnsafeBytes(of: stream.bigEndian) { Array($0) } + be(position)
        }
        try env.write { txn in
            for stream in UInt32(1)...3 {
                for position in UInt64(1)...5 { try txn.put(index, key: key(stream, position * 100 + UInt64(stream)), value: []) }
            }
        }
        var positions: [UInt64] = []
        try env.read { txn in
            try txn.forEach(index, from: key(2, 0)) { k, _ in
                guard k.prefix(4).elementsEqual(withUnsafeBytes(of: UInt32(2).bigEndian) { Array($0) }) else { return false }
                positions.append(decodeBE(UnsafeRawBufferPointer(rebasing: k[4...])))
                return true
            }
        }
        XCTAssertEqual(positions, [102, 202, 302, 402, 502])
    }
}
