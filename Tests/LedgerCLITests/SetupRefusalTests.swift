import Foundation
import LedgerTestSupport
import XCTest

/// `backup` never writes into the live ledger folder, and a failed `init`
/// takes back everything it made.
final class SetupRefusalTests: CLITestCase {
    private var entriesOfTheLedger: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    func testABackupIntoTheLiveLedgerFolderIsRefused() throws {
        let before = entriesOfTheLedger
        let link = scratch.file("alias")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir)
        for destination in [dir + "/backup", dir + "/sub/backup", link + "/backup", dir, dir + "/."] {
            for extra in [[], ["--with-key"]] {
                let r = try CLI.run(["backup", destination] + extra, ledger: dir)
                XCTAssertEqual(r.status, 64, "\(destination): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("inside the ledger folder"), r.stderr)
            }
        }
        XCTAssertEqual(entriesOfTheLedger, before, "nothing may be made in the ledger folder")
        let beside = try CLI.run(["backup", scratch.file("backup")], ledger: dir)
        XCTAssertEqual(beside.status, 0, beside.stderr)
    }

    func testAFailedInitLeavesNothingBehind() throws {
        let fresh = scratch.file("new/office/ledger")
        let unwritableKey = try CLI.run(["init"], ledger: fresh, environment: ["LEDGER_KEY_FILE": scratch.file("nowhere/master.key")])
        XCTAssertEqual(unwritableKey.status, 74, unwritableKey.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("new")), "the folders init made must go")

        let garbage = scratch.file("garbage.key")
        XCTAssertTrue(FileManager.default.createFile(atPath: garbage, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600]))
        let badKey = try CLI.run(["init"], ledger: fresh, environment: ["LEDGER_KEY_FILE": garbage])
        XCTAssertEqual(badKey.status, 77, badKey.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("new")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: garbage), "a key file init did not make stays")

        // A folder that was there (empty, or with a file of the office's) stays as it was.
        let existing = scratch.file("existing")
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: false)
        XCTAssertTrue(FileManager.default.createFile(atPath: existing + "/README", contents: Data()))
        let inExisting = try CLI.run(["init"], ledger: existing, environment: ["LEDGER_KEY_FILE": garbage])
        XCTAssertEqual(inExisting.status, 77, inExisting.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: existing), ["README"])
        let works = try CLI.run(["init"], ledger: existing)
        XCTAssertEqual(works.status, 0, works.stderr)
    }
}
