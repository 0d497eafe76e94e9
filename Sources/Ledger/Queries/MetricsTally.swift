/// The running sums of a metrics report while episodes are added one by one
/// (the rules of `Metrics`): plain counters indexed by vocabulary code,
/// groups found by number (month, source) or by name (district, caseworker)
/// once per episode. Promises: adding the same episodes in any order gives
/// the same `report()`.
struct MetricsTally {
    let from: LocalDate
    let to: LocalDate
    let grouping: MetricsGrouping?
    let asOf: LocalDate
    /// The day `open_at_end` figures are dated (`to - 1`).
    let lastDay: LocalDate

    private var groups: [GroupTally] = []
    private var keys: [String] = []
    /// Group by name (district, caseworker).
    private var slotOfName: [String: Int] = [:]
    /// Group by number + 1, 0 for none yet: source code, or months after `from`'s month.
    private var slotOfNumber: [Int] = []
    private let firstMonth: Int

    init(from: LocalDate, to: LocalDate, by grouping: MetricsGrouping?, asOf: LocalDate) {
        self.from = from
        self.to = to
        self.grouping = grouping
        self.asOf = asOf
        lastDay = to.adding(days: -1)
        firstMonth = MetricsTally.monthNumber(from)
        switch grouping {
        case nil:
            groups = [GroupTally()]
            keys = [MetricsReport.ungrouped]
        case .source:
            slotOfNumber = Array(repeating: 0, count: Source.codeBound)
        case .month where from < to:
            slotOfNumber = Array(repeating: 0, count: MetricsTally.monthNumber(lastDay) - firstMonth + 1)
        case .month, .district, .caseworker:
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
            if reason == .housingSecured {
                if let effective = e.securedEffective { groups[g].daysToSecured.append(e.start.days(until: effective)) }
                if end.days(until: asOf) >= Metrics.returnWindowDays {
                    groups[g].returnsJudged += 1
                    if e.reopenedWithinYear { groups[g].returned += 1 }
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
        let openAtEnd = e.isOpen(at: to)
        for r in e.referrals {
            let a = Int(r.agency.code)
            if inPeriod(r.made) {
                groups[group(e, r.made, &slot)].referralsMade[a] += 1
            }
            if let day = r.concluded, let result = r.result, inPeriod(day) {
                groups[group(e, day, &slot)].referralsConcluded[a * GroupTally.results + Int(result.code)] += 1
            }
            if openAtEnd, r.made < to, r.concluded.map({ $0 >= to }) ?? true {
                groups[group(e, lastDay, &slot)].referralsOpenAtEnd[a] += 1
            }
        }
        if openAtEnd {
            groups[group(e, lastDay, &slot)].openAtEnd += 1
        }
    }

    /// The report of everything added.
    func report() -> MetricsReport {
        var out: [String: GroupMetrics] = [:]
        out.reserveCapacity(groups.count)
        for (key, g) in zip(keys, groups) { out[key] = g.metrics() }
        return MetricsReport(from: from, to: to, grouping: grouping, asOf: asOf, groups: out)
    }

    private func inPeriod(_ d: LocalDate) -> Bool { from <= d && d < to }

    /// The index of the group of a figure of `e` dated `date`, made on first use.
    private mutating func group(_ e: EpisodeFacts, _ date: LocalDate, _ slot: inout Int) -> Int {
        switch grouping {
        case nil:
            return 0
        case .month:
            let n = MetricsTally.monthNumber(date) - firstMonth
            if slotOfNumber[n] == 0 { slotOfNumber[n] = newGroup(date.monthKey) + 1 }
            return slotOfNumber[n] - 1
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

    private mutating func newGroup(_ key: String) -> Int {
        keys.append(key)
        groups.append(GroupTally())
        return groups.count - 1
    }

    /// Months since year 0, so that consecutive months have consecutive numbers.
    static func monthNumber(_ d: LocalDate) -> Int {
        let (y, m, _) = d.components
        return y * 12 + m - 1
    }
}

/// One group's sums. Promises: `metrics()` holds exactly the vocabulary keys
/// that were added to, as `GroupMetrics` would after the same additions.
struct GroupTally {
    static let agencies = Agency.codeBound
    static let results = ReferralResult.codeBound

    var episodesStarted = 0
    var closed = Array(repeating: 0, count: CloseReason.codeBound)
    var daysToSecured: [Int] = []
    var daysToAnalysis: [Int] = []
    var emergencyAccommodations = 0
    var returnsJudged = 0
    var returned = 0
    var causes = Array(repeating: 0, count: Cause.codeBound)
    var mediations = Array(repeating: 0, count: Party.codeBound)
    var mediationsSuccessful = Array(repeating: 0, count: Party.codeBound)
    var referralsMade = Array(repeating: 0, count: agencies)
    /// By agency code × results + result code.
    var referralsConcluded = Array(repeating: 0, count: agencies * results)
    var referralsOpenAtEnd = Array(repeating: 0, count: agencies)
    var openAtEnd = 0

    func metrics() -> GroupMetrics {
        var g = GroupMetrics()
        g.episodesStarted = episodesStarted
        g.episodesClosed = GroupTally.counts(closed[...])
        g.daysToSecured = DaySample(unsorted: daysToSecured)
        g.daysToAnalysis = DaySample(unsorted: daysToAnalysis)
        g.emergencyAccommodations = emergencyAccommodations
        g.returnsJudged = returnsJudged
        g.returned = returned
        g.causes = GroupTally.counts(causes[...])
        for party in Party.allCases {
            let i = Int(party.code)
            guard mediations[i] > 0 else { continue }
            g.mediations[party] = MediationFigures(count: mediations[i], successful: mediationsSuccessful[i])
        }
        for agency in Agency.allCases {
            let i = Int(agency.code)
            let concluded: [ReferralResult: Int] = GroupTally.counts(referralsConcluded[(i * GroupTally.results)..<((i + 1) * GroupTally.results)])
            guard referralsMade[i] > 0 || referralsOpenAtEnd[i] > 0 || !concluded.isEmpty else { continue }
            g.referrals[agency] = ReferralFigures(made: referralsMade[i], concluded: concluded, openAtEnd: referralsOpenAtEnd[i])
        }
        g.openAtEnd = openAtEnd
        return g
    }

    /// The counts above zero, keyed by the vocabulary value of their code.
    static func counts<K: Vocabulary>(_ byCode: ArraySlice<Int>) -> [K: Int] {
        var out: [K: Int] = [:]
        for value in K.allCases {
            let n = byCode[byCode.startIndex + Int(value.code)]
            if n > 0 { out[value] = n }
        }
        return out
    }
}
