import Foundation

/// Where the ledger gets the time. Injected so that tests and fixtures are
/// deterministic; `SystemClock` is the only one a real ledger uses.
public protocol LedgerClock: Sendable {
    /// Now, in whole seconds since 1970 (UTC).
    func now() -> Int64
}

public struct SystemClock: LedgerClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

/// A clock that always says the same time (tests, reproducible demos).
public struct FixedClock: LedgerClock {
    public let seconds: Int64
    public init(_ seconds: Int64) { self.seconds = seconds }
    public func now() -> Int64 { seconds }
}

/// Receives progress of long work (import, rebuild, verify, export).
/// The library never prints; the CLI decides how to show it.
public protocol ProgressReporter: AnyObject {
    /// `done` of `total` (total 0 when unknown) units of `phase`.
    func progress(_ phase: String, done: Int, total: Int)
    func finished(_ phase: String)
}
