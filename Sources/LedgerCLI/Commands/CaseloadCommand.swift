import ArgumentParser
import Foundation
import Ledger

struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload", abstract: "Open cases to work on, most pressing first.",
        discussion: """
        Sorted: urgent (the eviction date or the Schonfrist end within 14 days) first, then overdue \
        (a follow-up due or 14+ days without contact), then by the next deadline (the earliest of the \
        eviction date and the Schonfrist end still ahead), then by days since contact. Flags: URGENT, \
        overdue, restricted (casework waits), Schonfrist blocked. See Docs/METRICS.md. The filters \
        keep that order; --limit shows the first N of what they leave.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only this caseworker's cases (one the ledger knows: 'ledger caseworkers').",
            completion: .custom(Completions.caseworkers)) var caseworker: String?
    @Option(help: "Only cases of this district.", completion: .custom(Completions.districts)) var district: String?
    @Option(help: "Only cases in this phase: intake, active or secured.",
            completion: .list(CaseloadFilter.phases.map(\.rawValue))) var phase: String?
    @Flag(help: "Only urgent cases (an eviction or Schonfrist end within 14 days).") var urgent = false
    @Flag(help: "Only overdue cases (a follow-up due, or 14 days or more without contact).") var overdue = false
    @Option(parsing: .unconditional, help: "At most this many cases, the most pressing.") var limit: String?
    @Option(help: "The day: 2026-11-30 or 30.11.2026 (default today in the ledger's time zone).") var day: String?
    @Option(help: "table, csv, json or ndjson") var format: ListFormat = .table
    @Flag(help: "With --format json: an object {rows, counts} instead of the row array.") var withCounts = false

    func validate() throws {
        if withCounts && format != .json { throw ValidationError("--with-counts goes with --format json") }
    }

    func run() throws {
        try runLedger(global) { desk in
            let target = try day.map { try date($0, "--day") }
            let filter = try self.filter()
            let ledger = try global.open()
            defer { ledger.close() }
            if let caseworker {
                try KnownCaseworkers.check(caseworker, option: "--caseworker", in: ledger, actor: global.actorName,
                                           isNew: false, mayBeNew: false)
            }
            if let district { try KnownDistricts.check(district, in: ledger) }
            let matching = filter.matching(try ledger.caseload(day: target, caseworker: caseworker, asOf: try asOf.asOf(in: ledger)))
            let rows = filter.limited(matching)
            switch format {
            case .json, .ndjson:
                var json = ReportJSONWriter(capacity: 300 * rows.count + 4096, layout: format == .json ? .pretty : .lines)
                if withCounts && format == .json {
                    json.beginObject()
                    json.key("rows")
                    Caseload.writeJSON(rows, into: &json)
                    json.key("counts")
                    Caseload.writeJSON(Caseload.counts(matching), into: &json)
                    json.endObject()
                } else {
                    Caseload.writeJSON(rows, into: &json)
                }
                writeStandardOutput(json.finish())
            case .csv:
                writeStandardOutput(CSV.bytes(Self.headers, rows.map(Self.cells)))
            case .table:
                let words = desk.words
                desk.say(words(.caseloadTitle(day: target ?? ledger.today, caseworker: caseworker, count: matching.count))
                         + (rows.count < matching.count ? " " + words(.shownOf(shown: rows.count, total: matching.count)) : ""))
                guard !rows.isEmpty else {
                    print(words(.noOpenCases))
                    return
                }
                writeTable(CaseloadTable.table(rows, words), desk)
                print("")
                for line in CaseloadTable.summary(Caseload.counts(matching), words) { desk.say(line) }
            }
        }
    }

    func filter() throws -> CaseloadFilter {
        var limitValue: Int? = nil
        if let limit {
            guard let n = Int(limit), n >= 1 else { throw DeskError.badLimit(limit) }
            limitValue = n
        }
        return CaseloadFilter(district: district, phase: try phase.map(CaseloadFilter.phase), urgentOnly: urgent,
                              overdueOnly: overdue, limit: limitValue)
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
}
