import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LedgerTestSupport
import XCTest
@testable import Ledger

/// The committed fixtures: every broken file gets its documented error and
/// writes nothing; no personal value of an imported fixture is on disk in
/// plain text; a tampered export is caught by the ledger and by
/// tools/verify-export, which shares no code with it.
final class FixtureTests: XCTestCase {
    func testBrokenFilesAreRefusedAtTheirLineWithNothingWritten() throws {
        let dir = TestPaths.fixture("broken")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".ndjson") }.sorted()
        XCTAssertGreaterThan(names.count, 20)
        for name in names {
            let expected = try String(contentsOfFile: dir + "/" + name.replacingOccurrences(of: ".ndjson", with: ".expected"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t", maxSplits: 1).map(String.init)
            guard expected.count == 2, let line = Int(expected[0]) else { XCTFail("bad .expected for \(name)"); continue }
            let folder = TemporaryFolder()
            let ledger = try makeLedger(folder)
            defer { ledger.close() }
            assertRefused(65, "\(name):\(line):") { _ = try ledger.importNDJSON(path: dir + "/" + name) }
            assertRefused(65, expected[1]) { _ = try ledger.importNDJSON(path: dir + "/" + name) }
            XCTAssertEqual(try ledger.head(), LogHead.empty, "\(name) wrote something")
            XCTAssertEqual(try ledger.caseIDs(openOnly: false), [], "\(name) left a projection behind")
        }
    }

    /// Every personal value of the fixture, as the file gives it in plain text.
    func personalValues(_ path: String) throws -> Set<String> {
        var values = Set<String>()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard case .object(let o) = try JSONParser.parse(String(line)), case .object(let data)? = o["data"] else { continue }
            var fields: [JSONValue] = []
            for key in ["note", "place"] { if let v = data[key] { fields.append(v) } }
            if case .object(let person)? = data["person"] { fields += person.members.map(\.value) }
            for case .string(let s) in fields where s.utf8.count >= 6 { values.insert(s) }
        }
        return values
    }

    func testNoPersonalValueOfTheDemoFixtureOnDisk() throws {
        let path = TestPaths.fixture("demo.ndjson")
        let secrets = try personalValues(path)
        XCTAssertGreaterThan(secrets.count, 40)
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        _ = try ledger.importNDJSON(path: path)
        let pseudonymous = try exportBytes(ledger, mode: .pseudonymous, folder: folder)
        let sealed = try exportBytes(ledger, folder: folder)
        ledger.close()
        var files: [(String, [UInt8])] = []
        for name in FileManager.default.enumerator(atPath: folder.file("ledger"))?.compactMap({ $0 as? String }) ?? [] {
            if let data = FileManager.default.contents(atPath: folder.file("ledger") + "/" + name) { files.append((name, Array(data))) }
        }
        files += [("pseudonymous export", pseudonymous), ("sealed export", sealed)]
        XCTAssertTrue(files.contains { $0.0 == "data.mdb" })
        let source = Array(FileManager.default.contents(atPath: path) ?? Data())
        XCTAssertTrue(secrets.allSatisfy { ByteSearch.contains(source, Array($0.utf8)) }, "the search itself must find them in the fixture")
        for secret in secrets {
            let needle = Array(secret.utf8)
            for (name, bytes) in files {
                XCTAssertFalse(ByteSearch.contains(bytes, needle), "a personal value is in plain text in \(name)")
            }
        }
        XCTAssertFalse(ByteSearch.contains(pseudonymous, Array("sealed".utf8)), "the pseudonymous export carries sealed fields")
    }

    func testTamperedExportIsCaughtByTheLedgerAndByVerifyExport() throws {
        let folder = TemporaryFolder()
        let ledger = try makeLedger(folder)
        _ = try ledger.importNDJSON(path: TestPaths.fixture("small.ndjson"))
        let exported = String(decoding: try exportBytes(ledger, folder: folder), as: UTF8.self)
        ledger.close()
        var lines = exported.split(separator: "\n").map(String.init)
        let target = lines.firstIndex { $0.contains("\"type\":\"contact.recorded\"") } ?? 3
        let channel = ["\"channel\":\"phone\"", "\"channel\":\"consultation\"", "\"channel\":\"home_visit\"",
                       "\"channel\":\"letter\"", "\"channel\":\"email\"", "\"channel\":\"outreach\""]
        let from = try XCTUnwrap(channel.first { lines[target].contains($0) })
        lines[target] = lines[target].replacingOccurrences(of: from, with: from == channel[0] ? channel[1] : channel[0])
        let tampered = folder.file("tampered.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: tampered, atomically: false, encoding: .utf8)
        let copy = try makeLedger(folder, name: "copy")
        defer { copy.close() }
        assertRefused(65, "tampered.ndjson:\(target + 1): hash differs") { _ = try copy.importNDJSON(path: tampered) }
        let original = folder.file("original.ndjson")
        try exported.write(toFile: original, atomically: false, encoding: .utf8)
        XCTAssertEqual(try runTool("verify-export", [original]).status, 0)
        let refused = try runTool("verify-export", [tampered])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("tampered.ndjson:\(target + 1):"), refused.stderr)
    }

    func runTool(_ name: String, _ arguments: [String]) throws -> CommandResult {
        try ToolRunner.run(["python3", TestPaths.root + "/tools/" + name] + arguments)
    }
}

/// Fast substring search over bytes (memmem), for raw scans of ledger files.
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count > 0, h.count >= n.count else { return false }
                let first = Int32(n[0])
                var offset = 0
                let last = h.count - n.count
                while offset <= last {
                    guard let hit = memchr(hb + offset, first, last - offset + 1) else { return false }
                    let at = hb.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hb + at, nb, n.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}
