import Foundation
@testable import Ledger
import LedgerTestSupport
import XCTest

/// The import fuzz target: valid NDJSON with one random mutation (see
/// `LineMutator`), imported for a bounded time. Whatever the bytes, the
/// import never crashes or hangs, and either takes the whole file or refuses
/// it as `FILE:LINE: reason` at or after the first changed line with nothing
/// written. A quarter of the time goes through the `ledger` executable, the
/// rest through the library in this process (many more iterations).
///
/// `LEDGER_FUZZ_SECONDS` (default 20) bounds the run; `LEDGER_FUZZ_SEED` replays one.
final class ImportFuzzTests: XCTestCase {
    func testMutatedImportsNeverCrashHangOrHalfWrite() throws {
        let seconds = Double(HarnessSetting.int("LEDGER_FUZZ_SECONDS", default: 20))
        let seed = HarnessSetting.seed("LEDGER_FUZZ_SEED", default: 424_242)
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        let cli = try fuzzThroughTheExecutable(seconds: seconds / 4, rng: &rng, failures: &failures)
        let library = try fuzzThroughTheLibrary(seconds: seconds * 3 / 4, rng: &rng, failures: &failures)
        print("import fuzz: seed \(seed), \(cli.iterations) runs of the executable (\(cli.accepted) accepted), \(library.iterations) imports in-process (\(library.accepted) accepted)")
        StressReport.add(["fuzz_iterations": cli.iterations + library.iterations, "fuzz_accepted": cli.accepted + library.accepted])
        XCTAssertEqual(Array(failures.prefix(20)), [], "import fuzz (replay with LEDGER_FUZZ_SEED=\(seed))")
        XCTAssertGreaterThan(cli.iterations + library.iterations, 0)
    }

    struct Tally {
        var iterations = 0
        var accepted = 0
    }

    /// Valid lines to mutate: a continuation of the ledger (1 to 3 new cases of 2022, numbered from `first`).
    private func template(_ rng: inout SplitMix64, first: Int) -> [[UInt8]] {
        let factory = NDJSONFactory(year: 2022, actor: "fuzz")
        let cases = Int.random(in: 1...3, using: &rng)
        let events = Int.random(in: 1...NDJSONFactory.script.count, using: &rng)
        return factory.interleaved(cases: first, count: cases, eventsPerCase: events).map { Array($0.utf8) }
    }

