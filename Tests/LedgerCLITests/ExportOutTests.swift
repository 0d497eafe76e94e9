import Foundation
import LedgerTestSupport
import XCTest

/// `export --out FILE` never writes into an existing file nor through a link:
/// a new 0600 file beside it is renamed into place, only once it is whole.
final class ExportOutTests: CLITestCase {
    private let personName = "Erika Musterfrau"

    override func setUpWithError() throws {
        try super.setUpWithError()
        let opened = try CLI.run(["open", "--district", "kaltenmoor", "--source", "court_notice", "--adults", "1", "--children", "2",
                                  "--caseworker", "cw.test", "--name", personName, "--birth-date", "1980-02-03",
                                  "--address", "Am Sande 1, 21335 Lüneburg", "--phone", "04131 123456"], ledger: dir)
        XCTAssertEqual(opened.status, 0, opened.stderr)
    }

    private func mode(_ path: String) throws -> Int {
        try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// Files the export left in the folder besides the target (a partial file must not stay).
    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains("partial") }
    }

    /// The reviewer's attack: plaintext written into an existing 0666 file kept its mode.
    func testARevealIntoAnExistingWorldReadableFileEndsAsA0600File() throws {
        let target = scratch.file("export.ndjson")
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: Data("old\n".utf8)))
        XCTAssertEqual(chmod(target, 0o666), 0)
        let r = try CLI.run(["export", "--reveal", "--out", target], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try mode(target), 0o600)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        XCTAssertTrue(text.contains(personName) && !text.hasPrefix("old"), text)
        XCTAssertEqual(try leftovers(), [])
    }

    func testASymbolicLinkTargetIsRefusedAndLeftAlone() throws {
        let real = scratch.file("elsewhere.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: real, contents: Data("keep\n".utf8)))
        let link = scratch.file("export.ndjson")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let r = try CLI.run(["export", "--reveal", "--out", link], ledger: dir)
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("symbolic link"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: real, encoding: .utf8), "keep\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), real)
        XCTAssertEqual(try leftovers(), [])
    }

    func testAFailedExportLeavesTheTargetAsItWas() throws {
        let target = scratch.file("export.ndjson")
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: Data("old\n".utf8)))
        let r = try CLI.run(["export", "--reveal", "--out", target], ledger: dir,
                            environment: ["LEDGER_KEY_FILE": scratch.file("no-such.key")])
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "old\n")
        XCTAssertEqual(try leftovers(), [])
    }

    func testANewFileIsMode0600() throws {
        let target = scratch.file("new.ndjson")
        let r = try CLI.run(["export", "--out", target], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try mode(target), 0o600)
    }
}
