import Foundation
import LedgerTestSupport
import XCTest

/// The ledger folder in Fixtures/golden/ledger was written once by the build
/// of commit 7638c64 (from Fixtures/golden/source.ndjson, which uses every
/// event type and every vocabulary value) and is never regenerated. Today's
/// build must read it exactly as that build did: it verifies, and every
/// output in Fixtures/golden/expected is the same byte for byte. A changed
/// on-disk code (an event type's, a vocabulary value's, a phase's) fails here.
final class GoldenLedgerTests: XCTestCase {
    static let golden = TestPaths.root + "/Fixtures/golden"
    static let ledgerFiles = ["data.mdb", "master.key", "vault.mdb"]

    func testTodaysBuildReadsTheGoldenLedgerAsItWasWritten() throws {
        let scratch = TemporaryFolder()
        let dir = try Self.copyOfTheGoldenLedger(into: scratch)
        let expectedExport = try expected("export.ndjson")

        let verified = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stdout.contains("head 73:\(try lastHash(of: expectedExport))"), verified.stdout)

        // The access log first: the revealing export below adds an entry to it.
        try assertOutput(["access-log"], in: dir, equals: "access-log.txt")
        try assertOutput(["export"], in: dir, equals: "export.ndjson")
        // A day after today is read from the stored `open_cases` projection, not by replay. The JSON
        // shapes may gain keys (DOMAIN.md: "more keys may be added, none renamed"): every expected one must stand.
        let caseload = try assertJSON(["caseload", "--day", "2099-01-01", "--format", "json", "--with-counts"], in: dir,
                                      contains: "caseload.json")
        let metrics = try assertJSON(["metrics", "--from", "2024-01-01", "--to", "2025-01-01", "--by", "source", "--format", "json"],
                                     in: dir, contains: "metrics.json")
        // The ledger written before schema 2 answers the tenancy-law figures too: stages from the analyses' causes.
        let rows = (caseload as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0["stage"] is String && $0["restricted"] as? Bool == false }, "\(rows)")
        let stages = ((metrics as? [String: Any])?.values.compactMap { ($0 as? [String: Any])?["stage_at_intake"] as? [String: Int] }) ?? []
        XCTAssertGreaterThan(stages.flatMap(\.values).reduce(0, +), 0, "no stage_at_intake figures")
        try assertOutput(["episodes", "--from", "2024-01-01", "--to", "2025-01-01", "--format", "csv"], in: dir, equals: "episodes.csv")
        try assertOutput(["export", "--reveal", "--purpose", "golden test"], in: dir, equals: "export-revealed.ndjson")

        let fixtureFiles = try FileManager.default.contentsOfDirectory(atPath: Self.golden + "/ledger").sorted()
        XCTAssertEqual(fixtureFiles, Self.ledgerFiles, "the test wrote into Fixtures/golden/ledger")
    }

    /// A copy of the fixture's ledger, so that whatever opening it writes (locks, meta, rebuilt projections, the access log) stays out of Fixtures.
    static func copyOfTheGoldenLedger(into scratch: TemporaryFolder) throws -> String {
        let dir = scratch.file("golden")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        for name in Self.ledgerFiles {
            try FileManager.default.copyItem(atPath: Self.golden + "/ledger/" + name, toPath: dir + "/" + name)
            // git keeps no 0600; the copy gets the mode `init` gives (a key open to others is refused).
            XCTAssertEqual(chmod(dir + "/" + name, 0o600), 0)
        }
        return dir
    }

    func expected(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Self.golden + "/expected/" + name)))
    }

    func lastHash(of export: [UInt8]) throws -> String {
        let lastLine = export.split(separator: UInt8(ascii: "\n")).last ?? []
        let object = try JSONSerialization.jsonObject(with: Data(lastLine)) as? [String: Any]
        return try XCTUnwrap(object?["hash"] as? String)
    }

    /// The command's JSON output holds every key and value of the expected file (more keys may stand beside them); returns it.
    @discardableResult
    func assertJSON(_ args: [String], in dir: String, contains name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        let got = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        let want = try JSONSerialization.jsonObject(with: Data(try expected(name)))
        if let difference = Self.firstMissing(want, in: got, at: "") {
            XCTFail("\(args) differs from Fixtures/golden/expected/\(name): \(difference)", file: file, line: line)
        }
        return got
    }

    /// The first path at which `want` is not found in `got` (objects may hold more keys), or nil.
    static func firstMissing(_ want: Any, in got: Any, at path: String) -> String? {
        switch (want, got) {
        case (let w as [String: Any], let g as [String: Any]):
            for (key, value) in w.sorted(by: { $0.key < $1.key }) {
                guard let other = g[key] else { return "\(path).\(key) is missing" }
                if let difference = firstMissing(value, in: other, at: "\(path).\(key)") { return difference }
            }
            return nil
        case (let w as [Any], let g as [Any]):
            guard w.count == g.count else { return "\(path) has \(g.count) items, not \(w.count)" }
            for (i, (a, b)) in zip(w, g).enumerated() {
                if let difference = firstMissing(a, in: b, at: "\(path)[\(i)]") { return difference }
            }
            return nil
        default:
            return (want as? NSObject) == (got as? NSObject) ? nil : "\(path) is \(got), not \(want)"
        }
    }

    /// The command's standard output is the expected file byte for byte; on a difference, names the first differing line.
    func assertOutput(_ args: [String], in dir: String, equals name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        let want = try expected(name), got = Array(r.stdout.utf8)
        guard got != want else { return }
        let wantLines = want.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let gotLines = got.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let index = zip(wantLines, gotLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(wantLines.count, gotLines.count)
        let show = { (lines: [ArraySlice<UInt8>]) in index < lines.count ? String(decoding: lines[index], as: UTF8.self) : "(no line)" }
        XCTFail("\(args) differs from Fixtures/golden/expected/\(name) at line \(index + 1):\n expected: \(show(wantLines))\n      got: \(show(gotLines))",
                file: file, line: line)
    }
}
