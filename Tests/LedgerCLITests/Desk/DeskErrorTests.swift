import Foundation
import LedgerTestSupport
import XCTest

/// The errors a newcomer hits: each is one line `ledger: error: …` with the
/// exit code of README.md's table, and the closest right word where there is one.
final class DeskErrorTests: DeskTestCase {
    func testAMistypedDistrictIsAUsageErrorWithTheClosestOneAndNoCaseID() throws {
        let message = try refused(64, "unknown district 'kaltenmor'; did you mean 'kaltenmoor'?",
                                  ["open"] + Self.household.map { $0 == "kaltenmoor" ? "kaltenmor" : $0 } + ["--caseworker", "cw.test"])
        XCTAssertFalse(message.contains("LG-"), "no case id for a case never created: \(message)")
        try refused(64, "unknown source 'court_notise'; did you mean 'court_notice'?",
                    ["open"] + Self.household.map { $0 == "court_notice" ? "court_notise" : $0 } + ["--caseworker", "cw.test"])
    }

    func testAMissingImportFileIsNoInput() throws {
        try refused(66, "no such file: /nonexistent.ndjson", ["import", "/nonexistent.ndjson"])
    }

    func testArgumentErrorsAreOneLineWithTheOptionsHelp() throws {
        let id = try openCase()
        try refused(64, "missing expected argument '--channel <channel>' (how the office and the household were in touch); see 'ledger contact --help'",
                    ["contact", id])
        try refused(64, "unknown option '--chanel' for 'contact'; did you mean '--channel'?", ["contact", id, "--chanel", "phone"])
        try refused(64, "see 'ledger caseload --help'", ["caseload", "--with-counts"])
        let help = try CLI.run(["contact", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--channel"), help.stdout)
    }

    func testVersionNoCommandAndMistypedCommands() throws {
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertTrue(version.stdout.hasPrefix("ledger "), version.stdout)
        let alone = try CLI.run([])
        XCTAssertEqual(alone.status, 64)
        XCTAssertTrue(alone.stdout.contains("Caseworkers:"), alone.stdout)
        XCTAssertEqual(alone.stderr, "ledger: error: no command given; 'ledger --help' lists every command\n")
        try refused(64, "unknown command 'shwo'; did you mean 'show'?", ["shwo", "X"])
        try refused(64, "unknown command 'analyze'; did you mean 'analyse'?", ["analyze"])
    }

    func testExpectVersionOnOpenAndNegativeHouseholdsAreRefusedInWords() throws {
        try refused(64, "--expect-version goes with an existing case", ["open"] + Self.household + ["--caseworker", "cw.test", "--expect-version", "3"])
        var household = Self.household
        household[household.firstIndex(of: "--adults")! + 1] = "-1"
        try refused(64, "a household needs 1 to 30 adults", ["open"] + household + ["--caseworker", "cw.test"])
    }

    func testAnAmendmentNamesTheNestedFieldAndErasingTwiceSaysAlreadyErased() throws {
        let id = try openCase()
        try refused(64, "case.opened has no field 'adults'; did you mean 'household.adults'?",
                    ["correct", id, "--version", "1", "--amend", "adults=2", "--reason", "typo"])
        try ledger("correct", id, "--version", "1", "--amend", "household.adults=2", "--reason", "typo")
        try ledger("close", id, "--reason", "moved_away")
        try ledger("erase", id, "--reason", "subject_request")
        try refused(65, "already erased", ["erase", id, "--reason", "subject_request"])
    }

    func testTheGlobalActorIsNoAccessLogFilter() throws {
        let id = try openCase()
        try ledger("show", id, "--actor", "auditor.b")
        let r = try CLI.run(["--actor", "someone.else", "access-log", "--format", "json"], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual((try json(r.stdout) as? [Any])?.count, 1, "the entry of auditor.b is listed: \(r.stdout)")
        XCTAssertTrue(r.stderr.contains("--accessed-by"), r.stderr)
        let filtered = try ledger("access-log", "--accessed-by", "someone.else", "--format", "json")
        XCTAssertEqual((try json(filtered) as? [Any])?.count, 0)
    }

    func testCommonErrorsInGerman() throws {
        let id = try openCase()
        try refused(66, "unbekannter Fall LG-1999-000001", ["contact", "LG-1999-000001", "--channel", "phone"], env: ["LANG": "de_DE.UTF-8"])
        try refused(64, "meinten Sie 'phone'?", ["contact", id, "--channel", "fone", "--lang", "de"])
        try refused(64, "meinten Sie 'show'?", ["--lang", "de", "shwo"])
        try refused(64, "ist kein Datum", ["follow-up", id, "--due", "morgen", "--purpose", "x"], env: ["LC_ALL": "de_DE.UTF-8"])
    }
}
