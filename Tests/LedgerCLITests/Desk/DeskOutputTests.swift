import Foundation
import LedgerTestSupport
import XCTest

/// What the desk prints: typed JSON, NDJSON lists, the caseload's filters
/// and summary, German words, and piped tables never cut.
final class DeskOutputTests: DeskTestCase {
    func testShowJSONIsTyped() throws {
        let id = try openCase(at: "2025-09-01 10:00")
        try ledger("analyse", id, "--causes", "rent_arrears,eviction_lawsuit", "--risk", "high", "--arrears", "2400,50",
                   "--notice-date", "2025-08-01", "--notice-kind", "extraordinary", "--suit-date", "2025-08-20",
                   "--occurred-at", "2025-09-02 10:00")
        try ledger("follow-up", id, "--due", "2099-01-01", "--purpose", "Unterlagen")
        let show = try XCTUnwrap(try json(try ledger("show", id, "--format", "json")) as? [String: Any])
        XCTAssertEqual(show["version"] as? Int, 3)
        XCTAssertEqual(show["episode"] as? Int, 1)
        XCTAssertEqual(show["restricted"] as? Bool, false)
        XCTAssertEqual((show["housing_secured"] as? [Any])?.count, 0)
        XCTAssertTrue(show["last_contact"] is NSNull)
        XCTAssertTrue(show["closed"] is NSNull)
        XCTAssertEqual((show["household"] as? [String: Any])?["children"] as? Int, 2)
        let analysis = try XCTUnwrap(show["analysis"] as? [String: Any])
        XCTAssertEqual(analysis["arrears_cents"] as? Int, 240_050)
        XCTAssertEqual(analysis["causes"] as? [String], ["rent_arrears", "eviction_lawsuit"])
        XCTAssertEqual((show["schonfrist"] as? [String: Any])?["end"] as? String, "2025-10-20")
        XCTAssertEqual((show["open_follow_ups"] as? [[String: Any]])?.first?["due"] as? String, "2099-01-01")
        XCTAssertEqual((show["person"] as? [String: Any])?["name"] as? String, "Erika Musterfrau")
        XCTAssertNil(show["open_follow-ups"])
        let quiet = try XCTUnwrap(try json(try ledger("show", id, "--format", "json", "--no-personal")) as? [String: Any])
        XCTAssertNil(quiet["person"])
        try refused(64, "--format ndjson is for lists", ["show", id, "--format", "ndjson"])
    }

