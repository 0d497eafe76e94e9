import Foundation
import LedgerTestSupport
import XCTest

/// A master key open to other accounts, or a data file open to every account,
/// is refused before it is used (Docs/THREAT_MODEL.md "File permissions").
final class FilePermissionTests: XCTestCase {
    private let factory = NDJSONFactory(year: 2024, actor: "importer")

    private func ledgerWithCases() throws -> ScratchLedger {
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.lines(cases: 1, count: 2, eventsPerCase: 4))])
        return ledger
    }

    func testAMasterKeyOpenToOthersIsRefused() throws {
        let ledger = try ledgerWithCases()
        let key = ledger.directory + "/master.key"
        for mode: mode_t in [0o644, 0o640, 0o604, 0o660] {
            XCTAssertEqual(chmod(key, mode), 0)
            let show = try ledger.run(["show", factory.caseID(1)])
            XCTAssertEqual(show.code, 77, "mode \(String(mode, radix: 8)): \(show)")
            XCTAssertTrue(show.stderr.contains("open to other accounts") && show.stderr.contains("chmod 600"), show.stderr)
            XCTAssertFalse(show.stdout.contains("Test Person"))
            // What needs no key still works.
            XCTAssertEqual(try ledger.run(["show", factory.caseID(1), "--no-personal"]).code, 0)
        }
        XCTAssertEqual(chmod(key, 0o400), 0)
        XCTAssertTrue(try ledger.succeed(["show", factory.caseID(1)]).contains("Test Person"))
    }

    func testDataFilesOpenToEveryAccountAreRefused() throws {
        let ledger = try ledgerWithCases()
        for name in ["data.mdb", "vault.mdb"] {
            let path = ledger.directory + "/" + name
            XCTAssertEqual(chmod(path, 0o644), 0)
            let result = try ledger.run(["show", factory.caseID(1)])
            XCTAssertEqual(result.code, 74, "\(name): \(result)")
            XCTAssertTrue(result.stderr.contains("every account") && result.stderr.contains("chmod o-rwx \(path)"), result.stderr)
            XCTAssertEqual(chmod(path, 0o640), 0, "a group may share the files")
            try ledger.succeed(["show", factory.caseID(1)])
            XCTAssertEqual(chmod(path, 0o600), 0)
        }
    }
}
