import XCTest
@testable import Ledger

/// An amendment's replacement stays the JSON it was given until its target's
/// type is known, and is then read once by that type's reader.
final class ReplacementTests: XCTestCase {
    func object(_ text: String) throws -> JSONObject {
        guard case .object(let o) = try JSONParser.parse(Array(text.utf8)) else { throw LedgerError.invalidInput("not an object") }
        return o
    }

    func testAnImportLineKeepsItsReplacementUnread() throws {
        let line = #"{"actor":"cw.a","case":"LG-2024-000001","data":{"action":"amend","reason":"typo","#
            + #""replacement":{"channel":"phone","note":"Rückruf"},"target":2},"occurred_at":"2024-01-10T09:00:00Z","#
            + #""schema":1,"type":"entry.corrected"}"#
        let incoming = try Array(line.utf8).withUnsafeBytes { try EventJSONReader.read(line: $0) }
        guard case .entryCorrected(let c) = incoming.payload else { return XCTFail("not a correction") }
        XCTAssertEqual(c.replacement, .unread(try object(#"{"channel":"phone","note":"Rückruf"}"#)))
        XCTAssertNil(c.replacement?.payload)
    }

    func testAnUnreadReplacementIsReadAsItsTargetsType() throws {
        let replacement = Replacement.unread(try object(#"{"channel":"phone","note":"Rückruf"}"#))
        XCTAssertEqual(try replacement.read(as: .contactRecorded, schema: 1, path: "data.replacement"),
                       .contactRecorded(ContactRecorded(channel: .phone, note: .plain(.string("Rückruf")))))
    }

    func testAReplacementOfAnotherTypesFieldsGetsTheTargetReadersMessage() throws {
        let replacement = Replacement.unread(try object(#"{"kind":"new_tenancy","effective":"2024-01-01"}"#))
        XCTAssertThrowsError(try replacement.read(as: .contactRecorded, schema: 1, path: "data.replacement")) { error in
            XCTAssertEqual(error as? LedgerError, .invalidInput("unknown field data.replacement.kind for contact.recorded"))
        }
    }

    func testAReadReplacementMustBeOfItsTargetsType() {
        let replacement = Replacement.read(secured("2024-01-01"))
        XCTAssertEqual(try replacement.read(as: .housingSecured, schema: 1, path: "data.replacement"), secured("2024-01-01"))
        XCTAssertThrowsError(try replacement.read(as: .contactRecorded, schema: 1, path: "data.replacement")) { error in
            XCTAssertEqual(error as? LedgerError,
                           .invalidInput("data.replacement is a housing.secured payload, but its target is a contact.recorded"))
        }
    }

    /// The import draws a correction's nonces ahead from this count, before the replacement is read.
    func testPlainPersonalFieldsAreCountedTheSameReadOrUnread() throws {
        let plain = Replacement.unread(try object(#"{"channel":"phone","note":"Rückruf"}"#))
        let alreadySealed = Replacement.unread(try object(#"{"channel":"phone","note":{"sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}"#))
        let none = Replacement.unread(try object(#"{"channel":"phone"}"#))
        for replacement in [plain, alreadySealed, none] {
            let read = Replacement.read(try replacement.read(as: .contactRecorded, schema: 1, path: "r"))
            XCTAssertEqual(replacement.plainPersonalFieldCount, read.plainPersonalFieldCount)
        }
        XCTAssertEqual(plain.plainPersonalFieldCount, 1)
        XCTAssertEqual(alreadySealed.plainPersonalFieldCount, 0)
    }

    func testTheBinaryCodecRefusesAnUnreadReplacement() throws {
        let payload = Payload.entryCorrected(EntryCorrected(target: 1, action: .amend,
                                                            unreadReplacement: try object(#"{"reason":"back"}"#), reason: "typo"))
        let event = Event(position: 1, caseID: CaseID(prefix: "LG", year: 2024, sequence: 1), version: 2, schema: 1,
                          occurredAt: ts("2024-01-10T09:00:00Z"), recordedAt: ts("2024-01-10T09:00:00Z"), actor: "cw.a",
                          payload: payload, prev: .zero, hash: .zero)
        XCTAssertThrowsError(try EventBinaryCodec.encode(event))
    }
}
