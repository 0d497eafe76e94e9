/// The running sums of a metrics report while episodes are added one by one
/// (the rules of `Metrics`): plain counters indexed by vocabulary code,
/// groups found by number (month, source) or by name (district, caseworker)
/// once per episode. Promises: adding the same episodes in any order gives
/// the same `report()`; adding an episode allocates nothing but a group seen
/// for the first time.
struct MetricsTally {
    let from: LocalDate
    let to: LocalDate
    let grouping: MetricsGrouping?
    /// The second grouping of a two-way report, whose groups `pairs` finds.
    let second: MetricsGrouping?
    let asOf: LocalDate
    /// The days the `open_at_end` stocks are taken (one per month under `month`).
    let stockDays: StockDays

    private var groups: [GroupTally] = []
    private var keys: [String] = []
    /// Each group's two values, under two groupings.
    private var parts: [[String]] = []
    private var pairs: GroupPairs
    /// Group by name (district, caseworker).
    private var slotOfName: [String: Int] = [:]
    /// Group by number + 1, 0 for none yet: source code, or months after `from`'s month.
    private var slotOfNumber: [Int] = []

    /// A `second` grouping equal to the first, or without a first, is none.
    init(from: LocalDate, to: LocalDate, by grouping: MetricsGrouping?, then second: MetricsGrouping? = nil, asOf: LocalDate) {
        self.from = from
        self.to = to
        self.grouping = grouping
        let second = second == grouping ? nil : second
        self.second = grouping == nil ? nil : second
        self.asOf = asOf
        stockDays = StockDays(from: from, to: to, monthly: grouping == .month || self.second == .month)
        pairs = GroupPairs(grouping ?? .month, self.second ?? .month, months: stockDays.count)
        if self.second != nil { return }
        switch grouping {
        case nil:
            groups = [GroupTally()]
            keys = [MetricsReport.ungrouped]
        case .source:
            slotOfNumber = Array(repeating: 0, count: Source.codeBound)
        case .month:
            slotOfNumber = Array(repeating: 0, count: stockDays.count)
        case .district, .caseworker:
            break
        }
    }

    /// Adds every figure of one episode.
    mutating func add(_ e: EpisodeFacts) {
        guard from < to else { return }
        var slot = -1 // the episode's group, once found (every grouping but month)
        if inPeriod(e.start) {
            let g = group(e, e.start, &slot)
            groups[g].episodesStarted += 1
            groups[g].stageAtIntake[Int(e.stage.code)] += 1
            if let first = e.firstAnalysis { groups[g].daysToAnalysis.append(e.start.days(until: first)) }
        }
        if let end = e.end, let reason = e.closeReason, inPeriod(end) {
            let g = group(e, end, &slot)
            groups[g].closed[Int(reason.code)] += 1
            var seen: UInt64 = 0 // each cause once per episode
            for cause in e.causes {
                let c = Int(cause.code)
                if seen & (1 << c) == 0 {
                    seen |= 1 << c
                    groups[g].causes[c] += 1
                }
            }
            let secured = reason == .housingSecured
            groups[g].addClose(stage: e.stage, secured: secured, schonfrist: e.schonfrist)
            if secured {
                if let effective = e.securedEffective { groups[g].daysToSecured.append(e.start.days(until: effective)) }
                if end.days(until: asOf) >= Metrics.returnWindowDays {
                    groups[g].returnsJudged += 1
                    if e.reopenedWithinYear { groups[g].returned += 1 }
                }
                for horizon in Horizon.allCases where end.adding(months: horizon.months) <= asOf {
                    let status = TenancyFollowUp.status(closed: end, horizon: horizon, reopened: e.reopened, checks: e.checks)
                    groups[g].addHeld(horizon, status)
                }
            }
        }
        for day in e.emergencies where inPeriod(day) {
            groups[group(e, day, &slot)].emergencyAccommodations += 1
        }
        for m in e.mediations where inPeriod(m.date) {
            let g = group(e, m.date, &slot), p = Int(m.party.code)
            groups[g].mediations[p] += 1
            if m.successful { groups[g].mediationsSuccessful[p] += 1 }
        }
        for r in e.referrals {
            let a = Int(r.agency.code)
            if inPeriod(r.made) {
                groups[group(e, r.made, &slot)].referralsMade[a] += 1
            }
            if let day = r.concluded, let result = r.result, inPeriod(day) {
                groups[group(e, day, &slot)].referralsConcluded[a * GroupTally.results + Int(result.code)] += 1
            }
        }
        addStocks(e, &slot)
    }

