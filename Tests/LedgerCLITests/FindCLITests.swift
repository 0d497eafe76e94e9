import Foundation
import LedgerTestSupport
import XCTest

/// `ledger find` through the real executable: case ids for every spelling,
/// nothing for a near miss, each search in the access log without the name,
/// and a ledger written before the index answers too.
final class FindCLITests: CLITestCase {
    func testFindAnswersCaseIdsAndLogsEverySearch() throws {
        let id = try openCase(name: "Jürgen Weiß-Müller")
        try openCase(name: "Erika Musterfrau")

        XCTAssertEqual(try succeed(["find", "--name", "JUERGEN WEISS MUELLER", "--format", "csv"]),
                       "case,phase,episode start,caseworker,restricted\r\n\(id),intake,2026-01-05,cw.test,false\r\n")
        let rows = try XCTUnwrap(try json(["find", "--name", "jürgen weiss-müller", "--birth-date", "1980-02-03",
                                           "--purpose", "Anfrage 3/2026"]) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["case"] as? String }, [id])
        let miss = try CLI.run(["find", "--name", "Jurgen Weiss Muller"], ledger: dir)
        XCTAssertEqual(miss.status, 0)
        XCTAssertEqual(miss.stdout, "")
        XCTAssertTrue(miss.stderr.contains("no case found"), miss.stderr)
        try refuse(64, "--name is empty", ["find", "--name", " -- "])
        try refuse(64, "--birth-date", ["find", "--name", "x", "--birth-date", "1980-02-30"])

        let log = try XCTUnwrap(try json(["access-log"]) as? [[String: Any]])
        XCTAssertEqual(log.map { $0["command"] as? String }, ["find", "find", "find"])
        XCTAssertEqual(log.map { $0["matches"] as? Int }, [1, 1, 0])
        XCTAssertEqual(log[1]["purpose"] as? String, "Anfrage 3/2026")
        XCTAssertEqual(log[1]["with_birth_date"] as? Bool, true)
        XCTAssertEqual((log[0]["query"] as? String)?.count, 64, "the query as its keyed hash")
        let text = try succeed(["access-log", "--format", "json"]) + succeed(["access-log"])
        for needle in ["Weiß", "Weiss", "WEISS", "weiss", "Müller", "mueller", "Jürgen", "1980-02-03"] {
            XCTAssertFalse(text.contains(needle), "the access log holds '\(needle)'")
        }
        XCTAssertEqual(try succeed(["verify"]).contains("3 access-log entries"), true)
    }

    func testALedgerWrittenBeforeTheIndexBuildsItOnTheFirstSearch() throws {
        let copy = try GoldenLedgerTests.copyOfTheGoldenLedger(into: scratch)
        let found = try CLI.run(["find", "--name", "Juergen Koehler", "--format", "json"], ledger: copy)
        XCTAssertEqual(found.status, 0, found.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["case"] as? String }, ["LG-2024-000002"])
        let erased = try CLI.run(["find", "--name", "Anna Beispiel"], ledger: copy)
        XCTAssertEqual(erased.stdout, "", "an erased case is not in the index")
        let rebuilt = try CLI.run(["rebuild"], ledger: copy)
        XCTAssertTrue(rebuilt.stdout.contains("rebuilt the name index of 7 cases"), rebuilt.stdout)
        XCTAssertEqual(try CLI.run(["verify"], ledger: copy).status, 0)
    }
}
