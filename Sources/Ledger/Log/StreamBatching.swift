import Foundation

/// A clock that only moves forward, for timing batches (injected so that
/// tests can drive it; `SystemMonotonicClock` is the real one).
public protocol MonotonicClock: Sendable {
    /// Seconds since an arbitrary fixed moment.
    func seconds() -> Double
}

/// `CLOCK_MONOTONIC`: unaffected by changes of the wall clock.
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}
    public func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// When a streaming import (`import --stream`) commits what has arrived:
/// when the input pauses for `pause` seconds, when the oldest uncommitted
/// line has waited `maxAge` seconds (input that never pauses is still
/// committed at least that often), or when the batch holds `maxLines` lines
/// or `maxBytes` bytes (a bound on memory and on one write transaction).
/// Promises: with uncommitted lines, a wait is never longer than what is
/// left of `pause` or `maxAge`; with none, the importer waits for input as
/// long as it takes.
public struct StreamBatching: Sendable {
    public var pause: Double = 0.02
    public var maxAge: Double = 1
    public var maxLines = 20_000
    public var maxBytes = 16 << 20

    public init() {}

    /// How long to wait for more input (nil: until it comes), given when the
    /// batch's first line arrived (nil: no line waits).
    func wait(batchSince started: Double?, now: Double) -> Double? {
        guard let started else { return nil }
        return max(0, min(pause, started + maxAge - now))
    }

    /// Whether the batch must be committed now, without waiting for a pause.
    func isDue(lines: Int, bytes: Int, batchSince started: Double?, now: Double) -> Bool {
        guard let started, lines > 0 else { return false }
        return lines >= maxLines || bytes >= maxBytes || now - started >= maxAge
    }
}
