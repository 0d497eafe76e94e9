import Foundation
import LMDB
import LedgerTestSupport
import XCTest
@testable import Ledger

/// `verify` holds every stored projection against a replay byte for byte:
/// a change of any byte of a `case_state`, `episodes` (span header included)
/// or `open_cases` value, of a checkpoint or of a case-id counter fails it,
/// and so does a value one byte longer or shorter.
final class ProjectionTamperTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var ledger: Ledger!

    override func setUpWithError() throws {
        folder = TemporaryFolder()
        ledger = try makeLedger(folder)
        _ = try ledger.importNDJSON(path: TestPaths.fixture("small.ndjson"))
        XCTAssertNoThrow(try ledger.verify())
    }

    override func tearDown() {
        ledger.close()
        ledger = nil
        folder = nil
        super.tearDown()
    }

    /// Every entry of `db`: key and value.
    private func entries(_ db: Database) throws -> [([UInt8], [UInt8])] {
        try ledger.store.read { txn in
            var out: [([UInt8], [UInt8])] = []
            try txn.forEach(db) { key, value in
                out.append((Array(key), Array(value)))
                return true
            }
            return out
        }
    }

    private func put(_ db: Database, _ key: [UInt8], _ value: [UInt8]) throws {
        try ledger.store.write { txn in try txn.put(db, key: key, value: value) }
    }

    /// Stores each damaged form of the value in turn, expects verify to fail on each, and puts the value back.
    private func assertEveryDamageIsCaught(_ db: Database, key: [UInt8], value: [UInt8], _ what: String,
                                          file: StaticString = #filePath, line: UInt = #line) throws {
        var damaged: [(String, [UInt8])] = []
        for i in value.indices {
            for mask: UInt8 in [0x01, 0x80] {
                var copy = value
                copy[i] ^= mask
                damaged.append(("byte \(i) ^ \(mask)", copy))
            }
        }
        damaged.append(("one byte more", value + [0]))
        if !value.isEmpty { damaged.append(("one byte less", Array(value.dropLast()))) }
        for (how, bytes) in damaged {
            try put(db, key, bytes)
            XCTAssertThrowsError(try ledger.verify(), "\(what), \(how)", file: file, line: line) { error in
                guard case .corrupted? = error as? LedgerError else { return XCTFail("\(what), \(how): \(error)", file: file, line: line) }
            }
        }
        try put(db, key, value)
        XCTAssertNoThrow(try ledger.verify(), file: file, line: line)
    }

    /// The first, a middle and the last entry of a database (the longest among them too).
    private func samples(_ all: [([UInt8], [UInt8])]) -> [([UInt8], [UInt8])] {
        guard !all.isEmpty else { return [] }
        var picked = [all[0], all[all.count / 2], all[all.count - 1]]
        if let longest = all.max(by: { $0.1.count < $1.1.count }) { picked.append(longest) }
        return picked
    }

    func testEveryByteOfCaseStateValues() throws {
        for (key, value) in samples(try entries(ledger.store.caseState)) {
            try assertEveryDamageIsCaught(ledger.store.caseState, key: key, value: value, "case_state \(String(decoding: key, as: UTF8.self))")
        }
    }

    func testEveryByteOfEpisodeValuesSpanHeaderIncluded() throws {
        let all = try entries(ledger.store.episodes)
        XCTAssertTrue(all.contains { $0.0.last == 2 }, "the fixture must hold a second episode")
        for (key, value) in samples(all) + all.filter({ $0.0.last == 2 }).prefix(1) {
            try assertEveryDamageIsCaught(ledger.store.episodes, key: key, value: value, "episode \(key)")
        }
    }

    func testEveryByteOfOpenCaseValues() throws {
        for (key, value) in samples(try entries(ledger.store.openCases)) {
            try assertEveryDamageIsCaught(ledger.store.openCases, key: key, value: value, "open_cases \(String(decoding: key, as: UTF8.self))")
        }
    }

    func testEveryByteOfCheckpointsAndCounters() throws {
        let meta = try entries(ledger.store.meta)
        let derived = meta.filter { $0.0.starts(with: Array("projection/".utf8)) || $0.0.starts(with: StoreKeys.sequencePrefix) }
        XCTAssertGreaterThanOrEqual(derived.count, 4)
        for (key, value) in derived {
            try assertEveryDamageIsCaught(ledger.store.meta, key: key, value: value, String(decoding: key, as: UTF8.self))
        }
    }

    /// The reviewer's attack: another valid span in an episode's 8-byte header changed `metrics`
    /// (episodes_started 10 -> 9) and passed verify.
    func testARewrittenSpanHeaderIsCaught() throws {
        let (key, value) = try XCTUnwrap(try entries(ledger.store.episodes).first)
        var shifted = value
        let first = Int32(bigEndian: value.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) })
        withUnsafeBytes(of: (first + 4000).bigEndian) { shifted.replaceSubrange(0..<4, with: $0) }
        try put(ledger.store.episodes, key, shifted)
        XCTAssertThrowsError(try ledger.verify()) { error in
            guard case .corrupted(let message)? = error as? LedgerError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("episode 1 of"), message)
        }
    }

    func testAnExtraOrMissingEntryIsCaught() throws {
        let (key, value) = try XCTUnwrap(try entries(ledger.store.caseState).first)
        try ledger.store.write { txn in _ = try txn.delete(ledger.store.caseState, key: key) }
        XCTAssertThrowsError(try ledger.verify())
        try put(ledger.store.caseState, key, value)
        try put(ledger.store.openCases, Array("LG-2099-000001".utf8), try XCTUnwrap(try entries(ledger.store.openCases).first).1)
        XCTAssertThrowsError(try ledger.verify())
    }
}
