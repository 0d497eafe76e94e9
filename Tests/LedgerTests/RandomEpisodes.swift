@testable import Ledger
import LedgerTestSupport

/// Random episodes and periods for property tests: dates over about four
/// years, every list sometimes empty, names short and long (over 15 bytes)
/// and non-ASCII, every stage, Schonfrist verdicts and tenancy checks.
struct RandomEpisodes {
    let base = LocalDate(daysSinceEpoch: 19_000)
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func day(after start: LocalDate? = nil) -> LocalDate {
        (start ?? base).adding(days: rng.below(start == nil ? 1_500 : 400) - (start == nil ? 0 : 20))
    }

    mutating func episode(_ i: Int) -> EpisodeFacts {
        let start = day()
        var e = EpisodeFacts(caseID: CaseID(prefix: "LG", year: 2024, sequence: i + 1), number: 1 + rng.below(3),
                             district: rng.pick(["altstadt", "goseburg-zeltberg", "mitte"]), source: rng.pick(Source.allCases),
                             caseworker: rng.pick(["cw.a", "cw.brandenburger-meier", "cw.ö"]), start: start)
        if rng.below(3) > 0 {
            e.end = day(after: start)
            if rng.below(5) > 0 { e.closeReason = rng.pick(CloseReason.allCases) }
        }
        if rng.below(2) == 0 { e.firstAnalysis = day(after: start) }
        for _ in 0..<rng.below(4) { e.causes.append(rng.pick(Cause.allCases)) }
        if rng.below(2) == 0 { e.securedEffective = day(after: start); e.securedKind = rng.pick(HousingKind.allCases) }
        e.contacts = rng.below(20)
        for _ in 0..<rng.below(3) {
            e.mediations.append(MediationFact(date: day(after: start), party: rng.pick(Party.allCases), successful: rng.below(2) == 0))
        }
        for n in 0..<rng.below(4) {
            var r = ReferralFact(number: n + 1, agency: rng.pick(Agency.allCases), made: day(after: start))
            if rng.below(2) == 0 { r.concluded = day(after: r.made) }
            if rng.below(3) > 0 { r.result = rng.pick(ReferralResult.allCases) }
            e.referrals.append(r)
        }
        for _ in 0..<rng.below(3) { e.emergencies.append(day(after: start)) }
        if rng.below(3) == 0 { e.reopened = day(after: e.end ?? start) }
        lawFacts(&e)
        return e
    }

    /// The tenancy-law facts: a stage, a notice, a Schonfrist verdict (blocked
    /// only where it applies), an `arrears_assumed` date and checks after the close.
    mutating func lawFacts(_ e: inout EpisodeFacts) {
        e.stage = rng.pick(Stage.allCases)
        if rng.below(2) == 0 {
            e.noticeDate = day(after: e.start).adding(days: -60)
            e.noticeKind = rng.pick(NoticeKind.allCases)
        }
        if rng.below(3) == 0 {
            let blocked = rng.below(3) == 0
            e.schonfrist = Schonfrist(applies: true, end: blocked ? nil : day(after: e.start), blocked: blocked)
        }
        if rng.below(4) == 0 { e.lastArrearsAssumed = day(after: e.start) }
        for _ in 0..<rng.below(4) {
            e.checks.append(TenancyCheck(date: day(after: e.end ?? e.start), status: rng.pick(TenancyStatus.allCases)))
        }
    }

    mutating func period() -> (LocalDate, LocalDate) {
        let from = day().adding(days: -100)
        return (from, from.adding(days: rng.below(3) == 0 ? rng.below(40) - 5 : rng.below(800)))
    }
}
