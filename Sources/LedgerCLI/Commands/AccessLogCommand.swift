import ArgumentParser
import Foundation
import Ledger

struct AccessLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log", abstract: "List who opened personal data: when, which cases and fields, and why.",
        discussion: "Every show, history (without --no-personal) and export --reveal is recorded before anything is shown. An export --reveal covers every case up to the position given. 'ledger verify' checks the log's hash chain.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Only entries that covered this case.", completion: .custom(Completions.allCases)) var caseID: String?
    @Option(help: "Only entries by this account (who opened the data).") var accessedBy: String?
    @Option(help: "First day, included (2026-11-01 or 01.11.2026, the ledger's time zone).") var from: String?
    @Option(help: "Last day, included (2026-11-30 or 30.11.2026, the ledger's time zone).") var to: String?
    @Option(help: "table, csv, json or ndjson") var format: ListFormat = .table

    func run() throws {
        try runLedger(global) { desk in
            if global.actor != nil { printNote(desk.words(.actorIsNoFilter)) }
            let filter = AccessLogFilter(caseID: try caseID.map { try ledgerCaseID($0) }, actor: accessedBy,
                                         from: try from.map { try date($0, "--from") }, through: try to.map { try date($0, "--to") })
            if let f = filter.from, let t = filter.through, t < f { throw LedgerError.usage("--to \(t) lies before --from \(f)") }
            let ledger = try global.open()
            defer { ledger.close() }
            let entries = try ledger.accessLog(filter)
            switch format {
            case .json, .ndjson:
                PrettyJSON.write(entries.map(Self.json), lines: format == .ndjson)
            case .csv:
                let headers = ["#", "at", "actor", "command", "cases", "fields", "purpose"]
                writeStandardOutput(CSV.bytes(headers, entries.map { e in
                    [String(e.sequence), e.at.description, e.actor, e.command, Self.cases(e.scope) + (e.restricted ? " (restricted)" : ""), e.fields.joined(separator: ","), e.purpose ?? ""]
                }))
            case .table:
                let words = desk.words
                let columns = [TableColumn("#", importance: 10, alignRight: true),
                               TableColumn("\(words(.at)) (\(ledger.zone.identifier))", importance: 90),
                               TableColumn(words(.actor), importance: 80), TableColumn(words(.command), importance: 70),
                               TableColumn(words(.cases), importance: 100), TableColumn(words(.fields), importance: 30),
                               TableColumn(words(.purpose), .text(minimum: 12), importance: 60)]
                writeTable(TextTable(columns: columns, rows: entries.map { e in
                    [String(e.sequence), EventSummary.localTime(e.at, ledger.zone), e.actor, e.command,
                     Self.cases(e.scope) + (e.restricted ? " (restricted)" : ""),
                     e.fields.joined(separator: ","), e.purpose ?? ""]
                }), desk)
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
