import Foundation
@testable import Ledger
import LedgerTestSupport
import ProcessRunner
import XCTest

/// Starts writer processes of the built `ledger` (single commands, imports,
/// refused imports, erasures) one to three at a time, kills them with
/// SIGKILL at random moments and, after every batch, reopens the ledger and
/// checks: `ledger verify` passes (chain, index, every projection equal to a
/// rebuild); the log still begins with everything it held before; every
/// acknowledged write is there whole; no refused or interrupted write is
/// there in part; the vault opens every case that is not erased, no erased
/// case, and holds no key of a case the log does not have.
///
/// `LEDGER_CRASH_KILLS` (default 200) sets how many kills must land on a
/// running writer; `LEDGER_CRASH_SEED` replays a run.
final class CrashHarnessTests: XCTestCase {
    func testSigkilledWritersLoseNothingAndHalfWriteNothing() throws {
        let target = HarnessSetting.int("LEDGER_CRASH_KILLS", default: 200)
        let seed = HarnessSetting.seed("LEDGER_CRASH_SEED", default: 20_261_125)
        var rng = SplitMix64(seed: seed)
        var stats = CrashStats()
        var ledger = try ScratchLedger(self)
        var before = try ExportView(ledger.export())
        var durations: [WriterOp.Kind: Double] = [:]
        var opNumber = 0
        var batch = 0
        var failures: [String] = []
        var recent: [String] = []

        while stats.kills < target && failures.isEmpty {
            batch += 1
            if batch % 150 == 0 {
                // A fresh ledger now and then keeps every check fast.
                ledger = try ScratchLedger(self)
                before = try ExportView(ledger.export())
            }
            var ops: [WriterOp] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                opNumber += 1
                var op = try WriterOp.random(number: opNumber, export: before, rng: &rng, importFile: ledger.writeFile)
                if Double.random(in: 0..<1, using: &rng) < 0.8 || ops.isEmpty {
                    // Most of a run is start-up; the write is near its end: aim there more often.
                    let typical = durations[op.kind] ?? 0.15
                    op.killAfter = Bool.random(using: &rng)
                        ? Double.random(in: 0...typical, using: &rng)
                        : Double.random(in: (0.7 * typical)...(1.15 * typical), using: &rng)
                }
                ops.append(op)
            }
            try runAndKill(&ops, ledger: ledger, durations: &durations, stats: &stats)

            let context = "seed \(seed), batch \(batch)"
            let failuresBefore = failures.count
            recent.append(ops.map { op in
                "batch \(batch): \(op.actor) \(op.kind.rawValue) \(op.arguments.prefix(2).joined(separator: " ")) killAfter \(op.killAfter.map { String(format: "%.3f", $0) } ?? "-") -> \(op.ending.map { "\($0)" } ?? "?") \(op.stdout.prefix(60).trimmingCharacters(in: .whitespacesAndNewlines)) \(op.stderr.prefix(200))"
            }.joined(separator: "\n"))
            if recent.count > 4 { recent.removeFirst() }
            if ProcessInfo.processInfo.environment["LEDGER_CRASH_VERBOSE"] != nil { print(recent.last ?? "") }
            let verify = try ledger.run(["verify"])
            if verify.code != 0 { failures.append("\(context): verify failed after kills: \(verify)") }
            let after = try ExportView(ledger.export())
            if !after.extends(before) { failures.append("\(context): the log lost or changed events it held before") }
            if !after.isGapless { failures.append("\(context): positions or versions have a gap") }
            for op in ops {
                if op.verdict == .acknowledged { stats.acknowledgedEvents += op.expectedEvents }
                if op.killed { after.count(actor: op.actor) > 0 ? (stats.killedAfterCommit += 1) : (stats.killedBeforeCommit += 1) }
                if case .exited(75)? = op.ending { stats.conflicts += 1 }
                if let problem = op.problem(in: after) {
                    if op.verdict == .acknowledged { stats.lost += 1 }
                    failures.append("\(context): \(op.kind.rawValue) \(op.arguments.prefix(2).joined(separator: " ")) (\(op.actor)): \(problem); stderr: \(op.stderr.prefix(300))")
                }
                if op.verdict == .refused, op.kind != .importRefused, op.ending != .exited(65), op.ending != .exited(75) {
                    failures.append("\(context): \(op.kind.rawValue) failed unexpectedly: \(op.ending.map { "\($0)" } ?? "?") \(op.stderr.prefix(300))")
                }
            }
            if ops.contains(where: { $0.kind == .erase || $0.kind == .open || $0.kind.isImport }) || batch % 10 == 0 {
                failures += try VaultCheck.problems(ledger: ledger, export: after).map { "\(context): \($0)" }
            }
            if failures.count > failuresBefore {
                print("crash harness: the last batches before the failure:\n" + recent.joined(separator: "\n"))
            }
            before = after
        }
        StressReport.add(["kills": stats.kills, "kills_during_write": stats.killsDuringWrite,
                          "acknowledged_events": stats.acknowledgedEvents, "lost": stats.lost,
                          "conflicts": stats.conflicts, "crash_batches": batch])
        print("crash harness: seed \(seed), \(stats.kills) kills in \(batch) batches (\(stats.killsDuringWrite) while a writer held the lock; \(stats.killedBeforeCommit) before the commit, \(stats.killedAfterCommit) after it), \(stats.acknowledgedEvents) acknowledged events, \(stats.lost) lost, \(stats.conflicts) conflicts")
        XCTAssertEqual(failures, [], "crash harness (replay with LEDGER_CRASH_SEED=\(seed))")
        XCTAssertGreaterThanOrEqual(stats.kills, target)
    }

    /// Starts every op, kills the ones with a `killAfter` when their moment comes, and waits for the rest.
    private func runAndKill(_ ops: inout [WriterOp], ledger: ScratchLedger, durations: inout [WriterOp.Kind: Double],
                            stats: inout CrashStats) throws {
        let start = Date()
        for i in ops.indices { ops[i].child = try ledger.start(ops[i].arguments) }
        let deadline = start.addingTimeInterval(120)
        while ops.contains(where: { $0.ending == nil }) {
            let elapsed = Date().timeIntervalSince(start)
            for i in ops.indices where ops[i].ending == nil {
                guard let child = ops[i].child else { continue }
                if let ending = child.poll() {
                    ops[i].ending = ending
                    let previous = durations[ops[i].kind] ?? elapsed
                    durations[ops[i].kind] = 0.7 * previous + 0.3 * elapsed
                } else if let at = ops[i].killAfter, elapsed >= at {
                    let duringWrite = WriterLockProbe.isHeld(ledger.directory)
                    let ending = child.killNow()
                    ops[i].ending = ending
                    if ending == .signalled(SIGKILL) {
                        ops[i].killed = true
                        stats.kills += 1
                        if duringWrite { stats.killsDuringWrite += 1 }
                    }
                } else if Date() > deadline {
                    child.killNow()
                    throw ChildProcessError("\(ops[i].kind.rawValue) hung for 120 s: \(child.stderr.prefix(300))")
                }
            }
            usleep(500)
        }
        for i in ops.indices {
            ops[i].stdout = ops[i].child?.stdout ?? ""
            ops[i].stderr = ops[i].child?.stderr ?? ""
            ops[i].child?.removeOutputFiles()
        }
    }
}

/// Totals of a crash-harness run.
struct CrashStats {
    var kills = 0
    var acknowledgedEvents = 0
    var lost = 0
    var conflicts = 0
    /// Killed writers whose write is absent (killed before its commit) or whole (killed after it).
    var killedBeforeCommit = 0
    var killedAfterCommit = 0
    /// Kills sent while some writer of the batch held the writer lock (inside a write).
    var killsDuringWrite = 0
}

/// Whether a process holds the ledger's writer lock right now (a non-blocking try that lets go at once).
enum WriterLockProbe {
    static func isHeld(_ directory: String) -> Bool {
        let fd = open(directory + "/writer.lock", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}

extension WriterOp.Kind {
    var isImport: Bool { self == .importGood || self == .importRefused }
}
