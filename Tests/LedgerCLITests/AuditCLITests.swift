import Foundation
import LedgerTestSupport
import XCTest

/// The auditor's commands through the real executable: `checkpoint`,
/// `prove`, `keygen`, `verify --against` a signed checkpoint, and the same
/// checks by `tools/verify-export` (Python and openssl, no ledger code).
final class AuditCLITests: CLITestCase {
    let verifier = TestPaths.root + "/tools/verify-export"

    @discardableResult
    func ledger(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args, ledger: dir)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func openCases(_ count: Int) throws {
        for i in 0..<count {
            try ledger("open", "--district", "kaltenmoor", "--source", "court_notice", "--adults", "1", "--children", "2",
                       "--caseworker", "cw.test", "--name", "Person \(i)", "--birth-date", "1980-02-03",
                       "--address", "Am Sande 1", "--phone", "04131 123456")
        }
    }

    func save(_ text: String, _ name: String) throws -> String {
        let path = scratch.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func verifyExport(_ args: String...) throws -> CommandResult {
        try ToolRunner.run(["python3", verifier] + args)
    }

    func testACheckpointAndProofsCheckWithTheLedgerAndWithVerifyExport() throws {
        try openCases(5)
        let note = try save(try ledger("checkpoint"), "checkpoint.note")
        let vkey = try save(try ledger("checkpoint", "--verifier-key"), "ledger.vkey")
        XCTAssertTrue(try String(contentsOfFile: vkey, encoding: .utf8).hasPrefix("ledger.example/LG+"))
        let inclusion = try save(try ledger("prove", "3", "--format", "json"), "inclusion.json")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: inclusion))) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["position", "tree_size", "leaf", "path", "root"])
        XCTAssertEqual(json["tree_size"] as? Int, 5)
        try openCases(3)
        let consistency = try save(try ledger("prove", "--consistency", "5", "--format", "json"), "consistency.json")
        let text = try ledger("prove", "--consistency", "5", "8")
        XCTAssertTrue(text.contains("extends the log of 5 events"), text)
        XCTAssertTrue(try ledger("prove", "2").contains("The event at position 2"))

        XCTAssertTrue(try ledger("verify", "--against", note).contains("extends the signed checkpoint of 5 events"))
        XCTAssertEqual(try CLI.run(["verify", "--against", note, "--verifier-key", vkey], ledger: dir).status, 0)
        let export = scratch.file("export.ndjson")
        try ledger("export", "--out", export)
        for args in [[export, "--checkpoint", note, "--verifier-key", vkey], [export, "--proof", inclusion],
                     [export, "--proof", consistency], ["--proof", inclusion, "--checkpoint", note, "--verifier-key", vkey]] {
            let r = try ToolRunner.run(["python3", verifier] + args)
            XCTAssertEqual(r.status, 0, "verify-export \(args): \(r.stderr)")
        }

        let tampered = try save(try String(contentsOfFile: note, encoding: .utf8).replacingOccurrences(of: "\n5\n", with: "\n4\n"), "tampered.note")
        XCTAssertEqual(try verifyExport(export, "--checkpoint", tampered, "--verifier-key", vkey).status, 1)
        let r = try CLI.run(["verify", "--against", tampered], ledger: dir)
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("does not verify"), r.stderr)
        let badProof = try save(try String(contentsOfFile: inclusion, encoding: .utf8).replacingOccurrences(of: "\"position\": 3", with: "\"position\": 4"), "bad.json")
        XCTAssertEqual(try verifyExport(export, "--proof", badProof).status, 1)
    }

    func testAWitnessRequestCarriesTheConsistencyProofAndTheCheckpoint() throws {
        try openCases(6)
        let body = try ledger("checkpoint", "--witness-request", "2")
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "old 2")
        let blank = try XCTUnwrap(lines.firstIndex(of: ""))
        let proof = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try ledger("prove", "--consistency", "2", "6", "--format", "json").utf8)) as? [String: Any])
        let hex = try XCTUnwrap(proof["path"] as? [String])
        XCTAssertEqual(lines[1..<blank].map { Data(base64Encoded: String($0)).map { $0.map { String(format: "%02x", $0) }.joined() } }, hex)
        XCTAssertEqual(lines[(blank + 1)...].joined(separator: "\n"), try ledger("checkpoint"))
    }

    func testKeygenRotateAndTheirRefusals() throws {
        try openCases(2)
        let old = try save(try ledger("checkpoint"), "old.note")
        let oldKey = try ledger("checkpoint", "--verifier-key")
        let rotated = try CLI.run(["keygen", "--rotate"], ledger: dir)
        XCTAssertEqual(rotated.status, 0, rotated.stderr)
        XCTAssertNotEqual(rotated.stdout, oldKey)
        XCTAssertEqual(try ledger("checkpoint", "--verifier-key"), rotated.stdout)
        XCTAssertEqual(try CLI.run(["verify", "--against", old], ledger: dir).status, 0, "a former key's checkpoint still verifies")
        let newKey = try save(rotated.stdout, "new.vkey")
        let r = try CLI.run(["verify", "--against", old, "--verifier-key", newKey], ledger: dir)
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertEqual(try CLI.run(["keygen"], ledger: dir).status, 64, "a second first key")

        let missing = try CLI.run(["checkpoint"], ledger: dir, environment: ["LEDGER_SIGNING_KEY_FILE": scratch.file("none.key")])
        XCTAssertEqual(missing.status, 77, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("no checkpoint signing key"), missing.stderr)
        XCTAssertEqual(try CLI.run(["prove", "9"], ledger: dir).status, 64)
        XCTAssertEqual(try CLI.run(["prove", "1", "--size", "3"], ledger: dir).status, 64)
        XCTAssertEqual(try CLI.run(["prove", "--consistency", "2", "1"], ledger: dir).status, 64)
        XCTAssertEqual(try CLI.run(["prove"], ledger: dir).status, 64)
        XCTAssertEqual(try CLI.run(["verify", "--against", scratch.file("none.note")], ledger: dir).status, 66)
        let garbage = try save("not a note\n", "garbage.note")
        XCTAssertEqual(try CLI.run(["verify", "--against", garbage], ledger: dir).status, 65)
        let badOrigin = try CLI.run(["init", "--origin", "praevention lueneburg"], ledger: scratch.file("other"))
        XCTAssertEqual(badOrigin.status, 64, badOrigin.stderr)
        XCTAssertTrue(badOrigin.stderr.contains("the origin 'praevention lueneburg' may hold only printable ASCII, no space and no '+'"), badOrigin.stderr)
    }
}
