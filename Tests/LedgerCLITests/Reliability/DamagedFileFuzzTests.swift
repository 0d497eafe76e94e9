import Foundation
@testable import Ledger
import LedgerTestSupport
import ProcessRunner
import XCTest

/// The damaged-file fuzz: `data.mdb` with random bytes flipped, runs of it
/// overwritten, or cut off at a random length, under every kind of command
/// of the real executable. Whatever the damage, each ends in exit 0 (the
/// damage lay where the command does not look, or in free pages) or 65 (the
/// damage was found) with one error line: never a signal, a hang, another
/// exit code or a crash report.
///
/// `LEDGER_DAMAGE_RUNS` damaged files (default 200, two commands each; tools/stress runs
/// 3,000), `LEDGER_DAMAGE_SEED` replays one run, `LEDGER_DAMAGE_KEEP=DIR` keeps the damaged
/// file of each failing run there (`damaged-RUN.mdb`), to look at with `ledger` or `mdb_dump`.
final class DamagedFileFuzzTests: XCTestCase {
    private let factory = NDJSONFactory(year: 2024, actor: "importer")

    /// The commands, each as `ledger` gets it; a run picks two.
    private var commands: [[String]] {
        [["verify"], ["show", factory.caseID(3), "--no-personal"], ["show", factory.caseID(4)], ["history", factory.caseID(5)],
         ["export"], ["export", "--pseudonymous"], ["contact", factory.caseID(6), "--channel", "phone", "--note", "n"],
         ["caseload"], ["metrics", "--from", "2024-01-01", "--to", "2025-01-01"], ["episodes", "--from", "2024-01-01", "--to", "2025-01-01"],
         ["access-log"], ["rebuild"], ["checks-due"], ["import", "-"]]
    }

    /// How one damaged file was made, for the failure message.
    enum Damage: CustomStringConvertible {
        case flips([Int])
        case overwrite(at: Int, count: Int)
        case cut(Int)

        var description: String {
            switch self {
            case .flips(let offsets): return "bytes flipped at \(offsets)"
            case .overwrite(let at, let count): return "\(count) random bytes at \(at)"
            case .cut(let length): return "cut to \(length) bytes"
            }
        }
    }

    static func damage(_ bytes: inout [UInt8], _ rng: inout SplitMix64) -> Damage {
        switch rng.below(10) {
        case 0..<6:
            let offsets = (0..<(1 + rng.below(8))).map { _ in rng.below(bytes.count) }
            for at in offsets { bytes[at] ^= UInt8(truncatingIfNeeded: 1 + rng.below(255)) }
            return .flips(offsets)
        case 6..<8:
            let at = rng.below(bytes.count), count = min(1 + rng.below(64), bytes.count - at)
            for i in at..<(at + count) { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            return .overwrite(at: at, count: count)
        default:
            let length = rng.below(bytes.count)
            bytes.removeLast(bytes.count - length)
            return .cut(length)
        }
    }

    func testDamagedDataFilesEndInExit0Or65NeverASignal() throws {
        let runs = HarnessSetting.int("LEDGER_DAMAGE_RUNS", default: 200)
        let seed = HarnessSetting.seed("LEDGER_DAMAGE_SEED", default: 20_261_201)
        var rng = SplitMix64(seed: seed)
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", factory.interleaved(cases: 1, count: 16, eventsPerCase: 13))])
        try ledger.succeed(["show", factory.caseID(1), "--purpose", "fuzz"])  // an access-log entry
        let data = ledger.directory + "/" + LedgerStore.dataFile
        let pristine = try [UInt8](Data(contentsOf: URL(fileURLWithPath: data)))
        let input = try ledger.writeFile("next.ndjson", factory.lines(ofCase: 40, events: 3))

        var failures: [String] = []
        var tally = [Int32: Int]()
        var caughtSignals = 0
        for run in 0..<runs where failures.count < 20 {
            var bytes = pristine
            let damage = Self.damage(&bytes, &rng)
            for leftover in ["lock.mdb", "keys.pending"] { unlink(ledger.directory + "/" + leftover) }
            try Data(bytes).write(to: URL(fileURLWithPath: data))
            for _ in 0..<2 {
                let command = rng.pick(commands)
                let result = command == ["import", "-"]
                    ? try ledger.run(command, input: .file(input), timeout: 120)
                    : try ledger.run(command, timeout: 120)
                tally[result.code ?? -1, default: 0] += 1
                if result.stderr.contains("stopped on a page it does not hold") { caughtSignals += 1 }
                let crashReport = ["Registers", "Backtrac", "Program crashed", "Fatal error"].contains { result.stderr.contains($0) }
                let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("ledger: error:") }.count
                if result.code == nil || ![0, 65].contains(result.code) || crashReport || errorLines != (result.code == 0 ? 0 : 1) {
                    failures.append("run \(run), \(damage): ledger \(command.joined(separator: " ")): \(result)")
                    if let keep = ProcessInfo.processInfo.environment["LEDGER_DAMAGE_KEEP"] { try? Data(bytes).write(to: URL(fileURLWithPath: keep + "/damaged-\(run).mdb")) }
                }
            }
        }
        try Data(pristine).write(to: URL(fileURLWithPath: data))
        unlink(ledger.directory + "/lock.mdb")
        try ledger.succeed(["verify"])
        print("damaged-file fuzz: seed \(seed), \(runs) damaged files, exits \(tally.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }), \(caughtSignals) of the 65s by the signal handler")
        StressReport.add(["damaged_files": runs])
        XCTAssertEqual(failures, [], "damaged-file fuzz (replay with LEDGER_DAMAGE_SEED=\(seed))")
    }
}
