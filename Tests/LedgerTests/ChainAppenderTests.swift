import SystemCrypto
import LedgerTestSupport
import XCTest
@testable import Ledger

/// The chain alone: it assigns position, prev and hash, and refuses a line
/// whose own envelope says otherwise, with the messages an import shows.
final class ChainAppenderTests: XCTestCase {
    private let someHash = ChainHash(a: 1, b: 2, c: 3, d: 4)

    private func contact(_ occurred: String = "2024-04-02T14:13:42+02:00") -> Event {
        Event(position: 0, caseID: CaseID(prefix: "LG", year: 2024, sequence: 1), version: 2, schema: 1, occurredAt: ts(occurred),
              recordedAt: ts("2024-04-02T12:41:50Z"), actor: "cw.brandt",
              payload: .contactRecorded(ContactRecorded(channel: .phone, note: .sealed([1, 2, 3]))), prev: .zero, hash: .zero)
    }

    /// The canonical form as DOMAIN.md defines it, built the long way: the
    /// export object parsed, its `hash` member dropped, written by the generic JCS writer.
    private func canonicalForm(_ event: Event) throws -> [UInt8] {
        var line = CanonicalJSONWriter()
        EventJSONWriter.write(event, includeHash: true, into: &line)
        let object = try XCTUnwrap(try JSONParser.parse(line.bytes).objectValue)
        return CanonicalJSONWriter.encode(.object(JSONObject(object.members.filter { $0.key != "hash" })))
    }

    func testTheHashIsTheSHA256OfTheCanonicalFormIncludingPrev() throws {
        var chain = ChainAppender(head: LogHead(position: 41, hash: someHash, recordedAt: ts("2024-04-01T00:00:00Z")))
        var event = contact()
        let appended = try chain.append(&event, claimedHash: nil)
        XCTAssertEqual(event.position, 42)
        XCTAssertEqual(event.prev, someHash)
        XCTAssertEqual(appended, event.hash)
        XCTAssertEqual(event.hash, ChainHash(bytes: try SHA256Hasher.hash(try canonicalForm(event)).bytes))
        XCTAssertEqual(chain.head, LogHead(position: 42, hash: event.hash, recordedAt: event.recordedAt))
    }

    func testEachEventChainsToTheOneBefore() throws {
        var chain = ChainAppender(head: .empty)
        var first = contact(), second = contact("2024-04-02T15:00:00+02:00")
        try chain.append(&first, claimedHash: nil)
        try chain.append(&second, claimedHash: nil)
        XCTAssertEqual(first.position, 1)
        XCTAssertEqual(first.prev, .zero)
        XCTAssertEqual(second.position, 2)
        XCTAssertEqual(second.prev, first.hash)
        XCTAssertNotEqual(second.hash, first.hash)
        XCTAssertEqual(chain.head.hash, second.hash)
    }

    func testALineClaimingTheRightPlaceAndHashIsAccepted() throws {
        var reference = ChainAppender(head: LogHead(position: 5, hash: someHash, recordedAt: nil))
        var expected = contact()
        try reference.append(&expected, claimedHash: nil)
        var chain = ChainAppender(head: LogHead(position: 5, hash: someHash, recordedAt: nil))
        XCTAssertNoThrow(try chain.checkPlace(position: 6, prev: someHash))
        XCTAssertNoThrow(try chain.checkPlace(position: nil, prev: nil))
        var event = contact()
        XCTAssertEqual(try chain.append(&event, claimedHash: expected.hash), expected.hash)
    }

    func testAWrongPositionIsRefused() {
        let chain = ChainAppender(head: LogHead(position: 5, hash: someHash, recordedAt: nil))
        XCTAssertThrowsError(try chain.checkPlace(position: 7, prev: someHash)) { error in
            XCTAssertEqual(error as? LedgerError, .invalidInput("position 7 differs from the one the ledger assigns (6)"))
        }
    }

    func testAWrongPrevIsRefused() {
        let chain = ChainAppender(head: LogHead(position: 5, hash: someHash, recordedAt: nil))
        XCTAssertThrowsError(try chain.checkPlace(position: 6, prev: .zero)) { error in
            XCTAssertEqual(error as? LedgerError,
                           .invalidInput("prev differs from the hash of the ledger's last event (position 5)"))
        }
    }

    func testAWrongHashIsRefusedAndTheHeadStays() {
        let head = LogHead(position: 5, hash: someHash, recordedAt: nil)
        var chain = ChainAppender(head: head)
        var event = contact()
        XCTAssertThrowsError(try chain.append(&event, claimedHash: someHash)) { error in
            XCTAssertEqual(error as? LedgerError, .invalidInput("hash differs from the canonical form's SHA-256 (the line was altered, or its fields differ from what the ledger assigns)"))
        }
        XCTAssertEqual(chain.head, head)
    }
}
