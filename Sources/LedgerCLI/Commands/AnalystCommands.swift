import ArgumentParser
import Foundation
import Ledger

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Outcome metrics for a period [from, to), optionally grouped.",
        discussion: "Computed from the per-episode projection; dates in the ledger's time zone. No personal data. Under --by month, open_at_end is each month's stock (open at the next month's first day, or at --to). --by district,month groups by two (keys district|month). --min-cell K withholds small cells (null in JSON, <K in tables and CSV). Every figure is defined in Docs/METRICS.md.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "First day of the period: 2026-07-01 or 01.07.2026.") var from: String
    @Option(help: "Day after the period: 2026-10-01 or 01.10.2026.") var to: String
    @Option(help: "district, caseworker, source or month, or two of them: district,month") var by: String?
    @Option(help: "Withhold counts below K and what would reveal them (K >= 2; DOMAIN.md \"Small cells\").") var minCell: Int?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger(global) { desk in
            let start = try date(from, "--from"), end = try date(to, "--to")
            guard start < end else { throw LedgerError.usage("--from must lie before --to") }
            let (grouping, second) = try by.map { try MetricsGrouping.list($0) } ?? (nil, nil)
            let minCell = try self.minCell.map { try MinCell($0) }
            let ledger = try global.open()
            defer { ledger.close() }
            let report = try ledger.metrics(from: start, to: end, by: grouping, then: second, asOf: try asOf.asOf(in: ledger))
            let suppressed = minCell.map { SmallCells.suppress(report, minCell: $0) }
            let rows = { suppressed.map(Metrics.csvRows) ?? Metrics.csvRows(report) }
            switch format {
            case .json: writeStandardOutput((suppressed.map(Metrics.json) ?? Metrics.json(report)).bytes)
            case .csv: writeStandardOutput(CSV.bytes(Metrics.csvColumns(report), rows()))
            case .table:
                let by = report.groupings.map(\.rawValue).joined(separator: ",")
                print("Outcome metrics \(start) to \(end) (exclusive)\(by.isEmpty ? "" : " by \(by)")\(minCell.map { ", cells below \($0.k) withheld" } ?? "")")
                let headers = Metrics.csvColumns(report)
                let columns = headers.enumerated().map { i, header in
                    TableColumn(header, importance: headers.count - i, alignRight: i == headers.count - 1)
                }
                writeTable(TextTable(columns: columns, rows: rows()), desk)
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
