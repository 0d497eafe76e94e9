/// One row of a caseload (DOMAIN.md "Caseload views"): a case open on the
/// caseload's day, with what a caseworker needs to decide whom to call first.
public struct CaseloadRow: Equatable, Sendable {
    public var `case`: CaseID
    public var phase: Phase
    public var district: String
    public var caseworker: String
    /// Start date of the current episode.
    public var opened: LocalDate
    /// Latest contact date of the episode, if any.
    public var lastContact: LocalDate?
    /// Days from the last contact (or the episode's start) to the day.
    public var daysSinceContact: Int
    /// Earliest due date among the open follow-ups.
    public var nextFollowUp: LocalDate?
    /// From the latest standing analysis of the episode.
    public var evictionDate: LocalDate?
    /// An open follow-up due before the day, or 14 days or more since the last contact.
    public var overdue: Bool
    /// The eviction date or the Schonfrist end from the day to 14 days after it, both included.
    public var urgent: Bool
    /// The current episode's Schonfrist end (nil when none runs or it is blocked).
    public var schonfristEnd: LocalDate?
    /// The Schonfrist applies but is blocked by a cure within the two years before the notice.
    public var schonfristBlocked: Bool
    /// The earliest of the eviction date and the Schonfrist end on or after the day.
    public var nextDeadline: LocalDate?
    public var stage: Stage
    public var restricted: Bool
}

/// Open cases per district and per phase.
public struct CaseloadCounts: Equatable, Sendable {
    public var byDistrict: [String: Int] = [:]
    public var byPhase: [Phase: Int] = [:]
    public var total: Int { byPhase.values.reduce(0, +) }
}

/// The caseload view computed from case states. Promises: pure (same states
/// and day, same rows); one row per open, not erased case; rows in DOMAIN.md's
/// order: urgent first, then overdue, then by next deadline (none last), then
/// by days since contact (longest first), then by case id. For a past day the
/// caller passes records folded from the events that occurred on or before it,
/// and the same code computes every figure as for today's entries.
public enum Caseload {
    /// Days without contact from which a case is overdue.
    public static let contactLimitDays = 14

    /// The rows for `day`, for one caseworker or (nil) all.
    public static func rows(from records: some Sequence<CaseRecord>, day: LocalDate, caseworker: String?) -> [CaseloadRow] {
        rows(from: records.lazy.filter { $0.state.isOpen && !$0.state.isErased }.map(CaseloadEntry.init(record:)),
             day: day, caseworker: caseworker)
    }

    /// The rows for `day` from the open cases' caseload entries (the `open_cases` projection).
    public static func rows(from entries: some Sequence<CaseloadEntry>, day: LocalDate, caseworker: String?) -> [CaseloadRow] {
        var rows: [CaseloadRow] = []
        for e in entries where caseworker.map({ $0 == e.caseworker }) ?? true {
            rows.append(row(e, day: day))
        }
        rows.sort(by: inOrder)
        return rows
    }

    static func row(_ e: CaseloadEntry, day: LocalDate) -> CaseloadRow {
        let days = (e.lastContact ?? e.episodeStart).days(until: day)
        // The earliest open follow-up is due before the day exactly when any open one is.
        let overdue = (e.nextFollowUp.map { $0 < day } ?? false) || days >= contactLimitDays
        let urgent = Deadlines.urgent(eviction: e.evictionDate, schonfristEnd: e.schonfristEnd, on: day)
        return CaseloadRow(case: e.caseID, phase: e.phase, district: e.district, caseworker: e.caseworker,
                           opened: e.episodeStart, lastContact: e.lastContact, daysSinceContact: days,
                           nextFollowUp: e.nextFollowUp, evictionDate: e.evictionDate, overdue: overdue, urgent: urgent,
                           schonfristEnd: e.schonfristEnd, schonfristBlocked: e.schonfristBlocked,
                           nextDeadline: Deadlines.next(eviction: e.evictionDate, schonfristEnd: e.schonfristEnd, on: day),
                           stage: e.stage, restricted: e.restricted)
    }

    /// DOMAIN.md's order of caseload rows.
    static func inOrder(_ a: CaseloadRow, _ b: CaseloadRow) -> Bool {
        if a.urgent != b.urgent { return a.urgent }
        if a.overdue != b.overdue { return a.overdue }
        if a.nextDeadline != b.nextDeadline {
            guard let x = a.nextDeadline else { return false }
            guard let y = b.nextDeadline else { return true }
            return x < y
        }
        if a.daysSinceContact != b.daysSinceContact { return a.daysSinceContact > b.daysSinceContact }
        return a.case < b.case
    }

    /// Open cases per district and phase among the rows.
    public static func counts(_ rows: [CaseloadRow]) -> CaseloadCounts {
        var counts = CaseloadCounts()
        for row in rows {
            counts.byDistrict[row.district, default: 0] += 1
            counts.byPhase[row.phase, default: 0] += 1
        }
        return counts
    }

    /// The `caseload --format json` array: one object per row with DOMAIN.md's
    /// keys in its order; dates as `YYYY-MM-DD` or null.
    public static func writeJSON(_ rows: [CaseloadRow], into w: inout ReportJSONWriter) {
        w.beginArray()
        for r in rows {
            w.beginObject()
            w.key("case"); w.string(r.case.rawValue)
            w.key("phase"); w.string(r.phase.rawValue)
            w.key("district"); w.string(r.district)
            w.key("caseworker"); w.string(r.caseworker)
            w.key("opened"); w.date(r.opened)
            w.key("last_contact"); w.date(r.lastContact)
            w.key("days_since_contact"); w.int(r.daysSinceContact)
            w.key("next_follow_up"); w.date(r.nextFollowUp)
            w.key("eviction_date"); w.date(r.evictionDate)
            w.key("overdue"); w.bool(r.overdue)
            w.key("urgent"); w.bool(r.urgent)
            w.key("schonfrist_end"); w.date(r.schonfristEnd)
            w.key("schonfrist_blocked"); w.bool(r.schonfristBlocked)
            w.key("next_deadline"); w.date(r.nextDeadline)
            w.key("stage"); w.string(r.stage.rawValue)
            w.key("restricted"); w.bool(r.restricted)
            w.endObject()
        }
        w.endArray()
    }

    /// The counts of `caseload --format json --with-counts`: `by_district`
    /// and `by_phase`, each keyed in sorted order.
    public static func writeJSON(_ counts: CaseloadCounts, into w: inout ReportJSONWriter) {
        w.beginObject()
        w.key("by_district")
        w.beginObject()
        for (district, n) in counts.byDistrict.sorted(by: { $0.key < $1.key }) { w.key(district); w.int(n) }
        w.endObject()
        w.key("by_phase")
        w.beginObject()
        for (phase, n) in counts.byPhase.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { w.key(phase.rawValue); w.int(n) }
        w.endObject()
        w.endObject()
    }

    /// The JSON text of the rows (the `caseload --format json` output).
    public static func jsonText(_ rows: [CaseloadRow]) -> String {
        var w = ReportJSONWriter(capacity: 300 * rows.count + 8)
        writeJSON(rows, into: &w)
        return String(decoding: w.finish(), as: UTF8.self)
    }
}
