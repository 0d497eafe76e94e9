import Foundation
import LedgerTestSupport
import LMDB
import XCTest
@testable import Ledger

/// The tree as the ledger keeps it in LMDB: it equals RFC 9162's tree of the
/// log's event hashes at every size, and stays so across rebuilds, failed
/// writes, imports and the first open of a ledger written before it existed.
final class StoredTreeTests: XCTestCase {
    /// A ledger with `count` events: cases opened and contacted in turn, each a write of its own.
    private func ledger(_ folder: TemporaryFolder, events count: Int, name: String = "ledger") throws -> Ledger {
        let ledger = try makeLedger(folder, name: name)
        var cases: [CaseID] = []
        for i in 0..<count {
            if i % 4 == 0 {
                cases.append(try openCase(ledger, at: "2026-01-10T09:00:00Z"))
            } else {
                try ledger.execute(.contact(cases[i % cases.count], channel: .phone, note: "Anruf \(i)"), context: context("2026-01-11T09:00:00Z"))
            }
        }
        return ledger
    }

    /// The chain hashes of the log, in position order.
    private func entries(_ ledger: Ledger) throws -> [ChainHash] {
        try ledger.store.read { txn in
            var out: [ChainHash] = []
            try ledger.store.forEachEvent(txn, detail: .skippingPersonal) { out.append($0.hash); return true }
            return out
        }
    }

    /// Every root, inclusion path and consistency path of the ledger's tree equals the naive one over its hashes.
    private func assertTreeIsRFC9162s(_ ledger: Ledger, file: StaticString = #filePath, line: UInt = #line) throws {
        let hashes = try entries(ledger)
        let roots = (0...hashes.count).map { NaiveMerkleTree.mth(hashes.prefix($0)) }
        XCTAssertEqual(try ledger.treeHead(), TreeHead(size: UInt64(hashes.count), root: roots[hashes.count]), file: file, line: line)
        for n in 1...hashes.count {
            XCTAssertEqual(try ledger.treeHead(size: UInt64(n)).root, roots[n], "root of \(n)", file: file, line: line)
            for m in 1...n {
                let proof = try ledger.inclusionProof(position: UInt64(m), size: UInt64(n))
                XCTAssertEqual(proof, InclusionProof(position: UInt64(m), treeSize: UInt64(n), leaf: hashes[m - 1],
                                                     path: NaiveMerkleTree.path(m - 1, hashes.prefix(n)), root: roots[n]),
                               "inclusion of \(m) in \(n)", file: file, line: line)
                let consistency = try ledger.consistencyProof(first: UInt64(m), second: UInt64(n))
                XCTAssertEqual(consistency.path, m < n ? NaiveMerkleTree.proof(m, hashes.prefix(n)) : [],
                               "consistency of \(m) and \(n)", file: file, line: line)
                XCTAssertEqual([consistency.firstRoot, consistency.secondRoot], [roots[m], roots[n]], file: file, line: line)
            }
        }
    }

    func testTheStoredTreeIsTheLogsTreeAtEverySize() throws {
        let folder = TemporaryFolder()
        let ledger = try ledger(folder, events: 37)
        defer { ledger.close() }
        try assertTreeIsRFC9162s(ledger)
        XCTAssertEqual(try ledger.store.read { try $0.entryCount(ledger.store.merkle) }, 2, "one entry per 16 events")
        XCTAssertNoThrow(try ledger.verify())
    }

    /// Every entry of the `merkle` database, key and value.
    private func storedTree(_ ledger: Ledger) throws -> [[UInt8]] {
        try ledger.store.read { txn in
            var out: [[UInt8]] = []
            try txn.forEach(ledger.store.merkle) { key, value in out.append(Array(key) + Array(value)); return true }
            return out
        }
    }

    func testRebuildAndTheFirstOpenOfALedgerWithoutATreeGiveTheSameTree() throws {
        let folder = TemporaryFolder()
        let ledger = try ledger(folder, events: 40)
        let before = try ledger.consistencyProof(first: 5)
        let stored = try storedTree(ledger)
        XCTAssertEqual(stored.count, 2)
        XCTAssertEqual(try ledger.rebuildProjections(), 40)
        XCTAssertEqual(try storedTree(ledger), stored, "the rebuild writes the entries the appends wrote")
        XCTAssertEqual(try ledger.rebuildTree(), 40)
        XCTAssertEqual(try storedTree(ledger), stored)
        XCTAssertEqual(try ledger.consistencyProof(first: 5), before)
        try assertTreeIsRFC9162s(ledger)
        // A ledger written before the tree existed: no `merkle` entries, no layout version.
        try ledger.store.write { txn in
            try txn.clear(ledger.store.merkle)
            _ = try txn.delete(ledger.store.meta, key: StoredMerkleTree.metaKey)
        }
        ledger.close()
        let reopened = try reopen(folder)
        defer { reopened.close() }
        XCTAssertEqual(try storedTree(reopened), stored)
        XCTAssertEqual(try reopened.consistencyProof(first: 5), before)
        try assertTreeIsRFC9162s(reopened)
        XCTAssertNoThrow(try reopened.verify())
    }

