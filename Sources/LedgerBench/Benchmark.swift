import Foundation
import Ledger

/// One benchmark run: every figure of DESIGN.md "Performance", taken on the
/// same generated events, with the baselines run alongside.
final class Benchmark {
    let options: BenchOptions
    var report = Report()
    private let log: (String) -> Void

    init(options: BenchOptions) {
        self.options = options
        self.log = { message in FileHandle.standardError.write(Data("bench: \(message)\n".utf8)) }
    }

    var ledgerDirectory: String { options.workDirectory + "/ledger" }
    var keyFile: String { ledgerDirectory + "/master.key" }
    var childEnvironment: [String: String] { ["LEDGER_KEY_FILE": keyFile, "LEDGER_DIR": ledgerDirectory] }

    func run() throws(BenchError) -> Report {
        try makeWorkDirectory()
        guard FileManager.default.isExecutableFile(atPath: options.ledgerBinary) else {
            throw .failed("no ledger executable at \(options.ledgerBinary) (build it, or pass --ledger-binary)")
        }
        let machine = Machine.current()
        report.add(Figure(key: "machine_cores", label: "machine: cores", value: .int(machine.cores)))
        report.add(Figure(key: "machine_memory_mb", label: "machine: memory (MB)", value: .int(machine.memoryMB)))
        report.add(Figure(key: "machine_cpu", label: "machine: cpu", value: .text(machine.cpu)))
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ")
        report.add(Figure(key: "machine_load_at_start", label: "machine: load average at start", value: load.map { .text($0) } ?? .missing))

        let workload = try Workload.prepare(options, log: log)
        report.add(Figure(key: "events", label: "events", value: .int(workload.events)))
        if let seconds = workload.generateSeconds, let generated = workload.generatedEvents {
            report.add(Figure(key: "generate_per_s", label: "generator (events/s)",
                              value: .number(Measure.rate(generated, seconds), decimals: 0),
                              note: "tools/generate-ledger wrote \(generated) events in \(Report.format(seconds, 1)) s"))
        }

        let ledger = try importLedger(workload)
        defer { ledger.close() }
        let exportPath = try exportLedger(ledger, events: workload.events)
        storage(exportPath: exportPath)
        try sqlite(exportPath: exportPath, events: workload.events)
        try verify(ledger, events: workload.events)
        try tree(ledger, events: workload.events)
        try rebuild(ledger, events: workload.events)
        try wholeProcessMemory(workload)
        let cases = try CaseSample.ids(in: workload.path).compactMap(CaseID.init)
        try cli(ledger, cases: cases)
        try appends(ledger, cases: cases, events: workload.events)
        return report
    }

    private func makeWorkDirectory() throws(BenchError) {
        do {
            try FileManager.default.createDirectory(atPath: options.workDirectory, withIntermediateDirectories: true)
            for name in ["ledger", "ledger-child", "backup", "raw-lmdb", "sqlite.db", "sqlite.db-wal", "sqlite.db-shm", "export.ndjson"] {
                let path = options.workDirectory + "/" + name
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            }
        } catch {
            throw .failed("cannot prepare \(options.workDirectory): \(error)")
        }
    }

    private func ledgerFailure(_ what: String, _ error: LedgerError) -> BenchError {
        .failed("\(what): \(error.description)")
    }

    // MARK: import, export, storage

    private func importLedger(_ workload: Workload) throws(BenchError) -> Ledger {
        log("importing \(workload.events) events")
        let ledgerOptions = LedgerOptions(directory: ledgerDirectory, keyFile: keyFile, environment: [:])
        do {
            let ledger = try Ledger.create(ledgerOptions)
            var summary: ImportSummary? = nil
            let cpuBefore = Measure.processCPUSeconds()
            let seconds = try Measure.seconds { () throws(LedgerError) in summary = try ledger.importNDJSON(path: workload.path) }
            let cpu = Measure.processCPUSeconds() - cpuBefore
            let count = summary?.events ?? 0
            report.add(Figure(key: "import_per_s", label: "import (events/s)", value: .number(Measure.rate(count, seconds), decimals: 0),
                              target: .atLeast(250_000), note: "\(count) events of \(summary?.cases ?? 0) cases in \(Report.format(seconds, 2)) s, one durable transaction"))
            report.add(Figure(key: "import_cpu_per_s", label: "import (events per CPU second)", value: .number(Measure.rate(count, cpu), decimals: 0)))
            return ledger
        } catch {
            throw ledgerFailure("import", error)
        }
    }

