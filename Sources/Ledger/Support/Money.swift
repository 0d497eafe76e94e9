import Foundation

/// Euro amounts as typed by a caseworker (`2400`, `2400.50`, `2400,50`),
/// turned into integer cents without ever passing through a floating-point
/// number. Promises: exact; refuses more than two decimals, signs and junk.
public enum Money {
    public static func cents(fromEuros text: String) throws(LedgerError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: trimmed.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 10,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .usage("'\(text.prefix(20))' is not an amount in euros (like 2400, 2400.50 or 2400,50)")
        }
        var cents = (Int64(whole) ?? 0) * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .usage("'\(text.prefix(20))' is not an amount in euros (at most two decimals)")
            }
            cents += (Int64(fraction) ?? 0) * (fraction.count == 1 ? 10 : 1)
        }
        return cents
    }

    /// `2400.50`-style text of cents.
    public static func euros(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        return "\(sign)\(value / 100).\(LocalDate.pad(Int(value % 100), 2))"
    }
}
