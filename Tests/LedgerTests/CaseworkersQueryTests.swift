import LedgerTestSupport
import XCTest
@testable import Ledger

/// `Ledger.caseworkers()`: everyone an episode was in the charge of, with
/// their episodes and open cases, from the episodes projection.
final class CaseworkersQueryTests: XCTestCase {
    func testEpisodesAndOpenCasesPerCaseworker() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        defer { ledger.close() }
        XCTAssertEqual(try ledger.caseworkers(), [])
        let first = try openCase(ledger)
        let second = try openCase(ledger, at: "2026-01-11T09:00:00Z")
        try ledger.execute(.reassign(second, caseworker: "cw.other"), context: context("2026-01-12T09:00:00Z"))
        try ledger.execute(.close(first, reason: .movedAway), context: context("2026-01-13T09:00:00Z"))
        try ledger.execute(.reopen(first, reason: "zurück"), context: context("2026-01-14T09:00:00Z"))
        let known = try ledger.caseworkers()
        XCTAssertEqual(known, [KnownCaseworker(name: "cw.other", episodes: 1, openCases: 1),
                               KnownCaseworker(name: "cw.test", episodes: 2, openCases: 1)])
        _ = try ledger.rebuildProjections()
        XCTAssertEqual(try ledger.caseworkers(), known, "a rebuild gives the same")
    }
}
