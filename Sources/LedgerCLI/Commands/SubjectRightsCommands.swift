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

/// `ledger subject-access`: everything the office holds about a case's person, to hand over.
struct SubjectAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-access", abstract: "Write what the office holds about a case's person (Art. 15 GDPR): JSON and a German page.",
        discussion: """
        Writes DIR/CASE.json and DIR/CASE.html (mode 0600; DIR is made if missing): every event with \
        its personal fields opened, corrections beside their targets, the agencies the household was \
        referred to, the retention date, who opened the case's data (the access log) and the searches \
        for the name. Recorded in the access log first, with purpose subject_access. An erased case \
        answers what remains (statistics only) and says so; nothing is opened or recorded.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @Option(help: "The folder to write CASE.json and CASE.html into.", completion: .directory) var out: String

    func run() throws {
        try runLedger {
            let id = try ledgerCaseID(caseID)
            let paths = try SubjectAccessFiles(folder: out, caseID: id)
            let ledger = try global.open()
            defer { ledger.close() }
            let report = try ledger.subjectAccess(id, actor: global.actorName)
            try paths.write(json: PrettyJSON.render(SubjectAccessJSON.render(report)) + "\n",
                            html: SubjectAccessHTML(report: report, zone: ledger.zone).render())
            print(paths.json)
            print(paths.html)
            if report.erased { printNote("\(id) is erased: the files hold what remains (no personal data)") }
        }
    }
}

/// Where a subject-access report goes. Promises: never overwrites a file;
/// the files are readable by their owner only (they hold personal data).
struct SubjectAccessFiles {
    let json: String
    let html: String

    /// Makes the folder if missing and refuses when a report of the case is there already (before anything is opened).
    init(folder: String, caseID: CaseID) throws {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard mkdir(folder, 0o700) == 0 else {
                throw LedgerError.io("cannot create \(folder): \(String(cString: strerror(errno)))")
            }
        } else if !isDirectory.boolValue {
            throw LedgerError.usage("--out \(folder) is a file, not a folder")
        }
        json = folder + "/" + caseID.rawValue + ".json"
        html = folder + "/" + caseID.rawValue + ".html"
        for path in [json, html] where FileManager.default.fileExists(atPath: path) {
            throw LedgerError.usage("\(path) exists already; choose another --out folder")
        }
    }

    func write(json text: String, html page: String) throws {
        for (path, content) in [(json, text), (html, page)] {
            let sink = try OutputSink(path: path)
            try sink.write(content)
            try sink.finish()
        }
    }
}
