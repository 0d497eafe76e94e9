import Ledger

/// `show` as text: one labelled line per fact of the case's state, in the
/// desk's words (the CSV keeps English labels: it is for machines).
enum CaseText {
    /// The facts of `record` as of `day` (a Schonfrist that ended before it says so).
    static func fields(_ record: CaseRecord, _ words: Words, on day: LocalDate) -> [(String, String)] {
        let s = record.state
        let none = words(.nothing)
        return [
            (words(.caseID), s.caseID.rawValue), (words(.version), String(s.version)), (words(.phase), words(.phase(s.phase))),
            (words(.episode), String(s.episode)), (words(.district), s.district), (words(.source), s.source.rawValue),
            (words(.household), words(.household(adults: s.household.adults, children: s.household.children))),
            (words(.caseworker), s.caseworker), (words(.episodeStart), s.episodeStart.description),
            (words(.lastContact), s.lastContact?.description ?? none),
            (words(.analysis), s.analysis.map(analysis) ?? none),
            (words(.stage), words(.stage(record.episodes.last?.stage ?? .unknown))),
            (words(.schonfrist), SchonfristText.describe(record.episodes.last?.schonfrist ?? .none, on: day)),
            (words(.restricted), words(s.isRestricted ? .restrictedWaits : .no)),
            (words(.housingSecured), s.secured.map { "\($0.kind.rawValue) from \($0.effective)" }.joined(separator: "; ").ifEmpty(words(.no))),
            (words(.openReferrals), s.openReferrals.map { "\($0.number) \($0.agency.rawValue) (\($0.made))" }.joined(separator: "; ").ifEmpty(none)),
            (words(.openFollowUps), s.openFollowUps.map { "\($0.due) \($0.purpose)" }.joined(separator: "; ").ifEmpty(none)),
            (words(.closed), s.isOpen ? words(.no) : "\(s.lastClosed?.description ?? "") \(s.closeReason?.rawValue ?? "")"),
        ]
    }

    static func analysis(_ a: AnalysisInfo) -> String {
        "\(a.date): \(a.causes.map(\.rawValue).joined(separator: ",")), risk \(a.risk.rawValue)"
            + (a.evictionDate.map { ", eviction \($0)" } ?? "")
            + (a.arrearsCents.map { ", arrears \(Money.euros($0)) EUR" } ?? "")
            + (a.noticeDate.map { ", notice \($0)" } ?? "") + (a.noticeKind.map { " (\($0.rawValue))" } ?? "")
            + (a.suitDate.map { ", suit served \($0)" } ?? "")
    }

    /// The person's fields and the notes as labelled lines.
    static func personal(_ personal: PersonalView, _ words: Words, zone: LedgerTimeZone) -> [(String, String)] {
        let labels = [words(.name), words(.birthDate), words(.address), words(.phone)]
        return zip(labels, PersonalText.personRows(personal.person)).map { ($0, $1.1) }
            + personal.notes.map { note in
                ("\(note.field) v\(note.version) \(EventSummary.localTime(note.occurredAt, zone))", PersonalText.line(note.value))
            }
    }

    /// Labelled lines, values aligned; a value longer than the desk's width
    /// goes on over indented lines, broken at spaces (nothing is cut).
    static func lines(_ fields: [(String, String)], width: Int?) -> [String] {
        let labelWidth = fields.map { $0.0.count }.max() ?? 0
        let indent = String(repeating: " ", count: labelWidth + 2)
        return fields.flatMap { label, value -> [String] in
            let head = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
            let flat = TextTable.flatten(value)
            guard let width, width - indent.count >= 20, flat.count > width - indent.count else { return [head + flat] }
            return Desk.wrap(flat, width - indent.count).enumerated().map { ($0.offset == 0 ? head : indent) + $0.element }
        }
    }
}
