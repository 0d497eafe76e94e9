import ArgumentParser
import Foundation
import Ledger

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Record a check on a household after its case was closed with housing secured.",
        discussion: "`ledger checks-due` lists the households to call.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @Option(help: "What the check found.") var status: TenancyStatus

    func run() throws {
        try perform(global, action) { .check(try ledgerCaseID(caseID), status: status) }
    }
}

struct RestrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restrict", abstract: "Restrict processing of a case (Art. 18 GDPR, §84 SGB X) until lifted.",
        discussion: """
        While restricted, only corrections, \
        `ledger lift` and erasure are accepted: casework waits.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @Option(help: "Why processing is restricted.") var reason: RestrictionReason

    func run() throws {
        try perform(global, action) { .restrict(try ledgerCaseID(caseID), reason: reason) }
    }
}

struct LiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lift", abstract: "Lift a case's restriction of processing; casework may go on.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @Option(help: "Why it is lifted (free text, not personal: no names).") var reason: String

    func run() throws {
        try perform(global, action) { .lift(try ledgerCaseID(caseID), reason: reason) }
    }
}

struct ChecksDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks-due", abstract: "Households to call: checks due 3, 6 and 12 months after housing was secured.",
        discussion: """
        One row per episode closed housing_secured (not reopened, erased or restricted) and horizon \
        whose date lies from 90 days before the day to 14 days after it, without a check on or after \
        that date. A check that found the home lost ends the checks. Sorted by due date.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "The day: 2026-11-30 or 30.11.2026 (default today in the ledger's time zone).") var day: String?
    @Option(help: "Only this caseworker's households (one the ledger knows: 'ledger caseworkers').",
            completion: .custom(Completions.caseworkers)) var caseworker: String?
    @Option(help: "table, csv, json or ndjson") var format: ListFormat = .table

    static let headers = ["case", "closed", "horizon", "due", "caseworker"]

    func run() throws {
        try runLedger(global) { desk in
            let target = try day.map { try date($0, "--day") }
            let ledger = try global.open()
            defer { ledger.close() }
            if let caseworker {
                try KnownCaseworkers.check(caseworker, option: "--caseworker", in: ledger, actor: global.actorName,
                                           isNew: false, mayBeNew: false)
            }
            let rows = try ledger.checksDue(day: target, caseworker: caseworker, asOf: try asOf.asOf(in: ledger))
            let cells = rows.map { [$0.case.rawValue, $0.closed.description, $0.horizon.rawValue, $0.due.description, $0.caseworker] }
            switch format {
            case .json, .ndjson:
                var json = ReportJSONWriter(capacity: 120 * rows.count + 16, layout: format == .json ? .pretty : .lines)
                ChecksDue.writeJSON(rows, into: &json)
                writeStandardOutput(json.finish())
            case .csv:
                writeStandardOutput(CSV.bytes(Self.headers, cells))
            case .table:
                let words = desk.words
                print(words(.checksDueTitle(day: target ?? ledger.today, caseworker: caseworker, count: rows.count)))
                let labels: [Label] = [.caseID, .closed, .horizon, .due, .caseworker]
                let columns = labels.enumerated().map { TableColumn(words($0.element), importance: labels.count - $0.offset) }
                if !rows.isEmpty { writeTable(TextTable(columns: columns, rows: cells), desk) }
            }
        }
    }
}
