import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// The standby of Docs/ANALYSTS.md and Docs/RELIABILITY.md: a second ledger,
/// seeded from a backup with the master key and kept current by
/// `ledger follow | ledger import --stream -`, ends with the primary's head
/// and a byte-identical export after a stream of appends, a SIGKILL of the
/// follower in the middle of them, and a restart from the standby's own head.
final class StandbyTests: XCTestCase {
    /// `ledger follow [--since S]` on the primary piped into `ledger import --stream -` on the standby.
    private struct Pipeline {
        let follower: ChildProcess
        let importer: ChildProcess

        init(_ primary: ScratchLedger, into standby: ScratchLedger, since: String?) throws {
            let pipe = try FeedHarness.makePipe()
            defer {
                close(pipe.read)
                close(pipe.write)
            }
            importer = try standby.start(["import", "--stream", "-"], input: .descriptor(pipe.read))
            follower = try primary.start(["follow"] + (since.map { ["--since", $0] } ?? []), output: .descriptor(pipe.write))
        }
    }

    func testStandbyHasThePrimarysHeadAfterAppendsAKilledFollowerAndARestart() throws {
        let primary = try ScratchLedger(self)
        let cases = try (0..<3).map { try FeedHarness.openCase(primary, $0) }
        var appended = 0
        func append(_ count: Int) throws {
            for _ in 0..<count {
                try FeedHarness.contact(primary, cases[appended % cases.count], appended)
                appended += 1
            }
        }
        try append(6)
        // The same configuration, vault and master key, and a prefix of the log.
        let standby = try ScratchLedger(self, initialise: false)
        try primary.succeed(["backup", standby.directory, "--with-key"])
        try append(4)  // the standby starts behind

        // The whole log from position 1: the standby checks what it holds and appends the rest.
        let first = try Pipeline(primary, into: standby, since: nil)
        try append(8)
        try FeedHarness.waitUntil("the standby has the primary's head") {
            try FeedHarness.head(standby) == FeedHarness.head(primary)
        }

        // SIGKILL the follower while appends are under way.
        let background = try appendInBackground(primary, cases, from: 100, count: 10)
        usleep(300_000)
        first.follower.killNow()
        let cut = try first.importer.finish(timeout: 60)
        if cut.code == 65 {
            XCTAssertTrue(cut.stderr.contains("ended inside this line"), "\(cut)")
        } else {
            XCTAssertEqual(cut.code, 0, "the importer ends when its input does: \(cut)")
        }
        XCTAssertEqual(background.wait(timeout: .now() + 300), .success)
        XCTAssertNil(background.failure)
        try append(3)  // while nothing follows

        // Restart from the standby's own head, as Docs/ANALYSTS.md shows it.
        let second = try Pipeline(primary, into: standby, since: try FeedHarness.head(standby))
        try append(5)
        try FeedHarness.waitUntil("the restarted standby has the primary's head") {
            try FeedHarness.head(standby) == FeedHarness.head(primary)
        }
        second.follower.send(SIGTERM)
        let followed = try second.follower.finish(timeout: 60)
        XCTAssertEqual(followed.code, 0, "\(followed)")
        XCTAssertTrue(followed.stderr.contains("follow ended at position"), followed.stderr)
        let imported = try second.importer.finish(timeout: 60)
        XCTAssertEqual(imported.code, 0, "\(imported)")
        XCTAssertTrue(imported.stdout.hasPrefix("imported "), imported.stdout)

        XCTAssertEqual(try FeedHarness.head(standby), try FeedHarness.head(primary))
        XCTAssertEqual(try standby.export(), try primary.export(), "the standby's log is the primary's, byte for byte")
        XCTAssertEqual(try ExportView(standby.export()).lines.count, 3 + 6 + 4 + 8 + 10 + 3 + 5)
        let verify = try standby.run(["verify"])
        XCTAssertEqual(verify.code, 0, "\(verify)")
        // A case the seeding backup held opens with the copied vault and key.
        let shown = try standby.succeed(["show", cases[0], "--purpose", "standby check"])
        XCTAssertTrue(shown.contains("N 0"), shown)
    }

    /// Appends `count` contacts from a thread of its own; `failure` holds the first error.
    private func appendInBackground(_ primary: ScratchLedger, _ cases: [String], from: Int, count: Int) throws -> BackgroundAppends {
        let appends = BackgroundAppends()
        Thread.detachNewThread {
            defer { appends.done.signal() }
            do {
                for n in from..<(from + count) {
                    try FeedHarness.contact(primary, cases[n % cases.count], n)
                    usleep(50_000)
                }
            } catch {
                appends.failure = "\(error)"
            }
        }
        return appends
    }
}

/// Appends running on another thread.
private final class BackgroundAppends: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var failure: String?

    func wait(timeout: DispatchTime) -> DispatchTimeoutResult { done.wait(timeout: timeout) }
}
