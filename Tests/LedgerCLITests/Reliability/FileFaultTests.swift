import Foundation
@testable import Ledger
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Broken surroundings: each gets one clear line on standard error and the
/// documented exit code, and changes nothing.
final class FileFaultTests: XCTestCase {
    /// Each test tries one fault (tools/stress counts them).
    override func tearDown() {
        StressReport.add(["faults": 1])
        super.tearDown()
    }

    private let factory = NDJSONFactory(year: 2024, actor: "importer")

    private func ledgerWithCases(_ count: Int = 2) throws -> ScratchLedger {
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.lines(cases: 1, count: count, eventsPerCase: 6))])
        return ledger
    }

    private func openArguments() -> [String] {
        ["open", "--district", "altstadt", "--source", "walk_in", "--adults", "1", "--children", "0", "--caseworker", "meyer", "--new-caseworker",
         "--name", "N", "--birth-date", "1990-01-01", "--address", "A", "--phone", "1"]
    }

    func testAMissingFolderIsExit66() throws {
        let ledger = try ScratchLedger(self, initialise: false)
        let missing = ledger.root + "/nowhere/ledger"
        for command in [["show", factory.caseID(1)], ["export"], ["verify"], ["contact", factory.caseID(1), "--channel", "phone"]] {
            let result = try ledger.run(command, environment: ["LEDGER_DIR": missing])
            XCTAssertEqual(result.code, 66, "\(result)")
            XCTAssertTrue(result.stderr.contains(missing) && result.stderr.contains("does not exist"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a read must not create the folder")
    }

    func testAFolderThatIsNotALedgerIsRefused() throws {
        let ledger = try ScratchLedger(self, initialise: false)
        try FileManager.default.createDirectory(atPath: ledger.directory, withIntermediateDirectories: true)
        let empty = try ledger.run(["show", factory.caseID(1)])
        XCTAssertEqual(empty.code, 66, "\(empty)")
        XCTAssertTrue(empty.stderr.contains("is not a ledger"), empty.stderr)

        let garbage = try ledger.writeBytes("ledger/data.mdb", Array(repeating: 0x5A, count: 16_384))
        XCTAssertEqual(chmod(garbage, 0o600), 0)
        for command in [["show", factory.caseID(1)], ["import", "-"]] {
            let garbage = try ledger.run(command)
            XCTAssertEqual(garbage.code, 65, "\(garbage)")
            XCTAssertTrue(garbage.stderr.contains(ledger.directory), garbage.stderr)
        }
        let again = try ledger.run(["init"])
        XCTAssertEqual(again.code, 64, "init must refuse a folder that holds a data file: \(again)")
    }

    func testALedgerOfANewerFormatIsRefusedWithAnUpgradeHint() throws {
        let ledger = try ledgerWithCases()
        let store = try LedgerStore(directory: ledger.directory, create: false, durable: true, maxMapSize: nil)
        try store.write { txn in
            var w = ByteWriter(capacity: 4)
            w.u32BE(LedgerStore.formatVersion + 1)
            try txn.put(store.meta, key: StoreKeys.format, value: w.bytes)
        }
        store.close()
        for command in [["show", factory.caseID(1)], ["export"], ["verify"], ["contact", factory.caseID(1), "--channel", "phone"]] {
            let result = try ledger.run(command)
            XCTAssertEqual(result.code, 65, "\(result)")
            XCTAssertTrue(result.stderr.contains("format version \(LedgerStore.formatVersion + 1)") && result.stderr.contains("upgrade"),
                          result.stderr)
        }
    }

    func testAMissingOrWrongMasterKeyIsExit77AndWritesNothing() throws {
        let ledger = try ledgerWithCases()
        let other = try ScratchLedger(self)
        let before = try ledger.export()
        let garbageKey = try ledger.writeFile("garbage.key", ["not a key"])
        XCTAssertEqual(chmod(garbageKey, 0o600), 0)
        let keys = [
            ("missing", ledger.root + "/no-such.key", "no master key"),
            ("another ledger's", other.directory + "/master.key", "does not open"),
            ("garbage", garbageKey, "not a master key"),
        ]
        for (label, path, message) in keys {
            let env = ["LEDGER_KEY_FILE": path]
            for command in [openArguments(), ["contact", factory.caseID(1), "--channel", "phone", "--note", "n"],
                            ["export", "--reveal"], ["show", factory.caseID(1)]] {
                let result = try ledger.run(command, environment: env)
                XCTAssertEqual(result.code, 77, "\(label) key: \(result)")
                XCTAssertTrue(result.stderr.contains(message), "\(label) key: \(result.stderr)")
                XCTAssertFalse(result.stderr.contains("ledger: error: \n"))
            }
            // What needs no key still works.
            XCTAssertEqual(try ledger.run(["show", factory.caseID(1), "--no-personal"], environment: env).code, 0)
        }
        XCTAssertEqual(try ledger.export(), before, "a refused command appends nothing")
    }

    func testFlippedBytesInAnEventAreCaughtByVerify() throws {
        let ledger = try ScratchLedger(self)
        let marker = "flipped-bytes-actor"
        var lines = factory.lines(cases: 1, count: 3, eventsPerCase: 6)
        lines[7] = lines[7].replacingOccurrences(of: #""actor":"importer""#, with: #""actor":"\#(marker)""#)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", lines)])
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)

        let data = ledger.directory + "/" + LedgerStore.dataFile
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: data)))
        let needle = Array(marker.utf8)
        var flipped = 0
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle {
                bytes[i + 3] ^= 0x20  // "flipped" -> "fliPped": still valid UTF-8, another actor
                flipped += 1
                i += needle.count
            } else {
                i += 1
            }
        }
        XCTAssertGreaterThan(flipped, 0, "the marker must be in the data file")
        try Data(bytes).write(to: URL(fileURLWithPath: data))

        let verify = try ledger.run(["verify"])
        XCTAssertEqual(verify.code, 65, "\(verify)")
        XCTAssertTrue(verify.stderr.contains("altered") || verify.stderr.contains("damaged"), verify.stderr)
        // show and history check the events they print against the chain: the altered event is refused, not shown.
        let altered = factory.caseID(2)  // line 8 is the second case's second event
        for command in [["history", altered], ["history", altered, "--no-personal"], ["show", altered]] {
            let result = try ledger.run(command)
            XCTAssertEqual(result.code, 65, "\(command): \(result)")
            XCTAssertTrue(result.stderr.contains("altered"), result.stderr)
            XCTAssertFalse(result.stdout.contains("fliPped"), "the altered event was printed")
        }
    }

    func testADamagedDataFileHeaderIsRefusedCleanly() throws {
        let ledger = try ledgerWithCases()
        let data = ledger.directory + "/" + LedgerStore.dataFile
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: data)))
        // Both LMDB meta pages (pages 0 and 1): flip bytes of their magic.
        for page in [0, 4096] where page + 20 < bytes.count {
            for offset in 16..<20 { bytes[page + offset] ^= 0xFF }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: data))
        for command in [["verify"], ["show", factory.caseID(1)]] {
            let result = try ledger.run(command)
            XCTAssertEqual(result.code, 65, "\(result)")
            XCTAssertTrue(result.stderr.contains(ledger.directory), result.stderr)
        }
    }

    func testAReadOnlyFolderGivesExit74() throws {
        let ledger = try ledgerWithCases()
        let before = try ledger.export()
        let readOnly = try ReadOnlyView(self, of: ledger.directory)
        let env = ["LEDGER_DIR": readOnly.path]
        let write = try readOnly.run(ledger, ["contact", factory.caseID(1), "--channel", "phone"], env)
        XCTAssertEqual(write.code, 74, "\(write)")
        XCTAssertTrue(write.stderr.contains(readOnly.path), write.stderr)
        XCTAssertTrue(write.stderr.lowercased().contains("read-only") || write.stderr.contains("permission denied"), write.stderr)
        XCTAssertEqual(try ledger.export(), before)
    }
}

