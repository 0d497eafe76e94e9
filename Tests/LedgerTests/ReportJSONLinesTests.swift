import XCTest
@testable import Ledger

/// The NDJSON layout of `ReportJSONWriter`: the top-level array's items as
/// compact lines, nothing for an empty array, nested values untouched.
final class ReportJSONLinesTests: XCTestCase {
    func lines(_ value: JSONValue) -> String {
        var w = ReportJSONWriter(layout: .lines)
        w.value(value)
        return String(decoding: w.finish(), as: UTF8.self)
    }

    func testItemsBecomeCompactLines() {
        let rows = JSONValue.array([
            .object(JSONObject([("case", .string("LG-2026-000001")), ("days", .int(3)), ("flags", .array([.string("a b"), .null]))])),
            .object(JSONObject([("case", .string("LG-2026-000002")), ("nested", .object(JSONObject([("x", .bool(true))])))])),
        ])
        XCTAssertEqual(lines(rows), """
        {"case":"LG-2026-000001","days":3,"flags":["a b",null]}
        {"case":"LG-2026-000002","nested":{"x":true}}

        """)
        XCTAssertEqual(lines(.array([])), "")
        XCTAssertEqual(lines(.array([.int(1), .string("x\n")])), "1\n\"x\\n\"\n")
    }

    func testATopLevelObjectIsOneLine() {
        XCTAssertEqual(lines(.object(JSONObject([("a", .array([.int(1)]))]))), "{\"a\":[1]}\n")
    }

    func testThePrettyLayoutIsUnchanged() {
        let value = JSONValue.array([.object(JSONObject([("a", .int(1))]))])
        var w = ReportJSONWriter()
        w.value(value)
        XCTAssertEqual(String(decoding: w.finish(), as: UTF8.self), "[\n {\n  \"a\": 1\n }\n]\n")
    }
}
