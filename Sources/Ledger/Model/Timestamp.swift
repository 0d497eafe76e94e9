/// An instant as the ledger writes it: RFC 3339 with seconds, an optional
/// fraction (1 to 9 digits, kept as given) and either `Z` or a `±HH:MM`
/// offset (kept as given, since the offset a caseworker recorded is
/// information). Promises: `description` reproduces the accepted text
/// exactly, so a hash over it survives import and export.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// The fraction's value and its number of digits (0 = no fraction).
    public let fraction: UInt32
    public let fractionDigits: UInt8
    /// Offset from UTC in minutes; nil means written as `Z`.
    public let offsetMinutes: Int16?

    public init(epochSeconds: Int64, fraction: UInt32 = 0, fractionDigits: UInt8 = 0, offsetMinutes: Int16? = nil) {
        self.epochSeconds = epochSeconds
        self.fraction = fraction
        self.fractionDigits = fractionDigits
        self.offsetMinutes = offsetMinutes
    }

    /// Whole seconds in UTC, as the ledger stamps `recorded_at`.
    public static func utc(epochSeconds: Int64) -> Timestamp { Timestamp(epochSeconds: epochSeconds) }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)`; nil for anything else or an impossible instant.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == UInt8(ascii: "T"), u[13] == 58, u[16] == 58,
              let y = LocalDate.digits(u, 0, 4), let mo = LocalDate.digits(u, 5, 2), let d = LocalDate.digits(u, 8, 2),
              let h = LocalDate.digits(u, 11, 2), let mi = LocalDate.digits(u, 14, 2), let s = LocalDate.digits(u, 17, 2),
              h < 24, mi < 60, s < 60, let date = LocalDate(year: y, month: mo, day: d) else { return nil }
        var i = 19
        var frac: UInt32 = 0
        var fracDigits: UInt8 = 0
        if u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                guard fracDigits < 9 else { return nil }
                frac = frac * 10 + UInt32(u[i] - 48)
                fracDigits += 1
                i += 1
            }
            guard fracDigits > 0 else { return nil }
        }
        guard i < u.count else { return nil }
        var offset: Int16? = nil
        if u[i] == UInt8(ascii: "Z") {
            guard i + 1 == u.count else { return nil }
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            guard i + 6 == u.count, u[i + 3] == 58, let oh = LocalDate.digits(u, i + 1, 2),
                  let om = LocalDate.digits(u, i + 4, 2), oh < 24, om < 60 else { return nil }
            let magnitude = Int16(oh * 60 + om)
            offset = u[i] == UInt8(ascii: "-") ? -magnitude : magnitude
        } else {
            return nil
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s)
        self.init(epochSeconds: local - Int64(offset ?? 0) * 60, fraction: frac, fractionDigits: fracDigits, offsetMinutes: offset)
    }

    public var isUTC: Bool { offsetMinutes == nil }

    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        appendWireText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Orders instants; text form is ignored.
    public func isBefore(_ other: Timestamp) -> Bool {
        if epochSeconds != other.epochSeconds { return epochSeconds < other.epochSeconds }
        return nanoseconds < other.nanoseconds
    }

    var nanoseconds: UInt32 {
        var value = fraction
        var digits = fractionDigits
        while digits < 9 { value *= 10; digits += 1 }
        return value
    }
}