    func testListsAsNDJSONHoldTheSameObjectsAsJSON() throws {
        try importExample("prevention-law.ndjson")
        for args in [["caseload", "--day", "2025-10-20"], ["checks-due", "--day", "2025-12-25"], ["episodes"],
                     ["history", "LG-2023-000002", "--no-personal"], ["caseworkers"], ["access-log"]] {
            let array = try XCTUnwrap(try json(try ledger(args + ["--format", "json"])) as? [NSObject], "\(args)")
            let text = try ledger(args + ["--format", "ndjson"])
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, array.count, "\(args): \(text)")
            XCTAssertTrue(text.isEmpty || text.hasSuffix("\n"))
            XCTAssertEqual(try lines.map { try json(String($0)) as? NSObject }, array, "\(args)")
        }
    }

    func ledger(_ args: [String]) throws -> String {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        return r.stdout
    }

    func testCaseloadFiltersKeepTheOrder() throws {
        try importExample("prevention-law.ndjson")
        func cases(_ extra: String...) throws -> [String] {
            let rows = try XCTUnwrap(try json(try ledger(["caseload", "--day", "2025-10-20", "--format", "json"] + extra)) as? [[String: Any]])
            return rows.compactMap { $0["case"] as? String }
        }
        XCTAssertEqual(try cases(), ["LG-2023-000002", "LG-2025-000003"])
        XCTAssertEqual(try cases("--urgent"), ["LG-2023-000002"])
        XCTAssertEqual(try cases("--overdue"), ["LG-2023-000002", "LG-2025-000003"])
        XCTAssertEqual(try cases("--district", "altstadt"), ["LG-2025-000003"])
        XCTAssertEqual(try cases("--phase", "active", "--limit", "1"), ["LG-2023-000002"])
        XCTAssertEqual(try cases("--phase", "intake"), [])
        try refused(64, "unknown phase 'activ'; did you mean 'active'?", ["caseload", "--phase", "activ"])
        try refused(64, "unknown district 'altstad'; did you mean 'altstadt'?", ["caseload", "--district", "altstad"])
        try refused(64, "--limit '0' must be a whole number from 1", ["caseload", "--limit", "0"])
        let table = try ledger("caseload", "--day", "2025-10-20", "--limit", "1")
        XCTAssertTrue(table.hasPrefix("Caseload on 2025-10-20: 2 open cases (the first 1 of 2 shown)\n"), table)
    }

    func testWordingOfCountsAndAnEmptyCaseload() throws {
        let empty = try ledger("caseload")
        XCTAssertTrue(empty.contains(": 0 open cases\nNo open cases.\n"), empty)
        XCTAssertFalse(empty.contains("by district"), empty)
        let id = try openCase()
        let table = try ledger("caseload")
        XCTAssertTrue(table.contains(": 1 open case\n"), table)
        XCTAssertTrue(table.contains("Open cases by district: kaltenmoor 1"), table)
        XCTAssertTrue(try ledger("show", id, "--no-personal").contains("1 adult, 2 children"))
    }

    func testGermanTablesAndSummary() throws {
        try importExample("prevention-law.ndjson")
        let table = try ledger("caseload", "--day", "2025-10-20", env: ["LANG": "de_DE.UTF-8"])
        XCTAssertTrue(table.hasPrefix("Fälle am 20.10.2025: 2 offene Fälle\n"), table)
        for word in ["Fall", "Hinweise", "nächste Frist", "Fachkraft", "Stadtteil", "DRINGEND", "überfällig", "eingeschränkt",
                     "in Arbeit", "Räumungstermin", "Offene Fälle nach Stadtteil: altstadt 1, weststadt 1", "Offene Fälle nach Phase: in Arbeit 2"] {
            XCTAssertTrue(table.contains(word), "\(word) in \(table)")
        }
        XCTAssertEqual(try ledger("caseload", "--day", "2025-10-20", "--lang", "de"), table)
        XCTAssertTrue(try ledger("show", "LG-2025-000003", "--no-personal", "--lang", "de").contains("Stadtteil"))
        XCTAssertTrue(try ledger("history", "LG-2025-000003", "--no-personal", "--lang", "de").contains("Verlauf von LG-2025-000003"))
        let json = try ledger("caseload", "--day", "2025-10-20", "--format", "json", "--lang", "de")
        XCTAssertEqual(json, try ledger("caseload", "--day", "2025-10-20", "--format", "json"), "machine formats stay as they are")
    }

    func testPipedTablesAreNeverCut() throws {
        try importExample("prevention-law.ndjson")
        let long = String(repeating: "Rückstände besprochen, Ratenplan vereinbart. ", count: 4)
        try ledger("follow-up", "LG-2023-000002", "--due", "2099-01-01", "--purpose", long, "--occurred-at", "2025-08-13 10:00")
        for args in [["caseload", "--day", "2025-10-20"], ["history", "LG-2023-000002"], ["episodes", "--format", "table"],
                     ["checks-due", "--day", "2025-12-25"], ["metrics", "--from", "2025-01-01", "--to", "2026-01-01"]] {
            let out = try ledger(args, env: ["COLUMNS": "40"])
            XCTAssertFalse(out.contains("…"), "\(args): \(out)")
            XCTAssertFalse(out.contains("left out"), "\(args): \(out)")
        }
        XCTAssertTrue(try ledger("history", "LG-2023-000002").contains(long.trimmingCharacters(in: .whitespaces)))
    }

    func ledger(_ args: [String], env: [String: String]) throws -> String {
        let r = try CLI.run(args, ledger: dir, environment: env)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        return r.stdout
    }

    func testCompletionScriptsKnowTheNewCommandAndVocabulary() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell])
            XCTAssertEqual(script.status, 0)
            XCTAssertTrue(script.stdout.contains("caseworkers") && script.stdout.contains("court_notice"), shell)
        }
        try openCase(caseworker: "cw.mueller")
        // The shells put the word being completed last.
        let r = try CLI.run(["---completion", "caseload", "--", "--caseworker", "5", "4", "ledger", "caseload", "--ledger", dir,
                             "--caseworker", "cw.m"])
        XCTAssertEqual(r.stdout.split(separator: "\n").map(String.init), ["cw.mueller"], r.stderr)
    }
}
