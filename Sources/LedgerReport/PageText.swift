/// A `PageValue` as text in the page's language: a count with its
/// thousands separator, a percentage with one decimal, days as a count,
/// `<K` for a withheld value and `–` for none.
struct PageText {
    let format: LocaleFormat
    let withheldMark: String

    static let none = "–"

    func text(_ v: PageValue) -> String {
        switch v {
        case .count(let n), .days(let n): return format.count(n)
        case .percent(let r): return format.percent(r)
        case .withheld: return withheldMark
        case .none: return PageText.none
        }
    }
}
