import Ledger
import XCTest

/// Successful parses: structure, strings, integers, entry points, accessors.
final class JSONParserTests: XCTestCase {
    private func obj(_ members: [(key: String, value: JSONValue)]) -> JSONValue {
        .object(JSONObject(members))
    }

    func testParsesNestedStructureInSourceOrder() throws {
        let text = #"{"b":[1,-2,true,false,null,"x"],"a":{},"c":[],"d":{"e":"f"}}"#
        let expected = obj([
            ("b", .array([.int(1), .int(-2), .bool(true), .bool(false), .null, .string("x")])),
            ("a", obj([])),
            ("c", .array([])),
            ("d", obj([("e", .string("f"))])),
        ])
        XCTAssertEqual(try JSONParser.parse(text), expected)
    }

    func testScalarsAtTopLevelAndWhitespace() throws {
        XCTAssertEqual(try JSONParser.parse(" \t\r\n42 \n"), .int(42))
        XCTAssertEqual(try JSONParser.parse("null"), .null)
        XCTAssertEqual(try JSONParser.parse("true"), .bool(true))
        XCTAssertEqual(try JSONParser.parse("\"\""), .string(""))
        XCTAssertEqual(
            try JSONParser.parse(" { \"a\" : [ 1 , 2 ] , \"b\"\t:\r\n{ } } "),
            obj([("a", .array([.int(1), .int(2)])), ("b", obj([]))])
        )
    }

    func testIntegersIncludingBoundsAndNegativeZero() throws {
        XCTAssertEqual(try JSONParser.parse("0"), .int(0))
        XCTAssertEqual(try JSONParser.parse("-0"), .int(0))
        XCTAssertEqual(try JSONParser.parse("-7"), .int(-7))
        XCTAssertEqual(try JSONParser.parse("9007199254740991"), .int(9_007_199_254_740_991))
        XCTAssertEqual(try JSONParser.parse("-9007199254740991"), .int(-9_007_199_254_740_991))
        XCTAssertEqual(try JSONParser.parse("[10,200,3000]"), .array([.int(10), .int(200), .int(3000)]))
    }

    func testStringEscapesAndSurrogatePairsAreDecoded() throws {
        let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00\u0000""#
        XCTAssertEqual(try JSONParser.parse(text), .string("\"\\/\u{8}\u{C}\n\r\tAé€😀\u{0}"))
    }

    func testRawNonASCIIAndLongStringsAcrossWordBoundaries() throws {
        XCTAssertEqual(try JSONParser.parse("\"héllo wörld € 😀 \u{2028}\u{7F}\""), .string("héllo wörld € 😀 \u{2028}\u{7F}"))
        // Special bytes at every position relative to the 8-byte fast path.
        for length in 0..<24 {
            for special in ["\\n", "é", "😀", "\\u0022"] {
                let prefix = String(repeating: "a", count: length)
                let text = "\"" + prefix + special + prefix + "\""
                let decoded = special == "\\n" ? "\n" : (special == "\\u0022" ? "\"" : special)
                XCTAssertEqual(try JSONParser.parse(text), .string(prefix + decoded + prefix), text)
            }
        }
    }

