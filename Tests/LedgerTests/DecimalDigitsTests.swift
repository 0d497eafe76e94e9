import LedgerTestSupport
import XCTest
@testable import Ledger

/// The one digit writer gives `String`'s text for every kind of number.
final class DecimalDigitsTests: XCTestCase {
    func testSignedNumbersReadAsStringWritesThem() {
        var random = SplitMix64(seed: 5)
        let edges: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, Int64.max, Int64.min, Int64.min + 1]
        for value in edges + (0..<2_000).map({ _ in Int64(bitPattern: random.next()) >> Int64(random.below(63)) }) {
            var out: [UInt8] = []
            DecimalDigits.append(value, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(value))
        }
    }

    func testPaddedDigitsAreZeroFilledToTheWidth() {
        for (value, width, text) in [(7, 2, "07"), (2026, 4, "2026"), (5, 4, "0005"), (123, 2, "123"), (0, 3, "000")] {
            var out: [UInt8] = []
            DecimalDigits.append(UInt64(value), width: width, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), text)
        }
    }
}
