import Foundation

/// The ledger's time zone (by default Europe/Berlin), used for every
/// day-level figure. Promises: `date(of:)` gives the calendar date an instant
/// has on a wall clock in that zone, including on days the clocks change, and
/// is cheap enough to call for every event of a rebuild (a transition table
/// built once from the system's zone data, entered through a table of
/// 2^21-second buckets, so a lookup steps over at most a transition or two
/// instead of a binary search).
public struct LedgerTimeZone: Sendable, Equatable {
    public static let defaultIdentifier = "Europe/Berlin"

    public let identifier: String
    private let transitions: [Int64]
    private let offsets: [Int32]
    /// By bucket of 2^21 seconds (24 days) from `bucketBase`: how many transitions are at or before its first instant.
    private let bucketStarts: [Int32]
    private static let bucketBase: Int64 = -2_208_988_800 // 1900-01-01
    private static let bucketShift: Int64 = 21

    /// Nil when the system knows no zone of that name.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        var transitions: [Int64] = []
        var offsets: [Int32] = []
        var cursor = Date(timeIntervalSince1970: -2_208_988_800) // 1900-01-01
        let end = Date(timeIntervalSince1970: 7_258_118_400) // 2200-01-01
        offsets.append(Int32(zone.secondsFromGMT(for: cursor)))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            transitions.append(Int64(next.timeIntervalSince1970.rounded()))
            offsets.append(Int32(zone.secondsFromGMT(for: next)))
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
        var starts: [Int32] = []
        var passed = 0
        var bucketStart = LedgerTimeZone.bucketBase
        while bucketStart < 7_258_118_400 {
            while passed < transitions.count, transitions[passed] <= bucketStart { passed += 1 }
            starts.append(Int32(passed))
            bucketStart += 1 << LedgerTimeZone.bucketShift
        }
        bucketStarts = starts
    }

    /// Seconds east of UTC in force at the instant.
    public func offsetSeconds(at epochSeconds: Int64) -> Int {
        let (since, overflow) = epochSeconds.subtractingReportingOverflow(LedgerTimeZone.bucketBase)
        if !overflow, since >= 0, case let bucket = Int(since >> LedgerTimeZone.bucketShift), bucket < bucketStarts.count {
            var i = Int(bucketStarts[bucket])
            while i < transitions.count, transitions[i] <= epochSeconds { i += 1 }
            return Int(offsets[i])
        }
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= epochSeconds { low = mid + 1 } else { high = mid }
        }
        return Int(offsets[low])
    }

    /// The calendar date of the instant in this zone.
    public func date(of epochSeconds: Int64) -> LocalDate {
        let local = epochSeconds + Int64(offsetSeconds(at: epochSeconds))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return LocalDate(daysSinceEpoch: Int32(days))
    }

    public func date(of timestamp: Timestamp) -> LocalDate { date(of: timestamp.epochSeconds) }

    /// The first instant of the given local date (midnight, or the first valid wall time after it).
    public func startOfDay(_ date: LocalDate) -> Int64 {
        let midnightUTC = Int64(date.daysSinceEpoch) * 86_400
        var guess = midnightUTC - Int64(offsetSeconds(at: midnightUTC))
        if self.date(of: guess) != date { guess = midnightUTC - Int64(offsetSeconds(at: guess)) }
        return guess
    }

    public static func == (a: LedgerTimeZone, b: LedgerTimeZone) -> Bool { a.identifier == b.identifier }
}
