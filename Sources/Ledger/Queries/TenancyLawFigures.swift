/// Episodes of one stage (the stage when the office came in) closed in the
/// period, and how many of them closed with housing secured.
public struct StageFigures: Equatable, Sendable {
    public var closed = 0
    public var secured = 0

    public init(closed: Int = 0, secured: Int = 0) { self.closed = closed; self.secured = secured }

    /// Secured over closed (nil with no close).
    public var successRate: Ratio? { Ratio(secured, closed) }
}

/// Whether secured homes held over one horizon: the `housing_secured` closes
/// in the period old enough to judge (close + horizon on or before the
/// ledger's as-of date), by status.
public struct HeldFigures: Equatable, Sendable {
    public var held = 0
    public var lost = 0
    public var unknown = 0

    public init(held: Int = 0, lost: Int = 0, unknown: Int = 0) { self.held = held; self.lost = lost; self.unknown = unknown }

    /// Held over the closes whose fate is known, held + lost (nil when none is).
    public var rate: Ratio? { Ratio(held, held + lost) }
}

/// Episodes closed in the period for which the Schonfrist (§569 III Nr. 2
/// BGB) applied by their latest standing analysis: how many closed with
/// housing secured, and how many had it blocked by an earlier cure.
public struct SchonfristFigures: Equatable, Sendable {
    public var episodes = 0
    public var secured = 0
    public var blocked = 0

    public init(episodes: Int = 0, secured: Int = 0, blocked: Int = 0) {
        self.episodes = episodes; self.secured = secured; self.blocked = blocked
    }
}
