extension Ledger {
    /// The checks due on `day` (default today; DOMAIN.md "Checks due"): today's
    /// from the projections (only episodes whose span reaches the window are
    /// decoded, and only their cases' states), a past day's or an as-of one by
    /// folding the events that occurred on or before it of only the cases that
    /// can have a check due then (`PastReplay`).
    public func checksDue(day: LocalDate? = nil, caseworker: String? = nil, asOf: AsOf = AsOf()) throws(LedgerError) -> [CheckDueRow] {
        let target = day ?? today
        guard asOf.isNow && target >= today else {
            // Only a case with an episode whose span reaches from the window's earliest close to the day can have
            // a check due (proof in `PastCaseSets.checkDue`), or one with events after the as-of position.
            let records = try pastRecords(on: target, asOf: asOf, candidates: PastCaseSets.checkDue(on: target))
            return ChecksDue.rows(from: records, day: target, caseworker: caseworker)
        }
        // A close that can still have a check in the window lies within 12 months before D − 90 days.
        let earliestClose = target.adding(days: -ChecksDue.overdueWindowDays).adding(months: -12)
        return try store.read { txn -> [CheckDueRow] in
            var rows: [CheckDueRow] = []
            try txn.forEach(store.episodes) { key, value in
                guard let last = try ProjectionCodec.episodeSpan(value).last, last >= earliestClose else { return true }
                guard let (id, number) = StoreKeys.splitEpisode(key) else {
                    throw LedgerError.corrupted("an episodes key is malformed; run 'ledger rebuild'")
                }
                let e = try ProjectionCodec.decodeEpisode(value, caseID: id, number: number)
                guard e.closeReason == .housingSecured, e.reopened == nil, let closed = e.end,
                      ChecksDue.canBeDue(closedOn: closed, on: target),
                      caseworker.map({ $0 == e.caseworker }) ?? true,
                      let state = try store.record(of: id, txn)?.state else { return true }
                rows += ChecksDue.rows(of: e, erased: state.isErased, restricted: state.isRestricted, on: target)
                return true
            }
            return ChecksDue.sorted(rows)
        }
    }
}
