import Foundation
import LedgerTestSupport
import XCTest

/// The Python example of Docs/SEALING.md is a real program: it is extracted
/// from the page and must open a field of a real export. Skipped where
/// python3 cannot import `cryptography` or `mdb_dump` is missing.
final class SealingExampleTests: XCTestCase {
    func testTheDocumentedPythonExampleOpensAFieldOfAnExport() throws {
        let probe = try ToolRunner.run(["python3", "-c", "import cryptography"])
        try XCTSkipUnless(probe.status == 0, "python3 cannot import cryptography")
        try XCTSkipUnless(try ToolRunner.run(["sh", "-c", "command -v mdb_dump"]).status == 0, "mdb_dump is missing")

        let scratch = TemporaryFolder()
        let dir = scratch.file("l")
        XCTAssertEqual(try CLI.run(["init"], ledger: dir).status, 0)
        let opened = try CLI.run(["open", "--district", "kaltenmoor", "--source", "walk_in", "--adults", "1", "--children", "0",
                                  "--caseworker", "cw.test", "--name", "Erika Musterfrau", "--birth-date", "1980-02-03",
                                  "--address", "Am Sande 1, 21335 Lüneburg", "--phone", "04131 123456"], ledger: dir)
        XCTAssertEqual(opened.status, 0, opened.stderr)
        let id = opened.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try CLI.run(["contact", id, "--channel", "phone", "--note", "Erstgespräch"], ledger: dir).status, 0)
        XCTAssertEqual(try CLI.run(["export", "--out", scratch.file("export.ndjson")], ledger: dir).status, 0)

        let page = try String(contentsOfFile: TestPaths.root + "/Docs/SEALING.md", encoding: .utf8)
        let blocks = page.components(separatedBy: "```python\n").dropFirst()
        let code = try XCTUnwrap(blocks.first?.components(separatedBy: "```").first, "no python block in SEALING.md")
        let script = scratch.file("open_field.py")
        try code.write(toFile: script, atomically: false, encoding: .utf8)

        let person = try ToolRunner.run(["python3", script, scratch.file("export.ndjson"), dir, id, "person"])
        XCTAssertEqual(person.status, 0, person.stderr)
        XCTAssertEqual(person.stdout,
                       #"1 {"address": "Am Sande 1, 21335 Lüneburg", "birth_date": "1980-02-03", "name": "Erika Musterfrau", "phone": "04131 123456"}"# + "\n")
        let note = try ToolRunner.run(["python3", script, scratch.file("export.ndjson"), dir, id, "note"])
        XCTAssertEqual(note.stdout, "2 \"Erstgespräch\"\n", note.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix("-lock") }, [],
                       "the example leaves no lock file in the ledger folder")

        XCTAssertEqual(try CLI.run(["close", id, "--reason", "contact_lost"], ledger: dir).status, 0)
        XCTAssertEqual(try CLI.run(["erase", id, "--reason", "subject_request"], ledger: dir).status, 0)
        let erased = try ToolRunner.run(["python3", script, scratch.file("export.ndjson"), dir, id, "person"])
        XCTAssertNotEqual(erased.status, 0, "after erasure not even the example opens the field")
        XCTAssertFalse(erased.stdout.contains("Musterfrau"))
    }
}
