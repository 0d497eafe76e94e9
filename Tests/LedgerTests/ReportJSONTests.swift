import XCTest
@testable import Ledger

final class ReportJSONTests: XCTestCase {
    func testReportTextEscapesAndIndents() {
        let value = ReportJSON.object([
            .init("a\"b", .string("line\nbreak ü")),
            .init("list", .array([.int(1), .null, .bool(false)])),
            .init("empty", .array([])),
            .init("rate", .number(Ratio(2, 3), places: 4)),
            .init("none", .number(nil, places: 4)),
        ])
        XCTAssertEqual(value.text, """
        {
         "a\\"b": "line\\nbreak ü",
         "list": [
          1,
          null,
          false
         ],
         "empty": [],
         "rate": 0.6667,
         "none": null
        }

        """)
    }
}
