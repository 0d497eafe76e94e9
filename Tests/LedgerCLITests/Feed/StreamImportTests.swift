import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// `ledger import --stream -` fed through a pipe by the test: what arrived
/// before a pause is committed; a bad line fails with exit 65, FILE:LINE and
/// nothing of its batch written, while earlier batches stay; SIGTERM commits
/// the complete lines and ends cleanly.
final class StreamImportTests: XCTestCase {
    /// A ledger's export lines (with their line breaks) and an empty ledger to stream them into.
    private func sourceAndTarget(events: Int) throws -> ([String], ScratchLedger) {
        let source = try ScratchLedger(self)
        let cases = try (0..<2).map { try FeedHarness.openCase(source, $0) }
        for n in 0..<(events - 2) { try FeedHarness.contact(source, cases[n % 2], n) }
        let lines = try source.export().split(separator: "\n").map { String($0) + "\n" }
        return (lines, try ScratchLedger(self))
    }

    private func send(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, bytes.count)
    }

    /// `ledger import --stream -` on `target`, and the write end of the pipe that is its input.
    private func startImporter(_ target: ScratchLedger) throws -> (ChildProcess, Int32) {
        let pipe = try FeedHarness.makePipe()
        defer { close(pipe.read) }
        return (try target.start(["import", "--stream", "-"], input: .descriptor(pipe.read)), pipe.write)
    }

    private func position(_ ledger: ScratchLedger) throws -> String {
        String(try FeedHarness.head(ledger).prefix { $0 != ":" })
    }

    func testABadLineFailsItsBatchWholeAndEarlierBatchesStay() throws {
        let (lines, target) = try sourceAndTarget(events: 6)
        let (importer, input) = try startImporter(target)
        defer { close(input) }
        send(lines[0..<3].joined(), to: input)
        try FeedHarness.waitUntil("the first batch is committed after the pause") { try position(target) == "3" }
        let broken = lines[5].replacingOccurrences(of: #""channel":"phone""#, with: #""channel":"pigeon""#)
        XCTAssertNotEqual(broken, lines[5])
        send(lines[3] + lines[4] + broken, to: input)  // one write: one batch
        let result = try importer.finish(timeout: 60)
        XCTAssertEqual(result.code, 65, "\(result)")
        XCTAssertTrue(result.stderr.contains("<stdin>:6: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("pigeon"), result.stderr)
        XCTAssertEqual(try position(target), "3", "nothing of the failed batch is written")
        XCTAssertEqual(try target.export(), lines[0..<3].joined())
    }

    func testSIGTERMCommitsTheCompleteLinesAndEndsCleanly() throws {
        let (lines, target) = try sourceAndTarget(events: 4)
        let (importer, input) = try startImporter(target)
        defer { close(input) }
        send(lines[0] + lines[1], to: input)
        try FeedHarness.waitUntil("two lines are committed") { try position(target) == "2" }
        send(lines[2] + String(lines[3].prefix(40)), to: input)  // a whole line and the start of another
        usleep(100_000)
        importer.send(SIGTERM)
        let result = try importer.finish(timeout: 60)
        XCTAssertEqual(result.code, 0, "\(result)")
        XCTAssertTrue(result.stdout.hasPrefix("imported 3 events of 2 cases"), result.stdout)
        XCTAssertEqual(try target.export(), lines[0..<3].joined(), "the unfinished line is not taken")
    }
}
