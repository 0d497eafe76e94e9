import ArgumentParser
import Foundation
import Ledger

struct CaseworkersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseworkers", abstract: "List the caseworkers this ledger knows, with their open cases.",
        discussion: """
        A caseworker is known once an episode was in their charge (opened, or reassigned to them). \
        open, reassign, caseload and checks-due refuse a name the ledger does not know, naming the \
        closest known one; open and reassign take --new-caseworker for a name that is meant.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "table, csv, json or ndjson") var format: ListFormat = .table

    func run() throws {
        try runLedger(global) { desk in
            let ledger = try global.open()
            defer { ledger.close() }
            let known = try ledger.caseworkers()
            var urgent: [String: Int] = [:], overdue: [String: Int] = [:]
            for row in try ledger.caseload() {
                if row.urgent { urgent[row.caseworker, default: 0] += 1 }
                if row.overdue { overdue[row.caseworker, default: 0] += 1 }
            }
            let rows = known.map { k in
                [k.name, String(k.openCases), String(urgent[k.name] ?? 0), String(overdue[k.name] ?? 0), String(k.episodes)]
            }
            switch format {
            case .json, .ndjson:
                PrettyJSON.write(known.map { k in
                    .object(JSONObject([("caseworker", .string(k.name)), ("open_cases", .int(Int64(k.openCases))),
                                        ("urgent", .int(Int64(urgent[k.name] ?? 0))), ("overdue", .int(Int64(overdue[k.name] ?? 0))),
                                        ("episodes", .int(Int64(k.episodes)))]))
                }, lines: format == .ndjson)
            case .csv:
                writeStandardOutput(CSV.bytes(["caseworker", "open_cases", "urgent", "overdue", "episodes"], rows))
            case .table:
                let words = desk.words
                print(words(.caseworkersTitle(count: known.count)))
                let labels: [Label] = [.caseworker, .openCases, .urgent, .overdue, .episodes]
                let columns = labels.enumerated().map { i, label in
                    TableColumn(words(label), importance: labels.count - i, alignRight: i > 0)
                }
                if !rows.isEmpty { writeTable(TextTable(columns: columns, rows: rows), desk) }
            }
        }
    }
}