    /// The episode, and each referral made in it, at every stock day it is
    /// open at: the episode from its start (exclusive) to its close
    /// (inclusive); a referral from its making (exclusive) to its conclusion
    /// (inclusive), within the episode's days.
    private mutating func addStocks(_ e: EpisodeFacts, _ slot: inout Int) {
        let first = stockDays.first(after: e.start), last = stockDays.last(notAfter: e.end)
        guard first <= last else { return }
        for k in first...last { groups[stockGroup(e, k, &slot)].openAtEnd += 1 }
        for r in e.referrals {
            let from = max(first, stockDays.first(after: r.made)), through = min(last, stockDays.last(notAfter: r.concluded))
            guard from <= through else { continue }
            for k in from...through { groups[stockGroup(e, k, &slot)].referralsOpenAtEnd[Int(r.agency.code)] += 1 }
        }
    }

    /// The report of everything added.
    func report() -> MetricsReport {
        var out: [String: GroupMetrics] = [:]
        out.reserveCapacity(groups.count)
        for (key, g) in zip(keys, groups) { out[key] = g.metrics() }
        var report = MetricsReport(from: from, to: to, grouping: grouping, asOf: asOf, groups: out)
        if second != nil {
            report.secondGrouping = second
            report.pairs = Dictionary(uniqueKeysWithValues: zip(keys, parts))
        }
        return report
    }

    private func inPeriod(_ d: LocalDate) -> Bool { from <= d && d < to }

    /// The index of the group of a stock of `e` taken on stock day `k`: the
    /// episode's, or under month the k-th month's (that of the day before).
    private mutating func stockGroup(_ e: EpisodeFacts, _ k: Int, _ slot: inout Int) -> Int {
        guard grouping == .month, second == nil else { return group(e, stockDays.dayBefore(k), &slot) }
        return monthGroup(k, stockDays.dayBefore(k))
    }

    /// The group of the `n`-th month of the period, of which `date` is a day.
    private mutating func monthGroup(_ n: Int, _ date: LocalDate) -> Int {
        if slotOfNumber[n] == 0 { slotOfNumber[n] = newGroup(date.monthKey) + 1 }
        return slotOfNumber[n] - 1
    }

    /// The index of the group of a figure of `e` dated `date` (a day of the
    /// period), made on first use.
    private mutating func group(_ e: EpisodeFacts, _ date: LocalDate, _ slot: inout Int) -> Int {
        if second != nil { return pairGroup(e, date, &slot) }
        switch grouping {
        case nil:
            return 0
        case .month:
            return monthGroup(StockDays.monthNumber(date) - stockDays.firstMonth, date)
        case .source:
            if slot >= 0 { return slot }
            let n = Int(e.source.code)
            if slotOfNumber[n] == 0 { slotOfNumber[n] = newGroup(e.source.rawValue) + 1 }
            slot = slotOfNumber[n] - 1
            return slot
        case .district, .caseworker:
            if slot >= 0 { return slot }
            let name = grouping == .district ? e.district : e.caseworker
            if let known = slotOfName[name] {
                slot = known
            } else {
                slot = newGroup(name)
                slotOfName[name] = slot
            }
            return slot
        }
    }

    /// The group of a figure of `e` dated `date` under two groupings; `slot`
    /// caches the id of the episode's own values.
    private mutating func pairGroup(_ e: EpisodeFacts, _ date: LocalDate, _ slot: inout Int) -> Int {
        let id = pairs.id(of: e, &slot)
        let month = pairs.hasMonth ? StockDays.monthNumber(date) - stockDays.firstMonth : 0
        if let known = pairs.group(id: id, month: month) { return known }
        let values = pairs.parts(id: id, monthKey: date.monthKey)
        let g = newGroup(MetricsReport.pairKey(values))
        parts.append(values)
        pairs.remember(id: id, month: month, group: g)
        return g
    }

    private mutating func newGroup(_ key: String) -> Int {
        keys.append(key)
        groups.append(GroupTally())
        return groups.count - 1
    }
}
