import Foundation
import Ledger
import LedgerTestSupport
import XCTest

/// Every command through the real executable: what it prints, its exit
/// code, and for every refused command an export unchanged byte for byte.
final class CLICommandTests: DeskTestCase {
    func testACaseworkersSessionEndToEnd() throws {
        let id = try openCase()
        XCTAssertTrue(id.hasPrefix("LG-2026-"), id)
        _ = try ledger("contact", id, "--channel", "consultation", "--note", "Erstgespräch")
        _ = try ledger("analyse", id, "--causes", "rent_arrears,eviction_lawsuit", "--risk", "high",
                       "--eviction-date", "2099-01-15", "--arrears", "2400,50", "--note", "Rückstand")
        _ = try ledger("mediate", id, "--party", "landlord", "--outcome", "installment_plan", "--amount", "300")
        XCTAssertEqual(try ledger("refer", id, "--agency", "debt_counselling").trimmingCharacters(in: .whitespacesAndNewlines), "referral 1")
        _ = try ledger("conclude-referral", id, "--referral", "1", "--result", "accepted")
        _ = try ledger("follow-up", id, "--due", "2099-01-01", "--purpose", "Unterlagen")
        _ = try ledger("reassign", id, "--caseworker", "cw.other", "--new-caseworker")
        _ = try ledger("accommodate", id, "--effective", "2026-02-01", "--place", "Notunterkunft")
        _ = try ledger("secure", id, "--kind", "new_tenancy", "--effective", "2026-03-01")
        _ = try ledger("correct", id, "--version", "3", "--amend", "risk=acute", "--reason", "Tippfehler")
        _ = try ledger("close", id, "--reason", "housing_secured")
        _ = try ledger("reopen", id, "--reason", "neue Rückstände")
        let lines = try export().split(separator: "\n")
        XCTAssertEqual(lines.count, 13)
        XCTAssertTrue(lines[2].contains("\"arrears_cents\":240050"), String(lines[2]))
        let history = try ledger("history", id)
        XCTAssertTrue(history.contains("amended by v11"), history)
        XCTAssertFalse(history.contains("…"), "piped output is never cut: \(history)")
        let show = try ledger("show", id)
        XCTAssertTrue(show.contains("phase") && show.contains("intake"), show)
    }

