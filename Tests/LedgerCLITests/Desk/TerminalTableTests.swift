import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// `ledger` on a pseudo-terminal of 80 and of 200 columns (util-linux
/// `script`, its size set with `stty cols`): tables fit the terminal, whole
/// case ids stay in the caseload and the history, only free text is cut,
/// and urgent rows are coloured unless NO_COLOR is set.
final class TerminalTableTests: DeskTestCase {
    static let script = "/usr/bin/script"

    /// What `ledger args` prints on a terminal `columns` wide, with CR LF made LF.
    func onTerminal(_ columns: Int, _ args: [String], env: [String: String] = [:]) throws -> String {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.script),
                          "util-linux 'script' is missing (tools/setup installs bsdutils): no pseudo-terminal to test on")
        var environment = CLI.environment
        environment["TERM"] = "xterm"
        environment.removeValue(forKey: "NO_COLOR")
        environment.merge(env) { $1 }
        let line = ([try LedgerBinary.require(), "--ledger", dir] + args).map(Self.shellQuoted).joined(separator: " ")
        // The shell sets COLUMNS from the terminal after stty: a COLUMNS of the test's is set again after it.
        let columnsVariable = env["COLUMNS"].map { "export COLUMNS=\($0); " } ?? ""
        let r = try ChildProcess.run(Self.script, ["-qec", "stty cols \(columns) rows 50; \(columnsVariable)\(line)", "/dev/null"],
                                     environment: environment)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stdout) \(r.stderr)")
        return r.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func shellQuoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func withoutColour(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1b}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// The table's lines: from the header to the line before the first blank or note.
    static func tableLines(_ text: String) -> [Substring] {
        let lines = withoutColour(text).split(separator: "\n", omittingEmptySubsequences: false)
        guard let rule = lines.firstIndex(where: { !$0.isEmpty && $0.allSatisfy { $0 == "-" || $0 == " " } }) else { return [] }
        let end = lines[rule...].firstIndex { $0.isEmpty || $0.hasPrefix("(") } ?? lines.endIndex
        return Array(lines[(rule - 1)..<end])
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try importExample("prevention-law.ndjson")
        let note = "Ratenplan besprochen, Unterlagen vom Jobcenter angefordert, Vermieter informiert, nächster Termin folgt"
        try ledger("follow-up", "LG-2023-000002", "--due", "2099-01-01", "--purpose", note, "--occurred-at", "2025-08-13 10:00")
    }

    func testTheCaseloadFitsAndShowsWholeCaseIDs() throws {
        for columns in [80, 200] {
            let out = try onTerminal(columns, ["caseload", "--day", "2025-10-20"])
            let table = Self.tableLines(out)
            XCTAssertGreaterThanOrEqual(table.count, 4, out)
            for line in table { XCTAssertLessThanOrEqual(line.count, columns, "\(columns) columns: \(line)") }
            XCTAssertTrue(table.contains { $0.hasPrefix("LG-2023-000002  ") } && table.contains { $0.hasPrefix("LG-2025-000003  ") }, out)
            XCTAssertTrue(table.contains { $0.contains("URGENT") } && table.contains { $0.contains("2025-10-20 eviction") }, out)
            XCTAssertFalse(out.contains("…"), "nothing in the caseload is free text: \(out)")
            XCTAssertEqual(out.contains("left out to fit"), columns == 80, out)
        }
    }

    func testTheHistoryFitsAndShortensOnlyFreeText() throws {
        for columns in [80, 200] {
            let out = try onTerminal(columns, ["history", "LG-2023-000002", "--no-personal"])
            XCTAssertTrue(out.hasPrefix("History of LG-2023-000002: 7 events"), out)
            let table = Self.tableLines(out)
            XCTAssertEqual(table.count, 9, out)
            for line in table { XCTAssertLessThanOrEqual(line.count, columns, "\(columns) columns: \(line)") }
            for type in ["case.opened", "mediation.recorded", "follow_up.scheduled", "situation.analysed"] {
                XCTAssertTrue(table.contains { $0.contains(type) }, "\(type) whole at \(columns): \(out)")
            }
            XCTAssertTrue(table.contains { $0.contains("2025-08-13 10:00") }, out)
            XCTAssertTrue(out.contains("…"), "the follow-up's purpose is shortened at \(columns): \(out)")
        }
        let wide = try onTerminal(80, ["history", "LG-2023-000002", "--no-personal", "--wide"])
        XCTAssertFalse(wide.contains("…"), wide)
        XCTAssertTrue(wide.contains("Vermieter informiert, nächster Termin folgt"), wide)
    }

    func testTheEpisodesTableLeavesColumnsOutRatherThanCuttingThem() throws {
        let out = try onTerminal(80, ["episodes", "--format", "table"])
        let table = Self.tableLines(out)
        XCTAssertEqual(table.count, 7, out)
        for line in table { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
        XCTAssertFalse(out.contains("…"), out)
        XCTAssertTrue(table.contains { $0.hasPrefix("LG-2025-000001  1  ") && $0.contains("kaltenmoor") && $0.contains("court_notice") }, out)
        XCTAssertTrue(out.contains("left out to fit the terminal"), out)
    }

    func testColourOnATerminalAndNoneWithNoColorOrPiped() throws {
        let coloured = try onTerminal(200, ["caseload", "--day", "2025-10-20"])
        XCTAssertTrue(coloured.contains("\u{1b}[1;31mLG-2023-000002\u{1b}[0m"), coloured)
        XCTAssertTrue(coloured.contains("\u{1b}[33mLG-2025-000003\u{1b}[0m"), coloured)
        let plain = try onTerminal(200, ["caseload", "--day", "2025-10-20"], env: ["NO_COLOR": "1"])
        XCTAssertFalse(plain.contains("\u{1b}["), plain)
        XCTAssertFalse(try ledger("caseload", "--day", "2025-10-20").contains("\u{1b}["))
    }

    func testColumnsFromTheEnvironmentOnATerminal() throws {
        let narrow = try onTerminal(200, ["caseload", "--day", "2025-10-20"], env: ["COLUMNS": "80"])
        XCTAssertTrue(narrow.contains("left out to fit"), narrow)
        let wide = try onTerminal(80, ["caseload", "--day", "2025-10-20"], env: ["COLUMNS": "250"])
        XCTAssertFalse(wide.contains("left out to fit"), wide)
    }
}
