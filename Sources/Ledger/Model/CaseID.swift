/// A case's id, `PREFIX-YEAR-SEQUENCE` (for example `LG-2026-000042`): an
/// office prefix of capital letters and digits starting with a letter (at most
/// 10), the year of opening, and a sequence of 6 to 9 digits. Promises: every
/// value is well formed; `rawValue` is the wire form.
public struct CaseID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Nil when `text` is not a well-formed case id.
    public init?(_ text: String) {
        // Checked on the bytes in place: every stored event's id is checked when
        // it is read, and splitting it into arrays was a quarter of a rebuild.
        let wellFormed = text.utf8.withContiguousStorageIfAvailable(CaseID.isWellFormed)
            ?? CaseID.isWellFormed(Array(text.utf8))
        guard wellFormed else { return nil }
        rawValue = text
    }

    /// `PREFIX-YEAR-SEQUENCE`: 1 to 10 capitals or digits starting with a capital, 4 digits, 6 to 9 digits.
    static func isWellFormed(_ u: some RandomAccessCollection<UInt8>) -> Bool {
        var i = u.startIndex
        var prefixCount = 0
        while i != u.endIndex, u[i] != UInt8(ascii: "-") {
            let c = u[i]
            guard prefixCount == 0 ? isUpper(c) : (isUpper(c) || isDigit(c)) else { return false }
            prefixCount += 1
            i = u.index(after: i)
        }
        guard (1...10).contains(prefixCount), i != u.endIndex else { return false }
        i = u.index(after: i)
        for _ in 0..<4 {
            guard i != u.endIndex, isDigit(u[i]) else { return false }
            i = u.index(after: i)
        }
        guard i != u.endIndex, u[i] == UInt8(ascii: "-") else { return false }
        i = u.index(after: i)
        var sequenceCount = 0
        while i != u.endIndex {
            guard isDigit(u[i]) else { return false }
            sequenceCount += 1
            i = u.index(after: i)
        }
        return (6...9).contains(sequenceCount)
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
