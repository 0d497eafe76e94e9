import Foundation
import LedgerTestSupport
import XCTest

/// Steps the end-to-end tests of the subject-rights commands share: a
/// command that must succeed, one that must be refused and change nothing,
/// a case opened with a given person.
extension CLITestCase {
    /// Runs `ledger ARGS` on the test's ledger; it must exit 0. Returns standard output.
    @discardableResult
    func succeed(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    /// The sealed export and the access log: what a refused command must leave as they were.
    func ledgerSnapshot() throws -> String {
        try succeed(["export"]) + "\n" + succeed(["access-log", "--format", "json"])
    }

    /// Runs a command that must exit with `code` and one line on standard error containing `text`, changing nothing.
    func refuse(_ code: Int32, _ text: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try ledgerSnapshot()
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, code, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(text), "\(args): '\(r.stderr)' lacks '\(text)'", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line on standard error", file: file, line: line)
        XCTAssertEqual(try ledgerSnapshot(), before, "a refused command changed the ledger", file: file, line: line)
    }

    /// Opens a case for the given person on 2026-01-05 (Europe/Berlin) and returns its id.
    func openCase(name: String, birthDate: String = "1980-02-03", at: String = "2026-01-05T09:00:00+01:00") throws -> String {
        try succeed(["open", "--district", "kaltenmoor", "--source", "court_notice", "--adults", "1", "--children", "2",
                     "--caseworker", "cw.test", "--name", name, "--birth-date", birthDate,
                     "--address", "Am Sande 1, 21335 Lüneburg", "--phone", "04131 123456", "--occurred-at", at])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The output of `ledger ARGS --format json`, parsed.
    func json(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try succeed(args + ["--format", "json"], file: file, line: line).utf8))
    }
}
