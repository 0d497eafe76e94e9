import LedgerTestSupport
import XCTest

/// A test case that gets a fresh, initialised ledger folder for every test,
/// to run the real executable on (`CLI.run(..., ledger: dir)`).
class CLITestCase: XCTestCase {
    var scratch: TemporaryFolder!
    var dir: String { scratch.file("l") }

    override func setUpWithError() throws {
        scratch = TemporaryFolder()
        addTeardownBlock { [unowned self] in self.scratch = nil }  // XCTest keeps each test's instance
        let r = try CLI.run(["init"], ledger: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
    }
}
