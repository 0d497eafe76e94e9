import ArgumentParser
import Foundation
import Ledger

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "List (or with --apply erase) the cases closed and not reopened for the retention period.",
        discussion: "The period defaults to the ledger's retention_years (set at init with --retention-years, default \(LedgerConfig.defaultRetentionYears)). A case is due when its last close lies on or before today's date that many years ago (today by the ledger's clock, in its time zone). --apply erases every due case in one step (reason retention_expired): their keys are destroyed, statistics stay.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Years since the close (default: the ledger's retention_years).") var closedFor: Int?
    @Flag(help: "Erase the due cases (reason retention_expired).") var apply = false
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger(global) { desk in
            let ledger = try global.open()
            defer { ledger.close() }
            let report = apply ? try ledger.applyRetention(closedFor: closedFor, actor: global.actorName)
                : try ledger.retentionCandidates(closedFor: closedFor)
            let headers = ["case", "closed", "reason", "district", "caseworker"]
            let rows = report.candidates.map { [$0.caseID.rawValue, $0.closed.description, $0.reason?.rawValue ?? "", $0.district, $0.caseworker] }
            switch format {
            case .json:
                print(PrettyJSON.render(.object(JSONObject([
                    ("years", .int(Int64(report.years))), ("today", .string(report.today.description)),
                    ("closed_on_or_before", .string(report.cutoff.description)), ("applied", .bool(report.applied)),
                    ("cases", .array(report.candidates.map { c in
                        .object(JSONObject([("case", .string(c.caseID.rawValue)), ("closed", .string(c.closed.description)),
                                            ("reason", c.reason.map { .string($0.rawValue) } ?? .null),
                                            ("district", .string(c.district)), ("caseworker", .string(c.caseworker))]))
                    })),
                ]))))
            case .csv:
                writeStandardOutput(CSV.bytes(headers, rows))
            case .table:
                if !rows.isEmpty { writeTable(TextTable(headers: headers, rows: rows), desk) }
                let verb = report.applied ? "erased" : "due for erasure"
                print("\(counted(rows.count, "case")) closed on or before \(report.cutoff) (\(report.years) years before \(report.today)) \(verb)"
                      + (report.applied || rows.isEmpty ? "" : "; run with --apply to erase them"))
            }
        }
    }
}
