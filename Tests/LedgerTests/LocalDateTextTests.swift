import LedgerTestSupport
import XCTest
@testable import Ledger

/// A date's text, written three ways (`description`, `appendWireText`, and
/// the report writer), is `YYYY-MM-DD` and parses back to the date.
final class LocalDateTextTests: XCTestCase {
    func testEveryWayOfWritingADateGivesTheSameText() {
        var rng = SplitMix64(seed: 0xDA7E)
        let first = LocalDate(year: 1, month: 1, day: 1)?.daysSinceEpoch ?? 0
        let last = LocalDate(year: 9999, month: 12, day: 31)?.daysSinceEpoch ?? 0
        var days: [Int32] = [first, last, 0, -1, 19_000]
        for _ in 0..<5_000 { days.append(first + Int32(rng.below(Int(last - first) + 1))) }
        for n in days {
            let date = LocalDate(daysSinceEpoch: n)
            var bytes: [UInt8] = []
            date.appendWireText(to: &bytes)
            let (y, m, d) = date.components
            XCTAssertEqual(date.description, LocalDate.pad(y, 4) + "-" + LocalDate.pad(m, 2) + "-" + LocalDate.pad(d, 2))
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), date.description)
            XCTAssertEqual(LocalDate(date.description), date)
            var json = ReportJSONWriter()
            json.date(date)
            XCTAssertEqual(String(decoding: json.finish(), as: UTF8.self), "\"\(date.description)\"\n")
        }
    }

    func testADateOutsideFourDigitYearsKeepsItsFormerText() {
        let late = LocalDate(daysSinceEpoch: 3_000_000)
        XCTAssertEqual(late.components.year, 10_183)
        XCTAssertTrue(late.description.hasPrefix("10183-"))
        var bytes: [UInt8] = []
        late.appendWireText(to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), late.description)
    }
}
