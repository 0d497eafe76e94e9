import ArgumentParser
import Foundation
import Ledger

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a case's current state with the person's details and the notes.",
        discussion: CaseViewOptions.revealDiscussion)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var view: CaseViewOptions

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let id = try ledgerCaseID(view.caseID)
            let when = try view.when()
            guard let record = try ledger.record(of: id, asOf: when) else { throw LedgerError.unknownCase(id.rawValue) }
            var personal: PersonalView? = nil
            if let opener = try view.reveal.opener(ledger, id, global, command: "show") {
                // Erased is judged now, not as of then: the key is gone for every past view too.
                let erased = try ledger.record(of: id)?.state.isErased ?? false
                personal = PersonalView.build(try ledger.events(of: id, asOf: when), opener: opener, erased: erased)
            }
            let s = record.state
            let stateFields: [(String, String)] = [
                ("case", s.caseID.rawValue), ("version", String(s.version)), ("phase", s.phase.rawValue),
                ("episode", String(s.episode)), ("district", s.district), ("source", s.source.rawValue),
                ("household", "\(s.household.adults) adults, \(s.household.children) children"),
                ("caseworker", s.caseworker), ("episode start", s.episodeStart.description),
                ("last contact", s.lastContact?.description ?? "none"),
                ("analysis", s.analysis.map { a in
                    "\(a.date): \(a.causes.map(\.rawValue).joined(separator: ",")), risk \(a.risk.rawValue)"
                        + (a.evictionDate.map { ", eviction \($0)" } ?? "")
                        + (a.arrearsCents.map { ", arrears \(Money.euros($0)) EUR" } ?? "")
                        + (a.noticeDate.map { ", notice \($0)" } ?? "") + (a.noticeKind.map { " (\($0.rawValue))" } ?? "")
                        + (a.suitDate.map { ", suit served \($0)" } ?? "")
                } ?? "none"),
                ("stage", record.episodes.last?.stage.rawValue ?? Stage.unknown.rawValue),
                ("schonfrist", SchonfristText.describe(record.episodes.last?.schonfrist ?? .none)),
                ("restricted", s.isRestricted ? "yes: casework waits until the restriction is lifted" : "no"),
                ("housing secured", s.secured.map { "\($0.kind.rawValue) from \($0.effective)" }.joined(separator: "; ").ifEmpty("no")),
                ("open referrals", s.openReferrals.map { "\($0.number) \($0.agency.rawValue) (\($0.made))" }.joined(separator: "; ").ifEmpty("none")),
                ("open follow-ups", s.openFollowUps.map { "\($0.due) \($0.purpose)" }.joined(separator: "; ").ifEmpty("none")),
                ("closed", s.isOpen ? "no" : "\(s.lastClosed?.description ?? "") \(s.closeReason?.rawValue ?? "")"),
            ]
            var fields = stateFields
            if let personal {
                fields += PersonalText.personRows(personal.person)
                fields += personal.notes.map { note in
                    ("\(note.field) v\(note.version) \(EventSummary.localTime(note.occurredAt, ledger.zone))", PersonalText.line(note.value))
                }
            }
            switch view.format {
            case .json:
                var members: [(key: String, value: JSONValue)] = stateFields.map {
                    ($0.0.replacingOccurrences(of: " ", with: "_"), JSONValue.string($0.1))
                }
                if let personal {
                    members += PersonalText.personRows(personal.person).map { ($0.0.replacingOccurrences(of: " ", with: "_"), .string($0.1)) }
                    members.append(("notes", .array(personal.notes.map { note in
                        .object(JSONObject([("version", .int(Int64(note.version))), ("occurred_at", .string(note.occurredAt.description)),
                                            ("type", .string(note.type.rawValue)), ("field", .string(note.field)),
                                            ("text", PersonalText.json(note.value))]))
                    })))
                }
                print(PrettyJSON.render(.object(JSONObject(members))))
            case .csv:
                print(CSV.render(["field", "value"], fields.map { [$0.0, $0.1] }), terminator: "")
            case .table:
                let width = fields.map { $0.0.count }.max() ?? 0
                for (k, v) in fields { print(k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v) }
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
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let id = try ledgerCaseID(view.caseID)
            let when = try view.when()
            guard let record = try ledger.record(of: id) else { throw LedgerError.unknownCase(id.rawValue) }
            let opener = try view.reveal.opener(ledger, id, global, command: "history")
            let events = try ledger.events(of: id, asOf: when)
            guard !events.isEmpty else { throw LedgerError.unknownCase(id.rawValue) }
            let erased = record.state.isErased
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
            switch view.format {
            case .json:
                let output: PersonalOutput = opener.map { opener in
                    .revealed({ field, bytes in
                        PersonalText.json(PersonalView.open(.sealed(bytes), name: field, opener: opener, erased: erased))
                    })
                } ?? .sealed
                let lines = events.map { e -> String in
                    var w = CanonicalJSONWriter()
                    EventJSONWriter.write(e, includeHash: true, personal: output, into: &w)
                    return String(decoding: w.bytes, as: UTF8.self)
                }
                print("[\n" + lines.joined(separator: ",\n") + "\n]")
            case .csv, .table:
                var headers = ["v", "position", "occurred (\(ledger.zone.identifier))", "type", "actor", "details", "corrected"]
                if opener != nil { headers.append("personal") }
                let rows = events.map { e -> [String] in
                    var row = [String(e.version), String(e.position), EventSummary.localTime(e.occurredAt, ledger.zone), e.type.rawValue,
                               e.actor, EventSummary.details(e.payload), (corrections[Int(e.version)] ?? []).joined(separator: ", ")]
                    if opener != nil { row.append(personal(e)) }
                    return row
                }
                if view.format == .csv {
                    print(CSV.render(headers, rows), terminator: "")
                } else {
                    print(TextTable(headers: headers, rows: rows).render())
                }
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
    @Option(help: "Only events that occurred by then (RFC 3339).") var happenedBy: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func when() throws -> AsOf { try asOf.asOf(happenedBy: happenedBy) }
}
