import LedgerTestSupport
import XCTest
@testable import Ledger

/// A projection whose code version changed, or whose checkpoint lags the log,
/// is rebuilt on open, never silently reused.
final class ProjectionCheckpointTests: XCTestCase {
    func damage(_ ledger: Ledger, version: UInt32, position: UInt64) throws {
        try ledger.store.write { txn in
            try txn.clear(ledger.store.caseState)
            try txn.clear(ledger.store.openCases)
            var w = ByteWriter()
            w.u32BE(version)
            w.u64BE(position)
            try txn.put(ledger.store.meta, key: ProjectionCheckpoint.key("episodes"), value: w.bytes)
        }
    }

    func testChangedVersionOrLaggingCheckpointRebuildsOnOpen() throws {
        for (version, lag) in [(ProjectionCodec.version + 1, UInt64(0)), (ProjectionCodec.version, UInt64(3))] {
            let folder = TemporaryFolder()
            var ledger = try makeLedger(folder)
            _ = try ledger.importNDJSON(path: TestPaths.fixture("small.ndjson"))
            let caseload = try ledger.caseload(day: day("2024-09-30"))
            let ids = try ledger.caseIDs(openOnly: false)
            let head = try ledger.head()
            try damage(ledger, version: version, position: head.position - lag)
            XCTAssertEqual(try ledger.caseIDs(openOnly: false), [], "the damage must be visible before reopening")
            ledger.close()
            ledger = try reopen(folder)
            XCTAssertEqual(try ledger.caseIDs(openOnly: false), ids)
            XCTAssertEqual(try ledger.caseload(day: day("2024-09-30")), caseload)
            XCTAssertNoThrow(try ledger.verify())
            ledger.close()
        }
    }

    func testCurrentProjectionsAreReusedAsTheyAre() throws {
        let folder = TemporaryFolder()
        var ledger = try makeLedger(folder)
        _ = try ledger.importNDJSON(path: TestPaths.fixture("small.ndjson"))
        // A damage that keeps a current checkpoint is not "repaired" by opening (verify names it instead).
        try ledger.store.write { txn in try txn.clear(ledger.store.openCases) }
        ledger.close()
        ledger = try reopen(folder)
        defer { ledger.close() }
        XCTAssertEqual(try ledger.caseIDs(openOnly: true), [])
        XCTAssertThrowsError(try ledger.verify())
        try ledger.rebuildProjections()
        XCTAssertNoThrow(try ledger.verify())
        XCTAssertFalse(try ledger.caseIDs(openOnly: true).isEmpty)
    }
}
