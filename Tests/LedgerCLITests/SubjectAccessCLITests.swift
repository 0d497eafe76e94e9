import Foundation
import LedgerTestSupport
import XCTest

/// `ledger subject-access` through the real executable: the report of the
/// demo's richest case holds every event and every access-log entry of it and
/// nothing of another case; it is itself logged; an erased case answers what
/// remains; a restricted one is flagged; a refusal writes and records nothing.
final class SubjectAccessCLITests: CLITestCase {
    /// The JSON report and the HTML page written for `id`.
    func report(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> (json: [String: Any], html: String) {
        let out = scratch.file("out-\(UUID().uuidString)")
        let printed = try succeed(["subject-access", id, "--out", out], file: file, line: line)
        XCTAssertEqual(printed, "\(out)/\(id).json\n\(out)/\(id).html\n", file: file, line: line)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(id).json")))
                                 as? [String: Any], file: file, line: line)
        let html = try String(contentsOfFile: "\(out)/\(id).html", encoding: .utf8)
        for path in ["\(out)/\(id).json", "\(out)/\(id).html"] {
            let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o077, 0, "\(path) is readable by others", file: file, line: line)
        }
        return (json, html)
    }

    func testTheDemosRichestCaseHoldsEveryEventAndAccessOfItAndNothingOfAnother() throws {
        try succeed(["import", TestPaths.fixture("demo.ndjson")])
        let export = try succeed(["export"]).split(separator: "\n").map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        var counts: [String: Int] = [:]
        for event in export { counts[event["case"] as? String ?? "", default: 0] += 1 }
        let id = try XCTUnwrap(counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key)
        let others = Set(counts.keys).subtracting([id])
        let other = try XCTUnwrap(others.sorted().first)

        try succeed(["show", id, "--purpose", "Az. 11/2026", "--actor", "cw.a"])
        try succeed(["history", other, "--purpose", "Az. 12/2026"])
        try succeed(["export", "--reveal", "--purpose", "Prüfung", "--out", scratch.file("revealed.ndjson")])
        let otherShow = try succeed(["show", other, "--purpose", "Az. 13/2026", "--format", "json"])
        // `show --format json` is typed: the person is an object under "person".
        func personName(_ json: String) throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return try XCTUnwrap((object?["person"] as? [String: Any])?["name"] as? String)
        }
        let otherName = try personName(otherShow)
        let name = try personName(try succeed(["show", id, "--purpose", "Az. 14/2026", "--format", "json"]))
        try succeed(["find", "--name", name, "--purpose", "Anfrage"])
        try succeed(["find", "--name", otherName])

        let (json, html) = try report(id)
        let log = try XCTUnwrap(try self.json(["access-log", "--case", id]) as? [[String: Any]])

        let events = try XCTUnwrap(json["events"] as? [[String: Any]])
        let expected = export.filter { $0["case"] as? String == id }
        XCTAssertEqual(events.map { $0["hash"] as? String }, expected.map { $0["hash"] as? String }, "every event of the case, in order")
        XCTAssertEqual(events.map { $0["version"] as? Int }, Array(1...expected.count))
        let listed = try XCTUnwrap(json["access_log"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["sequence"] as? Int }, log.map { $0["sequence"] as? Int }, "every access-log entry of the case")
        XCTAssertEqual(listed.count, 4, "show, the whole-log export, show again and this report")
        XCTAssertEqual(listed.last?["command"] as? String, "subject-access")
        XCTAssertEqual(listed.last?["purpose"] as? String, "subject_access")
        XCTAssertEqual((json["name_searches"] as? [[String: Any]])?.map { $0["purpose"] as? String }, ["Anfrage"])
        XCTAssertEqual((json["person"] as? [String: Any])?["name"] as? String, name)
        XCTAssertNotNil(json["retention"] as? [String: Any])
        XCTAssertEqual((json["recipients"] as? [[String: Any]])?.count,
                       expected.filter { $0["type"] as? String == "referral.made" }.count)
        let corrected = events.filter { !(($0["corrected_by"] as? [Any]) ?? []).isEmpty }
        XCTAssertEqual(corrected.count, Set(expected.filter { $0["type"] as? String == "entry.corrected" }
            .compactMap { ($0["data"] as? [String: Any])?["target"] as? Int }).count, "corrections beside their targets")

        let jsonText = try String(data: JSONSerialization.data(withJSONObject: json), encoding: .utf8) ?? ""
        for text in [jsonText, html] {
            for case_ in others { XCTAssertFalse(text.contains(case_), "another case's id (\(case_)) is in the report") }
            XCTAssertFalse(text.contains(otherName), "another case's person is in the report")
            XCTAssertTrue(text.contains(id))
        }
        XCTAssertTrue(html.contains("Auskunft") && html.contains(escapedHTML(name)), "the German page names the person")
        XCTAssertEqual(html.components(separatedBy: "<tr><td>").count - 1 >= expected.count, true)
    }

    func testAnErasedCaseAnswersWhatRemainsAndSaysSo() throws {
        let id = try openCase(name: "Erika Musterfrau")
        try succeed(["contact", id, "--channel", "phone", "--note", "Erstgespräch"])
        try succeed(["close", id, "--reason", "other"])
        try succeed(["erase", id, "--reason", "subject_request"])
        let before = try succeed(["access-log", "--format", "json"])

        let (json, html) = try report(id)
        XCTAssertEqual(json["erased"] as? Bool, true)
        XCTAssertTrue((json["statement"] as? String ?? "").contains("erased"))
        XCTAssertEqual(json["person"] as? String, "[erased]")
        XCTAssertEqual((json["events"] as? [[String: Any]])?.count, 4)
        XCTAssertTrue(html.contains("gelöscht"))
        for text in ["Erika", "Musterfrau", "Erstgespräch"] { XCTAssertFalse(html.contains(text)) }
        XCTAssertEqual(try succeed(["access-log", "--format", "json"]), before, "nothing opened, nothing recorded")
    }

    func testARestrictedCasesReportIsFlaggedAndRefusalsChangeNothing() throws {
        let id = try openCase(name: "Erika Musterfrau")
        try succeed(["restrict", id, "--reason", "accuracy_disputed"])
        let (json, html) = try report(id)
        XCTAssertEqual(json["restricted"] as? Bool, true)
        XCTAssertEqual((json["access_log"] as? [[String: Any]])?.last?["restricted"] as? Bool, true)
        XCTAssertTrue(html.contains("eingeschränkt (Art. 18 DSGVO)"))

        let out = scratch.file("taken")
        try succeed(["subject-access", id, "--out", out])
        try refuse(64, "exists already", ["subject-access", id, "--out", out])
        try refuse(66, "unknown case", ["subject-access", "LG-1999-000001", "--out", scratch.file("none")])
    }

    func escapedHTML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
