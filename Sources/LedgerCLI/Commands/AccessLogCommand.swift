import ArgumentParser
import Foundation
import Ledger

struct AccessLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log", abstract: "List who opened personal data: when, which cases and fields, and why.",
        discussion: "Every show, history (without --no-personal) and export --reveal is recorded before anything is shown. An export --reveal covers every case up to the position given. 'ledger verify' checks the log's hash chain.")
    @Option(name: .long, help: "The ledger folder (default: $LEDGER_DIR, else ./ledger).") var ledger: String?
    @Option(name: .customLong("case"), help: "Only entries that covered this case.", completion: .custom(Completions.allCases)) var caseID: String?
    @Option(help: "Only entries by this account (here --actor filters; it does not name who asks).") var actor: String?
    @Option(help: "First day, included (YYYY-MM-DD, the ledger's time zone).") var from: String?
    @Option(help: "Last day, included (YYYY-MM-DD, the ledger's time zone).") var to: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger {
            let filter = AccessLogFilter(caseID: try caseID.map { try ledgerCaseID($0) }, actor: actor,
                                         from: try from.map { try date($0, "--from") }, through: try to.map { try date($0, "--to") })
            if let f = filter.from, let t = filter.through, t < f { throw LedgerError.usage("--to \(t) lies before --from \(f)") }
            let ledger = try Ledger.open(GlobalOptions.options(GlobalOptions.directory(self.ledger)))
            defer { ledger.close() }
            let entries = try ledger.accessLog(filter)
            switch format {
            case .json:
                print(PrettyJSON.render(.array(entries.map(Self.json))))
            case .csv, .table:
                let headers = ["#", "at (\(ledger.zone.identifier))", "actor", "command", "cases", "fields", "purpose"]
                let rows = entries.map { e -> [String] in
                    let at = format == .csv ? e.at.description : EventSummary.localTime(e.at, ledger.zone)
                    return [String(e.sequence), at, e.actor, e.command, Self.cases(e.scope) + (e.restricted ? " (restricted)" : ""),
                            e.fields.joined(separator: ","), e.purpose ?? ""]
                }
                if format == .csv {
                    print(CSV.render(headers, rows), terminator: "")
                } else {
                    print(TextTable(headers: headers, rows: rows).render())
                }
            }
        }
    }

    static func cases(_ scope: AccessScope) -> String {
        switch scope {
        case .cases(let ids): return ids.map(\.rawValue).joined(separator: " ")
        case .wholeLog(let through): return "all (through position \(through))"
        case .nameSearch(let search): return "name search: \(search.matches) found"
        }
    }

    static func json(_ e: AccessEntry) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("sequence", .int(Int64(e.sequence))), ("at", .string(e.at.description)),
                                                           ("actor", .string(e.actor)), ("command", .string(e.command))]
        switch e.scope {
        case .cases(let ids):
            members += [("scope", .string("cases")), ("cases", .array(ids.map { .string($0.rawValue) })), ("through", .null)]
        case .wholeLog(let through):
            members += [("scope", .string("all")), ("cases", .null), ("through", .int(Int64(through)))]
        case .nameSearch(let search):
            members += [("scope", .string("name_search")), ("cases", .null), ("through", .null),
                        ("query", .string(search.query.hex)), ("with_birth_date", .bool(search.withBirthDate)),
                        ("matches", .int(Int64(search.matches)))]
        }
        members += [("fields", .array(e.fields.map { .string($0) })), ("purpose", e.purpose.map { .string($0) } ?? .null),
                    ("restricted", .bool(e.restricted)),
                    ("prev", .string(e.prev.hex)), ("hash", .string(e.hash.hex))]
        return .object(JSONObject(members))
    }
}
