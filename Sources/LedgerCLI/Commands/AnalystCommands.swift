import ArgumentParser
import Foundation
import Ledger

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Outcome metrics for a period [from, to), optionally grouped.",
        discussion: "Computed from the per-episode projection; dates in the ledger's time zone. No personal data. Under --by month, open_at_end is each month's stock (open at the next month's first day, or at --to). Every figure is defined in Docs/METRICS.md.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "First day of the period: 2026-07-01 or 01.07.2026.") var from: String
    @Option(help: "Day after the period: 2026-10-01 or 01.10.2026.") var to: String
    @Option(help: "district, caseworker, source or month") var by: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger(global) { desk in
            let start = try date(from, "--from"), end = try date(to, "--to")
            guard start < end else { throw LedgerError.usage("--from must lie before --to") }
            var grouping: MetricsGrouping? = nil
            if let by {
                guard let g = MetricsGrouping(rawValue: by) else {
                    throw LedgerError.usage("--by takes district, caseworker, source or month (got '\(by.prefix(20))')")
                }
                grouping = g
            }
            let ledger = try global.open()
            defer { ledger.close() }
            let report = try ledger.metrics(from: start, to: end, by: grouping, asOf: try asOf.asOf(in: ledger))
            switch format {
            case .json: writeStandardOutput(Metrics.json(report).bytes)
            case .csv: writeStandardOutput(CSV.bytes(Metrics.csvColumns, Metrics.csvRows(report)))
            case .table:
                let rows = Metrics.csvRows(report)
                print("Outcome metrics \(start) to \(end) (exclusive)\(grouping.map { " by \($0.rawValue)" } ?? "")")
                let columns = Metrics.csvColumns.enumerated().map { i, header in
                    TableColumn(header, importance: Metrics.csvColumns.count - i, alignRight: i == Metrics.csvColumns.count - 1)
                }
                writeTable(TextTable(columns: columns, rows: rows), desk)
            }
        }
    }
}

struct EpisodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "episodes", abstract: "One row per episode, without personal data (for R, pandas, DuckDB, spreadsheets).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only episodes overlapping [from, to): first day (2026-07-01 or 01.07.2026).") var from: String?
    @Option(help: "Only episodes overlapping [from, to): day after.") var to: String?
    @Option(help: "csv, json or ndjson (table for a quick look)") var format: ListFormat = .csv

    func run() throws {
        try runLedger(global) { desk in
            let start = try from.map { try date($0, "--from") }, end = try to.map { try date($0, "--to") }
            let ledger = try global.open()
            defer { ledger.close() }
            let (episodes, _) = try ledger.episodeFacts(asOf: try asOf.asOf(in: ledger))
            switch format {
            case .json, .ndjson:
                var json = ReportJSONWriter(capacity: 1 << 20, layout: format == .json ? .pretty : .lines)
                json.value(EpisodesTable.json(episodes, from: start, to: end))
                writeStandardOutput(json.finish())
            case .csv: writeStandardOutput(CSV.bytes(EpisodesTable.columns, EpisodesTable.rows(episodes, from: start, to: end)))
            case .table:
                writeTable(TextTable(headers: EpisodesTable.columns, rows: EpisodesTable.rows(episodes, from: start, to: end)), desk)
            }
        }
    }
}
