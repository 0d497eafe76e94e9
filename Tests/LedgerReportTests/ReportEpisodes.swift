@testable import Ledger
import LedgerReport
import LedgerTestSupport

/// Random episodes over 2024–2025 for the report's tests: many or few, so
/// that counts land on both sides of K; and the council figures of a period
/// computed from them as `ledger report` gathers them.
struct ReportEpisodes {
    var rng: SplitMix64
    let base = LocalDate(year: 2024, month: 1, day: 1) ?? LocalDate(daysSinceEpoch: 19_723)

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func episodes(_ count: Int) -> [EpisodeFacts] {
        (0..<count).map { i in
            let start = base.adding(days: rng.below(700))
            var e = EpisodeFacts(caseID: CaseID(prefix: "LG", year: 2024, sequence: i + 1), number: 1,
                                 district: rng.pick(["altstadt", "kaltenmoor", "goseburg-zeltberg", "weststadt"]),
                                 source: rng.pick(Source.allCases), caseworker: rng.pick(["cw.a", "cw.b"]), start: start)
            e.stage = rng.pick(Stage.allCases)
            if rng.below(3) > 0 { e.firstAnalysis = start.adding(days: rng.below(20)) }
            for _ in 0..<rng.below(3) { e.causes.append(rng.pick(Cause.allCases)) }
            if rng.below(4) > 0 {
                let end = start.adding(days: 5 + rng.below(200))
                e.end = end
                e.closeReason = rng.below(2) == 0 ? .housingSecured : rng.pick(CloseReason.allCases)
                if e.closeReason == .housingSecured {
                    e.securedEffective = start.adding(days: rng.below(max(1, start.days(until: end))))
                    if rng.below(2) == 0 {
                        e.checks.append(TenancyCheck(date: end.adding(days: 30 + rng.below(400)),
                                                     status: rng.pick(TenancyStatus.allCases)))
                    }
                }
            }
            if rng.below(3) == 0 { e.schonfrist = Schonfrist(applies: true, end: start.adding(days: 60), blocked: rng.below(4) == 0) }
            for n in 0..<rng.below(3) {
                var r = ReferralFact(number: n + 1, agency: rng.pick(Agency.allCases), made: start.adding(days: rng.below(30)))
                if rng.below(2) == 0 { r.concluded = r.made.adding(days: rng.below(60)); r.result = rng.pick(ReferralResult.allCases) }
                e.referrals.append(r)
            }
            for _ in 0..<rng.below(2) {
                e.mediations.append(MediationFact(date: start.adding(days: rng.below(40)), party: rng.pick(Party.allCases),
                                                  successful: rng.below(2) == 0))
            }
            if rng.below(8) == 0 { e.emergencies.append(start.adding(days: rng.below(30))) }
            return e
        }
    }

    /// The figures of [from, to) as `ledger report` gathers them, as of `asOf`.
    static func figures(_ episodes: [EpisodeFacts], from: LocalDate, to: LocalDate, minCell: MinCell?,
                        asOf: LocalDate) throws -> CouncilFigures {
        try CouncilFigures.gather(from: from, to: to, minCell: minCell) { (f, t, g) throws(LedgerError) in
            Metrics.compute(episodes: episodes, from: f, to: t, by: g, asOf: asOf)
        }
    }
}
