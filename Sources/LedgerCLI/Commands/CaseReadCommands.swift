import ArgumentParser
import Foundation
import Ledger

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a case's current state with the person's details and the notes.",
        discussion: CaseViewOptions.revealDiscussion)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var view: CaseViewOptions

    func validate() throws {
        if view.format == .ndjson { throw ValidationError("--format ndjson is for lists; 'show' prints one case: use --format json") }
    }

    func run() throws {
        try runLedger(global) { desk in
            let ledger = try global.open()
            defer { ledger.close() }
            let id = try ledgerCaseID(view.caseID)
            let when = try view.when(in: ledger)
            guard let record = try ledger.record(of: id, asOf: when) else { throw LedgerError.unknownCase(id.rawValue) }
            var personal: PersonalView? = nil
            if let opener = try view.reveal.opener(ledger, id, global, command: "show") {
                // Erased is judged now, not as of then: the key is gone for every past view too.
                let erased = try ledger.record(of: id)?.state.isErased ?? false
                personal = PersonalView.build(try ledger.events(of: id, asOf: when), opener: opener, erased: erased)
            }
            switch view.format {
            case .json, .ndjson: // ndjson is refused in validate()
                writeStandardOutput(ReportJSON(CaseJSON.state(record, personal: personal)).bytes)
            case .csv:
                var fields = CaseText.fields(record, .english, on: ledger.today)
                if let personal { fields += CaseText.personal(personal, .english, zone: ledger.zone) }
                writeStandardOutput(CSV.bytes(["field", "value"], fields.map { [$0.0, $0.1] }))
            case .table:
                var fields = CaseText.fields(record, desk.words, on: ledger.today)
                if let personal { fields += CaseText.personal(personal, desk.words, zone: ledger.zone) }
                for line in CaseText.lines(fields, width: desk.width) { print(line) }
            }
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List every event of a case with its personal fields, corrections beside their target.",
        discussion: CaseViewOptions.revealDiscussion)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var view: CaseViewOptions

    func run() throws {
        try runLedger(global) { desk in
            let ledger = try global.open()
            defer { ledger.close() }
            let id = try ledgerCaseID(view.caseID)
            let when = try view.when(in: ledger)
            guard let record = try ledger.record(of: id) else { throw LedgerError.unknownCase(id.rawValue) }
            let opener = try view.reveal.opener(ledger, id, global, command: "history")
            let events = try ledger.events(of: id, asOf: when)
            guard !events.isEmpty else { throw LedgerError.unknownCase(id.rawValue) }
            let erased = record.state.isErased
            if record.state.isRestricted {
                // Marked above the table; on standard error for the machine formats, whose shape stays.
                let mark = "\(id): restricted (Art. 18 GDPR): casework waits until the restriction is lifted"
                if view.format == .table { print(mark) } else { printNote(mark) }
            }
            func personal(_ e: Event) -> String {
                guard let opener else { return "" }
                return PersonalView.fields(of: e, opener: opener, erased: erased)
                    .map { "\($0.name): \(PersonalText.line($0.value))" }.joined(separator: "; ")
            }
            var corrections: [Int: [String]] = [:]
            for e in events {
                if case .entryCorrected(let c) = e.payload {
                    corrections[c.target, default: []].append("\(c.action.rawValue)ed by v\(e.version)")
                }
            }
            var rows: [[String]] {
                events.map { e -> [String] in
                    var row = [String(e.version), String(e.position), EventSummary.localTime(e.occurredAt, ledger.zone), e.type.rawValue,
                               e.actor, EventSummary.details(e.payload), (corrections[Int(e.version)] ?? []).joined(separator: ", ")]
                    if opener != nil { row.append(personal(e)) }
                    return row
                }
            }
            switch view.format {
            case .json, .ndjson:
                let output: PersonalOutput = opener.map { opener in
                    .revealed({ field, bytes in
                        PersonalText.json(PersonalView.open(.sealed(bytes), name: field, opener: opener, erased: erased))
                    })
                } ?? .sealed
                writeStandardOutput(try HistoryJSON.bytes(events, personal: output, layout: view.format == .json ? .pretty : .lines))
            case .csv:
                var headers = ["v", "position", "occurred (\(ledger.zone.identifier))", "type", "actor", "details", "corrected"]
                if opener != nil { headers.append("personal") }
                writeStandardOutput(CSV.bytes(headers, rows))
            case .table:
                let words = desk.words
                print(words(.historyTitle(caseID: id.rawValue, events: events.count, zone: ledger.zone.identifier)))
                var columns = [TableColumn(words(.versionShort), importance: 100, alignRight: true),
                               TableColumn(words(.position), importance: 10, alignRight: true),
                               TableColumn(words(.occurred), importance: 95), TableColumn(words(.type), importance: 90),
                               TableColumn(words(.actor), importance: 50), TableColumn(words(.details), .text(minimum: 12), importance: 80),
                               TableColumn(words(.corrected), importance: 70)]
                if opener != nil { columns.append(TableColumn(words(.personal), .text(minimum: 12), importance: 60)) }
                writeTable(TextTable(columns: columns, rows: rows), desk)
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

/// One-line summaries of events for history tables (no personal data).
enum EventSummary {
    static func localTime(_ t: Timestamp, _ zone: LedgerTimeZone) -> String {
        let local = t.epochSeconds + Int64(zone.offsetSeconds(at: t.epochSeconds))
        let day = zone.date(of: t.epochSeconds)
        let second = Int(local - Int64(day.daysSinceEpoch) * 86_400)
        return "\(day) \(LocalDate.pad(second / 3600, 2)):\(LocalDate.pad(second / 60 % 60, 2))"
    }

    static func details(_ p: Payload) -> String {
        switch p {
        case .caseOpened(let o): return "\(o.district), \(o.source.rawValue), \(o.household.adults)+\(o.household.children), \(o.caseworker)"
        case .contactRecorded(let c): return c.channel.rawValue
        case .situationAnalysed(let a):
            return a.causes.map(\.rawValue).joined(separator: ",") + ", risk \(a.risk.rawValue)"
                + (a.evictionDate.map { ", eviction \($0)" } ?? "") + (a.arrearsCents.map { ", arrears \(Money.euros($0))" } ?? "")
                + (a.noticeDate.map { ", notice \($0)" } ?? "") + (a.noticeKind.map { " (\($0.rawValue))" } ?? "")
                + (a.suitDate.map { ", suit \($0)" } ?? "")
        case .mediationRecorded(let m): return "\(m.party.rawValue): \(m.outcome.rawValue)" + (m.amountCents.map { ", \(Money.euros($0))" } ?? "")
        case .referralMade(let m): return "#\(m.referral) \(m.agency.rawValue)"
        case .referralConcluded(let c): return "#\(c.referral) \(c.result.rawValue)"
        case .followUpScheduled(let f): return "due \(f.due): \(f.purpose)"
        case .housingSecured(let h): return "\(h.kind.rawValue) from \(h.effective)"
        case .emergencyAccommodated(let e): return "from \(e.effective)"
        case .caseReassigned(let r): return "to \(r.caseworker)"
        case .caseClosed(let c): return c.reason.rawValue
        case .caseReopened(let r): return r.reason
        case .entryCorrected(let c):
            return "\(c.action.rawValue) v\(c.target): \(c.reason)" + (c.replacement?.payload.map { " -> " + details($0) } ?? "")
        case .caseErased(let e): return e.reason.rawValue
        case .tenancyChecked(let c): return c.status.rawValue
        case .caseRestricted(let r): return r.reason.rawValue
        case .caseRestrictionLifted(let l): return l.reason
        }
    }
}

/// What `show` and `history` share: the case, whether to open personal
/// fields, and the moment to answer for.
struct CaseViewOptions: ParsableArguments {
    static let revealDiscussion = """
        Opening personal fields is first recorded in the access log (who, when, which case and fields, \
        --purpose). --no-personal opens nothing and records nothing. An erased case shows [erased].
        """

    @OptionGroup var reveal: RevealOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only events that occurred by then: 2026-06-30 (the end of that day), 30.06.2026 18:00 or RFC 3339.")
    var happenedBy: String?
    @Option(help: "table, csv or json (history also ndjson)") var format: ListFormat = .table

    func when() throws -> AsOf { try asOf.asOf(happenedBy: happenedBy) }

    /// The moment asked for, times typed as people type them in the ledger's zone.
    func when(in ledger: Ledger) throws -> AsOf { try asOf.asOf(in: ledger, happenedBy: happenedBy) }
}
