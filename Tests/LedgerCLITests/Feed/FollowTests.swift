import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// `ledger follow` and `ledger export --since` as real processes: the log
/// and then each commit, in the export's exact bytes; clean ends on SIGTERM,
/// SIGINT and a closed pipe; no busy loop while idle; starts refused when
/// this log cannot continue from them.
final class FollowTests: XCTestCase {
    private func ledgerWithEvents(_ count: Int) throws -> (ScratchLedger, [String]) {
        let ledger = try ScratchLedger(self)
        let cases = try (0..<2).map { try FeedHarness.openCase(ledger, $0) }
        for n in 0..<max(0, count - 2) { try FeedHarness.contact(ledger, cases[n % 2], n) }
        return (ledger, cases)
    }

    private func lines(_ path: String) -> Int {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    func testFollowWritesTheLogThenEachCommitAndEndsCleanlyOnSIGTERMAndSIGINT() throws {
        let (ledger, cases) = try ledgerWithEvents(4)
        for signal in [SIGTERM, SIGINT] {
            let out = ledger.root + "/follow-\(signal).ndjson"
            let follower = try ledger.start(["follow"], output: .file(out))
            try FeedHarness.waitUntil("the log so far is written") { lines(out) == 4 + (signal == SIGINT ? 2 : 0) }
            try FeedHarness.contact(ledger, cases[0], 90 + Int(signal))
            try FeedHarness.contact(ledger, cases[1], 95 + Int(signal))
            try FeedHarness.waitUntil("each commit is written") { lines(out) == 6 + (signal == SIGINT ? 2 : 0) }
            follower.send(signal)
            XCTAssertEqual(try follower.wait(timeout: 30), .exited(0), follower.stderr)
            XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), try ledger.export(), "signal \(signal)")
            follower.removeOutputFiles()
        }
    }

    func testFollowEndsWhenItsReaderClosesThePipeEvenWhileIdle() throws {
        let (ledger, _) = try ledgerWithEvents(3)
        let pipe = try FeedHarness.makePipe()
        let follower = try ledger.start(["follow"], output: .descriptor(pipe.write))
        close(pipe.write)
        var byte: UInt8 = 0
        XCTAssertEqual(read(pipe.read, &byte, 1), 1, "the follower writes the log")
        usleep(200_000)  // idle now: nothing new to write
        close(pipe.read)
        let ending = try follower.finish(timeout: 30)
        XCTAssertEqual(ending.code, 0, "\(ending)")
        XCTAssertTrue(ending.stderr.contains("the reader closed the pipe"), ending.stderr)
    }

    func testAnIdleFollowerUsesNoCPU() throws {
        let (ledger, cases) = try ledgerWithEvents(3)
        let out = ledger.root + "/idle.ndjson"
        let follower = try ledger.start(["follow"], output: .file(out))
        defer { follower.killNow(); follower.removeOutputFiles() }
        try FeedHarness.waitUntil("the log so far is written") { lines(out) == 3 }
        let before = try FeedHarness.cpuSeconds(follower.pid)
        sleep(3)
        let idle = try FeedHarness.cpuSeconds(follower.pid) - before
        // A busy loop would burn most of the 3 s; waiting on inotify burns nothing measurable.
        XCTAssertLessThan(idle, 0.15, "CPU seconds while idle for 3 s")
        try FeedHarness.contact(ledger, cases[0], 7)
        try FeedHarness.waitUntil("a commit after the idle time is written", timeout: 10) { lines(out) == 4 }
    }

    func testSinceAndPseudonymousGiveTheTailOfTheExport() throws {
        let (ledger, _) = try ledgerWithEvents(6)
        let full = try ledger.export().split(separator: "\n").map { $0 + "\n" }
        XCTAssertEqual(try ledger.export(["--since", "4"]), full[4...].joined())
        XCTAssertEqual(try ledger.export(["--since", "6"]), "")
        XCTAssertTrue(try ledger.export(["--since", "3"]).hasPrefix(full[3]), "the first line after 3 is position 4")

        let pseudonymous = try ledger.export(["--pseudonymous", "--since", "2"])
        let out = ledger.root + "/pseudonymous.ndjson"
        let follower = try ledger.start(["follow", "--pseudonymous", "--since", "2"], output: .file(out))
        try FeedHarness.waitUntil("the tail is written") { lines(out) == 4 }
        follower.send(SIGTERM)
        XCTAssertEqual(try follower.wait(timeout: 30), .exited(0), follower.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), pseudonymous)
        follower.removeOutputFiles()
        XCTAssertFalse(pseudonymous.contains("sealed"), "no sealed field in a pseudonymous feed")
    }

    func testStartsThisLogCannotContinueFromAreRefused() throws {
        let (ledger, _) = try ledgerWithEvents(3)
        let head = try FeedHarness.head(ledger)
        let wrongHash = "2:" + String(repeating: "ab", count: 32)
        for command in ["export", "follow"] {
            let beyond = try ledger.run([command, "--since", "4"], timeout: 30)
            XCTAssertEqual(beyond.code, 65, "\(beyond)")
            XCTAssertTrue(beyond.stderr.contains("position 4 lies beyond the end of this log (position 3)"), beyond.stderr)
            let foreign = try ledger.run([command, "--since", wrongHash], timeout: 30)
            XCTAssertEqual(foreign.code, 65, "\(foreign)")
            XCTAssertTrue(foreign.stderr.contains("not a prefix of this one"), foreign.stderr)
            let garbage = try ledger.run([command, "--since", "three"], timeout: 30)
            XCTAssertEqual(garbage.code, 64, "\(garbage)")
            XCTAssertTrue(garbage.stderr.contains("--since 'three'"), garbage.stderr)
        }
        XCTAssertEqual(try ledger.export(["--since", head]), "", "the head's own checkpoint continues with nothing")
    }
}