    func testReadCommandsInEveryFormat() throws {
        let example = TestPaths.shared + "/examples/three-cases.ndjson"
        _ = try ledger("import", example)
        let metrics = try ledger("metrics", "--from", "2024-01-01", "--to", "2024-04-01", "--format", "json")
        // The metrics example leaves out the final newline that every output of the ledger ends with.
        let expected = try String(contentsOfFile: TestPaths.shared + "/examples/metrics-2024q1.json", encoding: .utf8)
        XCTAssertEqual(metrics, expected.hasSuffix("\n") ? expected : expected + "\n")
        let caseload = try ledger("caseload", "--day", "2024-02-07", "--format", "json")
        XCTAssertEqual(caseload, try String(contentsOfFile: TestPaths.shared + "/examples/caseload-2024-02-07.json", encoding: .utf8))
        let csv = try ledger("caseload", "--day", "2024-02-07", "--format", "csv")
        XCTAssertTrue(csv.hasPrefix("case,phase,district,caseworker,opened,last_contact,days_since_contact"), csv)
        XCTAssertEqual(csv.split(separator: "\r\n").count, 4)
        let table = try ledger("caseload", "--day", "2024-02-07")
        XCTAssertTrue(table.contains("Open cases by district: altstadt 2, kaltenmoor 1"), table)
        XCTAssertFalse(table.contains("…"), "piped output is never cut: \(table)")
        XCTAssertTrue(table.contains("LG-2024-000001") && table.contains("2024-01-10"), table)
        let byMonth = try ledger("metrics", "--from", "2024-01-01", "--to", "2024-04-01", "--by", "month", "--format", "csv")
        XCTAssertTrue(byMonth.contains("2024-01,episodes_started,,2") && byMonth.contains("2024-02,episodes_started,,1"), byMonth)
        let episodes = try ledger("episodes", "--format", "csv")
        XCTAssertEqual(episodes.split(separator: "\r\n").count, 4)
        XCTAssertFalse(episodes.contains("sealed"))
        let asOf = try ledger("caseload", "--day", "2024-02-07", "--as-of-position", "3", "--format", "json")
        XCTAssertTrue(asOf.contains("LG-2024-000002") && !asOf.contains("LG-2024-000003"), asOf)
        let history = try ledger("history", "LG-2024-000001", "--format", "json", "--no-personal")
        XCTAssertEqual(history.components(separatedBy: "\"hash\"").count - 1, 4)
        let pseudonymous = try ledger("export", "--pseudonymous")
        XCTAssertFalse(pseudonymous.contains("sealed"))
        XCTAssertTrue(pseudonymous.contains("\"person\":null"))
        XCTAssertTrue(try ledger("rebuild").contains("11 events"))
        XCTAssertTrue(try ledger("verify").hasPrefix("verified 11 events"))
        let seal = try ledger("seal").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try ledger("verify", "--against", seal).hasPrefix("verified"))
        _ = try ledger("erase", "LG-2024-000002", "--reason", "subject_request")
        XCTAssertEqual(try ledger("episodes", "--format", "csv"), episodes, "erasure leaves the statistics unchanged")
        XCTAssertEqual(try ledger("metrics", "--from", "2024-01-01", "--to", "2024-04-01", "--format", "json", "--as-of-position", "11"),
                       metrics)
    }

    func testErrorClassesAndExitCodes() throws {
        let id = try openCase()
        try refused(64, "did you mean 'phone'", ["contact", id, "--channel", "phnoe"])
        try refused(64, "unknown cause 'aliens'", ["analyse", id, "--causes", "aliens", "--risk", "high"])
        try refused(64, "not a real date", ["secure", id, "--kind", "tenancy_retained", "--effective", "2026-13-45"])
        try refused(64, "not an amount", ["mediate", id, "--party", "landlord", "--outcome", "agreement", "--amount", "12.345"])
        try refused(66, "unknown case", ["contact", "LG-1999-999999", "--channel", "phone"])
        try refused(65, "rule referral-must-be-open", ["conclude-referral", id, "--referral", "7", "--result", "accepted"])
        try refused(64, "unknown district 'atlantis'",
                    ["open", "--district", "atlantis", "--source", "walk_in", "--adults", "1", "--children", "0",
                     "--caseworker", "cw.test", "--name", "X", "--birth-date", "1990-01-01", "--address", "Y", "--phone", "1"])
        try refused(75, "not 7 as expected", ["contact", id, "--channel", "phone", "--expect-version", "7"])
        try refused(65, "lies in the future", ["contact", id, "--channel", "phone", "--occurred-at", "2099-01-01T00:00:00Z"])
        _ = try ledger("close", id, "--reason", "contact_lost")
        try refused(65, "closed", ["contact", id, "--channel", "phone"])
        let noLedger = try CLI.run(["export"], ledger: scratch.file("nowhere"))
        XCTAssertEqual(noLedger.status, 66, noLedger.stderr)
    }

    /// Every vocabulary option refuses an unknown value as the library words it: one line
    /// naming the allowed values and the closest one, exit 64, nothing recorded.
    func testEveryVocabularyOptionRefusesAnUnknownValueOnOneLine() throws {
        let id = try openCase()
        func message<V: Vocabulary>(_ type: V.Type, _ value: String) -> String {
            VocabularyError(field: V.vocabularyName, value: value, allowed: V.allCases.map(\.rawValue)).description
        }
        try refused(64, message(Source.self, "walkin"),
                    ["open", "--district", "kaltenmoor", "--source", "walkin", "--adults", "1", "--children", "0",
                     "--caseworker", "cw.test", "--name", "X", "--birth-date", "1990-01-01", "--address", "Y", "--phone", "1"])
        try refused(64, message(Channel.self, "visit"), ["contact", id, "--channel", "visit"])
        try refused(64, message(Cause.self, "helth"), ["analyse", id, "--causes", "rent_arrears,helth", "--risk", "high"])
        try refused(64, message(Risk.self, "hihg"), ["analyse", id, "--causes", "health", "--risk", "hihg"])
        try refused(64, message(Party.self, "landlady"), ["mediate", id, "--party", "landlady", "--outcome", "agreement"])
        try refused(64, message(MediationOutcome.self, "agreed"), ["mediate", id, "--party", "landlord", "--outcome", "agreed"])
        try refused(64, message(Agency.self, "jobcentre"), ["refer", id, "--agency", "jobcentre"])
        try refused(64, message(ReferralResult.self, "accept"), ["conclude-referral", id, "--referral", "1", "--result", "accept"])
        try refused(64, message(HousingKind.self, "rented"), ["secure", id, "--kind", "rented", "--effective", "2026-01-20"])
        try refused(64, message(CloseReason.self, "lost"), ["close", id, "--reason", "lost"])
        try refused(64, message(ErasureReason.self, "asked"), ["erase", id, "--reason", "asked"])
    }

    func testNoPersonalFieldInPlainTextInAnyFile() throws {
        let id = try openCase()
        _ = try ledger("contact", id, "--channel", "consultation", "--note", "Geheimnotiz")
        for secret in ["Musterfrau", "Am Sande", "04131 123456", "1980-02-03", "Geheimnotiz"] {
            XCTAssertFalse(try Self.anyFile(in: dir, contains: secret), "\(secret) in plain text in the ledger folder")
            XCTAssertFalse(try export().contains(secret), "\(secret) in the export")
        }
    }

    func testImportReportsTheFirstBadLineAndWritesNothing() throws {
        let good = try String(contentsOfFile: TestPaths.shared + "/examples/three-cases.ndjson", encoding: .utf8)
        let lines = good.split(separator: "\n").map(String.init)
        let bad = lines[0..<3] + [lines[3].replacingOccurrences(of: "\"risk\"", with: "\"risky\"")] + lines[4...]
        let path = scratch.file("bad.ndjson")
        try (bad.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        try refused(65, "bad.ndjson:4:", ["import", path])
        let r = try CLI.run(["import", "-"], ledger: dir, stdin: good)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try export().split(separator: "\n").count, 11)
    }

    func testGlobalOptionsBeforeOrAfterTheCommand() throws {
        let a = try CLI.run(["--ledger", dir, "export"])
        let b = try CLI.run(["export", "--ledger", dir])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
        let env = try CLI.run(["export"], environment: ["LEDGER_DIR": dir])
        XCTAssertEqual(env.status, 0, env.stderr)
    }

    func testOverviewAndHelp() throws {
        let overview = try CLI.run([])
        XCTAssertEqual(overview.status, 64)
        XCTAssertEqual(overview.stderr, "ledger: error: no command given; 'ledger --help' lists every command\n")
        XCTAssertTrue(overview.stdout.contains("Caseworkers:"), overview.stdout)
        XCTAssertTrue(overview.stdout.contains("Exit codes"), overview.stdout)
        let help = try CLI.run(["contact", "--help"])
        XCTAssertTrue(help.stdout.contains("home_visit"), help.stdout)
    }

    func testShellCompletionOffersVocabularyAndOpenCases() throws {
        let open = try openCase()
        let closed = try openCase()
        _ = try ledger("close", closed, "--reason", "moved_away")
        for shell in ["bash", "zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell])
            XCTAssertEqual(script.status, 0)
            XCTAssertTrue(script.stdout.contains("home_visit"), shell)
        }
        let r = try CLI.run(["---completion", "contact", "--", "positional@0", "2", "0", "ledger", "contact", "", "--ledger", dir])
        XCTAssertEqual(r.stdout.split(separator: "\n").map(String.init), [open], r.stderr)
    }

    static func anyFile(in dir: String, contains text: String) throws -> Bool {
        let needle = Array(text.utf8)
        let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        for name in files {
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { continue }
            if Array(data).firstRange(of: needle) != nil { return true }
        }
        return false
    }
}
