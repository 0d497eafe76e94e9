/// One group's sums. Promises: `metrics()` holds exactly the vocabulary keys
/// that were added to, as `GroupMetrics` would after the same additions.
struct GroupTally {
    static let agencies = Agency.allCases.count
    static let results = ReferralResult.allCases.count

    var episodesStarted = 0
    var closed = Array(repeating: 0, count: CloseReason.allCases.count)
    var daysToSecured: [Int] = []
    var daysToAnalysis: [Int] = []
    var emergencyAccommodations = 0
    var returnsJudged = 0
    var returned = 0
    var causes = Array(repeating: 0, count: Cause.allCases.count)
    var mediations = Array(repeating: 0, count: Party.allCases.count)
    var mediationsSuccessful = Array(repeating: 0, count: Party.allCases.count)
    var referralsMade = Array(repeating: 0, count: agencies)
    /// By agency code × results + result code.
    var referralsConcluded = Array(repeating: 0, count: agencies * results)
    var referralsOpenAtEnd = Array(repeating: 0, count: agencies)
    var openAtEnd = 0

    func metrics() -> GroupMetrics {
        var g = GroupMetrics()
        g.episodesStarted = episodesStarted
        g.episodesClosed = GroupTally.counts(closed)
        g.daysToSecured = DaySample(unsorted: daysToSecured)
        g.daysToAnalysis = DaySample(unsorted: daysToAnalysis)
        g.emergencyAccommodations = emergencyAccommodations
        g.returnsJudged = returnsJudged
        g.returned = returned
        g.causes = GroupTally.counts(causes)
        for (i, party) in Party.allCases.enumerated() where mediations[i] > 0 {
            g.mediations[party] = MediationFigures(count: mediations[i], successful: mediationsSuccessful[i])
        }
        for (i, agency) in Agency.allCases.enumerated() {
            let concluded: [ReferralResult: Int] = GroupTally.counts(referralsConcluded[(i * GroupTally.results)..<((i + 1) * GroupTally.results)])
            guard referralsMade[i] > 0 || referralsOpenAtEnd[i] > 0 || !concluded.isEmpty else { continue }
            g.referrals[agency] = ReferralFigures(made: referralsMade[i], concluded: concluded, openAtEnd: referralsOpenAtEnd[i])
        }
        g.openAtEnd = openAtEnd
        return g
    }

    /// The counts above zero, keyed by the vocabulary value of their code.
    static func counts<K: Vocabulary>(_ byCode: some Collection<Int>) -> [K: Int] {
        var out: [K: Int] = [:]
        for (value, n) in zip(K.allCases, byCode) where n > 0 { out[value] = n }
        return out
    }
}
