/// The days on which the metrics take their stocks (`open_at_end` of
/// episodes and of referrals): `to` alone, or under `--by month` one day per
/// month of the period, the earlier of the next month's first day and `to`
/// (DOMAIN.md "Machine-readable outputs"). Stock day `k` belongs to the k-th
/// month of the period. Promises: the days ascend, the last one is `to`; a
/// thing open from day `a` until day `b` (open at a stock day `d` when
/// a < d <= b, as `EpisodeFacts.isOpen(at:)` counts) is open at exactly the
/// stock days `first(after: a)...last(notAfter: b)`. Pure integer arithmetic,
/// nothing allocated.
struct StockDays {
    let from: LocalDate
    let to: LocalDate
    let monthly: Bool
    /// Months since year 0 of `from`.
    let firstMonth: Int
    /// How many stock days there are (0 for an empty period).
    let count: Int

    init(from: LocalDate, to: LocalDate, monthly: Bool) {
        self.from = from
        self.to = to
        self.monthly = monthly
        firstMonth = StockDays.monthNumber(from)
        if from >= to {
            count = 0
        } else {
            count = monthly ? StockDays.monthNumber(to.adding(days: -1)) - firstMonth + 1 : 1
        }
    }

    /// The index of the first stock day after `day` (`count` when there is none).
    func first(after day: LocalDate) -> Int {
        if day >= to { return count }
        if !monthly || day < from { return 0 }
        return StockDays.monthNumber(day) - firstMonth
    }

    /// The index of the last stock day on or before `day` (-1 when there is
    /// none); the last of all when `day` is nil (never ends).
    func last(notAfter day: LocalDate?) -> Int {
        guard let day, day < to else { return count - 1 }
        if !monthly || day < from { return -1 }
        return min(count - 2, StockDays.monthNumber(day) - firstMonth - 1)
    }

    /// A day of the month (or period) whose stock day is `k`: the day before it.
    func dayBefore(_ k: Int) -> LocalDate {
        guard monthly, k < count - 1 else { return to.adding(days: -1) }
        let month = firstMonth + k + 1
        let first = LocalDate(daysSinceEpoch: Int32(LocalDate.daysFromCivil(year: month / 12, month: month % 12 + 1, day: 1)))
        return first.adding(days: -1)
    }

    /// Months since year 0, so that consecutive months have consecutive numbers.
    static func monthNumber(_ d: LocalDate) -> Int {
        let (y, m, _) = d.components
        return y * 12 + m - 1
    }
}