    private func exportLedger(_ ledger: Ledger, events: Int) throws(BenchError) -> String {
        log("exporting")
        let path = options.workDirectory + "/export.ndjson"
        do {
            let sink = try OutputSink(path: path)
            var count = 0
            let seconds = try Measure.seconds { () throws(LedgerError) in count = try ledger.export(to: sink) }
            report.add(Figure(key: "export_per_s", label: "export (events/s)", value: .number(Measure.rate(count, seconds), decimals: 0)))
        } catch {
            throw ledgerFailure("export", error)
        }
        return path
    }

    private func storage(exportPath: String) {
        let ledgerBytes = DiskUsage.allocatedBytes(ledgerDirectory)
        let exportBytes = DiskUsage.length(exportPath)
        report.add(Figure(key: "storage_ratio", label: "storage (ledger folder / export)",
                          value: .number(exportBytes > 0 ? Double(ledgerBytes) / Double(exportBytes) : 0, decimals: 3),
                          target: .atMost(0.6)))
        report.add(Figure(key: "ledger_bytes", label: "ledger folder on disk (bytes)", value: .int(ledgerBytes)))
        report.add(Figure(key: "export_bytes", label: "NDJSON export (bytes)", value: .int(exportBytes)))
    }

    // MARK: baselines

    private func sqlite(exportPath: String, events: Int) throws(BenchError) {
        log("loading the same events into SQLite")
        let result = try SQLiteBaseline.load(ndjson: exportPath, into: options.workDirectory + "/sqlite.db")
        let sqliteRate = Measure.rate(result.events, result.seconds)
        report.add(Figure(key: "sqlite_import_per_s", label: "SQLite load of the same events (events/s)",
                          value: .number(sqliteRate, decimals: 0)))
        report.add(Figure(key: "sqlite_bytes", label: "SQLite database on disk (bytes)", value: .int(result.bytes)))
        if let importRate = report.figures.first(where: { $0.key == "import_per_s" }), case .number(let rate, _) = importRate.value {
            report.add(Figure(key: "import_ratio_vs_sqlite", label: "import / SQLite", value: .number(rate / max(sqliteRate, 1), decimals: 2),
                              target: .atLeast(2)))
        }
    }

    // MARK: verify, rebuild

    private func verify(_ ledger: Ledger, events: Int) throws(BenchError) {
        log("verifying")
        do {
            var report: VerificationReport? = nil
            let seconds = try Measure.seconds { () throws(LedgerError) in report = try ledger.verify() }
            self.report.add(Figure(key: "verify_per_s", label: "verify (events/s)",
                                   value: .number(Measure.rate(report?.events ?? 0, seconds), decimals: 0)))
        } catch {
            throw ledgerFailure("verify", error)
        }
    }

    /// The Merkle tree alone, built again from the log: what the tree adds to an import at most (an import
    /// hashes the same leaves and nodes and puts the same entries, without reading the events back).
    private func tree(_ ledger: Ledger, events: Int) throws(BenchError) {
        log("building the Merkle tree alone")
        do {
            var size: UInt64 = 0
            let seconds = try Measure.seconds { () throws(LedgerError) in size = try ledger.rebuildTree() }
            report.add(Figure(key: "tree_build_per_s", label: "Merkle tree built from the log (events/s)",
                              value: .number(Measure.rate(Int(size), seconds), decimals: 0)))
            if let importRate = report.figures.first(where: { $0.key == "import_per_s" }), case .number(let rate, _) = importRate.value,
               rate > 0, seconds > 0 {
                let importSeconds = Double(size) / rate
                report.add(Figure(key: "tree_share_of_import", label: "Merkle tree's share of the import time (at most)",
                                  value: .number(seconds / importSeconds, decimals: 3),
                                  note: "the tree alone took \(Report.format(seconds, 2)) s for \(size) events; the import \(Report.format(importSeconds, 2)) s"))
            }
        } catch {
            throw ledgerFailure("tree", error)
        }
    }

