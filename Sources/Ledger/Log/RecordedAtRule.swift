/// The clock rule of `recorded_at` (DOMAIN.md: non-decreasing along
/// `position`). An event without one gets the ledger's clock, or the last
/// `recorded_at` where the clock lags behind it; an event that brings its own
/// (an import line) keeps it if it lies neither after the clock nor before the
/// last one. Promises: what it assigns is never before `last`; a refusal is
/// `invalidInput` and names the rule it breaks.
struct RecordedAtRule {
    /// The ledger's clock when the write began, in epoch seconds.
    let now: Int64

    /// The recorded_at of the next event, given the line's own (if any) and
    /// the last event's (nil for an empty log).
    func assign(_ given: Timestamp?, after last: Timestamp?) throws(LedgerError) -> Timestamp {
        guard let given else {
            return Timestamp.utc(epochSeconds: max(now, last?.epochSeconds ?? .min))
        }
        if given.epochSeconds > now {
            throw .invalidInput("recorded_at \(given) lies in the future")
        }
        if let last, given.isBefore(last) {
            throw .invalidInput("recorded_at \(given) goes back before the ledger's last recorded_at \(last)")
        }
        return given
    }
}
