import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Every file of Fixtures/broken, imported by the `ledger` executable from a
/// path and from standard input (a pipe, which the importer copies aside):
/// exit 65, `FILE:LINE:` with the line and the keyword of its `.expected`,
/// and nothing written, not even a case key in the vault.
final class BrokenFixtureTests: XCTestCase {
    struct Expectation {
        let name: String
        let line: Int
        let keyword: String
    }

    static func expectations() throws -> [Expectation] {
        let folder = TestPaths.fixture("broken")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ndjson") }.sorted()
        return try names.map { name in
            let text = try String(contentsOfFile: folder + "/" + name.replacingOccurrences(of: ".ndjson", with: ".expected"), encoding: .utf8)
            let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2, let line = Int(parts[0]) else { throw ChildProcessError("bad .expected for \(name): '\(text)'") }
            return Expectation(name: folder + "/" + name, line: line, keyword: parts[1])
        }
    }

    func testEveryBrokenFixtureIsRefusedWholeAtItsLine() throws {
        let cases = try Self.expectations()
        XCTAssertGreaterThan(cases.count, 20, "Fixtures/broken should hold the broken files")
        let ledger = try ScratchLedger(self)
        let empty = try ExportView(ledger.export())
        var failures: [String] = []
        for c in cases {
            for viaStdin in [false, true] {
                let result = viaStdin ? try ledger.runPiped(["import", "-"], file: c.name) : try ledger.run(["import", c.name])
                let file = viaStdin ? "<stdin>" : c.name
                let short = (c.name as NSString).lastPathComponent + (viaStdin ? " (stdin)" : "")
                if result.code != 65 { failures.append("\(short): expected exit 65, got \(result.ending)") }
                if !result.stderr.contains("\(file):\(c.line): ") {
                    failures.append("\(short): expected '\(file):\(c.line): ' in \(result.stderr.prefix(300))")
                }
                if !result.stderr.lowercased().contains(c.keyword.lowercased()) {
                    failures.append("\(short): expected '\(c.keyword)' in \(result.stderr.prefix(300))")
                }
            }
        }
        XCTAssertEqual(failures, [])
        StressReport.add(["faults": cases.count * 2])
        XCTAssertEqual(try ledger.export(), "", "nothing of any broken file may be written")
        XCTAssertEqual(try VaultCheck.problems(ledger: ledger, export: empty), [], "no case key may be left in the vault")
        // The fixture they were made from imports whole.
        try ledger.succeed(["import", TestPaths.fixture("small.ndjson")])
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)
    }
}
