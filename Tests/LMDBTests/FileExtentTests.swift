import LMDB
import XCTest

/// A healthy file can end before the last page its meta page counts: pages a transaction made and
/// freed before its commit go onto the free list unwritten. A million-event import left five such
/// pages at the end, and the ledger refused its own file as "cut short".
final class FileExtentTests: XCTestCase {
    /// Fills a database, then in one transaction adds a run of entries past its end and deletes them
    /// again, last first: the leaf pages made for them are freed before the commit and never written.
    private func environmentWithUnwrittenTail() throws -> Environment {
        let env = try makeEnvironment()
        let db = try env.openDatabase("d")
        _ = try env.openDatabase("e")
        try env.write { txn in
            for i in UInt64(0)..<2_000 { try txn.put(db, key: be(i), value: payload(i, size: 100)) }
        }
        try env.write { txn in
            for i in UInt64(10_000)..<14_000 { try txn.put(db, key: be(i), value: payload(i, size: 100)) }
            for i in (UInt64(10_000)..<14_000).reversed() { _ = try txn.delete(db, key: be(i)) }
        }
        return env
    }

    func testPagesFreedBeforeTheirFirstWriteMakeAWholeFile() throws {
        let env = try environmentWithUnwrittenTail()
        let extent = try env.fileExtent()
        XCTAssertFalse(extent.isWhole, "the scenario must leave unwritten pages past the file's end")
        XCTAssertFalse(extent.pagesPastEnd.isEmpty)
        XCTAssertTrue(try env.areFree(extent.pagesPastEnd))
    }

    func testPagesInUsePastTheEndAreNotFree() throws {
        let env = try environmentWithUnwrittenTail()
        let extent = try env.fileExtent()
        let inUse = 2..<(extent.fileBytes / extent.pageSize)
        XCTAssertFalse(try env.areFree(inUse), "leaf pages holding entries are not on the free list")
        XCTAssertTrue(try env.areFree(0..<0))
    }
}
