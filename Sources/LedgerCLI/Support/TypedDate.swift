import Ledger

/// A calendar date as people type it: `2026-11-30` (ISO 8601, the wire
/// form) or `30.11.2026` (German, day and month with one or two digits).
/// Promises: only real calendar dates; a date written right but impossible
/// (`31.02.2026`) is told apart from text that is no date at all.
enum TypedDate {
    enum Reading: Equatable {
        case date(LocalDate)
        /// Written like a date, but no such day exists.
        case impossible
        case unreadable
    }

    static func read(_ text: some StringProtocol) -> Reading {
        let u = Array(text.utf8)
        if u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
           let y = number(u[0..<4]), let m = number(u[5..<7]), let d = number(u[8..<10]) {
            return LocalDate(year: y, month: m, day: d).map(Reading.date) ?? .impossible
        }
        let parts = u.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
           let d = number(parts[0]), let m = number(parts[1]), let y = number(parts[2]) {
            return LocalDate(year: y, month: m, day: d).map(Reading.date) ?? .impossible
        }
        return .unreadable
    }

    /// The date `text` names for `option`, or the error that says how to write one.
    static func parse(_ text: String, option: String) throws(DeskError) -> LocalDate {
        switch read(text.trimmingSpaces) {
        case .date(let d): return d
        case .impossible: throw .notARealDate(option: option, text: text)
        case .unreadable: throw .notADate(option: option, text: text, withTime: false)
        }
    }

    /// The decimal value of ASCII digits; nil if any byte is not a digit.
    static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for c in digits {
            guard c >= 48, c <= 57 else { return nil }
            value = value * 10 + Int(c - 48)
        }
        return value
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
