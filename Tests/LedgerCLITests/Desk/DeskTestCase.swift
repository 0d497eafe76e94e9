import Foundation
import LedgerTestSupport
import XCTest

/// What the desk's tests share: a fresh ledger, running `ledger` on it, and
/// checking a refusal (exit code, one line `ledger: error: ...`, nothing changed).
class DeskTestCase: CLITestCase {
    @discardableResult
    func ledger(_ args: String..., env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args, ledger: dir, environment: env)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func export() throws -> String {
        let r = try CLI.run(["export"], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    /// Runs a command that must fail with `code` and one line `ledger: error: …` containing `text`, changing nothing.
    @discardableResult
    func refused(_ code: Int32, _ text: String, _ args: [String], env: [String: String] = [:],
                 file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let before = try export()
        let r = try CLI.run(args, ledger: dir, environment: env)
        XCTAssertEqual(r.status, code, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(text), "\(args): '\(r.stderr)' lacks '\(text)'", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("ledger: error: "), "\(args): '\(r.stderr)'", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line on standard error: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(try export(), before, "a refused command changed the ledger", file: file, line: line)
        return r.stderr
    }

    static let household = ["--district", "kaltenmoor", "--source", "court_notice", "--adults", "1", "--children", "2",
                            "--name", "Erika Musterfrau", "--birth-date", "03.02.1980", "--address", "Am Sande 1, 21335 Lüneburg",
                            "--phone", "04131 123456"]

    /// Opens a case for `caseworker` (new to the ledger unless it is the actor) and returns its id.
    @discardableResult
    func openCase(caseworker: String = "cw.test", at: String = "2026-01-10 09:00", file: StaticString = #filePath,
                  line: UInt = #line) throws -> String {
        let extra = caseworker == "cw.test" ? [] : ["--new-caseworker"]
        let r = try CLI.run(["open"] + Self.household + ["--caseworker", caseworker, "--occurred-at", at] + extra, ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func importExample(_ name: String) throws {
        // The contract's worked examples (../shared), else the copies under Fixtures/examples.
        let shared = TestPaths.shared + "/examples/" + name
        try ledger("import", FileManager.default.fileExists(atPath: shared) ? shared : TestPaths.fixture("examples/" + name))
    }

    func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}
