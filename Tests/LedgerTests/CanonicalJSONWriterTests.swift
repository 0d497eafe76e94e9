import Ledger
import XCTest

/// RFC 8785 output: string escaping, key order, integers, streaming primitives.
final class CanonicalJSONWriterTests: XCTestCase {
    private func canonical(_ value: JSONValue) -> String {
        String(decoding: CanonicalJSONWriter.encode(value), as: UTF8.self)
    }

    private func canonical(parsing text: String) throws -> String {
        canonical(try JSONParser.parse(text))
    }

    /// RFC 8785 §3.2.2 example, with the floating-point numbers replaced by integers.
    func testRFC8785StringExample() throws {
        let input = #"""
            {
              "numbers": [333, -0, 1, 9007199254740991],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333,0,1,9007199254740991],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        XCTAssertEqual(try canonical(parsing: input), expected)
        XCTAssertEqual(CanonicalJSONWriter.encode(try JSONParser.parse(input)), Array(expected.utf8))
    }

    func testStringEscapingMatchesJSONStringify() {
        let named: [UInt8: String] = [0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#]
        for byte in UInt8(0)..<0x20 {
            let hex = String(byte, radix: 16)
            let expected = named[byte] ?? ("\\u00" + (hex.count == 1 ? "0" + hex : hex))
            XCTAssertEqual(canonical(.string(String(UnicodeScalar(byte)))), "\"" + expected + "\"", "byte \(byte)")
        }
        XCTAssertEqual(canonical(.string("\u{1F}")), #""\u001f""#)
        XCTAssertEqual(canonical(.string("\"\\/")), #""\"\\/""#)
        // DEL, U+2028/U+2029, non-ASCII and non-BMP are written literally.
        let literal = "\u{7F}\u{2028}\u{2029}é€\u{FFFD}😀"
        XCTAssertEqual(CanonicalJSONWriter.encode(.string(literal)), [0x22] + Array(literal.utf8) + [0x22])
        XCTAssertEqual(canonical(.string("a\"b\nc")), #""a\"b\nc""#)
        XCTAssertEqual(canonical(.string("")), #""""#)
    }

    /// RFC 8785 §3.2.3 sorting example: UTF-16 code-unit order.
    func testRFC8785KeyOrderExample() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let keys = ["\r", "1", "\u{80}", "ö", "€", "😀", "\u{FB33}"]
        let values = [
            "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis",
            "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh",
        ]
        let expected = "{" + zip(keys, values).map { key, value in
            canonical(.string(key)) + ":" + canonical(.string(value))
        }.joined(separator: ",") + "}"
        XCTAssertEqual(try canonical(parsing: input), expected)
        XCTAssertTrue(expected.hasPrefix(#"{"\r":"Carriage Return","1":"One","#))
    }

    /// U+1F600 (UTF-16 D83D DE00) sorts before U+FFFD and U+E000 although its code point is larger.
    func testNonBMPKeySortsBeforeHighBMPKey() {
        let value = JSONValue.object(JSONObject([
            ("\u{FFFD}", .int(1)), ("\u{E000}", .int(2)), ("😀", .int(3)), ("\u{D7FF}", .int(4)), ("z", .int(5)),
        ]))
        XCTAssertEqual(canonical(value), "{\"z\":5,\"\u{D7FF}\":4,\"😀\":3,\"\u{E000}\":2,\"\u{FFFD}\":1}")
        XCTAssertTrue(CanonicalJSONWriter.canonicalKeyOrder("😀", "\u{FFFD}"))
        XCTAssertFalse(CanonicalJSONWriter.canonicalKeyOrder("\u{FFFD}", "😀"))
        XCTAssertTrue(CanonicalJSONWriter.canonicalKeyOrder("a", "ab"))
        XCTAssertFalse(CanonicalJSONWriter.canonicalKeyOrder("a", "a"))
        XCTAssertTrue(CanonicalJSONWriter.canonicalKeyOrder("B", "a"))
    }

    func testMessyInputCanonicalizes() throws {
        let messy = "\r\n {  \"to\" : \"acct_2\" ,\t\"amount\":-0,\n \"memo\":\"caf\\u00e9 \\u2028 \\ud83d\\ude00\\t\\u007f\","
            + " \"meta\" : { \"z\" : [ ] , \"a\" : { } , \"m\" : [ 1 , { \"y\" : null , \"x\" : false } ] },"
            + " \"from\":\"acct_1\", \"amount_cents\" : 12500 }  \n"
        let expected = "{\"amount\":0,\"amount_cents\":12500,\"from\":\"acct_1\",\"memo\":\"café \u{2028} 😀\\t\u{7F}\","
            + "\"meta\":{\"a\":{},\"m\":[1,{\"x\":false,\"y\":null}],\"z\":[]},\"to\":\"acct_2\"}"
        XCTAssertEqual(CanonicalJSONWriter.encode(try JSONParser.parse(messy)), Array(expected.utf8))
    }

    func testIntegers() {
        XCTAssertEqual(canonical(.array([.int(0), .int(-1), .int(42), .int(-9_007_199_254_740_991)])), "[0,-1,42,-9007199254740991]")
        XCTAssertEqual(canonical(.int(.max)), "9223372036854775807")
        XCTAssertEqual(canonical(.int(.min)), "-9223372036854775808")
    }

    func testStreamingPrimitivesHandleNestedCommas() {
        var writer = CanonicalJSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.string("x")
        writer.null()
        writer.endArray()
        writer.bool(true)
        writer.endArray()
        writer.key("b")
        writer.beginObject()
        writer.key("c")
        writer.bool(false)
        writer.key("d")
        writer.raw(Array("[7]".utf8))
        writer.endObject()
        writer.key("e")
        writer.write(.object(JSONObject([("z", .int(1)), ("y", .array([]))])))
        writer.key("f")
        writer.string("q\"")
        writer.endObject()
        let expected = #"{"a":[1,{},["x",null],true],"b":{"c":false,"d":[7]},"e":{"y":[],"z":1},"f":"q\""}"#
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), expected)

        writer.reset()
        XCTAssertEqual(writer.bytes, [])
        writer.beginArray()
        writer.write(.int(1))
        writer.write(.string("2"))
        writer.endArray()
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), #"[1,"2"]"#)
    }

    func testResetClearsAnOpenContainer() {
        var writer = CanonicalJSONWriter(reservingCapacity: 16)
        writer.beginArray()
        writer.int(1)
        writer.reset()
        writer.beginArray()
        writer.int(2)
        writer.endArray()
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "[2]")
    }
}