    private func rebuild(_ ledger: Ledger, events: Int) throws(BenchError) {
        log("rebuilding projections")
        do {
            var count = 0
            let cpuBefore = Measure.processCPUSeconds()
            let seconds = try Measure.seconds { () throws(LedgerError) in count = try ledger.rebuildProjections() }
            let cpu = Measure.processCPUSeconds() - cpuBefore
            report.add(Figure(key: "rebuild_per_s", label: "rebuild (events/s)", value: .number(Measure.rate(count, seconds), decimals: 0),
                              target: .atLeast(1_000_000)))
            report.add(Figure(key: "rebuild_cpu_per_s", label: "rebuild (events per CPU second)", value: .number(Measure.rate(count, cpu), decimals: 0)))
        } catch {
            throw ledgerFailure("rebuild", error)
        }
        let child = try PeakRSS.run([options.ledgerBinary, "rebuild", "--ledger", ledgerDirectory], environment: childEnvironment,
                                    captureTo: options.workDirectory + "/rebuild.log",
                                    reportFile: options.workDirectory + "/rebuild.peak")
        guard child.exitCode == 0 else { throw .failed("ledger rebuild exited \(child.exitCode): \(child.output.suffix(300))") }
        report.add(Figure(key: "rebuild_peak_rss_mb", label: "rebuild peak RSS, whole process (MB)",
                          value: .number(Double(child.peakRSSBytes) / 1_048_576, decimals: 1), target: .below(300)))
        report.add(Figure(key: "rebuild_cli_s", label: "ledger rebuild, whole process (s)", value: .number(child.seconds, decimals: 2)))
    }

    // MARK: whole processes: peak memory

    /// `ledger import` into a new ledger and `ledger backup` of the benchmark's ledger, each a child
    /// process whose own peak resident set is reported (`PeakRSS`): the in-process import above
    /// shares the benchmark's memory with everything else it measures.
    private func wholeProcessMemory(_ workload: Workload) throws(BenchError) {
        let child = options.workDirectory + "/ledger-child"
        let environment = ["LEDGER_DIR": child, "LEDGER_KEY_FILE": child + "/master.key"]
        log("importing again as a whole `ledger import` process, for its peak memory")
        let made = try TimedRun.run([options.ledgerBinary, "init", "--ledger", child], environment: environment,
                                    captureTo: options.workDirectory + "/child-init.log")
        guard made.exitCode == 0 else { throw .failed("ledger init exited \(made.exitCode): \(made.output.suffix(300))") }
        let imported = try PeakRSS.run([options.ledgerBinary, "import", workload.path, "--ledger", child], environment: environment,
                                       captureTo: options.workDirectory + "/child-import.log",
                                       reportFile: options.workDirectory + "/import.peak")
        guard imported.exitCode == 0 else { throw .failed("ledger import exited \(imported.exitCode): \(imported.output.suffix(300))") }
        report.add(Figure(key: "import_peak_rss_mb", label: "import peak RSS, whole process (MB)",
                          value: .number(Double(imported.peakRSSBytes) / 1_048_576, decimals: 1), target: .below(300)))
        report.add(Figure(key: "import_cli_s", label: "ledger import, whole process (s)", value: .number(imported.seconds, decimals: 2)))
        try? FileManager.default.removeItem(atPath: child)

        log("backing up as a whole `ledger backup` process, for its peak memory")
        let backup = try PeakRSS.run([options.ledgerBinary, "backup", options.workDirectory + "/backup", "--ledger", ledgerDirectory],
                                     environment: childEnvironment, captureTo: options.workDirectory + "/backup.log",
                                     reportFile: options.workDirectory + "/backup.peak")
        guard backup.exitCode == 0 else { throw .failed("ledger backup exited \(backup.exitCode): \(backup.output.suffix(300))") }
        report.add(Figure(key: "backup_peak_rss_mb", label: "backup peak RSS, whole process (MB)",
                          value: .number(Double(backup.peakRSSBytes) / 1_048_576, decimals: 1), target: .below(300)))
        report.add(Figure(key: "backup_cli_s", label: "ledger backup, whole process (s)", value: .number(backup.seconds, decimals: 2)))
        try? FileManager.default.removeItem(atPath: options.workDirectory + "/backup")
    }

    // MARK: CLI answers

