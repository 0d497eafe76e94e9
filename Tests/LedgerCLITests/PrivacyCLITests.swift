import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Reveals, the access log, erasure, retention, verify, seal and backups
/// through the real executable: exit codes, output, and for every refused
/// command an export and an access log unchanged byte for byte.
final class PrivacyCLITests: CLITestCase {
    @discardableResult
    func ledger(_ args: String..., in folder: String? = nil, env: [String: String] = [:],
                file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args, ledger: folder ?? dir, environment: env)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    /// The sealed export and the access log as JSON: what a refused command must leave alone.
    func snapshot(_ folder: String? = nil) throws -> String {
        try ledger("export", in: folder) + "\n" + ledger("access-log", "--format", "json", in: folder)
    }

    func refused(_ code: Int32, _ text: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot()
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, code, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.lowercased().contains(text.lowercased()), "\(args): '\(r.stderr)' lacks '\(text)'", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "a refused command changed the ledger", file: file, line: line)
    }

    func openCase(name: String = "Erika Musterfrau", at: String = "2026-01-10T09:00:00+01:00") throws -> String {
        try ledger("open", "--district", "kaltenmoor", "--source", "court_notice", "--adults", "1", "--children", "2",
                   "--caseworker", "cw.test", "--name", name, "--birth-date", "1980-02-03",
                   "--address", "Am Sande 1, 21335 Lüneburg", "--phone", "04131 123456", "--occurred-at", at)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func accessLog(_ extra: String...) throws -> [[String: Any]] {
        let text = try ledger(["access-log", "--format", "json"] + extra)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    func ledger(_ args: [String]) throws -> String {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        return r.stdout
    }

    func testShowAndHistoryRevealAfterLoggingAndNoPersonalLogsNothing() throws {
        let id = try openCase()
        try ledger("contact", id, "--channel", "consultation", "--note", "Erstgespräch")
        let exportBefore = try ledger("export")

        let show = try ledger("show", id, "--purpose", "Az. 12/2026", "--actor", "auditor.b")
        XCTAssertTrue(show.contains("Erika Musterfrau") && show.contains("Am Sande 1") && show.contains("Erstgespräch"), show)
        let history = try ledger("history", id, "--format", "csv")
        XCTAssertTrue(history.contains("Erika Musterfrau") && history.contains("note: Erstgespräch"), history)
        let log = try accessLog()
        XCTAssertEqual(log.count, 2)
        XCTAssertEqual(log.first?["actor"] as? String, "auditor.b")
        XCTAssertEqual(log.first?["command"] as? String, "show")
        XCTAssertEqual(log.first?["cases"] as? [String], [id])
        XCTAssertEqual(log.first?["fields"] as? [String], ["person", "note"])
        XCTAssertEqual(log.first?["purpose"] as? String, "Az. 12/2026")
        XCTAssertEqual(log.last?["command"] as? String, "history")
        XCTAssertEqual(log.last?["prev"] as? String, log.first?["hash"] as? String)

        for command in ["show", "history"] {
            let quiet = try ledger(command, id, "--no-personal", "--format", "json")
            XCTAssertFalse(quiet.contains("Musterfrau") || quiet.contains("Erstgespräch"), quiet)
        }
        XCTAssertEqual(try accessLog().count, 2, "--no-personal logs nothing")
        XCTAssertEqual(try ledger("export"), exportBefore, "reading changes no event")
        let table = try ledger("access-log", "--case", id, "--accessed-by", "auditor.b")
        XCTAssertTrue(table.contains("Az. 12/2026") && !table.contains("history"), table)
        XCTAssertEqual(try accessLog("--accessed-by", "nobody").count, 0)
    }

    func testRevealingExportIsLoggedAndPseudonymousIsNot() throws {
        let id = try openCase()
        let revealed = try ledger("export", "--reveal", "--purpose", "Prüfung")
        XCTAssertTrue(revealed.contains("Erika Musterfrau"))
        let log = try accessLog("--case", id)
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.first?["scope"] as? String, "all")
        XCTAssertEqual(log.first?["through"] as? Int, 1)
        let pseudonymous = try ledger("export", "--pseudonymous")
        for value in ["Erika Musterfrau", "Am Sande", "04131", "1980-02-03"] { XCTAssertFalse(pseudonymous.contains(value)) }
        XCTAssertFalse(pseudonymous.contains("\"sealed\""))
        XCTAssertEqual(try accessLog().count, 1)
    }

    func testRefusedRevealsChangeNothing() throws {
        let id = try openCase()
        try refused(66, "unknown case", ["show", "LG-1999-999999"])
        try refused(66, "unknown case", ["history", "LG-1999-999999"])
        try refused(65, "purpose", ["show", id, "--purpose", String(repeating: "x", count: 201)])
        try refused(65, "actor", ["show", id, "--actor", "two words"])
        try refused(64, "--purpose goes with --reveal", ["export", "--purpose", "x"])
        try refused(64, "--to", ["access-log", "--from", "2026-02-01", "--to", "2026-01-01"])
        try refused(64, "not a real date", ["access-log", "--from", "2026-02-30"])
        let noKey = try CLI.run(["show", id], ledger: dir, environment: ["LEDGER_KEY_FILE": scratch.file("missing.key")])
        XCTAssertEqual(noKey.status, 77, noKey.stderr)
        XCTAssertEqual(try accessLog().count, 0, "no key, no entry")
    }

    func testAnErasedCaseShowsErasedAndItsNameIsInNoFile() throws {
        let id = try openCase()
        try ledger("contact", id, "--channel", "phone", "--note", "Erstgespräch")
        try ledger("close", id, "--reason", "contact_lost")
        try refused(65, "close it", ["erase", try openCase(name: "Max Mustermann"), "--reason", "subject_request"])
        try ledger("erase", id, "--reason", "subject_request")
        let show = try ledger("show", id)
        XCTAssertTrue(show.contains("[erased]") && !show.contains("Musterfrau"), show)
        let history = try ledger("history", id, "--format", "json")
        XCTAssertTrue(history.contains("\"[erased]\"") && !history.contains("Erstgespräch"), history)
        XCTAssertEqual(try accessLog("--case", id).count, 0, "an erased case opens nothing")
        XCTAssertTrue(try ledger("export").contains("\"sealed\""), "the ciphertext stays in the log")
        XCTAssertTrue(try ledger("verify").contains("verified"))
    }

    func testVerifyNamesAnAlteredEventAndAnAlteredAccessLogEntry() throws {
        let id = try openCase()
        try ledger("follow-up", id, "--due", "2026-02-01", "--purpose", "Unterlagen")
        try ledger("show", id, "--purpose", "Az-4711")
        let ok = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stderr.contains("verifying the log"), "progress on standard error: \(ok.stderr)")
        XCTAssertTrue(ok.stdout.contains("1 access-log entry;"), ok.stdout)

        try patch(dir + "/data.mdb", "Az-4711", "Az-4712")
        let log = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(log.status, 65, log.stderr)
        XCTAssertTrue(log.stderr.contains("access log entry 1 does not match its hash"), log.stderr)

        try patch(dir + "/data.mdb", "Unterlagen", "Unterlagex")
        let event = try CLI.run(["verify"], ledger: dir)
        XCTAssertEqual(event.status, 65, event.stderr)
        XCTAssertTrue(event.stderr.contains("event at position 2"), event.stderr)
    }

    /// Changes every occurrence of `old` in the file (LMDB may hold older copies of a page).
    func patch(_ path: String, _ old: String, _ new: String) throws {
        var bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
        let needle = Array(old.utf8), replacement = Array(new.utf8)
        var found = 0
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) {
                bytes.replaceSubrange(i..<(i + needle.count), with: replacement)
                found += 1
            }
            i += 1
        }
        XCTAssertGreaterThan(found, 0, "\(old) is not in \(path)")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func testSealPrintsACheckpointThatVerifyAccepts() throws {
        let id = try openCase()
        let sealed = try ledger("seal").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(sealed.hasPrefix("1:") && sealed.count == 66, sealed)
        try refused(64, "POSITION:HASH", ["verify", "--against", "1:abc"])
        XCTAssertEqual(try ledger("export").split(separator: "\n").count, 1, "seal appends nothing")
        try ledger("contact", id, "--channel", "phone")
        XCTAssertTrue(try ledger("verify", "--against", sealed).contains("extends checkpoint 1"))
        let wrong = "1:" + String(repeating: "0", count: 64)
        let r = try CLI.run(["verify", "--against", wrong], ledger: dir)
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("position 1"), r.stderr)
        let beyond = try CLI.run(["verify", "--against", "9:" + sealed.dropFirst(2)], ledger: dir)
        XCTAssertEqual(beyond.status, 65, beyond.stderr)
    }

    func testRetentionListsAndErasesOldClosedCases() throws {
        func opened(_ n: Int, _ day: String, _ name: String) -> String {
            #"{"case":"LG-2010-00000\#(n)","type":"case.opened","schema":1,"occurred_at":"\#(day)T09:00:00Z","actor":"cw.a","data":{"district":"altstadt","source":"walk_in","household":{"adults":1,"children":0},"caseworker":"cw.a","person":{"name":"\#(name)","birth_date":"1990-01-01","address":"x","phone":"1"}}}"#
        }
        func closed(_ n: Int, _ day: String) -> String {
            #"{"case":"LG-2010-00000\#(n)","type":"case.closed","schema":1,"occurred_at":"\#(day)T09:00:00Z","actor":"cw.a","data":{"reason":"contact_lost"}}"#
        }
        let lines = [opened(1, "2010-01-10", "Alt Eins"), closed(1, "2010-03-01"),
                     opened(2, "2010-01-11", "Alt Zwei"), closed(2, "2020-03-01"),
                     opened(3, "2010-01-12", "Alt Drei")]
        let file = scratch.file("old.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        try ledger("import", file)

        let listed = try ledger("retention")
        XCTAssertTrue(listed.contains("LG-2010-000001") && !listed.contains("LG-2010-000002"), listed)
        XCTAssertTrue(listed.contains("1 case closed"), listed)
        try refused(64, "1 to 100 years", ["retention", "--closed-for", "0"])
        try refused(64, "1 to 100 years", ["retention", "--closed-for", "0", "--apply"])
        let json = try ledger("retention", "--closed-for", "5", "--format", "json")
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual((report["cases"] as? [[String: Any]])?.compactMap { $0["case"] as? String }, ["LG-2010-000001", "LG-2010-000002"])
        XCTAssertEqual(report["applied"] as? Bool, false)
        XCTAssertEqual(try ledger("export").split(separator: "\n").count, 5, "listing erases nothing")

        let applied = try ledger("retention", "--apply", "--actor", "office.it")
        XCTAssertTrue(applied.contains("erased"), applied)
        let export = try ledger("export")
        XCTAssertEqual(export.split(separator: "\n").count, 6)
        XCTAssertTrue(export.contains("retention_expired") && export.contains("office.it"))
        XCTAssertTrue(try ledger("show", "LG-2010-000001").contains("[erased]"))
        XCTAssertTrue(try ledger("show", "LG-2010-000002").contains("Alt Zwei"))
        XCTAssertTrue(try ledger("retention").contains("0 cases closed"))
    }

    func testBackupWhileAnotherProcessWrites() throws {
        let id = try openCase()
        // Opens new cases (new keys in the vault) and records contacts, while backups run.
        let script = """
            for i in $(seq 1 20); do
              "$0" --ledger "$1" contact "$2" --channel phone --note "Anruf $i" >/dev/null || exit 1
              "$0" --ledger "$1" open --district altstadt --source walk_in --adults 1 --children 0 --caseworker cw.w --new-caseworker \\
                --name "Person $i" --birth-date 1990-01-01 --address x --phone 1 >/dev/null || exit 1
            done
            """
        var env = ProcessInfo.processInfo.environment
        env["LEDGER_ACTOR"] = "cw.writer"
        env.removeValue(forKey: "LEDGER_KEY_FILE")
        let writer = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script, try LedgerBinary.require(), dir, id],
                                      environment: env, outputDirectory: scratch.path)

        var sizes: [Int] = []
        for n in 1...3 {
            let destination = scratch.file("backup\(n)")
            let r = try CLI.run(["backup", destination], ledger: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("LEDGER_KEY_FILE"), "says where the key must come from: \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: destination + "/master.key"))
            let verified = try CLI.run(["verify"], ledger: destination)
            XCTAssertEqual(verified.status, 0, verified.stderr)
            sizes.append(try ledger("export", in: destination).split(separator: "\n").count)
            let revealed = try ledger("export", "--reveal", in: destination, env: ["LEDGER_KEY_FILE": dir + "/master.key"])
            XCTAssertFalse(revealed.contains("\"sealed\""), "every copied event's key is in the copied vault")
        }
        let written = try writer.finish(timeout: 600)
        XCTAssertEqual(written.status, 0, "the writer was not disturbed: \(written.stderr)")
        XCTAssertEqual(sizes, sizes.sorted())
        XCTAssertTrue(sizes.allSatisfy { (1...41).contains($0) }, "\(sizes)")
        XCTAssertEqual(try ledger("export").split(separator: "\n").count, 41)

        let withKey = scratch.file("backup-key")
        let key = try CLI.run(["backup", withKey, "--with-key"], ledger: dir)
        XCTAssertEqual(key.status, 0, key.stderr)
        let finalExport = try ledger("export")
        XCTAssertEqual(try ledger("export", in: withKey), finalExport, "a quiet backup holds the whole log")
        XCTAssertTrue(try ledger("show", id, in: withKey).contains("Erika Musterfrau"), "the backup opens with its own key")

        let first = scratch.file("backup1")
        let noKey = try CLI.run(["show", id], ledger: first)
        XCTAssertEqual(noKey.status, 77, "without --with-key the backup cannot open personal data: \(noKey.stderr)")
        XCTAssertTrue(try ledger("show", id, in: first, env: ["LEDGER_KEY_FILE": dir + "/master.key"]).contains("Erika Musterfrau"))
        try refused(64, "not an empty folder", ["backup", first])
    }
}
