import Foundation
import LedgerTestSupport
import XCTest

/// A review found names a spreadsheet runs as formulas, notes that fake a
/// table row, escape sequences echoed into the terminal and right-to-left
/// overrides that disguise text (issue 15, findings 7 and 8). Each attack here
/// now fails safe.
final class HostileTextTests: DeskTestCase {
    /// Formula-like caseworker and actor names are refused at the door (exit 65, the name's rule), with nothing written.
    func testNamesThatASpreadsheetRunsAreRefused() throws {
        for name in ["=1+2", "+cmd|calc", "@SUM(A1)", "-2+3", "cw a", "1cw"] {
            try refused(65, "a letter, then letters, digits", ["open"] + Self.household + ["--caseworker=\(name)", "--new-caseworker"])
            try refused(65, "a letter, then letters, digits",
                        ["open"] + Self.household + ["--caseworker", "cw.neu", "--new-caseworker", "--actor=\(name)"])
        }
        let r = try CLI.run(["open"] + Self.household + ["--caseworker", "cw.müller", "--new-caseworker"], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// A free text that starts like a formula reaches a CSV cell only behind a quote mark.
    func testFormulaCellsAreNeutralisedInCSV() throws {
        let id = try openCase()
        try ledger("show", id, "--purpose", "=HYPERLINK(\"http://x\",\"klick\")")
        let csv = try ledger("access-log", "--format", "csv")
        XCTAssertTrue(csv.contains("'=HYPERLINK("), csv)
        XCTAssertFalse(csv.contains(",=HYPERLINK(") || csv.contains(",\"=HYPERLINK("), csv)
    }

    /// A note's line break cannot fake a row of `show`; an escape sequence is refused on input and never echoed by an error.
    func testControlCharactersNeverReachTheTerminalRaw() throws {
        let id = try openCase()
        try ledger("contact", id, "--channel", "phone", "--note", "erste Zeile\ncase  LG-2099-000001  gefälscht")
        let shown = try ledger("show", id, "--purpose", "test")
        XCTAssertFalse(shown.split(separator: "\n").contains { $0.hasPrefix("case  LG-2099") }, shown)
        try refused(65, "control character", ["contact", id, "--channel", "phone", "--note", "rot \u{1B}[31m"])
        let r = try CLI.run(["show", "LG-2026-\u{1B}[2J", "--purpose", "x"], ledger: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(r.stderr.contains("\u{1B}"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\\u{1B}"), r.stderr)
    }

    /// A right-to-left override in a text field is refused with exit 64 (usage) or 65 (data), nothing written.
    func testBidirectionalOverridesAreRefused() throws {
        let id = try openCase()
        let before = try export()
        let r = try CLI.run(["contact", id, "--channel", "phone", "--note", "Miete \u{202E}gnuhalhaz"], ledger: dir)
        XCTAssertTrue([64, 65].contains(r.status), r.stderr)
        XCTAssertTrue(r.stderr.contains("bidirectional override"), r.stderr)
        XCTAssertEqual(try export(), before)
    }
}
