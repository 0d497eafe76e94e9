import Foundation
import LedgerTestSupport
import XCTest
@testable import Ledger

/// Free texts are limited in bytes as well as in characters: combining marks
/// pile onto one character without end.
final class TextFieldTests: XCTestCase {
    /// The reviewer's attack: one "a" with 60,000 combining accents (120 KB) is one character.
    private let pile = "a" + String(repeating: "\u{301}", count: 60_000)

    func testAPileOfCombiningMarksIsRefusedByItsBytes() {
        XCTAssertEqual(pile.count, 1)
        XCTAssertThrowsError(try TextField.check(pile, field: "data.note", maxLength: 1000, multiline: true)) { error in
            XCTAssertEqual(error as? LedgerError,
                           .invalidInput("data.note is longer than 4000 bytes of UTF-8 (1000 characters of at most 4 bytes each)"))
        }
        XCTAssertThrowsError(try TextField.checkName("a" + String(repeating: "\u{301}", count: 200), field: "caseworker"))
    }

    func testTextsAtTheirLimitInAnyScriptPass() throws {
        for text in [String(repeating: "ä", count: 1000), String(repeating: "a\u{308}", count: 1000),
                     String(repeating: "\u{1F3E0}", count: 1000), String(repeating: "ß", count: 1000)] {
            XCTAssertNoThrow(try TextField.check(text, field: "note", maxLength: 1000, multiline: true), "\(text.utf8.count) bytes")
        }
        XCTAssertNoThrow(try TextField.checkName(String(repeating: "ü", count: 64), field: "caseworker"))
        XCTAssertThrowsError(try TextField.check(String(repeating: "a\u{301}\u{301}", count: 1000), field: "note", maxLength: 1000))
    }

    func testAnImportLineWithThePileIsRefusedAndWritesNothing() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        defer { ledger.close() }
        let line = #"{"case":"LG-2026-000001","type":"case.opened","schema":1,"occurred_at":"2026-01-10T09:00:00Z","actor":"cw.a","data":{"district":"kaltenmoor","source":"walk_in","household":{"adults":1,"children":0},"caseworker":"cw.a","person":{"name":"\#(pile)","birth_date":"1980-01-01","address":"Am Sande 1","phone":""}}}"#
        let path = folder.file("pile.ndjson")
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        assertRefused(65, "bytes of UTF-8") { _ = try ledger.importNDJSON(path: path) }
        XCTAssertEqual(try ledger.head().position, 0)
    }

    func testASCIINamesAreJudgedOnTheirBytesAsOnTheirScalars() {
        func byScalars(_ text: String) -> Bool {
            guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
            return text.unicodeScalars.allSatisfy { s in
                s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "_" || s == "-"
            }
        }
        var names = [""]
        for a in UInt8(0)..<128 {
            names.append(String(decoding: [a], as: UTF8.self))
            for b in UInt8(0)..<128 { names.append(String(decoding: [a, b], as: UTF8.self)) }
        }
        names += ["cw.m\u{00FC}ller", "\u{00E4}rger", "a\u{0301}", "cw_1-a.b"]
        for name in names {
            XCTAssertEqual(TextField.isWellFormedName(name), byScalars(name), "\(Array(name.utf8))")
        }
    }
}
