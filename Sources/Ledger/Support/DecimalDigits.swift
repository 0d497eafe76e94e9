/// Decimal digits written straight into a byte buffer, without a `String`:
/// the one digit writer behind dates, times and report numbers. Promises:
/// the same text as `String(value)` (zero-padded on the left to `width`).
enum DecimalDigits {
    /// Appends the digits of `magnitude`, zero-padded on the left to `width`.
    static func append(_ magnitude: UInt64, width: Int = 1, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        var n = magnitude
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var count = 0
            repeat {
                buffer[23 - count] = UInt8(truncatingIfNeeded: n % 10) &+ 48
                n /= 10
                count += 1
            } while n > 0
            return count
        }
        var zeros = width - count
        while zeros > 0 { out.append(48); zeros -= 1 }
        withUnsafeBytes(of: &digits) { out.append(contentsOf: $0[(24 - count)...]) }
    }

    /// Appends a signed number: `-` for a negative one, then its digits.
    static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        append(value.magnitude, to: &out)
    }
}
