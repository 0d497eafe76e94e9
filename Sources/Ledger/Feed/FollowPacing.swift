/// How long a follower waits between looks at the log's head. With inotify
/// (`CommitWatch.isNotified`) it sleeps until the data file is written, then
/// reads the head; when a wake found nothing new (the commit not yet
/// announced, or a write that was not a commit) it looks again after each of
/// `rechecks`, then sleeps up to `idle` (a safety net: a look costs one read
/// transaction on one key). Without inotify it polls the head, waiting
/// `pollFloor` and doubling up to `pollCeiling` while nothing arrives.
/// Promises: every wait is finite, so a missed wake costs at most `idle`
/// (or `pollCeiling`) seconds of delay, never an event.
public struct FollowPacing: Sendable {
    public var rechecks: [Double] = [0.002, 0.01, 0.05, 0.25]
    public var idle: Double = 5
    public var pollFloor: Double = 0.01
    public var pollCeiling: Double = 0.5

    public init() {}

    /// The wait after `quietLooks` looks in a row that found nothing.
    func wait(afterQuietLooks quietLooks: Int, notified: Bool) -> Double {
        if notified { return quietLooks < rechecks.count ? rechecks[quietLooks] : idle }
        var seconds = pollFloor
        for _ in 0..<min(quietLooks, 32) where seconds < pollCeiling { seconds *= 2 }
        return min(seconds, pollCeiling)
    }
}
