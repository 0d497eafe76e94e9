/// A case's id, `PREFIX-YEAR-SEQUENCE` (for example `LG-2026-000042`): an
/// office prefix of capital letters and digits starting with a letter (at most
/// 10), the year of opening, and a sequence of 6 to 9 digits. Promises: every
/// value is well formed; `rawValue` is the wire form.
public struct CaseID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Nil when `text` is not a well-formed case id.
    public init?(_ text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let prefix = parts[0], year = parts[1], sequence = parts[2]
        guard (1...10).contains(prefix.count), let first = prefix.first, CaseID.isUpper(first),
              prefix.allSatisfy({ CaseID.isUpper($0) || CaseID.isDigit($0) }),
              year.count == 4, year.allSatisfy(CaseID.isDigit),
              (6...9).contains(sequence.count), sequence.allSatisfy(CaseID.isDigit) else { return nil }
        rawValue = text
    }

    /// The id for a new case.
    public init(prefix: String, year: Int, sequence: Int) {
        let digits = String(sequence)
        rawValue = prefix + "-" + LocalDate.pad(year, 4) + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public var prefix: Substring { rawValue.prefix { $0 != "-" } }

    /// The year and sequence parts, for the id counter.
    public var yearAndSequence: (year: Int, sequence: Int) {
        let parts = rawValue.split(separator: "-")
        return (Int(parts[1]) ?? 0, Int(parts[2]) ?? 0)
    }

    public var description: String { rawValue }
    public static func < (a: CaseID, b: CaseID) -> Bool { a.rawValue < b.rawValue }

    private static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