    func testAFailedWriteLeavesTheTreeAsItWasAndTheNextAppendExtendsIt() throws {
        let folder = TemporaryFolder()
        let ledger = try ledger(folder, events: 15)
        defer { ledger.close() }
        let head = try ledger.treeHead()
        let id = try XCTUnwrap(try ledger.store.read { txn in try ledger.store.event(at: 1, txn)?.caseID })
        // Two events appended in one write, then a refused one: nothing of the write stays, tree included.
        let lines = try [
            #"{"case":"\#(id)","type":"contact.recorded","schema":1,"occurred_at":"2026-01-12T09:00:00Z","actor":"cw.test","data":{"channel":"phone","note":"a"}}"#,
            #"{"case":"\#(id)","type":"contact.recorded","schema":1,"occurred_at":"2026-01-12T10:00:00Z","actor":"cw.test","data":{"channel":"phone","note":"b"}}"#,
            #"{"case":"\#(id)","type":"referral.concluded","schema":1,"occurred_at":"2026-01-12T11:00:00Z","actor":"cw.test","data":{"referral":9,"result":"accepted"}}"#,
        ].joined(separator: "\n").write(toFile: folder.file("bad.ndjson"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ledger.importNDJSON(path: folder.file("bad.ndjson")))
        XCTAssertEqual(try ledger.treeHead(), head)
        XCTAssertEqual(try ledger.store.read { try $0.entryCount(ledger.store.merkle) }, 0, "the refused write's 16th event completed nothing that stayed")
        try ledger.execute(.contact(id, channel: .letter, note: "Brief"), context: context("2026-01-12T12:00:00Z"))
        try assertTreeIsRFC9162s(ledger)
        XCTAssertNoThrow(try ledger.verify())
    }

    func testAnImportOfAnExportGivesTheSameTree() throws {
        let folder = TemporaryFolder()
        let original = try ledger(folder, events: 19)
        defer { original.close() }
        let export = try exportBytes(original, folder: folder)
        try Data(export).write(to: URL(fileURLWithPath: folder.file("export.ndjson")))
        let copy = try makeLedger(folder, name: "copy")
        defer { copy.close() }
        try copy.importNDJSON(path: folder.file("export.ndjson"))
        for size in 0...UInt64(19) { XCTAssertEqual(try copy.treeHead(size: size), try original.treeHead(size: size)) }
        XCTAssertEqual(try copy.inclusionProof(position: 7), try original.inclusionProof(position: 7))
        try assertTreeIsRFC9162s(copy)
        XCTAssertNoThrow(try copy.verify())
    }

    func testVerifyNoticesAnAlteredMissingOrExtraNode() throws {
        let folder = TemporaryFolder()
        let ledger = try ledger(folder, events: 33)
        defer { ledger.close() }
        let store = ledger.store
        let original = try XCTUnwrap(try store.read { try $0.value(store.merkle, key: KeyBytes.u64(32)) })
        let root = try ledger.treeHead().root
        XCTAssertEqual(original.count, 64, "the nodes over leaves 16-31 and 0-31")

        var altered = original
        altered[40] ^= 1
        try store.write { try $0.put(store.merkle, key: KeyBytes.u64(32), value: altered) }
        assertRefused(65, "nodes completed at position 32 are altered") { _ = try ledger.verify() }
        XCTAssertNotEqual(try ledger.treeHead().root, root, "an altered node gives another root, which no signed checkpoint has")

        try store.write { _ = try $0.delete(store.merkle, key: KeyBytes.u64(32)) }
        assertRefused(65, "nodes completed at position 32 are missing") { _ = try ledger.verify() }

        try store.write { txn in
            try txn.put(store.merkle, key: KeyBytes.u64(32), value: original)
            try txn.put(store.merkle, key: KeyBytes.u64(48), value: Array(original.prefix(32)))
        }
        assertRefused(65, "a log of 33 events needs 2") { _ = try ledger.verify() }
        try store.write { _ = try $0.delete(store.merkle, key: KeyBytes.u64(48)) }
        XCTAssertNoThrow(try ledger.verify())
    }

    func testProofsOutsideTheLogAreUsageErrors() throws {
        let folder = TemporaryFolder()
        let ledger = try ledger(folder, events: 5)
        defer { ledger.close() }
        assertRefused(64, "position 0 is not in the tree of 5 events") { _ = try ledger.inclusionProof(position: 0) }
        assertRefused(64, "position 6 is not in the tree of 5 events") { _ = try ledger.inclusionProof(position: 6) }
        assertRefused(64, "position 4 is not in the tree of 3 events") { _ = try ledger.inclusionProof(position: 4, size: 3) }
        assertRefused(64, "the log holds 5 events; there is no tree of 6") { _ = try ledger.inclusionProof(position: 1, size: 6) }
        assertRefused(64, "4 is larger than 3") { _ = try ledger.consistencyProof(first: 4, second: 3) }
        assertRefused(64, "no tree of 9") { _ = try ledger.treeHead(size: 9) }
        XCTAssertEqual(try ledger.consistencyProof(first: 0).path, [])
        XCTAssertEqual(try ledger.treeHead(size: 0).root, MerkleHashing.emptyRoot)
    }
}
