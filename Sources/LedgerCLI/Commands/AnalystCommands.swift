import ArgumentParser
import Foundation
import Ledger

struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload", abstract: "Open cases to work on, most pressing first.",
        discussion: """
        Sorted: urgent (the eviction date or the Schonfrist end within 14 days) first, then overdue         (a follow-up due or 14+ days without contact), then by the next deadline (the earliest of the         eviction date and the Schonfrist end still ahead), then by days since contact. Flags: URGENT,         overdue, restricted (casework waits), Schonfrist blocked. See Docs/METRICS.md.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only this caseworker's cases.") var caseworker: String?
    @Option(help: "The day (YYYY-MM-DD; default today in the ledger's time zone).") var day: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table
    @Flag(help: "With --format json: an object {rows, counts} instead of the row array.") var withCounts = false

    func run() throws {
        try runLedger {
            let target = try day.map { try date($0, "--day") }
            let ledger = try global.open()
            defer { ledger.close() }
            let rows = try ledger.caseload(day: target, caseworker: caseworker, asOf: try asOf.asOf())
            let counts = Caseload.counts(rows)
            switch format {
            case .json:
                var json = ReportJSONWriter(capacity: 300 * rows.count + 4096)
                if withCounts {
                    json.beginObject()
                    json.key("rows")
                    Caseload.writeJSON(rows, into: &json)
                    json.key("counts")
                    Caseload.writeJSON(counts, into: &json)
                    json.endObject()
                } else {
                    Caseload.writeJSON(rows, into: &json)
                }
                writeStandardOutput(json.finish())
            case .csv:
                writeStandardOutput(CSV.bytes(Self.headers, rows.map(Self.cells)))
            case .table:
                let day = target ?? ledger.today
                print("Caseload on \(day)\(caseworker.map { " for \($0)" } ?? ""): \(rows.count) open cases")
                writeTable(TextTable(headers: ["case", "phase", "stage", "district", "caseworker", "opened", "last contact", "days",
                                               "next follow-up", "next deadline", "flags"],
                                     rows: rows.map(Self.tableCells)))
                print("")
                print("Open cases by district: " + counts.byDistrict.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                print("Open cases by phase: " + counts.byPhase.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
            }
        }
    }

    static let headers = ["case", "phase", "district", "caseworker", "opened", "last_contact", "days_since_contact",
                          "next_follow_up", "eviction_date", "overdue", "urgent", "schonfrist_end", "schonfrist_blocked",
                          "next_deadline", "stage", "restricted"]

    static func cells(_ r: CaseloadRow) -> [String] {
        [r.case.rawValue, r.phase.rawValue, r.district, r.caseworker, r.opened.description, r.lastContact?.description ?? "",
         String(r.daysSinceContact), r.nextFollowUp?.description ?? "", r.evictionDate?.description ?? "",
         String(r.overdue), String(r.urgent), r.schonfristEnd?.description ?? "", String(r.schonfristBlocked),
         r.nextDeadline?.description ?? "", r.stage.rawValue, String(r.restricted)]
    }

    static func tableCells(_ r: CaseloadRow) -> [String] {
        [r.case.rawValue, r.phase.rawValue, r.stage.rawValue, r.district, r.caseworker, r.opened.description,
         r.lastContact?.description ?? "-", String(r.daysSinceContact),
         r.nextFollowUp?.description ?? "-", deadline(r), flags(r)]
    }

    /// The next deadline with what it is: the eviction, the Schonfrist end, or both.
    static func deadline(_ r: CaseloadRow) -> String {
        guard let next = r.nextDeadline else { return "-" }
        let what = [r.evictionDate == next ? "eviction" : nil, r.schonfristEnd == next ? "Schonfrist" : nil].compactMap { $0 }
        return "\(next) \(what.joined(separator: "+"))"
    }

    /// URGENT, overdue, restricted and a blocked Schonfrist, as they apply, space-separated.
    static func flags(_ r: CaseloadRow) -> String {
        [r.urgent ? "URGENT" : nil, r.overdue ? "overdue" : nil, r.restricted ? "restricted" : nil,
         r.schonfristBlocked ? "Schonfrist-blocked" : nil].compactMap { $0 }.joined(separator: " ")
    }
}

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Outcome metrics for a period [from, to), optionally grouped.",
        discussion: "Computed from the per-episode projection; dates in the ledger's time zone. No personal data. Under --by month, open_at_end is each month's stock (open at the next month's first day, or at --to). --by district,month groups by two (keys district|month). --min-cell K withholds small cells (null in JSON, <K in tables and CSV). Every figure is defined in Docs/METRICS.md.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "First day of the period (YYYY-MM-DD).") var from: String
    @Option(help: "Day after the period (YYYY-MM-DD).") var to: String
    @Option(help: "district, caseworker, source or month, or two of them: district,month") var by: String?
    @Option(help: "Withhold counts below K and what would reveal them (K >= 2; DOMAIN.md \"Small cells\").") var minCell: Int?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger {
            let start = try date(from, "--from"), end = try date(to, "--to")
            guard start < end else { throw LedgerError.usage("--from must lie before --to") }
            let (grouping, second) = try by.map { try MetricsGrouping.list($0) } ?? (nil, nil)
            let minCell = try self.minCell.map { try MinCell($0) }
            let ledger = try global.open()
            defer { ledger.close() }
            let report = try ledger.metrics(from: start, to: end, by: grouping, then: second, asOf: try asOf.asOf())
            let suppressed = minCell.map { SmallCells.suppress(report, minCell: $0) }
            let rows = { suppressed.map(Metrics.csvRows) ?? Metrics.csvRows(report) }
            switch format {
            case .json: writeStandardOutput((suppressed.map(Metrics.json) ?? Metrics.json(report)).bytes)
            case .csv: writeStandardOutput(CSV.bytes(Metrics.csvColumns(report), rows()))
            case .table:
                let by = report.groupings.map(\.rawValue).joined(separator: ",")
                print("Outcome metrics \(start) to \(end) (exclusive)\(by.isEmpty ? "" : " by \(by)")\(minCell.map { ", cells below \($0.k) withheld" } ?? "")")
                writeTable(TextTable(headers: Metrics.csvColumns(report), rows: rows()))
            }
        }
    }
}

struct EpisodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "episodes", abstract: "One row per episode, without personal data (for R, pandas, DuckDB, spreadsheets).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only episodes overlapping [from, to): first day.") var from: String?
    @Option(help: "Only episodes overlapping [from, to): day after.") var to: String?
    @Option(help: "csv or json (table for a quick look)") var format: OutputFormat = .csv

    func run() throws {
        try runLedger {
            let start = try from.map { try date($0, "--from") }, end = try to.map { try date($0, "--to") }
            let ledger = try global.open()
            defer { ledger.close() }
            let (episodes, _) = try ledger.episodeFacts(asOf: try asOf.asOf())
            switch format {
            case .json:
                var json = ReportJSONWriter(capacity: 1 << 20)
                json.value(EpisodesTable.json(episodes, from: start, to: end))
                writeStandardOutput(json.finish())
            case .csv: writeStandardOutput(CSV.bytes(EpisodesTable.columns, EpisodesTable.rows(episodes, from: start, to: end)))
            case .table: writeTable(TextTable(headers: EpisodesTable.columns, rows: EpisodesTable.rows(episodes, from: start, to: end)))
            }
        }
    }
}
