import Foundation
import LedgerTestSupport
import XCTest

/// The privacy promises on the realistic fixtures: the analysts' export
/// holds none of their personal values, and `tools/verify-export` checks a
/// sealed export against a checkpoint printed by `ledger seal`.
final class FixturePrivacyTests: XCTestCase {
    static var fixtures: [String] {
        let dir = TestPaths.root + "/Fixtures"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".ndjson") }.sorted().map { dir + "/" + $0 }
    }

    func importedLedger(_ fixture: String, _ scratch: TemporaryFolder) throws -> String {
        let dir = scratch.file("l")
        XCTAssertEqual(try CLI.run(["init"], ledger: dir).status, 0)
        let imported = try CLI.run(["import", fixture], ledger: dir)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        return dir
    }

    func testThePseudonymousExportHoldsNoPersonalValueOfAnyFixture() throws {
        XCTAssertFalse(Self.fixtures.isEmpty, "no Fixtures/*.ndjson")
        for fixture in Self.fixtures {
            let scratch = TemporaryFolder()
            let dir = try importedLedger(fixture, scratch)
            let values = try PersonalValues(fixture: fixture)
            XCTAssertGreaterThan(values.personal.count, 10, "\(fixture) holds personal values to look for")
            let export = try CLI.run(["export", "--pseudonymous"], ledger: dir)
            XCTAssertEqual(export.status, 0, export.stderr)
            XCTAssertFalse(export.stdout.isEmpty)
            for line in export.stdout.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
                XCTAssertFalse(PersonalValues.hasKey("sealed", in: object), "a sealed field in the pseudonymous export of \(fixture)")
                var strings: [String] = []
                PersonalValues.strings(in: object, into: &strings)
                for s in strings where values.personal.contains(s) {
                    XCTFail("\(fixture): a personal value is in the pseudonymous export")
                }
            }
            let sealed = try CLI.run(["export"], ledger: dir)
            XCTAssertTrue(sealed.stdout.contains("\"sealed\""), "control: the sealed export has sealed fields")
            let revealed = try CLI.run(["export", "--reveal"], ledger: dir)
            var opened: [String] = []
            for line in revealed.stdout.split(separator: "\n") {
                PersonalValues.strings(in: try JSONSerialization.jsonObject(with: Data(line.utf8)), into: &opened)
            }
            XCTAssertGreaterThan(Set(opened).intersection(values.personal).count, 10, "control: the search finds revealed values")
        }
    }

    func testVerifyExportChecksAPublishedCheckpoint() throws {
        let verifier = TestPaths.root + "/tools/verify-export"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: verifier), "tools/verify-export is missing")
        let fixture = try XCTUnwrap(Self.fixtures.first, "no fixture")
        let scratch = TemporaryFolder()
        let dir = try importedLedger(fixture, scratch)
        let seal = try CLI.run(["seal"], ledger: dir)
        XCTAssertEqual(seal.status, 0, seal.stderr)
        let checkpoint = seal.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let opened = try CLI.run(["open", "--district", "altstadt", "--source", "walk_in", "--adults", "1", "--children", "0",
                                  "--caseworker", "cw.test", "--name", "Neu Fall", "--birth-date", "1990-01-01",
                                  "--address", "x", "--phone", "1"], ledger: dir)
        XCTAssertEqual(opened.status, 0, opened.stderr)
        let file = scratch.file("export.ndjson")
        XCTAssertEqual(try CLI.run(["export", "--out", file], ledger: dir).status, 0)

        XCTAssertEqual(try ToolRunner.run(["python3", verifier, file, "--against", checkpoint]).status, 0, "the export extends the checkpoint")
        let parts = checkpoint.split(separator: ":")
        let position = try XCTUnwrap(Int(parts[0]))
        let wrongHash = "\(position):" + String(repeating: "0", count: 64)
        XCTAssertEqual(try ToolRunner.run(["python3", verifier, file, "--against", wrongHash]).status, 1)
        XCTAssertEqual(try ToolRunner.run(["python3", verifier, file, "--against", "\(position + 2):\(parts[1])"]).status, 1, "beyond the export's end")
        XCTAssertTrue(try CLI.run(["verify", "--against", checkpoint], ledger: dir).status == 0)
    }
}

/// The personal values of an import file: every string inside `person`,
/// `note` and `place` (also in a correction's replacement), less those that
/// also occur in its non-personal fields (a note that equals a follow-up's
/// purpose is not a leak when the purpose is exported).
struct PersonalValues {
    var personal: Set<String> = []

    init(fixture: String) throws {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        var open: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            var plain: [String] = []
            for (key, value) in event where key != "data" { PersonalValues.strings(in: value, into: &plain) }
            if let data = event["data"] as? [String: Any] {
                for part in [data, data["replacement"] as? [String: Any] ?? [:]] {
                    for (key, value) in part where key != "replacement" {
                        if ["person", "note", "place"].contains(key) {
                            var found: [String] = []
                            PersonalValues.strings(in: value, into: &found)
                            personal.formUnion(found)
                        } else {
                            PersonalValues.strings(in: value, into: &plain)
                        }
                    }
                }
            }
            open.formUnion(plain)
        }
        personal.subtract(open)
    }

    static func strings(in value: Any, into out: inout [String]) {
        switch value {
        case let s as String: out.append(s)
        case let a as [Any]: for v in a { strings(in: v, into: &out) }
        case let o as [String: Any]: for v in o.values { strings(in: v, into: &out) }
        default: break
        }
    }

    static func hasKey(_ key: String, in value: Any) -> Bool {
        switch value {
        case let a as [Any]: return a.contains { hasKey(key, in: $0) }
        case let o as [String: Any]: return o.keys.contains(key) || o.values.contains { hasKey(key, in: $0) }
        default: return false
        }
    }
}
