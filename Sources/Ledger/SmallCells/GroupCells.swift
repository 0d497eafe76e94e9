/// One group's figures as small-cell suppression (DOMAIN.md "Small cells")
/// sees them: its counts with their values, the partitions of counts, its
/// rates with numerator and denominator, and how many episodes each
/// median, p90 and mean summarises. Promises: `counts` holds every count of
/// DOMAIN's list that `Metrics.json` prints (zeros of the fixed shapes
/// included) and the closed total; every entry of a partition is a count.
struct GroupCells {
    /// An entry of a partition: the figure, its value and its key, for ties.
    struct Entry {
        let figure: MetricFigure
        let n: Int
        let key: String
    }

    /// A rate or share: suppressed by its numerator and denominator.
    struct Rate {
        let figure: MetricFigure
        let numerator: Int
        let denominator: Int
    }

    /// Every count once, with its value (a list: it is only ever walked).
    private(set) var counts: [(figure: MetricFigure, n: Int)] = []
    /// `episodes_closed`, `causes`, `stage_at_intake`, each agency's
    /// `concluded` and each horizon's {held, lost, unknown}.
    private(set) var partitions: [[Entry]] = []
    private(set) var rates: [Rate] = []
    /// A median, p90 or mean and the number of episodes it summarises.
    private(set) var summaries: [(figure: MetricFigure, episodes: Int)] = []

    init(_ g: GroupMetrics) {
        counts.append((.episodesStarted, g.episodesStarted))
        partition(g.episodesClosed, MetricFigure.episodesClosed)
        counts.append((.episodesClosedTotal, g.closed))
        let secured = g.episodesClosed[.housingSecured] ?? 0
        rates.append(Rate(figure: .successRate, numerator: secured, denominator: g.closed))
        rates.append(Rate(figure: .knownOutcomeSuccessRate, numerator: secured,
                          denominator: secured + (g.episodesClosed[.housingLost] ?? 0)))
        summaries.append((.daysToSecured, g.daysToSecured.values.count))
        summaries.append((.daysToAnalysis, g.daysToAnalysis.values.count))
        counts.append((.emergencyAccommodations, g.emergencyAccommodations))
        rates.append(Rate(figure: .returns12m, numerator: g.returned, denominator: g.returnsJudged))
        partition(g.causes, MetricFigure.cause)
        for (party, m) in g.mediations {
            counts.append((.mediationCount(party), m.count))
            rates.append(Rate(figure: .mediationShare(party), numerator: m.successful, denominator: m.count))
        }
        for (agency, r) in g.referrals {
            counts.append((.referralsMade(agency), r.made))
            counts.append((.referralsOpenAtEnd(agency), r.openAtEnd))
            partition(r.concluded) { .referralsConcluded(agency, $0) }
        }
        counts.append((.openAtEnd, g.openAtEnd))
        partition(g.stageAtIntake, MetricFigure.stageAtIntake)
        for (stage, f) in g.successByStage {
            counts.append((.stageClosed(stage), f.closed))
            counts.append((.stageSecured(stage), f.secured))
            rates.append(Rate(figure: .stageSuccessRate(stage), numerator: f.secured, denominator: f.closed))
        }
        for horizon in Horizon.allCases {
            let f = g.tenancyHeld[horizon] ?? HeldFigures()
            let entries = [(Sustainability.held, f.held), (.lost, f.lost), (.unknown, f.unknown)].map { status, n in
                counts.append((.held(horizon, status), n))
                return Entry(figure: .held(horizon, status), n: n, key: status.rawValue)
            }
            partitions.append(entries)
            rates.append(Rate(figure: .heldRate(horizon), numerator: f.held, denominator: f.held + f.lost))
        }
        counts.append((.schonfristEpisodes, g.schonfrist.episodes))
        counts.append((.schonfristSecured, g.schonfrist.secured))
        counts.append((.schonfristBlocked, g.schonfrist.blocked))
    }

    /// The value of a count (0 when the group has none): for tests and checks.
    func count(_ figure: MetricFigure) -> Int { counts.first { $0.figure == figure }?.n ?? 0 }

    /// The counts of a vocabulary map as one partition.
    private mutating func partition<K: Vocabulary>(_ map: [K: Int], _ figure: (K) -> MetricFigure) {
        partitions.append(map.map { key, n in
            counts.append((figure(key), n))
            return Entry(figure: figure(key), n: n, key: key.rawValue)
        })
    }
}
