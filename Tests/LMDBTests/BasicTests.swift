import Foundation
import LMDB
import XCTest

final class BasicTests: XCTestCase {
    func testPutGetRoundTrip() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("events")
        try env.write { txn in
            try txn.put(db, key: [1, 2, 3], value: [9, 8, 7, 6])
            try txn.put(db, key: [4], value: [])
            // Visible inside the same write transaction.
            XCTAssertEqual(try txn.value(db, key: [1, 2, 3]), [9, 8, 7, 6])
        }
        try env.read { txn in
            XCTAssertEqual(try txn.value(db, key: [1, 2, 3]), [9, 8, 7, 6])
            XCTAssertEqual(try txn.value(db, key: [4]), [])
            XCTAssertNil(try txn.value(db, key: [5]))
            XCTAssertTrue(try txn.contains(db, key: [1, 2, 3]))
            XCTAssertFalse(try txn.contains(db, key: [1, 2]))
            let sum = try txn.withValue(db, key: [1, 2, 3]) { bytes in bytes.reduce(0) { $0 + Int($1) } }
            XCTAssertEqual(sum, 30)
            let raw: Int? = try [UInt8]([1, 2, 3]).withUnsafeBytes { key in
                try txn.withValue(db, key: key) { $0.count }
            }
            XCTAssertEqual(raw, 4)
            XCTAssertEqual(try txn.entryCount(db), 2)
        }
        XCTAssertEqual(try env.entryCount(db), 2)
    }

    func testOverwriteReplacesValue() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        try env.write { try $0.put(db, key: [1], value: [1]) }
        try env.write { try $0.put(db, key: [1], value: [2, 2]) }
        XCTAssertEqual(try env.read { try $0.value(db, key: [1]) }, [2, 2])
    }

    func testThrowInsideWriteAborts() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        try env.write { try $0.put(db, key: [1], value: [1]) }
        XCTAssertThrowsError(
            try env.write { txn in
                try txn.put(db, key: [2], value: [2])
                try txn.put(db, key: [1], value: [9])
                throw Marker()
            }
        ) { error in
            XCTAssertEqual(error as? Marker, Marker())
        }
        try env.read { txn in
            XCTAssertNil(try txn.value(db, key: [2]))
            XCTAssertEqual(try txn.value(db, key: [1]), [1])
        }
    }

    func testAppendOutOfOrderGivesKeyExist() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("log")
        try env.write { txn in
            try txn.put(db, key: be(1), value: [1], flags: .append)
            try txn.put(db, key: be(2), value: [2], flags: .append)
        }
        XCTAssertThrowsError(try env.write { try $0.put(db, key: be(1), value: [3], flags: .append) }) { error in
            XCTAssertEqual(error as? LMDBError, .keyExist)
        }
        XCTAssertThrowsError(try env.write { try $0.put(db, key: be(2), value: [3], flags: .append) }) { error in
            XCTAssertEqual(error as? LMDBError, .keyExist)
        }
        XCTAssertThrowsError(try env.write { try $0.put(db, key: be(2), value: [3], flags: .noOverwrite) }) { error in
            XCTAssertEqual(error as? LMDBError, .keyExist)
        }
        try env.write { try $0.put(db, key: be(3), value: [3], flags: [.append, .noOverwrite]) }
        try env.read { txn in
            XCTAssertEqual(try txn.value(db, key: be(1)), [1])
            XCTAssertEqual(try txn.value(db, key: be(2)), [2])
            XCTAssertEqual(try txn.value(db, key: be(3)), [3])
            XCTAssertEqual(try txn.entryCount(db), 3)
        }
    }

    func testDeleteAndClear() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        let other = try env.openDatabase("other")
        try env.write { txn in
            for i in UInt64(0)..<10 { try txn.put(db, key: be(i), value: [UInt8(i)]) }
            try txn.put(other, key: [1], value: [1])
        }
        try env.write { txn in
            XCTAssertTrue(try txn.delete(db, key: be(3)))
            XCTAssertFalse(try txn.delete(db, key: be(3)))
            XCTAssertFalse(try txn.delete(db, key: be(99)))
        }
        XCTAssertEqual(try env.entryCount(db), 9)
        XCTAssertFalse(try env.read { try $0.contains(db, key: be(3)) })

        try env.write { try $0.clear(db) }
        XCTAssertEqual(try env.entryCount(db), 0)
        XCTAssertEqual(try env.entryCount(other), 1, "clear touches only its database")
        // The database still exists and is usable.
        try env.write { try $0.put(db, key: [7], value: [7]) }
        XCTAssertEqual(try env.read { try $0.value(db, key: [7]) }, [7])
        XCTAssertEqual(try env.openDatabase("d", create: false), db)
    }

    func testEmptyKeyIsRejected() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        XCTAssertThrowsError(try env.write { try $0.put(db, key: [], value: [1]) }) { error in
            XCTAssertEqual(error as? LMDBError, .badValueSize)
        }
    }

    func testEscapedTransactionAndCursorAreUnusable() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        try env.write { try $0.put(db, key: [1], value: [1]) }
        var escaped: ReadTransaction?
        var escapedCursor: Cursor?
        try env.read { txn in
            escaped = txn
            escapedCursor = try txn.makeCursor(db)
            XCTAssertEqual(try escapedCursor?.first(), true)
        }
        XCTAssertThrowsError(try escaped?.value(db, key: [1])) { error in
            XCTAssertEqual(error as? LMDBError, .badTransaction)
        }
        XCTAssertThrowsError(try escapedCursor?.next()) { error in
            XCTAssertEqual(error as? LMDBError, .badTransaction)
        }
        XCTAssertEqual(escapedCursor?.key.count, 0)

        var escapedWrite: WriteTransaction?
        try env.write { txn in
            escapedWrite = txn
            escapedCursor = try txn.makeCursor(db)
        }
        XCTAssertThrowsError(try escapedWrite?.put(db, key: [2], value: [2])) { error in
            XCTAssertEqual(error as? LMDBError, .badTransaction)
        }
        XCTAssertThrowsError(try escapedCursor?.first())
        escapedCursor = nil
        XCTAssertNil(try env.read { try $0.value(db, key: [2]) })
    }

    func testOpenDatabaseRules() throws {
        let env = try makeEnvironment(.init(maxDatabases: 2, durable: false))
        XCTAssertThrowsError(try env.openDatabase("missing", create: false)) { error in
            XCTAssertEqual(error as? LMDBError, .notFound)
        }
        let a = try env.openDatabase("a")
        XCTAssertEqual(try env.openDatabase("a"), a)
        XCTAssertEqual(try env.openDatabase("a", create: false), a)
        _ = try env.openDatabase("b")
        XCTAssertThrowsError(try env.openDatabase("c")) { error in
            XCTAssertEqual(error as? LMDBError, .dbsFull)
        }
    }

    func testOpenMissingDirectoryThrows() throws {
        let dir = try makeTemporaryDirectory()
        XCTAssertThrowsError(try Environment(path: dir + "/does-not-exist")) { error in
            XCTAssertEqual(error as? LMDBError, LMDBError(code: ENOENT))
        }
    }

    func testReopenAndReadOnly() throws {
        let dir = try makeTemporaryDirectory()
        do {
            let env = try Environment(path: dir)
            let db = try env.openDatabase("d")
            try env.write { try $0.put(db, key: [1], value: [42]) }
            env.close()
        }
        let env = try Environment(path: dir, options: .init(readOnly: true))
        let db = try env.openDatabase("d")
        XCTAssertEqual(try env.read { try $0.value(db, key: [1]) }, [42])
        XCTAssertThrowsError(try env.openDatabase("new")) { error in
            XCTAssertEqual(error as? LMDBError, .notFound)
        }
        XCTAssertThrowsError(try env.write { try $0.put(db, key: [2], value: [2]) }) { error in
            XCTAssertTrue((error as? LMDBError)?.isPermissionDenied ?? false, "\(error)")
        }
    }

    func testNoSubdirectoryMode() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir + "/ledger.mdb"
        do {
            let env = try Environment(path: file, options: .init(noSubdirectory: true))
            let db = try env.openDatabase("d")
            try env.write { try $0.put(db, key: [1], value: [1]) }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        XCTAssertTrue(FileManager.default.fileExists(atPath: file + "-lock"))
        let env = try Environment(path: file, options: .init(noSubdirectory: true))
        let db = try env.openDatabase("d", create: false)
        XCTAssertEqual(try env.read { try $0.value(db, key: [1]) }, [1])
    }

    func testCloseIsIdempotentAndLaterUseThrows() throws {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        env.close()
        env.close()
        XCTAssertEqual(env.mapSize, 0)
        XCTAssertThrowsError(try env.read { try $0.value(db, key: [1]) }) { error in
            XCTAssertEqual(error as? LMDBError, LMDBError(code: EBADF))
        }
        XCTAssertThrowsError(try env.write { _ in })
        XCTAssertThrowsError(try env.openDatabase("x"))
    }

    func testErrorDescriptionsAndClassification() {
        let all: [LMDBError] = [
            .keyExist, .notFound, .pageNotFound, .corrupted, .panic, .versionMismatch, .invalid,
            .mapFull, .dbsFull, .readersFull, .txnFull, .cursorFull, .pageFull, .mapResized, .incompatible,
            .badReaderSlot, .badTransaction, .badValueSize, .badDBI,
            LMDBError(code: ENOSPC), LMDBError(code: EACCES), LMDBError(code: 12345),
        ]
        XCTAssertEqual(Set(all).count, all.count, "all codes are distinct")
        for error in all {
            XCTAssertFalse(error.description.isEmpty)
            XCTAssertTrue(error.description.contains("\(error.code)"), error.description)
        }
        XCTAssertTrue(LMDBError.mapFull.description.contains("MDB_MAP_FULL"), LMDBError.mapFull.description)
        XCTAssertTrue(LMDBError(code: ENOSPC).isDiskFull)
        XCTAssertTrue(LMDBError(code: EDQUOT).isDiskFull)
        XCTAssertFalse(LMDBError.mapFull.isDiskFull)
        XCTAssertTrue(LMDBError(code: EACCES).isPermissionDenied)
        XCTAssertTrue(LMDBError(code: EPERM).isPermissionDenied)
        XCTAssertTrue(LMDBError(code: EROFS).isPermissionDenied)
        XCTAssertFalse(LMDBError(code: ENOSPC).isPermissionDenied)
        XCTAssertEqual(LMDBError(code: -30798), .notFound)
    }
}
