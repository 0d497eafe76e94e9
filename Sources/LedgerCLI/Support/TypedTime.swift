import Ledger

/// A moment as people type it for `--occurred-at`, `--known-at` and
/// `--happened-by`: RFC 3339 with an offset (kept as written), or a local
/// wall-clock time in the ledger's time zone (`2026-11-30 10:00`,
/// `2026-11-30T10:00`, `30.11.2026 10:00`, seconds optional), or a date
/// alone (`2026-11-30`, `30.11.2026`), which means the end of that day, or
/// now when that is earlier. Promises: a local time becomes the instant it
/// names in the zone, written with the zone's offset then; a time the clocks
/// skip (spring forward) is refused; a time they pass twice (fall back) is
/// the earlier of the two (Docs/DECISIONS.md).
struct TypedTime {
    enum Form: Equatable {
        case instant(Timestamp)
        /// A date and the seconds since its midnight, on the ledger's wall clock.
        case wall(LocalDate, seconds: Int)
        case day(LocalDate)
    }

    let form: Form

    /// Reads `text`, or throws the error that says how to write a time.
    init(_ text: String, option: String) throws(DeskError) {
        let trimmed = text.trimmingSpaces
        if let instant = Timestamp(trimmed) {
            form = .instant(instant)
            return
        }
        let separator = trimmed.firstIndex { $0 == " " || $0 == "T" }
        let datePart = separator.map { trimmed[..<$0] } ?? trimmed
        let date: LocalDate
        switch TypedDate.read(datePart) {
        case .date(let d): date = d
        case .impossible: throw .notARealDate(option: option, text: text)
        case .unreadable: throw .notADate(option: option, text: text, withTime: true)
        }
        guard let separator else {
            form = .day(date)
            return
        }
        let clock = trimmed[trimmed.index(after: separator)...].trimmingSpaces
        guard let seconds = TypedTime.secondsOfDay(clock) else { throw .notADate(option: option, text: text, withTime: true) }
        form = .wall(date, seconds: seconds)
    }

    /// `HH:MM` or `HH:MM:SS` (hour 0–23, one or two digits) as seconds since midnight.
    static func secondsOfDay(_ text: some StringProtocol) -> Int? {
        let parts = Array(text.utf8).split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count), parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let h = TypedDate.number(parts[0]), let m = TypedDate.number(parts[1]), h < 24, m < 60 else { return nil }
        let s = parts.count == 3 ? TypedDate.number(parts[2]) : 0
        guard let s, s < 60 else { return nil }
        return h * 3600 + m * 60 + s
    }

    /// The instant in `zone`, given the ledger's clock `now` (epoch seconds) for a date alone.
    func resolve(in zone: LedgerTimeZone, now: Int64, option: String, text: String) throws(DeskError) -> Timestamp {
        switch form {
        case .instant(let t): return t
        case .day(let date):
            let endOfDay = try TypedTime.instant(date, seconds: 86_399, in: zone, option: option, text: text)
            guard now < endOfDay.epochSeconds else { return endOfDay }
            return TypedTime.stamp(now, in: zone)
        case .wall(let date, let seconds):
            return try TypedTime.instant(date, seconds: seconds, in: zone, option: option, text: text)
        }
    }

    /// The instant a wall-clock time names in `zone`: the earlier one where the clocks pass it twice.
    static func instant(_ date: LocalDate, seconds: Int, in zone: LedgerTimeZone, option: String,
                        text: String) throws(DeskError) -> Timestamp {
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(seconds)
        // Every offset in force within a day of the moment; an offset fits when the instant it gives has it.
        let offsets = Set([-86_400, 0, 86_400].map { zone.offsetSeconds(at: local + Int64($0)) })
        let fitting = offsets.map { local - Int64($0) }.filter { zone.offsetSeconds(at: $0) == Int(local - $0) }
        guard let earliest = fitting.min() else { throw .skippedTime(option: option, text: text, zone: zone.identifier) }
        return stamp(earliest, in: zone)
    }

    /// An instant written with the zone's offset at it, in whole seconds.
    static func stamp(_ epochSeconds: Int64, in zone: LedgerTimeZone) -> Timestamp {
        Timestamp(epochSeconds: epochSeconds, offsetMinutes: Int16(zone.offsetSeconds(at: epochSeconds) / 60))
    }
}
