import Foundation
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Imports killed with SIGKILL at random moments, before, during and after
/// their commit, never leave a Merkle tree that disagrees with the log: after
/// every kill `ledger verify` rebuilds the tree and compares every stored
/// node, the log still extends the checkpoint signed at the start, and the
/// inclusion and consistency proofs the ledger then gives check with
/// `tools/verify-export` against its export. `LEDGER_PROOF_CRASH_KILLS`
/// (default 10) sets the kills, `LEDGER_PROOF_CRASH_SEED` replays a run.
final class ProofCrashTests: XCTestCase {
    func testProofsStayCorrectWhenImportsAreKilledMidAppend() throws {
        let kills = HarnessSetting.int("LEDGER_PROOF_CRASH_KILLS", default: 10)
        let seed = HarnessSetting.seed("LEDGER_PROOF_CRASH_SEED", default: 9162)
        var rng = SplitMix64(seed: seed)
        let ledger = try ScratchLedger(self)
        let verifier = TestPaths.root + "/tools/verify-export"
        let factory = NDJSONFactory(year: 2024, actor: "crash")
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.lines(cases: 1, count: 3, eventsPerCase: 7))])
        let signed = try ledger.writeFile("first.note", [try ledger.succeed(["checkpoint"])].map { String($0.dropLast()) })
        let firstSize = 21

        var nextCase = 10
        func importFile(cases: Int) throws -> String {
            defer { nextCase += cases }
            return try ledger.writeFile("import-\(nextCase).ndjson", factory.interleaved(cases: nextCase, count: cases, eventsPerCase: 13))
        }
        let started = Date()
        try ledger.succeed(["import", try importFile(cases: 40)])
        let typical = Date().timeIntervalSince(started)

        var committed = 0, refused = 0
        for round in 0..<kills {
            let before = try ledger.export().split(separator: "\n").count
            let child = try ledger.start(["import", try importFile(cases: 40)])
            usleep(UInt32(Double.random(in: 0...(1.2 * typical), using: &rng) * 1_000_000))
            child.killNow()
            child.removeOutputFiles()
            let export = try ledger.export()
            let size = export.split(separator: "\n").count
            if size > before { committed += 1 } else { refused += 1 }
            let context = "round \(round) (seed \(seed)), \(size) events"

            let verified = try ledger.run(["verify", "--against", signed])
            XCTAssertEqual(verified.code, 0, "\(context): \(verified)")
            let exportFile = try ledger.writeFile("export.ndjson", export.split(separator: "\n").map(String.init))
            let proofs = [["prove", "--consistency", String(firstSize), "--format", "json"],
                          ["prove", String(size), "--format", "json"],
                          ["prove", String(1 + Int.random(in: 0..<size, using: &rng)), "--format", "json"]]
            for arguments in proofs {
                let proof = try ledger.writeFile("proof.json", [try ledger.succeed(arguments)])
                let checked = try ToolRunner.run(["python3", verifier, exportFile, "--proof", proof])
                XCTAssertEqual(checked.status, 0, "\(context): \(arguments): \(checked.stderr)")
            }
        }
        print("proof crash test: seed \(seed), \(kills) kills, \(committed) imports committed before their kill, \(refused) not")
    }
}
