extension LocalDate {
    /// This date plus `months` calendar months as §188 II/III BGB counts
    /// them: the same day number `months` months later, or that month's last
    /// day where it has no such day (2027-01-31 + 1 month = 2027-02-28).
    /// Negative `months` go back the same way (2028-02-29 − 24 months =
    /// 2026-02-28). No weekend or holiday shifting.
    public func adding(months: Int) -> LocalDate {
        let (year, month, day) = components
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        let newDay = Swift.min(day, LocalDate.daysIn(month: newMonth, year: newYear))
        return LocalDate(daysSinceEpoch: Int32(LocalDate.daysFromCivil(year: newYear, month: newMonth, day: newDay)))
    }

    /// This date plus `years` calendar years, counted as `adding(months: 12 * years)`.
    public func adding(years: Int) -> LocalDate { adding(months: 12 * years) }
}
