import XCTest
@testable import Ledger

final class RatioTests: XCTestCase {
    func testDecimalsRoundHalfAwayFromZeroWithAtLeastOneDigit() {
        func text(_ n: Int, _ d: Int, _ places: Int = 4) -> String? { Ratio(n, d)?.decimal(places: places) }
        XCTAssertEqual(text(1, 2), "0.5")
        XCTAssertEqual(text(1, 1), "1.0")
        XCTAssertEqual(text(2, 3), "0.6667")
        XCTAssertEqual(text(1, 3), "0.3333")
        XCTAssertEqual(text(0, 5), "0.0")
        XCTAssertEqual(text(82, 2, 2), "41.0")
        XCTAssertEqual(text(5, 8, 2), "0.63")   // 0.625: the half goes up
        XCTAssertEqual(text(-5, 8, 2), "-0.63") // and away from zero below it
        XCTAssertEqual(text(-1, 1000, 2), "0.0") // rounds to zero: no "-0.0"
        XCTAssertEqual(text(1, 20_000), "0.0001") // 0.00005 rounds up
        XCTAssertEqual(text(99_999, 100_000), "1.0") // the carry reaches the whole part
        XCTAssertEqual(text(19, 2, 0), "10.0")
        XCTAssertNil(Ratio(1, 0))
    }
}
