import ArgumentParser
import Foundation
import Ledger

/// `ledger find`: a person's cases by name, through the blind index.
struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find", abstract: "Find a person's cases by name (and birth date); opens nothing.",
        discussion: """
        Exact match of the normalised name: case, umlauts and ß (Müller = Mueller, Weiß = Weiss), \
        spaces and hyphens do not count. Searched through a keyed index that holds no name. Every \
        search is recorded in the access log first (who, when, --purpose, how many found; the name \
        only as its keyed hash). Prints case ids: 'ledger show CASE' then reveals as usual.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The person's name (personal: never stored or logged in plain text).") var name: String
    @Option(help: "The birth date, YYYY-MM-DD, to narrow the search.") var birthDate: String?
    @Option(help: "Why the person is looked for (recorded in the access log; not personal: a file number, not a name).")
    var purpose: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger {
            let query = NameQuery(name: name, birthDate: try birthDate.map { try date($0, "--birth-date") })
            let ledger = try global.open()
            defer { ledger.close() }
            let matches = try ledger.findCases(query, access: AccessRequest(actor: global.actorName, command: "find", purpose: purpose))
            let headers = ["case", "phase", "episode start", "caseworker", "restricted"]
            let rows = matches.map { [$0.caseID.rawValue, $0.phase.rawValue, $0.episodeStart.description, $0.caseworker, String($0.restricted)] }
            switch format {
            case .json:
                print(PrettyJSON.render(.array(matches.map { m in
                    .object(JSONObject([("case", .string(m.caseID.rawValue)), ("phase", .string(m.phase.rawValue)),
                                        ("episode_start", .string(m.episodeStart.description)), ("caseworker", .string(m.caseworker)),
                                        ("restricted", .bool(m.restricted))]))
                })))
            case .csv:
                print(CSV.render(headers, rows), terminator: "")
            case .table:
                if matches.isEmpty { printNote("no case found") } else { print(TextTable(headers: headers, rows: rows).render()) }
            }
        }
    }
}

/// What `rebuild` says of the blind name index.
enum NameIndexText {
    /// Rebuilds the name index and prints what it did; without the master key, says why it was left as it was.
    static func rebuild(_ ledger: Ledger) throws {
        let report: NameIndexReport
        do {
            report = try ledger.rebuildNameIndex()
        } catch .key(let reason) {
            return printNote("the name index was not rebuilt: \(reason)")
        }
        let missing = report.withoutKey > 0 ? " (\(report.withoutKey) cases without their key in this vault cannot be found)" : ""
        print("rebuilt the name index of \(report.indexed) cases\(missing)")
    }
}
