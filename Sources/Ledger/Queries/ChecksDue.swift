/// One check due on a household whose home the office secured (DOMAIN.md
/// "Checks due"): call them about the horizon's date.
public struct CheckDueRow: Equatable, Sendable {
    public var `case`: CaseID
    /// The date the episode was closed `housing_secured`.
    public var closed: LocalDate
    public var horizon: Horizon
    /// closed + horizon months.
    public var due: LocalDate
    /// The caseworker in charge at the close.
    public var caseworker: String
}

/// The checks-due view for a day D: for each episode closed
/// `housing_secured` whose case was not reopened, is not erased and is not
/// restricted, each horizon whose date lies from D − 90 days to D + 14 days
/// and has no check on or after it (none after a check found the home lost).
/// Promises: pure (the same records and day give the same rows); rows sorted
/// by due date, then case id, then horizon; today's view (from projections)
/// and a replay for a past day use this same code.
public enum ChecksDue {
    /// How far back a missed check stays on the list.
    public static let overdueWindowDays = 90
    /// How far ahead a coming check appears.
    public static let aheadWindowDays = 14

    /// The rows of one episode of a case with the given flags.
    static func rows(of e: EpisodeFacts, erased: Bool, restricted: Bool, on day: LocalDate) -> [CheckDueRow] {
        guard !erased, !restricted, e.reopened == nil, e.closeReason == .housingSecured, let closed = e.end else { return [] }
        return TenancyFollowUp.due(closed: closed, checks: e.checks, on: day).map {
            CheckDueRow(case: e.caseID, closed: closed, horizon: $0.horizon, due: $0.due, caseworker: e.caseworker)
        }
    }

    /// Whether an episode closed on `closed` can have a check due on `day`:
    /// its 3-month date is not after D + 14, its 12-month date not before D − 90.
    static func canBeDue(closedOn closed: LocalDate, on day: LocalDate) -> Bool {
        closed.adding(months: 3) <= day.adding(days: aheadWindowDays)
            && closed.adding(months: 12) >= day.adding(days: -overdueWindowDays)
    }

    /// The rows for `day` from case records (the last episode of each case), for one caseworker or all.
    public static func rows(from records: some Sequence<CaseRecord>, day: LocalDate, caseworker: String?) -> [CheckDueRow] {
        var rows: [CheckDueRow] = []
        for record in records {
            guard let last = record.episodes.last else { continue }
            rows += ChecksDue.rows(of: last, erased: record.state.isErased, restricted: record.state.isRestricted, on: day)
        }
        return sorted(rows.filter { row in caseworker.map { $0 == row.caseworker } ?? true })
    }

    static func sorted(_ rows: [CheckDueRow]) -> [CheckDueRow] {
        rows.sorted { a, b in
            if a.due != b.due { return a.due < b.due }
            if a.case != b.case { return a.case < b.case }
            return a.horizon.months < b.horizon.months
        }
    }

    /// The `checks-due --format json` array: DOMAIN.md's keys in its order.
    public static func writeJSON(_ rows: [CheckDueRow], into w: inout ReportJSONWriter) {
        w.beginArray()
        for r in rows {
            w.beginObject()
            w.key("case"); w.string(r.case.rawValue)
            w.key("closed"); w.date(r.closed)
            w.key("horizon"); w.string(r.horizon.rawValue)
            w.key("due"); w.date(r.due)
            w.key("caseworker"); w.string(r.caseworker)
            w.endObject()
        }
        w.endArray()
    }
}