    private func cli(_ ledger: Ledger, cases: [CaseID]) throws(BenchError) {
        log("timing CLI answers (\(options.cliRuns) runs each)")
        let head: LogHead
        do { head = try ledger.head() } catch { throw ledgerFailure("head", error) }
        let zone = ledger.zone
        let last = head.recordedAt.map { zone.date(of: $0) } ?? LocalDate(daysSinceEpoch: 20_000)
        let show = cases.isEmpty ? "LG-2000-000001" : cases[cases.count / 2].rawValue
        try cliFigure("cli_show_ms", "ledger show CASE --purpose (ms)", ["show", show, "--purpose", "benchmark"])
        try cliFigure("cli_caseload_ms", "ledger caseload (ms)", ["caseload"])
        try cliFigure("cli_metrics_ms", "ledger metrics, last year (ms)",
                      ["metrics", "--from", last.adding(days: -365).description, "--to", last.adding(days: 1).description])
        let middle = String(max(1, head.position / 2 + 1))
        try cliFigure("cli_prove_ms", "ledger prove POSITION, inclusion proof (ms)", ["prove", middle, "--format", "json"])
        try cliFigure("cli_prove_consistency_ms", "ledger prove --consistency, from half the log (ms)",
                      ["prove", "--consistency", middle, "--format", "json"])
        try cliFigure("cli_checkpoint_ms", "ledger checkpoint, signed (ms)", ["checkpoint"])
        // Half a year before the log's last day: a past day's caseload, and the last year's metrics as then known.
        let past = last.adding(days: -182)
        try cliFigure("cli_caseload_past_ms", "ledger caseload --day, half a year back (ms)",
                      ["caseload", "--day", past.description], target: .below(200))
        try cliFigure("cli_metrics_known_at_ms", "ledger metrics --known-at, half a year back (ms)",
                      ["metrics", "--from", past.adding(days: -365).description, "--to", past.description,
                       "--known-at", past.description], target: .below(300))
    }

    private func cliFigure(_ key: String, _ label: String, _ arguments: [String], target: Figure.Target = .below(50)) throws(BenchError) {
        let argv = [options.ledgerBinary] + arguments + ["--ledger", ledgerDirectory]
        let logFile = options.workDirectory + "/cli.log"
        let first = try TimedRun.run(argv, environment: childEnvironment, captureTo: logFile)
        guard first.exitCode == 0 else {
            let said = first.output.trimmingCharacters(in: .whitespacesAndNewlines)
            let why = said.contains("not yet available") ? "not yet available in this build" : "exit \(first.exitCode): \(said.prefix(200))"
            report.add(Figure(key: key, label: label, value: .missing, target: target, note: "\(arguments[0]): \(why)"))
            return
        }
        var times: [Double] = []
        for _ in 0..<options.cliRuns {
            let run = try TimedRun.run(argv, environment: childEnvironment)
            guard run.exitCode == 0 else { throw .failed("\(arguments.joined(separator: " ")) exited \(run.exitCode)") }
            times.append(run.seconds * 1000)
        }
        report.add(Figure(key: key, label: label, value: .number(Measure.median(times) ?? 0, decimals: 1), target: target))
    }

    // MARK: appends

    private func appends(_ ledger: Ledger, cases: [CaseID], events: Int) throws(BenchError) {
        log("durable appends: \(options.appends) through the ledger, as many raw LMDB commits")
        var open: [CaseID] = []
        for id in cases.reversed() where open.count < 64 {
            if let record = try? ledger.record(of: id), record.state.isOpen, !record.state.isErased { open.append(id) }
        }
        let result = try AppendBench.run(ledger: ledger, openCases: open, count: options.appends,
                                         rawDirectory: options.workDirectory + "/raw-lmdb", prefill: events)
        report.add(Figure(key: "append_durable_ratio_vs_lmdb", label: "durable appends / raw LMDB commits",
                          value: .number(result.ratio, decimals: 2), target: .atLeast(0.8)))
        report.add(Figure(key: "append_per_s", label: "ledger durable appends (events/s)", value: .number(result.ledgerPerSecond, decimals: 0)))
        report.add(Figure(key: "lmdb_commit_per_s", label: "raw LMDB durable single-put commits (/s)",
                          value: .number(result.lmdbPerSecond, decimals: 0)))
        report.add(Figure(key: "append_cpu_us", label: "CPU per ledger append (µs)", value: .number(result.ledgerCPUMicroseconds, decimals: 0)))
        report.add(Figure(key: "lmdb_commit_cpu_us", label: "CPU per raw LMDB commit (µs)", value: .number(result.lmdbCPUMicroseconds, decimals: 0)))
    }
}
