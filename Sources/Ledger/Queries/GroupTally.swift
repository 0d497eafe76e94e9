/// One group's sums. Promises: `metrics()` holds exactly the vocabulary keys
/// that were added to, as `GroupMetrics` would after the same additions.
struct GroupTally {
    static let agencies = Agency.codeBound
    static let results = ReferralResult.codeBound
    static let stages = Stage.codeBound
    static let statuses = Sustainability.allCases.count

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
    var stageAtIntake = Array(repeating: 0, count: stages)
    var stageClosed = Array(repeating: 0, count: stages)
    var stageSecured = Array(repeating: 0, count: stages)
    /// By horizon code × statuses + status index.
    var held = Array(repeating: 0, count: Horizon.codeBound * statuses)
    var schonfrist = SchonfristFigures()

    /// A close in the period of an episode of `stage`.
    mutating func addClose(stage: Stage, secured: Bool, schonfrist verdict: Schonfrist) {
        let s = Int(stage.code)
        stageClosed[s] += 1
        if secured { stageSecured[s] += 1 }
        guard verdict.applies else { return }
        schonfrist.episodes += 1
        if secured { schonfrist.secured += 1 }
        if verdict.blocked { schonfrist.blocked += 1 }
    }

    /// A judged `housing_secured` close's status at `horizon`.
    mutating func addHeld(_ horizon: Horizon, _ status: Sustainability) {
        let i: Int
        switch status {
        case .held: i = 0
        case .lost: i = 1
        case .unknown: i = 2
        }
        held[Int(horizon.code) * GroupTally.statuses + i] += 1
    }

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
        g.stageAtIntake = GroupTally.counts(stageAtIntake[...])
        for stage in Stage.allCases {
            let i = Int(stage.code)
            guard stageClosed[i] > 0 else { continue }
            g.successByStage[stage] = StageFigures(closed: stageClosed[i], secured: stageSecured[i])
        }
        for horizon in Horizon.allCases {
            let i = Int(horizon.code)
            let n = held[(i * GroupTally.statuses)..<((i + 1) * GroupTally.statuses)]
            let figures = HeldFigures(held: n[n.startIndex], lost: n[n.startIndex + 1], unknown: n[n.startIndex + 2])
            if figures != HeldFigures() { g.tenancyHeld[horizon] = figures }
        }
        g.schonfrist = schonfrist
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
