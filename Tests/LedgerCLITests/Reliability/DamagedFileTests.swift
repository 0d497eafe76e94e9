import Foundation
@testable import Ledger
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Cut-off files and fatal signals, through the real executable: each ends
/// in one line on standard error and exit 65 (or 70 for a trap), never in a
/// signal or the Swift runtime's crash report, which prints memory (and so
/// ledger data).
final class DamagedFileTests: XCTestCase {
    override func tearDown() {
        StressReport.add(["faults": 1])
        super.tearDown()
    }

    private let factory = NDJSONFactory(year: 2024, actor: "importer")

    /// Every kind of use: a check, reads with and without personal data, an export, a write, queries.
    private var commands: [[String]] {
        [["verify"], ["show", factory.caseID(1), "--no-personal"], ["show", factory.caseID(1)], ["export"],
         ["contact", factory.caseID(2), "--channel", "phone"], ["caseload"], ["metrics", "--from", "2024-01-01", "--to", "2025-01-01"]]
    }

    private func ledgerWithCases() throws -> ScratchLedger {
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.interleaved(cases: 1, count: 12, eventsPerCase: 11))])
        return ledger
    }

    /// The signs of a crash report (the runtime's backtracer prints registers and memory).
    static func assertNoCrashReport(_ result: CommandResult, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotNil(result.code, "\(what) died of a signal: \(result)", file: file, line: line)
        for sign in ["Registers", "Backtrac", "Program crashed", "Fatal error"] {
            XCTAssertFalse(result.stderr.contains(sign), "\(what) printed a crash report: \(result.stderr.prefix(300))", file: file, line: line)
        }
        XCTAssertLessThanOrEqual(result.stderr.split(separator: "\n").count, 2, "\(what): one line expected: \(result.stderr.prefix(600))",
                                 file: file, line: line)
    }

    func testADataFileCutShortIsRefusedByEveryCommand() throws {
        let ledger = try ledgerWithCases()
        let data = ledger.directory + "/" + LedgerStore.dataFile
        let whole = try Data(contentsOf: URL(fileURLWithPath: data))
        let page = 4096
        XCTAssertGreaterThan(whole.count, 8 * page, "the ledger must span several pages")
        // Half, the last page, a single byte, and all but the two meta pages.
        for length in [whole.count / 2, whole.count - page, whole.count - 1, 2 * page + 100] {
            try whole.prefix(length).write(to: URL(fileURLWithPath: data))
            for command in commands {
                let result = try ledger.run(command)
                let what = "\(command.joined(separator: " ")) on \(length) of \(whole.count) bytes"
                XCTAssertEqual(result.code, 65, "\(what): \(result)")
                XCTAssertTrue(result.stderr.contains("the ledger file is damaged: restore from backup"), "\(what): \(result.stderr)")
                Self.assertNoCrashReport(result, what)
            }
        }
        try whole.write(to: URL(fileURLWithPath: data))
        try ledger.succeed(["verify"])
    }

    func testAVaultCutShortIsRefused() throws {
        let ledger = try ledgerWithCases()
        let vault = ledger.directory + "/" + VaultFile.fileName
        let whole = try Data(contentsOf: URL(fileURLWithPath: vault))
        try whole.prefix(whole.count - 4096).write(to: URL(fileURLWithPath: vault))
        for command in [["show", factory.caseID(1)], ["contact", factory.caseID(2), "--channel", "phone", "--note", "n"], ["export", "--reveal"]] {
            let result = try ledger.run(command)
            XCTAssertEqual(result.code, 65, "\(result)")
            XCTAssertTrue(result.stderr.contains("the vault file is damaged: restore from backup"), result.stderr)
            Self.assertNoCrashReport(result, command.joined(separator: " "))
        }
    }

    /// The handlers themselves: a process that gets SIGBUS or SIGSEGV (as one reading a page of a file
    /// cut short while it runs does) prints one line and exits 65; a trap (SIGILL, SIGTRAP) exits 70.
    func testAFatalSignalEndsInOneLineAndAnExitCode() throws {
        #if os(Linux)
        let ledger = try ledgerWithCases()
        for (signal, code) in [(SIGBUS, Int32(65)), (SIGSEGV, 65), (SIGABRT, 65), (SIGILL, 70), (SIGTRAP, 70)] {
            var fds: [Int32] = [0, 0]
            XCTAssertEqual(pipe(&fds), 0)
            let child = try ledger.start(["import", "-"], input: .descriptor(fds[0]))
            close(fds[0])
            // Wait until it blocks reading its standard input: main (and the handlers) ran long before.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !Self.isReadingPipe(child.pid) { usleep(20_000) }
            kill(child.pid, signal)
            let result = try child.finish(timeout: 60)
            close(fds[1])
            XCTAssertEqual(result.code, code, "signal \(signal): \(result)")
            XCTAssertTrue(result.stderr.hasPrefix("ledger: error: "), "signal \(signal): \(result.stderr)")
            Self.assertNoCrashReport(result, "signal \(signal)")
        }
        try ledger.succeed(["verify"])
        #else
        throw XCTSkip("waits for the child through /proc (Linux only)")
        #endif
    }

    /// Whether the process sleeps in a read(2) of its standard input (syscall 0 on descriptor 0), or in a
    /// pipe's wait channel.
    static func isReadingPipe(_ pid: pid_t) -> Bool {
        let syscall = (try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8)) ?? ""
        let channel = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? ""
        return syscall.hasPrefix("0 0x0 ") || channel.contains("pipe_read") || channel.contains("pipe_wait")
    }
}
