import Foundation
import LedgerTestSupport
import XCTest

/// The analysts' export of generated data holds none of the names, streets
/// and free texts the generator wrote: not the sealed fields (person, note,
/// place) and not the free texts that are not sealed (follow-up purposes,
/// reopen, lift and correction reasons), which DOMAIN.md has written as
/// `null` there.
final class PseudonymousExportScanTests: XCTestCase {
    func testThePseudonymousExportOfGeneratedDataHoldsNoNameStreetOrFreeText() throws {
        let scratch = TemporaryFolder()
        let source = scratch.file("generated.ndjson")
        let generated = try ToolRunner.run(["python3", TestPaths.root + "/tools/generate-ledger", "--households", "150",
                                            "--seed", "11", "--out", source])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let dir = scratch.file("l")
        XCTAssertEqual(try CLI.run(["init"], ledger: dir).status, 0)
        let imported = try CLI.run(["import", source], ledger: dir)
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let used = try GeneratedTexts(file: source)
        for (kind, values) in used.byKind {
            XCTAssertFalse(values.isEmpty, "the generated file holds no \(kind): the scan would prove nothing")
        }
        let export = try CLI.run(["export", "--pseudonymous"], ledger: dir)
        XCTAssertEqual(export.status, 0, export.stderr)
        let bytes = Data(export.stdout.utf8)
        for (kind, values) in used.byKind {
            for value in values where Self.occurs(value, in: bytes) {
                XCTFail("a \(kind) the generator wrote is in the pseudonymous export")
            }
        }
        for key in ["purpose", "reason"] {
            XCTAssertTrue(export.stdout.contains("\"\(key)\":null"), "free-text \(key) written as null")
        }

        let sealed = try CLI.run(["export", "--reveal", "--purpose", "control"], ledger: dir)
        let revealed = Data(sealed.stdout.utf8)
        for (kind, values) in used.byKind {
            XCTAssertTrue(values.contains { Self.occurs($0, in: revealed) }, "control: no \(kind) found in the revealed export")
        }
    }

    static func occurs(_ needle: String, in haystack: Data) -> Bool {
        !needle.isEmpty && haystack.range(of: Data(needle.utf8)) != nil
    }
}

/// The names, streets and free texts of a generated import file, by kind:
/// every person's full name and each part of it, street names (the address
/// up to its house number), full addresses, phone numbers, birth dates, and
/// every note, place, follow-up purpose and reason written as free text.
struct GeneratedTexts {
    var byKind: [String: Set<String>] = [:]

    init(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let type = event["type"] as? String, let data = event["data"] as? [String: Any] else { continue }
            add(type, data)
            if let replacement = data["replacement"] as? [String: Any] { add("replacement", replacement) }
        }
    }

    /// The texts of one payload; `type` "replacement" for a correction's replacement (its personal fields only).
    private mutating func add(_ type: String, _ data: [String: Any]) {
        if let person = data["person"] as? [String: Any] {
            if let name = person["name"] as? String {
                insert("name", name)
                for part in name.split(whereSeparator: { $0 == " " || $0 == "-" }) where part.count >= 3 { insert("name", String(part)) }
            }
            if let address = person["address"] as? String {
                insert("address", address)
                let street = address.split(separator: " ").prefix { $0.first.map { !$0.isNumber } ?? true }.joined(separator: " ")
                insert("street", street)
            }
            if let phone = person["phone"] as? String { insert("phone", phone) }
            if let birth = person["birth_date"] as? String { insert("birth date", birth) }
        }
        for key in ["note", "place"] { if let value = data[key] as? String { insert(key, value) } }
        switch type {
        case "follow_up.scheduled": if let v = data["purpose"] as? String { insert("follow-up purpose", v) }
        case "case.reopened": if let v = data["reason"] as? String { insert("reopen reason", v) }
        case "case.restriction_lifted": if let v = data["reason"] as? String { insert("lift reason", v) }
        case "entry.corrected": if let v = data["reason"] as? String { insert("correction reason", v) }
        default: break
        }
    }

    private mutating func insert(_ kind: String, _ value: String) {
        byKind[kind, default: []].insert(value)
    }
}
