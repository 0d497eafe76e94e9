import Foundation
@testable import Ledger
import ProcessRunner
import XCTest

/// A writer killed inside `mdb_txn_commit`, after its meta page is on disk
/// but before LMDB announces the new transaction id in lock.mdb, leaves a
/// commit that read transactions do not see until the next holder of LMDB's
/// writer mutex adopts it. Recovery must not judge case keys from such a
/// stale read: the case is in the log, its key must stay.
///
/// The state is built exactly: a committed `open`, its `keys.pending` marker
/// left behind, lock.mdb's transaction id set back by one (as if never
/// announced), and LMDB's writer mutex left owner-dead by a killed import.
/// Needs LMDB's Linux lock-file layout; skips, saying so, where it differs.
final class UnannouncedCommitTests: XCTestCase {
    /// lock.mdb (MDB_txninfo on 64-bit Linux): magic at 0, the last transaction id at 48,
    /// the writer mutex at 64 (glibc pthread_mutex_t: its owner's thread id at +8).
    private static let magic: UInt32 = 0xBEEF_C0DE
    private static let txnidOffset = 48
    private static let writerOwnerOffset = 64 + 8

    /// Reads 8 bytes of lock.mdb at `offset` with od(1). Never open lock.mdb in this process:
    /// closing any descriptor of it drops this process's POSIX locks on it, LMDB's among them,
    /// and the next process to open the ledger would then rebuild the lock file.
    private func readLock(_ ledger: ScratchLedger, at offset: Int) throws -> UInt64 {
        let od = try ChildProcess.run("/usr/bin/od", ["-A", "n", "-t", "u8", "-j", String(offset), "-N", "8", ledger.directory + "/lock.mdb"],
                                      environment: ["PATH": "/usr/bin:/bin"], outputDirectory: ledger.root, timeout: 60)
        guard od.code == 0, let value = UInt64(od.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ChildProcessError("od cannot read lock.mdb: \(od.stderr)")
        }
        return value
    }

    /// Writes a little-endian u64 into lock.mdb at `offset` with dd(1) (not in this process; see `readLock`).
    private func writeLock(_ ledger: ScratchLedger, at offset: Int, _ value: UInt64) throws {
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        let input = try ledger.writeBytes("txnid.bin", bytes)
        let dd = try ChildProcess.run("/bin/dd", ["of=" + ledger.directory + "/lock.mdb", "bs=1", "seek=\(offset)",
                                                  "count=8", "conv=notrunc,fsync", "status=none"],
                                      environment: ["PATH": "/usr/bin:/bin"], input: .file(input), outputDirectory: ledger.root, timeout: 60)
        guard dd.code == 0 else { throw ChildProcessError("dd cannot write lock.mdb: \(dd.stderr)") }
    }

    func testAKeyOfACommitNotYetAnnouncedIsKept() throws {
        let ledger = try ScratchLedger(self)
        // This process keeps the environment open, so lock.mdb is not rebuilt between the steps.
        let holder = try Ledger.open(LedgerOptions(directory: ledger.directory, durable: false))
        defer { holder.close() }
        guard try readLock(ledger, at: 0) & 0xFFFF_FFFF == UInt64(Self.magic) else {
            throw XCTSkip("lock.mdb does not have the layout this test knows (LMDB on 64-bit Linux)")
        }
        let before = try readLock(ledger, at: Self.txnidOffset)
        let id = try ledger.succeed(["open", "--district", "altstadt", "--source", "walk_in", "--adults", "1", "--children", "0",
                                     "--caseworker", "meyer", "--new-caseworker", "--name", "Unannounced Person", "--birth-date", "1977-07-07",
                                     "--address", "Street 7", "--phone", "7"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let committed = try readLock(ledger, at: Self.txnidOffset)
        guard committed > before else { throw XCTSkip("lock.mdb's transaction id did not move; layout unknown") }

        // A long import holds LMDB's writer mutex; killed, it leaves the mutex owner-dead.
        let bulk = try ledger.writeFile("bulk.ndjson", NDJSONFactory(year: 2023, actor: "bulk").lines(cases: 1, count: 20_000, eventsPerCase: 5))
        let importer = try ledger.start(["import", bulk])
        var holding = false
        for _ in 0..<1_200 where !holding {
            holding = try readLock(ledger, at: Self.writerOwnerOffset) & 0xFFFF_FFFF != 0
            if !holding { usleep(50_000) }
            if importer.poll() != nil { break }
        }
        XCTAssertTrue(holding, "the import never held LMDB's writer mutex")
        XCTAssertEqual(importer.killNow(), .signalled(SIGKILL), "the import ended before it was killed")
        importer.removeOutputFiles()

        // As if the `open` had been killed after writing its meta page and before announcing it.
        try PendingKeys.mark(ledger.directory)
        try writeLock(ledger, at: Self.txnidOffset, committed - 1)
        XCTAssertEqual(try readLock(ledger, at: Self.txnidOffset), committed - 1)

        // A reader opens (and recovers); then the case must open with its person.
        _ = try ledger.run(["show", id, "--no-personal"])
        XCTAssertTrue(try Vault(directory: ledger.directory, master: MasterKey.load(from: ledger.directory + "/master.key"),
                                random: SystemRandomSource()).caseIDs().map(\.rawValue).contains(id),
                      "the key of a committed case was removed as a leftover")
        let shown = try ledger.succeed(["show", id])
        XCTAssertTrue(shown.contains("Unannounced Person"), shown)
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)
    }
}
