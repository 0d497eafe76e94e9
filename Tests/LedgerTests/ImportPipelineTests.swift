import Foundation
import LedgerTestSupport
import XCTest
@testable import Ledger

/// Import reads, parses and pre-seals on a second thread (`ImportPipeline`,
/// `PreSealer`); these tests hold it to what the one-thread import promised.
final class ImportPipelineTests: XCTestCase {
    /// The fixture split in two files: the second holds events of cases the first opened
    /// (sealed with keys from the vault) as well as cases it opens itself.
    private func splitFixture(_ folder: TemporaryFolder) throws -> (String, String) {
        let lines = try String(contentsOfFile: TestPaths.fixture("demo.ndjson"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        let half = lines.count / 2
        let first = folder.file("first.ndjson"), second = folder.file("second.ndjson")
        try (lines[..<half].joined(separator: "\n") + "\n").write(toFile: first, atomically: false, encoding: .utf8)
        try (lines[half...].joined(separator: "\n") + "\n").write(toFile: second, atomically: false, encoding: .utf8)
        return (first, second)
    }

    /// The sealed exports of ledgers that imported the split fixture under one seed, one per reader shape.
    private func exports(seed: UInt64, shapes: [(batchSize: Int, capacity: Int)]) throws -> [[UInt8]] {
        let folder = TemporaryFolder()
        let (first, second) = try splitFixture(folder)
        return try shapes.enumerated().map { index, shape in
            let ledger = try makeLedger(folder, name: "ledger-\(index)", seed: seed)
            defer { ledger.close() }
            ledger.importPipelineShape = shape
            try ledger.importNDJSON(path: first)
            try ledger.importNDJSON(path: second)
            return try exportBytes(ledger, folder: folder)
        }
    }

    func testImportSealsTheSameBytesUnderTheSameSeed() throws {
        let out = try exports(seed: 7, shapes: [(256, 8), (256, 8)])
        XCTAssertFalse(out[0].isEmpty)
        XCTAssertEqual(out[0], out[1])
    }

    /// The fixture holds corrections whose replacement has a note: their nonces are drawn by the
    /// reading thread too, so how far it runs ahead (a line, or the whole file) changes no byte.
    func testHowFarTheReaderRunsAheadChangesNoByte() throws {
        let out = try exports(seed: 11, shapes: [(batchSize: 1, capacity: 1), (batchSize: 4096, capacity: 8)])
        XCTAssertFalse(out[0].isEmpty)
        XCTAssertEqual(out[0], out[1])
    }

    func testFieldsSealedAheadOpenWithTheCaseKeys() throws {
        let folder = TemporaryFolder()
        let (first, second) = try splitFixture(folder)
        let whole = try makeLedger(folder, name: "whole", seed: 3)
        try whole.importNDJSON(path: TestPaths.fixture("demo.ndjson"))
        let split = try makeLedger(folder, name: "split", seed: 4)
        try split.importNDJSON(path: first)
        try split.importNDJSON(path: second)
        let request = AccessRequest(actor: "auditor.a", command: "export --reveal")
        let a = try revealedData(whole, request, folder), b = try revealedData(split, request, folder)
        XCTAssertEqual(a.count, try String(contentsOfFile: TestPaths.fixture("demo.ndjson"), encoding: .utf8)
            .split(separator: "\n").count)
        XCTAssertEqual(a.count, b.count)
        // Only erased cases' fields stay sealed; the rest opened with the keys the import sealed them with.
        XCTAssertTrue(b.contains { $0.contains(#""person":{"address""#) })
        XCTAssertLessThan(b.filter { $0.contains(#""sealed""#) }.count, b.count / 10)
        if let i = a.indices.first(where: { i in i < b.count && a[i] != b[i] }) {
            XCTFail("line \(i + 1) differs: \(a[i]) versus \(b[i])")
        }
        XCTAssertEqual(try split.verify().events, a.count)
    }

    func testALineForACaseWithoutAKeyIsRefusedAsBefore() throws {
        let folder = TemporaryFolder()
        let sealedSource = try makeLedger(folder, name: "source", seed: 5)
        try sealedSource.importNDJSON(path: TestPaths.fixture("small.ndjson"))
        let sealed = try String(decoding: exportBytes(sealedSource, folder: folder), as: UTF8.self).split(separator: "\n")
        // The opening line as exported (its person sealed under the source's key), then a plain note for that case.
        let opening = String(sealed[0])
        let id = try XCTUnwrap(sealedSource.caseIDs(openOnly: false).first)
        let note = #"{"case":"\#(id.rawValue)","type":"contact.recorded","schema":1,"occurred_at":"2024-04-10T09:00:00Z","actor":"cw.brandt","data":{"channel":"phone","note":"Rückruf"}}"#
        let file = folder.file("mixed.ndjson")
        try (opening + "\n" + note + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let target = try makeLedger(folder, name: "target", seed: 6)
        XCTAssertThrowsError(try target.importNDJSON(path: file)) { error in
            guard case LedgerError.atLine(_, let line, let inner)? = error as? LedgerError else {
                return XCTFail("expected a line error, got \(error)")
            }
            XCTAssertEqual(line, 2)
            XCTAssertTrue(inner.description.contains("key is not in this ledger's vault"), inner.description)
        }
        XCTAssertEqual(try target.head().position, 0)
    }

    /// Each revealed line without its hashes (which cover random nonces) and with the sealed
    /// values that stay sealed (erased cases) masked, as sorted-key JSON text.
    private func revealedData(_ ledger: Ledger, _ request: AccessRequest, _ folder: TemporaryFolder) throws -> [String] {
        let bytes = try exportBytes(ledger, mode: .revealed(request), folder: folder)
        let sealed = try NSRegularExpression(pattern: #""sealed":"[^"]*""#)
        return try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let kept = object.filter { $0.key != "hash" && $0.key != "prev" }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
            return sealed.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: #""sealed":"…""#)
        }
    }
}
