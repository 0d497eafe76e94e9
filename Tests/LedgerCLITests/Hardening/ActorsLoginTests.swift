import Foundation
import LedgerTestSupport
import XCTest

/// A ledger made with `init --actors login` takes the login name of the
/// running account as the only actor: a claimed `--actor` of someone else is
/// refused for casework and for reveals, with nothing written or logged.
final class ActorsLoginTests: XCTestCase {
    func testOnlyTheLoginNameMayActOrReveal() throws {
        let scratch = TemporaryFolder()
        let dir = scratch.file("ledger")
        let login = try XCTUnwrap(loginName())
        let asLogin = ["LEDGER_ACTOR": login]
        XCTAssertEqual(try CLI.run(["init", "--actors", "login"], ledger: dir).status, 0)
        let open = try CLI.run(["open", "--district", "kaltenmoor", "--source", "phone", "--adults", "1", "--children", "0",
                                "--caseworker", "cw.a", "--new-caseworker", "--name", "A B", "--birth-date", "1980-01-01",
                                "--address", "X 1", "--phone", "1"], ledger: dir, environment: asLogin)
        XCTAssertEqual(open.status, 0, open.stderr)
        let id = open.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try CLI.run(["export"], ledger: dir).stdout
        let claimed = try CLI.run(["contact", id, "--channel", "phone", "--actor", "cw.innocent"], ledger: dir)
        XCTAssertEqual(claimed.status, 64, claimed.stderr)
        XCTAssertTrue(claimed.stderr.contains("actors: login"), claimed.stderr)
        let reveal = try CLI.run(["show", id, "--purpose", "x", "--actor", "cw.innocent"], ledger: dir)
        XCTAssertEqual(reveal.status, 64, reveal.stderr)
        XCTAssertEqual(try CLI.run(["export"], ledger: dir).stdout, before)
        XCTAssertFalse(try CLI.run(["access-log", "--format", "csv"], ledger: dir).stdout.contains("cw.innocent"))
        XCTAssertEqual(try CLI.run(["contact", id, "--channel", "phone"], ledger: dir, environment: asLogin).status, 0)
    }

    private func loginName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