    func testEntryPointsAgree() throws {
        let text = #"{"k":["v",1]}"#
        let bytes = Array(text.utf8)
        let fromString = try JSONParser.parse(text)
        let fromArray = try JSONParser.parse(bytes)
        let fromRaw = try bytes.withUnsafeBytes { raw in try JSONParser.parse(raw) }
        XCTAssertEqual(fromString, fromArray)
        XCTAssertEqual(fromString, fromRaw)
        // A slice of a larger buffer parses on its own.
        let framed = Array("xx\(text)yy".utf8)
        let fromSlice = try framed.withUnsafeBytes { raw in
            try JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[2..<(2 + bytes.count)]))
        }
        XCTAssertEqual(fromSlice, fromString)
    }

    func testAccessorsAndObjectLookup() throws {
        let value = try JSONParser.parse(#"{"s":"x","i":5,"b":true,"a":[null],"o":{"k":1},"n":null}"#)
        let object = try XCTUnwrap(value.objectValue)
        XCTAssertEqual(object.keys, ["s", "i", "b", "a", "o", "n"])
        XCTAssertEqual(object["s"]?.stringValue, "x")
        XCTAssertEqual(object["i"]?.intValue, 5)
        XCTAssertEqual(object["b"]?.boolValue, true)
        XCTAssertEqual(object["a"]?.arrayValue, [.null])
        XCTAssertEqual(object["o"]?.objectValue?["k"], .int(1))
        XCTAssertEqual(object["n"]?.isNull, true)
        XCTAssertNil(object["missing"])
        XCTAssertNil(object["s"]?.intValue)
        XCTAssertNil(object["i"]?.stringValue)
        XCTAssertEqual(object["i"]?.isNull, false)
        XCTAssertNil(value.arrayValue)
    }

    func testObjectEqualityIsOrderSensitive() {
        let ab = JSONObject([("a", .int(1)), ("b", .int(2))])
        let ba = JSONObject([("b", .int(2)), ("a", .int(1))])
        XCTAssertNotEqual(ab, ba)
        XCTAssertEqual(ab, JSONObject([("a", .int(1)), ("b", .int(2))]))
        XCTAssertNotEqual(ab, JSONObject([("a", .int(1))]))
        XCTAssertNotEqual(ab, JSONObject([("a", .int(1)), ("b", .int(3))]))
    }

    func testLimitsAllowInputsAtTheLimit() throws {
        let deep = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        XCTAssertNoThrow(try JSONParser.parse(deep))
        XCTAssertEqual(try JSONParser.parse("[1234567]", limits: JSONLimits(maxBytes: 9)), .array([.int(1_234_567)]))
        XCTAssertEqual(try JSONParser.parse("[[]]", limits: JSONLimits(maxDepth: 2)), .array([.array([])]))
    }

    func testLargeObjectWithUniqueKeys() throws {
        let keys = (0..<100).map { "k\($0)" }
        let text = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        XCTAssertEqual(try JSONParser.parse(text).objectValue?.keys, keys)
    }

    /// Containers larger than the parser's initial scratch space, nested inside each other.
    func testLargeNestedContainersOutgrowScratchSpace() throws {
        let inner = JSONValue.array((0..<70).map { .int(Int64($0)) })
        let innerObject = JSONValue.object(JSONObject((0..<70).map { (key: "key\($0)", value: JSONValue.string("v\($0)")) }))
        let members: [(key: String, value: JSONValue)] = (0..<60).map { index in
            (key: "m\(index)", value: index.isMultiple(of: 2) ? inner : innerObject)
        }
        let value = JSONValue.array([.object(JSONObject(members)), inner, innerObject])
        let text = String(decoding: CanonicalJSONWriter.encode(value), as: UTF8.self)
        let parsed = try JSONParser.parse(text)
        // Canonical output sorts keys, so compare canonical forms and spot-check order-free facts.
        XCTAssertEqual(CanonicalJSONWriter.encode(parsed), Array(text.utf8))
        XCTAssertEqual(parsed.arrayValue?[1], inner)
        XCTAssertEqual(parsed.arrayValue?[0].objectValue?["m3"]?.objectValue?["key69"], .string("v69"))
        XCTAssertEqual(parsed.arrayValue?[0].objectValue?.members.count, 60)
    }

    func testKeysSharingPrefixesAreNotDuplicates() throws {
        let text = #"{"abcdefghij":1,"abcdefghik":2,"abcdefgh":3,"abcdefg":4,"abcdefghi\u006b2":5,"a":6,"a\u0000":7}"#
        XCTAssertEqual(
            try JSONParser.parse(text).objectValue?.keys,
            ["abcdefghij", "abcdefghik", "abcdefgh", "abcdefg", "abcdefghik2", "a", "a\u{0}"]
        )
    }
}
