import Foundation
@testable import Ledger
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Many `ledger` processes on one ledger at once: no lost update, gapless
/// versions and positions, stale versions refused with exit 75, readers that
/// never wait for the writer, and reader slots of killed readers cleared.
final class MultiWriterTests: XCTestCase {
    /// Opens `count` cases by command; returns their ids.
    private func openCases(_ ledger: ScratchLedger, _ count: Int) throws -> [String] {
        try (0..<count).map { n in
            try ledger.succeed(["open", "--district", "weststadt", "--source", "phone", "--adults", "1", "--children", "1",
                                "--caseworker", "kaya", "--new-caseworker", "--name", "N \(n)", "--birth-date", "1990-01-01",
                                "--address", "A \(n)", "--phone", "1"]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func testSixProcessesAppendingToTheSameCasesLoseNothing() throws {
        let ledger = try ScratchLedger(self)
        let cases = try openCases(ledger, 3)
        var rng = SplitMix64(seed: 7)
        var expected = Dictionary(uniqueKeysWithValues: cases.map { ($0, 1) })
        for round in 0..<8 {
            var children: [(ChildProcess, String)] = []
            for writer in 0..<6 {
                let id = cases.randomElement(using: &rng) ?? cases[0]
                let child = try ledger.start(["contact", id, "--channel", "phone", "--note", "r\(round) w\(writer)"])
                children.append((child, id))
            }
            for (child, id) in children {
                let ending = try child.wait()
                XCTAssertEqual(ending, .exited(0), child.stderr)
                if ending == .exited(0) { expected[id, default: 0] += 1 }
                child.removeOutputFiles()
            }
        }
        let export = try ExportView(ledger.export())
        XCTAssertTrue(export.isGapless, "positions and versions must be gapless")
        for id in cases { XCTAssertEqual(export.cases[id]?.version, expected[id], "\(id): an acknowledged contact is missing") }
        XCTAssertEqual(export.lines.count, expected.values.reduce(0, +))
        let verify = try ledger.run(["verify"])
        XCTAssertEqual(verify.code, 0, "\(verify)")
    }

    func testExpectVersionGivesEveryVersionToExactlyOneWriter() throws {
        let ledger = try ScratchLedger(self)
        let id = try openCases(ledger, 1)[0]
        let writers = 4, successesEach = 5
        let tally = Tally()
        let done = DispatchGroup()
        for writer in 0..<writers {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                Self.contend(ledger, id, writer: writer, successes: successesEach, tally: tally)
            }
        }
        XCTAssertEqual(done.wait(timeout: .now() + 600), .success)
        let (won, conflicts, failures) = tally.snapshot()
        XCTAssertEqual(failures, [])
        XCTAssertEqual(won.sorted(), Array(2...(1 + writers * successesEach)), "each version must go to exactly one writer")
        let export = try ExportView(ledger.export())
        XCTAssertTrue(export.isGapless)
        XCTAssertEqual(export.cases[id]?.version, 1 + writers * successesEach)
        StressReport.add(["conflicts": conflicts])
    }

    func testStaleVersionIsRefusedWithExit75AndAClearMessage() throws {
        let ledger = try ScratchLedger(self)
        let id = try openCases(ledger, 1)[0]
        try ledger.succeed(["contact", id, "--channel", "phone", "--expect-version", "1"])
        let before = try ledger.export()
        let stale = try ledger.run(["contact", id, "--channel", "phone", "--expect-version", "1"])
        XCTAssertEqual(stale.code, 75)
        XCTAssertTrue(stale.stderr.contains("\(id): the case is at version 2, not 1 as expected"), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("retry"), stale.stderr)
        XCTAssertEqual(try ledger.export(), before, "a refused command appends nothing")
    }

    func testReadersFinishWhileAnotherProcessHoldsTheWriterLock() throws {
        let ledger = try ScratchLedger(self)
        let id = try openCases(ledger, 1)[0]
        let expectedExport = try ledger.export()
        // This test process holds the writer lock and an open LMDB write transaction.
        let writer = UncheckedBox(try Ledger.open(LedgerOptions(directory: ledger.directory, durable: false)))
        defer { writer.value.close() }
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { finished.signal() }
            _ = try? writer.value.write { _ in
                inside.signal()
                release.wait()
            }
        }
        XCTAssertEqual(inside.wait(timeout: .now() + 60), .success)
        defer {
            release.signal()
            _ = finished.wait(timeout: .now() + 60)
        }
        let export = try ledger.run(["export"], timeout: 60)
        XCTAssertEqual(export.code, 0, "\(export)")
        XCTAssertEqual(export.stdout, expectedExport)
        // (Reading personal fields is not among them: it is first written to the access log, under the writer lock.)
        for command in [["show", id, "--no-personal"], ["history", id, "--no-personal"], ["export", "--pseudonymous"], ["verify"]] {
            let result = try ledger.run(command, timeout: 60)
            XCTAssertEqual(result.code, 0, "a reader must not wait for the writer: \(result)")
        }
        let blocked = try ledger.run(["contact", id, "--channel", "phone"], environment: ["LEDGER_BUSY_TIMEOUT": "0.5"])
        XCTAssertEqual(blocked.code, 75)
        XCTAssertTrue(blocked.stderr.contains("busy") && blocked.stderr.contains(ledger.directory), blocked.stderr)
    }

    func testTheSlotOfAKilledReaderIsClearedOnTheNextOpen() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/mdb_stat") else {
            throw XCTSkip("mdb_stat (lmdb-utils) is not installed; run tools/setup")
        }
        let ledger = try ScratchLedger(self)
        // Over 1 MiB of export, so that `export` blocks on a full pipe while it holds its read transaction.
        let lines = NDJSONFactory(year: 2024, actor: "bulk").lines(cases: 1, count: 400, eventsPerCase: 13)
        try ledger.succeed(["import", ledger.writeFile("bulk.ndjson", lines)])
        // Keep the environment open here, as a long-running process would: LMDB then keeps its reader table.
        let holder = try Ledger.open(LedgerOptions(directory: ledger.directory, durable: false))
        defer { holder.close() }

        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]) }
        let reader = try ledger.start(["export"], output: .descriptor(fds[1]))
        close(fds[1])
        let pid = String(reader.pid)
        var listed = false
        for _ in 0..<600 where !listed {
            listed = try readerPIDs(ledger).contains(pid)
            if !listed { usleep(50_000) }
            XCTAssertNil(reader.poll(), "export ended before it was killed: \(reader.stderr)")
        }
        XCTAssertTrue(listed, "the blocked export never showed in the reader table")
        XCTAssertEqual(reader.killNow(), .signalled(SIGKILL))
        XCTAssertTrue(try readerPIDs(ledger).contains(pid), "the killed reader's slot should still be taken before the next open")

        let show = try ledger.run(["show", NDJSONFactory(year: 2024, actor: "").caseID(1), "--no-personal"])
        XCTAssertEqual(show.code, 0, "\(show)")
        XCTAssertFalse(try readerPIDs(ledger).contains(pid), "the next open must clear the dead reader's slot")
        XCTAssertEqual(try holder.store.env.clearStaleReaders(), 0, "no stale slot may be left")
    }

    /// The pids in the ledger's reader table, by `mdb_stat -r`.
    private func readerPIDs(_ ledger: ScratchLedger) throws -> [String] {
        let stat = try ChildProcess.run("/usr/bin/mdb_stat", ["-r", ledger.directory], environment: ["PATH": "/usr/bin:/bin"],
                                        outputDirectory: ledger.root, timeout: 60)
        // mdb_stat -r exits 1 even when it prints the table.
        guard stat.stdout.contains("Reader Table Status") else {
            throw ChildProcessError("mdb_stat -r failed: \(stat.ending) \(stat.stderr)")
        }
        // Lines after the header: "    pid     thread     txnid".
        return stat.stdout.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 3, let first = fields.first, Int(first) != nil else { return nil }
            return String(first)
        }
    }

    /// One writer of the expect-version race: look, append expecting what it saw, retry on a conflict.
    private static func contend(_ ledger: ScratchLedger, _ id: String, writer: Int, successes wanted: Int, tally: Tally) {
        var successes = 0
        var attempts = 0
        while successes < wanted && attempts < 200 {
            attempts += 1
            do {
                let show = try ledger.run(["show", id, "--no-personal", "--format", "json"])
                guard show.code == 0, let version = version(inShow: show.stdout) else {
                    return tally.fail("show failed: \(show)")
                }
                let result = try ledger.run(["contact", id, "--channel", "email", "--expect-version", String(version),
                                             "--actor", "writer\(writer)"])
                switch result.code {
                case 0?:
                    successes += 1
                    tally.won(version + 1)
                    if !result.stdout.contains("version \(version + 1)") {
                        tally.fail("expected version \(version + 1) in '\(result.stdout)'")
                    }
                case 75?:
                    tally.conflict()
                    if !result.stderr.contains("not \(version) as expected") {
                        tally.fail("a conflict must name the versions: \(result.stderr)")
                    }
                default:
                    tally.fail("unexpected: \(result)")
                }
            } catch {
                return tally.fail("\(error)")
            }
        }
    }

    static func version(inShow json: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        if let text = object["version"] as? String { return Int(text) }
        return object["version"] as? Int
    }
}

/// Results of racing writer threads, under a lock.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var versions: [Int] = []
    private var conflicts = 0
    private var failures: [String] = []

    func won(_ version: Int) { lock.lock(); versions.append(version); lock.unlock() }
    func conflict() { lock.lock(); conflicts += 1; lock.unlock() }
    func fail(_ message: String) { lock.lock(); failures.append(message); lock.unlock() }

    func snapshot() -> ([Int], Int, [String]) {
        lock.lock()
        defer { lock.unlock() }
        return (versions, conflicts, failures)
    }
}
