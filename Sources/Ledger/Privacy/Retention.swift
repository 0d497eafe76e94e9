import LMDB

/// A closed case whose retention period has run out. Promises: built from
/// the `case_state` projection; holds no personal field.
public struct RetentionCandidate: Equatable, Sendable {
    public var caseID: CaseID
    /// The date of the case's last `case.closed` (ledger time zone).
    public var closed: LocalDate
    public var reason: CloseReason?
    public var district: String
    public var caseworker: String
}

/// What `retention` found (and, applied, erased). Promises: `candidates`
/// are exactly the cases closed on or before `cutoff`, not reopened and not
/// erased before this run, in case-id order.
public struct RetentionReport: Equatable, Sendable {
    /// The retention period in years.
    public var years: Int
    /// Today in the ledger's time zone, by the ledger's clock.
    public var today: LocalDate
    /// Cases closed on or before this date are due.
    public var cutoff: LocalDate
    /// Due cases in case-id order.
    public var candidates: [RetentionCandidate]
    /// Whether they were erased.
    public var applied: Bool
}

extension Ledger {
    /// The cases closed, and not reopened since, for at least `years` years
    /// (default: the ledger's configured `retention_years`) as of today by the
    /// ledger's clock in its time zone: the period ends on the close's
    /// calendar day `years` years later (a close on 29 February ends on 28
    /// February in a common year, as BGB §188(3) counts), and the case is due
    /// from that day on. Read from the `case_state` projection; erased cases
    /// are left out.
    public func retentionCandidates(closedFor years: Int? = nil) throws(LedgerError) -> RetentionReport {
        let (years, today, cutoff) = try retentionWindow(years)
        let candidates = try store.read { txn in try dueCases(cutoff: cutoff, txn) }
        return RetentionReport(years: years, today: today, cutoff: cutoff, candidates: candidates, applied: false)
    }

    /// Erases every due case (reason `retention_expired`) in one all-or-nothing
    /// write, then destroys their keys in one rewrite of the vault.
    public func applyRetention(closedFor years: Int? = nil, actor: String) throws(LedgerError) -> RetentionReport {
        try TextField.checkName(actor, field: "actor")
        let (years, today, cutoff) = try retentionWindow(years)
        let candidates = try write { session -> [RetentionCandidate] in
            let due = try dueCases(cutoff: cutoff, session.txn)
            let now = Timestamp.utc(epochSeconds: session.now)
            for candidate in due {
                try session.append(IncomingEvent(caseID: candidate.caseID, occurredAt: now, actor: actor,
                                                 payload: .caseErased(CaseErased(reason: .retentionExpired))))
            }
            return due
        }
        return RetentionReport(years: years, today: today, cutoff: cutoff, candidates: candidates, applied: true)
    }

    private func retentionWindow(_ years: Int?) throws(LedgerError) -> (Int, LocalDate, LocalDate) {
        let years = years ?? config.retentionYears
        guard (1...100).contains(years) else {
            throw .usage("the retention period must be 1 to 100 years (got \(years))")
        }
        let today = zone.date(of: options.clock.now())
        let (y, m, d) = today.components
        // The latest close date whose period has ended by today.
        guard var cutoff = LocalDate(year: y - years, month: m, day: min(d, LocalDate.daysIn(month: m, year: y - years))) else {
            return (years, today, LocalDate(daysSinceEpoch: Int32.min))
        }
        while let end = Ledger.periodEnd(closed: cutoff.adding(days: 1), years: years), end <= today { cutoff = cutoff.adding(days: 1) }
        return (years, today, cutoff)
    }

    /// The day a retention period of `years` that began on `closed` ends.
    static func periodEnd(closed: LocalDate, years: Int) -> LocalDate? {
        let (y, m, d) = closed.components
        return LocalDate(year: y + years, month: m, day: min(d, LocalDate.daysIn(month: m, year: y + years)))
    }

    private func dueCases(cutoff: LocalDate, _ txn: ReadTransaction) throws -> [RetentionCandidate] {
        var out: [RetentionCandidate] = []
        try txn.forEach(store.caseState) { key, value in
            guard let id = CaseID(String(decoding: key, as: UTF8.self)) else {
                throw LedgerError.corrupted("the case projection holds a malformed case id; run 'ledger rebuild'")
            }
            let s = try ProjectionCodec.decodeState(value, caseID: id)
            guard !s.isOpen, !s.isErased, let closed = s.lastClosed, closed <= cutoff else { return true }
            out.append(RetentionCandidate(caseID: id, closed: closed, reason: s.closeReason, district: s.district,
                                          caseworker: s.caseworker))
            return true
        }
        return out
    }
}
