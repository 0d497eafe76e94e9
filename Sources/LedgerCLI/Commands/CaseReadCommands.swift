import ArgumentParser
import Foundation
import Ledger

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a case's current state.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only events that occurred by then (RFC 3339).") var happenedBy: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let id = try ledgerCaseID(caseID)
            guard let record = try ledger.record(of: id, asOf: try asOf.asOf(happenedBy: happenedBy)) else { throw LedgerError.unknownCase(id.rawValue) }
            let s = record.state
            let fields: [(String, String)] = [
                ("case", s.caseID.rawValue), ("version", String(s.version)), ("phase", s.phase.rawValue),
                ("episode", String(s.episode)), ("district", s.district), ("source", s.source.rawValue),
                ("household", "\(s.household.adults) adults, \(s.household.children) children"),
                ("caseworker", s.caseworker), ("episode start", s.episodeStart.description),
                ("last contact", s.lastContact?.description ?? "none"),
                ("analysis", s.analysis.map { a in
                    "\(a.date): \(a.causes.map(\.rawValue).joined(separator: ",")), risk \(a.risk.rawValue)"
                        + (a.evictionDate.map { ", eviction \($0)" } ?? "")
                        + (a.arrearsCents.map { ", arrears \(Money.euros($0)) EUR" } ?? "")
                } ?? "none"),
                ("housing secured", s.secured.map { "\($0.kind.rawValue) from \($0.effective)" }.joined(separator: "; ").ifEmpty("no")),
                ("open referrals", s.openReferrals.map { "\($0.number) \($0.agency.rawValue) (\($0.made))" }.joined(separator: "; ").ifEmpty("none")),
                ("open follow-ups", s.openFollowUps.map { "\($0.due) \($0.purpose)" }.joined(separator: "; ").ifEmpty("none")),
                ("closed", s.isOpen ? "no" : "\(s.lastClosed?.description ?? "") \(s.closeReason?.rawValue ?? "")"),
            ]
            switch format {
            case .json:
                print(PrettyJSON.render(.object(JSONObject(fields.map { ($0.0.replacingOccurrences(of: " ", with: "_"), .string($0.1)) }))))
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
        commandName: "history", abstract: "List every event of a case, corrections beside their target.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.", completion: .custom(Completions.allCases)) var caseID: String
    @OptionGroup var asOf: AsOfOptions
    @Option(help: "Only events that occurred by then (RFC 3339).") var happenedBy: String?
    @Option(help: "table, csv or json") var format: OutputFormat = .table

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let id = try ledgerCaseID(caseID)
            let events = try ledger.events(of: id, asOf: try asOf.asOf(happenedBy: happenedBy))
            guard !events.isEmpty else { throw LedgerError.unknownCase(id.rawValue) }
            var corrections: [Int: [String]] = [:]
            for e in events {
                if case .entryCorrected(let c) = e.payload {
                    corrections[c.target, default: []].append("\(c.action.rawValue)ed by v\(e.version)")
                }
            }
            switch format {
            case .json:
                let lines = events.map { e -> String in
                    var w = CanonicalJSONWriter()
                    EventJSONWriter.write(e, includeHash: true, into: &w)
                    return String(decoding: w.bytes, as: UTF8.self)
                }
                print("[\n" + lines.joined(separator: ",\n") + "\n]")
            case .csv, .table:
                let headers = ["v", "position", "occurred (\(ledger.zone.identifier))", "type", "actor", "details", "corrected"]
                let rows = events.map { e -> [String] in
                    [String(e.version), String(e.position), EventSummary.localTime(e.occurredAt, ledger.zone), e.type.rawValue,
                     e.actor, EventSummary.details(e.payload), (corrections[Int(e.version)] ?? []).joined(separator: ", ")]
                }
                if format == .csv {
                    print(CSV.render(headers, rows), terminator: "")
                } else {
                    print(TextTable(headers: headers, rows: rows).render())
                }
            }
        }
    }
}

struct VerifyChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every hash, the chain, the case index and every projection; exit 65 naming the first problem.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A published checkpoint POSITION:HASH the log must still extend.") var against: String?

    func run() throws {
        try runLedger {
            var checkpoint: (UInt64, ChainHash)? = nil
            if let against {
                let parts = against.split(separator: ":")
                guard parts.count == 2, let p = UInt64(parts[0]), let h = ChainHash(hex: String(parts[1])) else {
                    throw LedgerError.usage("--against must be POSITION:HASH (64 hex digits)")
                }
                checkpoint = (p, h)
            }
            let ledger = try global.open()
            defer { ledger.close() }
            let report = try ledger.verify(against: checkpoint.map { (position: $0.0, hash: $0.1) })
            print("verified \(report.events) events of \(report.cases) cases; head \(report.head.position):\(report.head.hash.hex)")
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
            return "\(c.action.rawValue) v\(c.target): \(c.reason)" + (c.replacement.map { " -> " + details($0) } ?? "")
        case .caseErased(let e): return e.reason.rawValue
        }
    }
}
