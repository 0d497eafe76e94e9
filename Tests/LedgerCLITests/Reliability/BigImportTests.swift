import Foundation
import ProcessRunner
import XCTest

/// A long import whose last line is bad is refused whole, with nothing
/// written, the line number right and no hang. `LEDGER_BIG_IMPORT_LINES`
/// sets the length (default 100,000; tools/stress runs 1,000,000, which
/// also crosses the 256 MiB initial map, so the import runs again after the
/// map grows).
final class BigImportTests: XCTestCase {
    func testALongImportWithABadLastLineWritesNothing() throws {
        let total = max(2, HarnessSetting.int("LEDGER_BIG_IMPORT_LINES", default: 100_000))
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", NDJSONFactory(year: 2024, actor: "base").lines(cases: 1, count: 2, eventsPerCase: 4))])
        let before = try ledger.export()

        let path = ledger.root + "/big.ndjson"
        try Self.writeBigFile(path, validLines: total - 1)
        let result = try ledger.run(["import", path], timeout: 3_600)
        XCTAssertEqual(result.code, 65, "\(result)")
        XCTAssertTrue(result.stderr.contains("\(path):\(total): "), result.stderr)
        XCTAssertTrue(result.stderr.contains("unknown case"), result.stderr)
        XCTAssertEqual(try ledger.export(), before, "nothing of the refused import may be written")
        XCTAssertEqual(try VaultCheck.problems(ledger: ledger, export: ExportView(before)), [])
        StressReport.add(["big_import_lines": total])
    }

    /// `validLines` lines of cases of 13 events (the last case possibly shorter), then a contact on a case never opened.
    static func writeBigFile(_ path: String, validLines: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ChildProcessError("cannot write \(path)")
        }
        defer { try? handle.close() }
        let factory = NDJSONFactory(year: 2023, actor: "bulk")
        let perCase = NDJSONFactory.script.count
        var written = 0
        var n = 1
        var chunk = ""
        while written < validLines {
            for line in factory.lines(ofCase: n, events: min(perCase, validLines - written)) {
                chunk += line
                chunk += "\n"
                written += 1
            }
            n += 1
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += factory.line(case: NDJSONFactory(year: 2022, actor: "bulk").caseID(1), type: "contact.recorded",
                              occurredDay: 1, hour: 1, data: #"{"channel":"phone"}"#) + "\n"
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}