/// A view of a folder that the `ledger` process cannot write: a read-only
/// bind mount where mounting is permitted, else the folder as it is, run as
/// the unprivileged user `nobody` (root ignores mode bits). Skips the test
/// with the reason when neither is possible.
struct ReadOnlyView {
    let path: String
    let asNobody: Bool

    init(_ test: XCTestCase, of directory: String) throws {
        let mountPoint = FileManager.default.temporaryDirectory.path + "/ledger-ro-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        if try TmpfsMount.system(["/bin/mount", "--bind", "-o", "ro", directory, mountPoint]) == nil {
            // Older mount(8) ignores ro on the first bind; remount makes it read-only for sure.
            _ = try TmpfsMount.system(["/bin/mount", "-o", "remount,ro,bind", mountPoint])
            path = mountPoint
            asNobody = false
            test.addTeardownBlock {
                _ = try? TmpfsMount.system(["/bin/umount", "-l", mountPoint])
                try? FileManager.default.removeItem(atPath: mountPoint)
            }
            return
        }
        try? FileManager.default.removeItem(atPath: mountPoint)
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("cannot make a read-only view of the ledger folder here (no bind mount, no setpriv)")
        }
        path = directory
        asNobody = true
    }

    /// Runs `ledger ARGS` against the view (as `nobody` when there is no read-only mount).
    func run(_ ledger: ScratchLedger, _ arguments: [String], _ environment: [String: String]) throws -> CommandResult {
        guard asNobody else { return try ledger.run(arguments, environment: environment) }
        return try ChildProcess.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ledger.binary] + arguments,
                                    environment: ledger.environment.merging(environment) { $1 }, outputDirectory: ledger.root)
    }
}
