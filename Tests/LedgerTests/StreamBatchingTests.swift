import Foundation
@testable import Ledger
import XCTest

/// When a streaming import commits (`StreamBatching`), and how a stream is
/// cut into numbered lines (`StreamLines`).
final class StreamBatchingTests: XCTestCase {
    func testABatchIsCommittedAtAPauseAtItsAgeOrItsSize() {
        var batching = StreamBatching()
        batching.pause = 0.02
        batching.maxAge = 1
        batching.maxLines = 3
        XCTAssertNil(batching.wait(batchSince: nil, now: 5), "nothing waits: wait for input as long as it takes")
        XCTAssertEqual(batching.wait(batchSince: 5, now: 5), 0.02, "a pause commits")
        XCTAssertEqual(batching.wait(batchSince: 5, now: 5.99) ?? -1, 0.01, accuracy: 1e-9, "never past the batch's age")
        XCTAssertEqual(batching.wait(batchSince: 5, now: 7), 0)
        // Input that never pauses is still committed once a second.
        XCTAssertFalse(batching.isDue(lines: 2, bytes: 10, batchSince: 5, now: 5.5))
        XCTAssertTrue(batching.isDue(lines: 2, bytes: 10, batchSince: 5, now: 6))
        XCTAssertTrue(batching.isDue(lines: 3, bytes: 10, batchSince: 5, now: 5), "a full batch is due at once")
        batching.maxBytes = 100
        XCTAssertTrue(batching.isDue(lines: 1, bytes: 100, batchSince: 5, now: 5))
        XCTAssertFalse(batching.isDue(lines: 0, bytes: 0, batchSince: nil, now: 99))
    }

    func testLinesAreHandedOutWholeNumberedAcrossTheStream() throws {
        let fifo = NSTemporaryDirectory() + "stream-\(UUID().uuidString)"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        // Open both ends without blocking: the reader first (non-blocking), then the writer.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        let writer = open(fifo, O_WRONLY)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(writer) }
        close(reader)
        let lines = try StreamLines(path: fifo, maxLineBytes: 16)
        func send(_ text: String) { _ = text.utf8CString.withUnsafeBytes { write(writer, $0.baseAddress, $0.count - 1) } }

        send("a\n\nbc")
        XCTAssertEqual(try lines.read(waiting: 1, stop: nil), .data)
        var batch = lines.take()
        XCTAssertEqual(batch.lines.map(\.number), [1, 2], "a blank line is counted")
        XCTAssertEqual(batch.lines.map { Array(batch.bytes[$0.range]) }, [Array("a".utf8), []])
        XCTAssertEqual(try lines.read(waiting: 0.01, stop: nil), .timedOut)
        XCTAssertTrue(lines.take().isEmpty, "an unfinished line waits for its newline")

        send("d\nef")
        XCTAssertEqual(try lines.read(waiting: 1, stop: nil), .data)
        batch = lines.take()
        XCTAssertEqual(batch.lines.map(\.number), [3])
        XCTAssertEqual(Array(batch.bytes[batch.lines[0].range]), Array("bcd".utf8))

        let stop = try StopRequest()
        stop.raise()
        XCTAssertEqual(try lines.read(waiting: nil, stop: stop), .stopped)

        send(String(repeating: "x", count: 20))
        XCTAssertThrowsError(try lines.read(waiting: 1, stop: nil)) { error in
            XCTAssertEqual((error as? LedgerError)?.description, "\(fifo):4: line is longer than 16 bytes")
        }
    }

    func testTheLastLineWithoutNewlineIsMarkedUnterminated() throws {
        let path = NSTemporaryDirectory() + "stream-\(UUID().uuidString).ndjson"
        try Data("one\ntwo".utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let lines = try StreamLines(path: path)
        XCTAssertEqual(try lines.read(waiting: 1, stop: nil), .data)
        XCTAssertEqual(try lines.read(waiting: 1, stop: nil), .endOfInput)
        let batch = lines.take()
        XCTAssertEqual(batch.lines.map(\.number), [1, 2])
        XCTAssertTrue(batch.lastIsUnterminated)
    }
}
