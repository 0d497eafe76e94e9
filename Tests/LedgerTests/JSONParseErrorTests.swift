import Ledger
import XCTest

/// Every `JSONParseError.Reason`, with its offset and description.
final class JSONParseErrorTests: XCTestCase {
    private func assertError(
        _ bytes: [UInt8], _ reason: JSONParseError.Reason, at offset: Int,
        limits: JSONLimits = .init(), file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let value = try JSONParser.parse(bytes, limits: limits)
            XCTFail("expected \(reason) at \(offset), parsed \(value)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, JSONParseError(reason: reason, offset: offset), "\(error)", file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), file: file, line: line)
        }
    }

    private func assertError(
        _ text: String, _ reason: JSONParseError.Reason, at offset: Int,
        limits: JSONLimits = .init(), file: StaticString = #filePath, line: UInt = #line
    ) {
        assertError(Array(text.utf8), reason, at: offset, limits: limits, file: file, line: line)
    }

    private func error(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testUnexpectedEnd() {
        assertError(#"{"a":"#, .unexpectedEnd, at: 5)
        assertError("[1,", .unexpectedEnd, at: 3)
        assertError("[1", .unexpectedEnd, at: 2)
        assertError(#""abc"#, .unexpectedEnd, at: 4)
        assertError("tru", .unexpectedEnd, at: 3)
        assertError("-", .unexpectedEnd, at: 1)
        assertError(#""\u00"#, .unexpectedEnd, at: 5)
        assertError(#"{"a""#, .unexpectedEnd, at: 4)
    }

    func testUnexpectedCharacter() {
        assertError(#"{"a" 1}"#, .unexpectedCharacter(UInt8(ascii: "1")), at: 5)
        assertError("[1,]", .unexpectedCharacter(UInt8(ascii: "]")), at: 3)
        assertError(#"{"a":1,}"#, .unexpectedCharacter(UInt8(ascii: "}")), at: 7)
        assertError("[1 2]", .unexpectedCharacter(UInt8(ascii: "2")), at: 3)
        assertError("// c\n1", .unexpectedCharacter(UInt8(ascii: "/")), at: 0)
        assertError("NaN", .unexpectedCharacter(UInt8(ascii: "N")), at: 0)
        assertError("+1", .unexpectedCharacter(UInt8(ascii: "+")), at: 0)
        assertError("-a", .unexpectedCharacter(UInt8(ascii: "a")), at: 1)
        assertError("'a'", .unexpectedCharacter(UInt8(ascii: "'")), at: 0)
        assertError("tRue", .unexpectedCharacter(UInt8(ascii: "R")), at: 1)
        assertError("{1:2}", .unexpectedCharacter(UInt8(ascii: "1")), at: 1)
        assertError("\u{0B}1", .unexpectedCharacter(0x0B), at: 0)
        // A UTF-8 byte order mark is not allowed.
        assertError([0xEF, 0xBB, 0xBF] + Array("{}".utf8), .unexpectedCharacter(0xEF), at: 0)
    }

    func testInvalidUTF8() {
        assertError([0x22, 0x61, 0xFF, 0x62, 0x22], .invalidUTF8, at: 2)
        assertError([0x22, 0xC0, 0x80, 0x22], .invalidUTF8, at: 1)  // overlong
        assertError([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 1)  // encoded surrogate
        assertError([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1)  // > U+10FFFF
        assertError([0x22, 0x61, 0xE2, 0x82], .invalidUTF8, at: 2)  // truncated
        assertError([0x22, 0x80, 0x22], .invalidUTF8, at: 1)  // stray continuation
        assertError(Array(#""\n"#.utf8) + [0xF5, 0x22], .invalidUTF8, at: 3)  // in the escape path
        assertError([0x5B, 0xFF, 0x5D], .invalidUTF8, at: 1)  // outside a string
        assertError(Array("{} ".utf8) + [0xC3], .invalidUTF8, at: 3)
    }

    func testInvalidEscape() {
        assertError(#""\x""#, .invalidEscape, at: 1)
        assertError(#""ab\u12G4""#, .invalidEscape, at: 3)
        assertError(#""\U0041""#, .invalidEscape, at: 1)
        assertError(#""\'""#, .invalidEscape, at: 1)
    }

    func testLoneSurrogate() {
        assertError(#""\uD800""#, .loneSurrogate, at: 1)
        assertError(#""ab\udc00x""#, .loneSurrogate, at: 3)
        assertError(#""\uD800\u0041""#, .loneSurrogate, at: 1)
        assertError(#""\uD83D\uD83D""#, .loneSurrogate, at: 1)
        assertError(#""\uD83Dx""#, .loneSurrogate, at: 1)
    }

    func testControlCharacterInString() {
        assertError("\"a\nb\"", .controlCharacterInString, at: 2)
        assertError("\"\t\"", .controlCharacterInString, at: 1)
        assertError("\"0123456789abcdef\u{1F}\"", .controlCharacterInString, at: 17)
        assertError("\"\\n\u{0}\"", .controlCharacterInString, at: 3)
    }

    func testFloatingPointNumber() {
        assertError("1.5", .floatingPointNumber, at: 0)
        assertError("1e3", .floatingPointNumber, at: 0)
        assertError("1.0", .floatingPointNumber, at: 0)
        assertError("-0.0", .floatingPointNumber, at: 0)
        assertError("2E+2", .floatingPointNumber, at: 0)
        assertError(#"{"amount": 12.50}"#, .floatingPointNumber, at: 11)
        let description = error("[1, 2.5]")?.description ?? ""
        XCTAssertEqual(
            description,
            "floating-point number at byte 4: money and counts are integers (cents); floating-point numbers are not allowed"
        )
    }

    func testNumberOutOfRange() {
        assertError("9007199254740992", .numberOutOfRange, at: 0)
        assertError("-9007199254740992", .numberOutOfRange, at: 0)
        assertError("[99999999999999999999999999]", .numberOutOfRange, at: 1)
    }

    func testLeadingZero() {
        assertError("012", .leadingZero, at: 0)
        assertError("-01", .leadingZero, at: 0)
        assertError("[00]", .leadingZero, at: 1)
    }

    func testTooDeep() {
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        assertError(deep, .tooDeep(32), at: 32)
        assertError("[[[]]]", .tooDeep(2), at: 2, limits: JSONLimits(maxDepth: 2))
        assertError(#"{"a":{"b":{}}}"#, .tooDeep(2), at: 10, limits: JSONLimits(maxDepth: 2))
    }

    func testTooLarge() {
        assertError("[12345678]", .tooLarge(9), at: 9, limits: JSONLimits(maxBytes: 9))
        XCTAssertEqual(error(String(repeating: " ", count: (1 << 20) + 1) + "1")?.reason, .tooLarge(1 << 20))
    }

    func testDuplicateKey() {
        assertError(#"{"a":1,"a":2}"#, .duplicateKey("a"), at: 7)
        assertError(#"{"a":1,"\u0061":2}"#, .duplicateKey("a"), at: 7)
        assertError(#"{"x":{"k":1,"k":1}}"#, .duplicateKey("k"), at: 12)
        assertError(#"{"abcdefghij":1,"abcdefghi\u006a":2}"#, .duplicateKey("abcdefghij"), at: 16)
        assertError(#"{"abcdefghi\u006a":1,"abcdefghij":2}"#, .duplicateKey("abcdefghij"), at: 21)
        assertError(#"{"\u0061b":1,"ab":2}"#, .duplicateKey("ab"), at: 13)
        assertError(#"{"a":{"b":1},"a":2}"#, .duplicateKey("a"), at: 13)
        // Past the linear-scan size the set-based check must agree.
        let members = (0..<40).map { "\"k\($0)\":0" }.joined(separator: ",")
        let text = "{" + members + ",\"k3\":1}"
        assertError(text, .duplicateKey("k3"), at: members.utf8.count + 2)
        XCTAssertEqual(error(#"{"a\nb":1,"a\nb":2}"#)?.description, #"duplicate key "a\nb" at byte 10: object keys must be unique"#)
    }

    func testTrailingContent() {
        assertError("{} x", .trailingContent, at: 3)
        assertError("1 2", .trailingContent, at: 2)
        assertError("[1]]", .trailingContent, at: 3)
        assertError("123abc", .trailingContent, at: 3)
        assertError(#""a""b""#, .trailingContent, at: 3)
    }

    func testEmptyInput() {
        assertError("", .emptyInput, at: 0)
        assertError(" \n\t", .emptyInput, at: 3)
        assertError([UInt8](), .emptyInput, at: 0)
    }

    func testDescriptions() {
        XCTAssertEqual(error(#"{"a" 1}"#)?.description, "invalid JSON at byte 5: expected ':' after an object key, found '1'")
        XCTAssertEqual(error("[1,")?.description, "invalid JSON at byte 3: unexpected end of input, expected a value")
        XCTAssertEqual(error("\u{FEFF}1")?.description, "invalid JSON at byte 0: expected a value, found byte 0xEF")
        XCTAssertEqual(error("[1]]")?.description, "invalid JSON at byte 3: unexpected content after the top-level value")
        XCTAssertEqual(error("")?.description, "invalid JSON: the input is empty")
        XCTAssertEqual(error("012")?.description, "invalid JSON at byte 0: numbers must not have leading zeros")
        // `expected` is informational and not part of equality.
        XCTAssertEqual(
            JSONParseError(reason: .unexpectedEnd, offset: 1, expected: "x"),
            JSONParseError(reason: .unexpectedEnd, offset: 1)
        )
        XCTAssertNotEqual(JSONParseError(reason: .unexpectedEnd, offset: 1), JSONParseError(reason: .unexpectedEnd, offset: 2))
    }
}
