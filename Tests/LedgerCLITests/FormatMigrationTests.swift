import Foundation
@testable import Ledger
import LedgerTestSupport
import XCTest

/// The ledger folder in Fixtures/format1/ledger was written once by the build
/// of commit 997cad0, the last of storage format 1 (the case index in its own
/// `cases` database), from Fixtures/small.ndjson, and is never regenerated;
/// Fixtures/format1/expected holds what that build printed for it. Today's
/// build must convert it once when it first opens it (Docs/STORAGE.md,
/// "Formats and their conversion"), then read it exactly as that build did.
final class FormatMigrationTests: XCTestCase {
    static let fixture = TestPaths.root + "/Fixtures/format1"
    static let ledgerFiles = ["data.mdb", "master.key", "signing.key", "vault.mdb"]
    static let firstCase = "LG-2024-000001"

    func testAFormat1LedgerIsConvertedOnceAndReadsAsItWasWritten() throws {
        let scratch = TemporaryFolder()
        let dir = try Self.copyOfTheFixture(into: scratch)
        XCTAssertEqual(try Self.layout(of: dir), Layout(format: 1, oldIndexEntries: 150))

        // The first open converts, whatever the command: here a read.
        let export = try CLI.run(["export"], ledger: dir)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(Array(export.stdout.utf8), try expected("export.ndjson"), "the export changed with the conversion")
        XCTAssertEqual(try Self.layout(of: dir), Layout(format: LedgerStore.formatVersion, oldIndexEntries: 0))

        let verified = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stdout.contains("verified 150 events of 12 cases"), verified.stdout)
        try assertOutput(["history", Self.firstCase, "--no-personal", "--format", "json"], in: dir, equals: "history-\(Self.firstCase).json")
        try assertOutput(["caseload", "--day", "2099-01-01", "--format", "json"], in: dir, equals: "caseload.json")
        try assertOutput(["episodes", "--from", "2024-01-01", "--to", "2025-01-01", "--format", "csv"], in: dir, equals: "episodes.csv")

        // A second open finds the format current and writes nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/data.mdb"))
        let again = try CLI.run(["export"], ledger: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stderr.contains("converting"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/data.mdb")), before, "a second open wrote to data.mdb")

        // Appends go on in the new layout: the case's history finds the new event through its state.
        let contact = try CLI.run(["contact", Self.firstCase, "--channel", "phone", "--occurred-at", "2024-10-01T09:00:00Z"], ledger: dir)
        XCTAssertEqual(contact.status, 0, contact.stderr)
        let history = try CLI.run(["history", Self.firstCase, "--no-personal", "--format", "json"], ledger: dir)
        XCTAssertEqual(history.status, 0, history.stderr)
        XCTAssertTrue(history.stdout.contains("\"position\" : 151") || history.stdout.contains("\"position\": 151"), history.stdout)
        XCTAssertEqual(try CLI.run(["verify"], ledger: dir).status, 0)
        XCTAssertEqual(try Self.layout(of: dir), Layout(format: LedgerStore.formatVersion, oldIndexEntries: 0))
    }

    /// The golden ledger (format 1, written by a much older build) converts the same way; GoldenLedgerTests checks what it prints.
    func testTheGoldenLedgerIsConvertedToo() throws {
        let scratch = TemporaryFolder()
        let dir = try GoldenLedgerTests.copyOfTheGoldenLedger(into: scratch)
        XCTAssertEqual(try Self.layout(of: dir), Layout(format: 1, oldIndexEntries: 73))
        let verified = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stderr.contains("converting the ledger from format 1 to format 2"), verified.stderr)
        XCTAssertEqual(try Self.layout(of: dir), Layout(format: LedgerStore.formatVersion, oldIndexEntries: 0))
    }

    /// `rebuild` writes this build's layout, also over a format 1 index a build of format 1 left behind.
    func testRebuildEmptiesAnOldIndexAndVerifyRefusesOne() throws {
        let scratch = TemporaryFolder()
        let dir = try Self.copyOfTheFixture(into: scratch)
        XCTAssertEqual(try CLI.run(["verify"], ledger: dir).status, 0)
        let store = try LedgerStore(directory: dir, create: false, durable: true, maxMapSize: nil)
        try store.write { txn in try txn.put(store.cases, key: Array("LG-2024-000001\0\0\0\u{1}".utf8), value: KeyBytes.u64(1)) }
        store.close()
        let refused = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("cases database"), refused.stderr)
        XCTAssertEqual(try CLI.run(["rebuild"], ledger: dir).status, 0)
        XCTAssertEqual(try Self.layout(of: dir), Layout(format: LedgerStore.formatVersion, oldIndexEntries: 0))
        XCTAssertEqual(try CLI.run(["verify"], ledger: dir).status, 0)
    }

    struct Layout: Equatable {
        var format: UInt32?
        var oldIndexEntries: Int
    }

    /// The format version in `meta` and the entries of the format 1 case index, read without converting.
    static func layout(of dir: String) throws -> Layout {
        let store = try LedgerStore(directory: dir, create: false, durable: true, maxMapSize: nil)
        defer { store.close() }
        return try store.read { txn in Layout(format: try store.formatVersion(txn), oldIndexEntries: try txn.entryCount(store.cases)) }
    }

    /// A copy of the fixture's ledger, so that the conversion stays out of Fixtures.
    static func copyOfTheFixture(into scratch: TemporaryFolder) throws -> String {
        let dir = scratch.file("format1")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        for name in ledgerFiles {
            try FileManager.default.copyItem(atPath: fixture + "/ledger/" + name, toPath: dir + "/" + name)
            XCTAssertEqual(chmod(dir + "/" + name, 0o600), 0)  // git keeps no 0600
        }
        return dir
    }

    func expected(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture + "/expected/" + name)))
    }

    /// The command's standard output is the expected file byte for byte.
    func assertOutput(_ args: [String], in dir: String, equals name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(Array(r.stdout.utf8), try expected(name), "\(args) differs from Fixtures/format1/expected/\(name)", file: file, line: line)
    }
}
