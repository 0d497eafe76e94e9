import Foundation
import LedgerTestSupport
import XCTest

/// `metrics --by A,B` and `--min-cell K` through the real executable, on the demo fixture.
final class MetricsGroupingCLITests: CLITestCase {
    func metrics(_ args: String...) throws -> String {
        let r = try CLI.run(["metrics", "--from", "2024-01-01", "--to", "2026-01-01"] + args, ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let r = try CLI.run(["import", TestPaths.fixture("demo.ndjson")], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testTwoGroupingsInEveryFormat() throws {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try metrics("--by", "district,month", "--format", "json").utf8)) as? [String: Any])
        XCTAssertFalse(json.isEmpty)
        for key in json.keys {
            let parts = key.split(separator: "|")
            XCTAssertEqual(parts.count, 2, key)
            XCTAssertNotNil(parts.last.flatMap { $0.count == 7 && $0.dropFirst(4).hasPrefix("-") ? $0 : nil }, "\(key): district|YYYY-MM")
        }
        let csv = try metrics("--by", "month,source", "--format", "csv").split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(csv.first, ["month", "source", "metric", "key", "value"])
        let pairs = csv.dropFirst().map { [String($0[0]), String($0[1])] }
        XCTAssertEqual(pairs, pairs.sorted { $0.lexicographicallyPrecedes($1) }, "sorted by month, then source")
        let table = try metrics("--by", "district,caseworker")
        XCTAssertTrue(table.contains("by district,caseworker"), table)
        XCTAssertTrue(table.split(separator: "\n")[1].hasPrefix("district"), table)
    }

    func testMinCellWithholdsInEveryFormat() throws {
        let plain = try metrics("--by", "district", "--format", "json")
        let json = try metrics("--by", "district", "--min-cell", "5", "--format", "json")
        XCTAssertNotEqual(plain, json)
        XCTAssertTrue(json.contains("null"))
        // Every integer but a median or p90 is 0 or at least 5.
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        func check(_ v: Any, _ path: String) {
            if let o = v as? [String: Any] {
                for (k, x) in o where k != "days_to_secured" && k != "days_to_analysis" { check(x, path + "." + k) }
            } else if let n = v as? Int, !(v is Bool) {
                XCTAssertFalse((1...4).contains(n), "\(path) = \(n)")
            }
        }
        check(object, "")
        let csv = try metrics("--by", "district", "--min-cell", "5", "--format", "csv")
        XCTAssertTrue(csv.contains(",<5\r\n"), csv)
        XCTAssertTrue(try metrics("--min-cell", "5").contains("<5"))
        let refusal = try CLI.run(["metrics", "--from", "2024-01-01", "--to", "2025-01-01", "--min-cell", "1"], ledger: dir)
        XCTAssertEqual(refusal.status, 64)
        XCTAssertTrue(refusal.stderr.contains("at least 2"), refusal.stderr)
        let twice = try CLI.run(["metrics", "--from", "2024-01-01", "--to", "2025-01-01", "--by", "month,month"], ledger: dir)
        XCTAssertEqual(twice.status, 64, twice.stderr)
    }
}
