/// An exact fraction of two integers: a rate (1 of 2 closes) or a mean (sum of
/// days over a count). Reports keep figures as ratios and write them as
/// decimals only at the end. Promises: never passes through floating point;
/// `decimal(places:)` rounds half away from zero, so the same counts always
/// print the same digits.
public struct Ratio: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    /// Never zero.
    public let denominator: Int

    /// Nil when `denominator` is zero (a rate of nothing is no rate).
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value rounded to `places` decimals (half away from zero), with
    /// trailing zeros dropped but at least one decimal digit kept:
    /// 1/2 -> "0.5", 1/1 -> "1.0", 2/3 -> "0.6667" (places 4), 82/2 -> "41.0".
    public func decimal(places: Int) -> String {
        let d = denominator.magnitude
        var whole = numerator.magnitude / d
        var rest = numerator.magnitude % d
        var digits: [UInt8] = []
        for _ in 0..<max(0, places) {
            rest *= 10
            digits.append(UInt8(rest / d))
            rest %= d
        }
        if rest >= d - rest { // the remainder is at least half a unit of the last place
            var i = digits.count - 1
            while i >= 0, digits[i] == 9 {
                digits[i] = 0
                i -= 1
            }
            if i >= 0 { digits[i] += 1 } else { whole += 1 }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { digits = [0] }
        let negative = (numerator < 0) != (denominator < 0) && (whole != 0 || digits.contains { $0 != 0 })
        return (negative ? "-" : "") + String(whole) + "." + String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    public var description: String { "\(numerator)/\(denominator)" }
}
