import Ledger

/// Numbers and dates as a reader of `language` writes them: German with a
/// decimal comma, a point between thousands and a space before `%`
/// (`66,7 %`, `1.234`, `1. Juli 2025`); English with a decimal point
/// (`66.7%`, `1,234`, `1 July 2025`). Promises: exact (percentages come
/// from `Ratio.decimal`, rounded half away from zero, no floating point).
struct LocaleFormat {
    let language: ReportLanguage

    /// Decimals of a percentage.
    static let percentPlaces = 1

    func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(language == .de ? "." : ",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A share as a percentage with one decimal (2/3 → `66,7 %` or `66.7%`).
    func percent(_ r: Ratio) -> String {
        let text = Ratio(r.numerator * 100, r.denominator).map { $0.decimal(places: LocaleFormat.percentPlaces) } ?? ""
        return language == .de ? text.replacingDot(with: ",") + "\u{202F}%" : text + "%"
    }

    /// A whole percentage, as a scale labels it: `50 %`, `50%`.
    func wholePercent(_ n: Int) -> String { language == .de ? count(n) + "\u{202F}%" : count(n) + "%" }

    /// A date in full: `1. Juli 2025`, `1 July 2025`.
    func date(_ d: LocalDate) -> String {
        let (y, m, day) = d.components
        let month = Catalogue.month(m, language)
        return language == .de ? "\(day). \(month) \(y)" : "\(day) \(month) \(y)"
    }

    /// A period [from, to) as its first and last day.
    func period(_ from: LocalDate, _ to: LocalDate) -> String {
        let last = to.adding(days: -1)
        return language == .de ? "\(date(from)) bis \(date(last))" : "\(date(from)) to \(date(last))"
    }

    /// A month as a chart labels it: `Jul 25`.
    func shortMonth(year: Int, month: Int) -> String {
        "\(Catalogue.month(month, language, short: true)) \(String(year % 100).leftPadded(2))"
    }
}

extension String {
    func replacingDot(with s: String) -> String {
        String(flatMap { $0 == "." ? Array(s) : [$0] })
    }

    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
