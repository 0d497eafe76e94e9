import Foundation
import ProcessRunner
import XCTest

/// A ledger that cannot grow (its configured cap, or a full file system)
/// refuses the whole write with exit 74 and a message naming it, keeps
/// everything it held, and works again once there is room.
final class DiskFullTests: XCTestCase {
    /// Each test tries one fault (tools/stress counts them).
    override func tearDown() {
        StressReport.add(["faults": 1])
        super.tearDown()
    }

    private let factory = NDJSONFactory(year: 2024, actor: "bulk")

    func testSizeCapRefusesTheWholeImportAndTheLedgerWorksAgainWithALargerCap() throws {
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.lines(cases: 1, count: 3, eventsPerCase: 5))])
        let before = try ledger.export()
        // About 3 MiB in the ledger: well over the 1 MiB cap.
        let big = try ledger.writeFile("big.ndjson", factory.interleaved(cases: 100, count: 1_000, eventsPerCase: 13))

        let refused = try ledger.run(["import", big], environment: ["LEDGER_MAX_SIZE_MB": "1"])
        XCTAssertEqual(refused.code, 74, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("the ledger at \(ledger.directory)"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("maximum size"), refused.stderr)
        XCTAssertEqual(try ledger.export(), before, "nothing of the refused import may be visible")
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)
        XCTAssertEqual(try VaultCheck.problems(ledger: ledger, export: ExportView(before)), [],
                       "the refused import must leave no case key behind")

        // A single command at the cap fails the same way (and, with room, succeeds).
        let id = factory.caseID(1)
        let command = try ledger.run(["contact", id, "--channel", "phone", "--note", String(repeating: "n", count: 900)],
                                     environment: ["LEDGER_MAX_SIZE_MB": "1"])
        XCTAssertTrue(command.code == 0 || command.code == 74, "\(command)")

        try ledger.succeed(["import", big], environment: ["LEDGER_MAX_SIZE_MB": "64"])
        let after = try ExportView(ledger.export())
        XCTAssertEqual(after.count(actor: "bulk"), 15 + 1_000 * 13)
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)
    }

    func testAnUnwritableStandardErrorStillGivesTheExitCode() throws {
        let ledger = try ScratchLedger(self)
        let child = try ledger.start(["show", factory.caseID(1)], error: .device("/dev/full"))
        defer { child.removeOutputFiles() }
        XCTAssertEqual(try child.wait(), .exited(66), "a failed write of the error message must not crash the process")
    }

    func testAFullFileSystemGivesExit74AndNothingHalfWritten() throws {
        let mount = try TmpfsMount(self, sizeMB: 3)
        let ledger = try ScratchLedger(self, ledgerParent: mount.path)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.lines(cases: 1, count: 3, eventsPerCase: 5))])
        let before = try ledger.export()
        // Fill the file system but for a little room; then an import that needs more.
        let filler = mount.path + "/filler"
        try mount.fill(filler, leavingKB: 256)
        let bigLines = factory.interleaved(cases: 100, count: 120, eventsPerCase: 13)
        let big = try ledger.writeFile("big.ndjson", bigLines)

        let refused = try ledger.run(["import", big])
        XCTAssertEqual(refused.code, 74, "\(refused)")
        XCTAssertTrue(refused.stderr.contains(ledger.directory), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the disk is full"), refused.stderr)
        XCTAssertEqual(try ledger.export(), before, "nothing of the refused import may be visible")
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)

        let command = try ledger.run(["contact", factory.caseID(1), "--channel", "phone"])
        XCTAssertTrue(command.code == 0 || command.code == 74, "\(command)")

        unlink(filler)
        try ledger.succeed(["import", big])
        let after = try ExportView(ledger.export())
        XCTAssertEqual(after.count(actor: "bulk"), 15 + bigLines.count)
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)
        XCTAssertEqual(try VaultCheck.problems(ledger: ledger, export: after), [],
                       "no key of the refused import may be left in the vault")
    }
}

/// A small tmpfs mounted for one test (unmounted when it ends); the test is
/// skipped, saying why, where mounting is not permitted.
struct TmpfsMount {
    let path: String

    init(_ test: XCTestCase, sizeMB: Int) throws {
        path = FileManager.default.temporaryDirectory.path + "/ledger-tmpfs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try Self.system(["/bin/mount", "-t", "tmpfs", "-o", "size=\(sizeMB)m", "tmpfs", path])
        guard result == nil else {
            try? FileManager.default.removeItem(atPath: path)
            throw XCTSkip("cannot mount a small tmpfs here (\(result ?? "")); the size cap test covers a full ledger instead")
        }
        let path = self.path
        test.addTeardownBlock {
            _ = try? Self.system(["/bin/umount", "-l", path])
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Writes zeros to `file` until the file system has about `leavingKB` free.
    func fill(_ file: String, leavingKB: Int) throws {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { throw ChildProcessError("statvfs \(path) failed") }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let size = max(0, free - leavingKB * 1024)
        try Data(count: size).write(to: URL(fileURLWithPath: file))
    }

    /// Runs a system tool; nil when it succeeded, else its error output.
    static func system(_ argv: [String]) throws -> String? {
        guard let tool = argv.first else { return "no tool named" }
        let result = try ChildProcess.run(tool, Array(argv.dropFirst()), environment: ["PATH": "/usr/bin:/bin:/usr/sbin:/sbin"], timeout: 60)
        return result.code == 0 ? nil : "\(result.ending): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
    }
}

/// The memory map grows by itself: an import many times the initial map
/// (LEDGER_INITIAL_MAP_MB=1 stands for an import past the default 256 MiB)
/// goes in whole, from a file and from a pipe, and the ledger verifies.
final class MapGrowthCLITests: XCTestCase {
    func testAnImportManyTimesTheInitialMapGoesInWhole() throws {
        let ledger = try ScratchLedger(self)
        let factory = NDJSONFactory(year: 2024, actor: "bulk")
        let small = ["LEDGER_INITIAL_MAP_MB": "1"]
        let first = try ledger.writeFile("first.ndjson", factory.interleaved(cases: 1, count: 600, eventsPerCase: 13))
        try ledger.succeed(["import", first], environment: small)
        let second = try ledger.writeFile("second.ndjson", factory.interleaved(cases: 1_000, count: 600, eventsPerCase: 13))
        let piped = try ledger.runPiped(["import", "-"], file: second, environment: small)
        XCTAssertEqual(piped.code, 0, "\(piped)")
        let export = try ExportView(ledger.export())
        XCTAssertEqual(export.lines.count, 2 * 600 * 13)
        XCTAssertTrue(export.isGapless)
        XCTAssertEqual(try ledger.run(["verify"], environment: small).code, 0)
        var info = stat()
        XCTAssertEqual(stat(ledger.directory + "/data.mdb", &info), 0)
        XCTAssertGreaterThan(Int(info.st_size), 2 << 20, "the data file must have outgrown the 1 MiB map")
    }
}
