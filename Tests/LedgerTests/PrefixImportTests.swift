import Foundation
@testable import Ledger
import LedgerTestSupport
import XCTest

/// Importing onto a ledger that holds a prefix of the same log: held lines
/// are checked and skipped, the rest is appended, and the copy ends up with
/// the same log hash for hash; a line that differs from the held event, or a
/// gap, is refused with nothing written.
extension PropertyTests {
    func testImportOntoAPrefixAppendsOnlyTheRest() throws {
        for seed in [UInt64(7), 8] {
            let folder = TemporaryFolder()
            let ledger = try makeLedger(folder, seed: seed)
            _ = try randomWalk(ledger, seed: seed, steps: 150)
            let lines = try exportLines(ledger, folder)
            var dice = SplitMix64(seed: seed)
            let first = 1 + dice.below(lines.count - 2)
            let overlapStart = dice.below(first)
            let overlapEnd = first + 1 + dice.below(lines.count - first)
            let copy = try makeLedger(folder, name: "copy", seed: seed + 100)

            let a = try copy.importNDJSON(path: write(lines[0..<first], folder, "a"))
            XCTAssertEqual([a.events, a.held], [first, 0], "seed \(seed)")
            let b = try copy.importNDJSON(path: write(lines[overlapStart..<overlapEnd], folder, "b"))
            XCTAssertEqual([b.events, b.held], [overlapEnd - first, first - overlapStart], "seed \(seed)")
            let c = try copy.importNDJSON(path: write(lines[...], folder, "c"))
            XCTAssertEqual([c.events, c.held], [lines.count - overlapEnd, overlapEnd], "seed \(seed)")

            XCTAssertEqual(try copy.head(), try ledger.head())
            XCTAssertEqual(try exportBytes(copy, folder: folder), try exportBytes(ledger, folder: folder), "seed \(seed)")
            ledger.close(); copy.close()
        }
    }

    func testAHeldLineMustBeTheHeldEvent() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        _ = try randomWalk(ledger, seed: 9, steps: 40)
        let lines = try exportLines(ledger, folder)
        let copy = try makeLedger(folder, name: "copy", seed: 200)
        _ = try copy.importNDJSON(path: write(lines[0..<10], folder, "prefix"))
        let before = try exportBytes(copy, folder: folder)

        // The same event without the envelope fields the ledger assigns but its position: still that event.
        let bare = try strip(lines[4], keys: ["hash", "prev", "version", "recorded_at"])
        XCTAssertEqual(try copy.importNDJSON(path: write([bare], folder, "bare")).held, 1)

        // Another actor at a held position: the content no longer hashes to the held event.
        let altered = lines[4].replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"x")
        assertRefused(65, "altered.ndjson:2: position 5 is already held here") {
            _ = try copy.importNDJSON(path: write([lines[3], altered, lines[10]], folder, "altered"))
        }
        // A line after the head that leaves a gap.
        assertRefused(65, "gap.ndjson:1: position 12 differs from the one the ledger assigns (11)") {
            _ = try copy.importNDJSON(path: write([lines[11]], folder, "gap"))
        }
        XCTAssertEqual(try exportBytes(copy, folder: folder), before, "a refused import writes nothing")
        ledger.close(); copy.close()
    }

    private func exportLines(_ ledger: Ledger, _ folder: TemporaryFolder) throws -> [String] {
        String(decoding: try exportBytes(ledger, folder: folder), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func write<S: Sequence>(_ lines: S, _ folder: TemporaryFolder, _ name: String) throws -> String
    where S.Element == String {
        let path = folder.file(name + ".ndjson")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The line without the given top-level keys.
    private func strip(_ line: String, keys: Set<String>) throws -> String {
        guard var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw CocoaError(.coderInvalidValue)
        }
        for key in keys { object.removeValue(forKey: key) }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
