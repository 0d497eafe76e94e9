/// The days on which an episode can have an outcome figure: from the
/// earliest to the latest of its start, its close, its emergency
/// accommodations, its mediations and its referrals made or concluded; with
/// no end while the episode is open (it counts as open at the end of every
/// later period). Promises: an episode whose span does not meet [from, to)
/// adds nothing to the metrics of [from, to), in any grouping: the
/// tenancy-law figures are dated by the start (stage_at_intake) or the close
/// (success_by_stage, tenancy_held, schonfrist), and a stock taken on a day
/// d in (from, to] (each month's `open_at_end`) needs start < d <= close, so
/// the span meets the period; checks and reopenings only decide what a close
/// counts as, never whether it is in the period. The stored
/// `episodes` values begin with it, so that a period's metrics pass over the
/// episodes outside the period without decoding them.
public struct EpisodeSpan: Equatable, Sendable {
    public var first: LocalDate
    /// Nil while the episode is open.
    public var last: LocalDate?

    public init(first: LocalDate, last: LocalDate?) {
        self.first = first
        self.last = last
    }

    public init(_ e: EpisodeFacts) {
        var first = e.start, last = e.start
        func include(_ d: LocalDate) {
            if d < first { first = d }
            if last < d { last = d }
        }
        if let end = e.end { include(end) }
        for d in e.emergencies { include(d) }
        for m in e.mediations { include(m.date) }
        for r in e.referrals {
            include(r.made)
            if let concluded = r.concluded { include(concluded) }
        }
        self.first = first
        self.last = e.end == nil ? nil : last
    }

    /// Some day of the span lies in [from, to).
    public func meets(from: LocalDate, to: LocalDate) -> Bool {
        first < to && (last.map { from <= $0 } ?? true) && from < to
    }
}
