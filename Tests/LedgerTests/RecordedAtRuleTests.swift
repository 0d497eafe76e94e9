import LedgerTestSupport
import XCTest
@testable import Ledger

/// The recorded_at clock rule alone.
final class RecordedAtRuleTests: XCTestCase {
    private let rule = RecordedAtRule(now: ts("2026-11-25T12:00:00Z").epochSeconds)

    func testWithoutOneTheClockIsTaken() throws {
        XCTAssertEqual(try rule.assign(nil, after: nil), Timestamp.utc(epochSeconds: rule.now))
        XCTAssertEqual(try rule.assign(nil, after: ts("2026-11-25T11:00:00Z")), Timestamp.utc(epochSeconds: rule.now))
    }

    func testAClockBehindTheLastRecordedAtGivesTheLastOne() throws {
        let later = ts("2026-11-25T12:30:00Z")
        XCTAssertEqual(try rule.assign(nil, after: later), Timestamp.utc(epochSeconds: later.epochSeconds))
    }

    func testAGivenOneIsKeptAsWritten() throws {
        let given = ts("2026-11-25T13:00:00+02:00")
        XCTAssertEqual(try rule.assign(given, after: ts("2026-11-25T10:00:00Z")), given)
        XCTAssertEqual(try rule.assign(given, after: given), given)
    }

    func testAGivenOneInTheFutureIsRefused() {
        XCTAssertThrowsError(try rule.assign(ts("2026-11-25T12:00:01Z"), after: nil)) { error in
            XCTAssertEqual(error as? LedgerError, .invalidInput("recorded_at 2026-11-25T12:00:01Z lies in the future"))
        }
    }

    func testAGivenOneBeforeTheLastIsRefused() {
        XCTAssertThrowsError(try rule.assign(ts("2026-11-25T09:59:59Z"), after: ts("2026-11-25T10:00:00Z"))) { error in
            XCTAssertEqual(error as? LedgerError, .invalidInput(
                "recorded_at 2026-11-25T09:59:59Z goes back before the ledger's last recorded_at 2026-11-25T10:00:00Z"))
        }
    }
}