    private func write(_ lines: [[UInt8]], to path: String) throws {
        var bytes: [UInt8] = []
        for line in lines { bytes += line + [10] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Runs of `ledger import` on mutated continuations of a small ledger.
    private func fuzzThroughTheExecutable(seconds: Double, rng: inout SplitMix64, failures: inout [String]) throws -> Tally {
        let ledger = try ScratchLedger(self)
        try ledger.succeed(["import", ledger.writeFile("base.ndjson", NDJSONFactory(year: 2022, actor: "base").lines(cases: 1, count: 3, eventsPerCase: 6))])
        var baseline = try ledger.export()
        var tally = Tally()
        let end = Date().addingTimeInterval(seconds)
        let path = ledger.root + "/fuzz.ndjson"
        while Date() < end && failures.count < 20 {
            tally.iterations += 1
            var lines = template(&rng, first: 10 + tally.iterations * 4)
            let (kind, changed) = LineMutator.mutate(&lines, rng: &rng)
            try write(lines, to: path)
            let result = try ledger.run(["import", path], timeout: 120)
            let what = "executable run \(tally.iterations) (\(kind.rawValue) at line \(changed + 1))"
            switch result.code {
            case 0?:
                tally.accepted += 1
                baseline = try ledger.export()
            case 65?:
                let number = Self.lineNumber(in: result.stderr, file: path)
                if number == nil { failures.append("\(what): no FILE:LINE in '\(result.stderr.prefix(200))'") }
                if let number, number < changed + 1 { failures.append("\(what): refused at line \(number), before the change") }
                if try ledger.export() != baseline { failures.append("\(what): the refused import changed the log") }
            default:
                failures.append("\(what): \(result)")
            }
        }
        XCTAssertEqual(try ledger.run(["verify"]).code, 0)
        return tally
    }

    /// The line number of `FILE:LINE: ` in an error message.
    static func lineNumber(in message: String, file: String) -> Int? {
        guard let range = message.range(of: file + ":") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }

    /// In-process imports of mutated continuations, and of the mutated small fixture into an empty ledger.
    private func fuzzThroughTheLibrary(seconds: Double, rng: inout SplitMix64, failures: inout [String]) throws -> Tally {
        let root = FileManager.default.temporaryDirectory.path + "/ledger-fuzz-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let small = try String(contentsOfFile: TestPaths.fixture("small.ndjson"), encoding: .utf8)
            .split(separator: "\n").map { Array($0.utf8) }
        var generation = 0
        func fresh() throws -> Ledger {
            generation += 1
            return try Ledger.create(LedgerOptions(directory: root + "/ledger-\(generation)", lockTimeout: 30, durable: false))
        }
        var continued = try fresh()
        var empty = try fresh()
        defer { continued.close(); empty.close() }
        var tally = Tally()
        let watchdog = Watchdog(limit: 120)
        let path = root + "/fuzz.ndjson"
        let end = Date().addingTimeInterval(seconds)
        while Date() < end && failures.count < 20 {
            tally.iterations += 1
            let intoEmpty = !small.isEmpty && Int.random(in: 0..<4, using: &rng) == 0
            let ledger = intoEmpty ? empty : continued
            var lines = intoEmpty ? small : template(&rng, first: 100_000 + tally.iterations * 4)
            let (kind, changed) = LineMutator.mutate(&lines, rng: &rng)
            try write(lines, to: path)
            let what = "in-process import \(tally.iterations) (\(kind.rawValue) at line \(changed + 1)\(intoEmpty ? " of the small fixture" : ""))"
            let before = try Fingerprint(ledger)
            watchdog.arm(what)
            do {
                _ = try ledger.importNDJSON(path: path)
                watchdog.disarm()
                tally.accepted += 1
                if tally.accepted % 20 == 0 { _ = try ledger.verify() }
                if intoEmpty {
                    empty.close()
                    empty = try fresh()
                }
            } catch {
                watchdog.disarm()
                guard let refusal = error as? LedgerError, case .atLine(let file, let number, let inner) = refusal else {
                    failures.append("\(what): refused without a line: \(error)")
                    continue
                }
                if file != path { failures.append("\(what): names \(file), not \(path)") }
                if number < changed + 1 || number > lines.count { failures.append("\(what): refused at line \(number) of \(lines.count), changed \(changed + 1)") }
                if refusal.exitCode != 65 { failures.append("\(what): exit \(refusal.exitCode) (\(inner.exitCode) inside): \(error)") }
                if try Fingerprint(ledger) != before { failures.append("\(what): the refused import changed the ledger") }
            }
            if tally.iterations % 500 == 0 {
                continued.close()
                continued = try fresh()
            }
        }
        _ = try continued.verify()
        return tally
    }
}

/// What a refused import must leave exactly as it was: the head, the size of
/// every database of the log and the projections, and the keys in the vault.
struct Fingerprint: Equatable {
    let head: LogHead
    let counts: [Int]
    let keys: [CaseID]

    init(_ ledger: Ledger) throws {
        head = try ledger.head()
        let store = ledger.store
        counts = try store.read { txn in
            try [store.events, store.cases, store.caseState, store.episodes, store.openCases, store.meta].map { try txn.entryCount($0) }
        }
        keys = try ledger.vault().caseIDs()
    }
}

/// Aborts the test process, naming what it was doing, when one step takes longer than `limit` seconds (a hang).
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (String, Date)?

    init(limit: Double) {
        Thread.detachNewThread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 1)
                self.lock.lock()
                let stuck = self.current.flatMap { Date().timeIntervalSince($0.1) > limit ? $0.0 : nil }
                self.lock.unlock()
                if let stuck {
                    FileHandle.standardError.write(Data("watchdog: \(stuck) hangs (over \(Int(limit)) s)\n".utf8))
                    abort()
                }
            }
        }
    }

    func arm(_ what: String) { lock.lock(); current = (what, Date()); lock.unlock() }
    func disarm() { lock.lock(); current = nil; lock.unlock() }
}
