/// The Schonfrist of an episode (§569 III Nr. 2 BGB, DOMAIN.md
/// "Schonfrist"), judged from its latest standing analysis and the case's
/// earlier episodes. Promises: `end` is set only when it applies and is not
/// blocked; `blocked` only when it applies.
public struct Schonfrist: Equatable, Sendable {
    public var applies: Bool
    public var end: LocalDate?
    public var blocked: Bool

    public static let none = Schonfrist(applies: false, end: nil, blocked: false)

    public init(applies: Bool, end: LocalDate?, blocked: Bool) {
        self.applies = applies; self.end = end; self.blocked = blocked
    }

    /// The verdict for an episode whose latest standing analysis is `latest`
    /// (nil: none), given the cures of the case's earlier episodes.
    public init(latest: AnalysisDates?, earlier: some Sequence<EarlierCure>) {
        guard let latest, latest.schonfristApplies, let suit = latest.suitDate else { self = .none; return }
        let blocked = latest.noticeDate.map { notice in
            earlier.contains { Schonfrist.blocks($0, noticeDate: notice) }
        } ?? false
        self.init(applies: true, end: blocked ? nil : suit.adding(months: 2), blocked: blocked)
    }

    /// Whether an earlier cure lies within the two years before the notice:
    /// from `noticeDate` − 2 years to the day before it, both included.
    static func blocks(_ cure: EarlierCure, noticeDate: LocalDate) -> Bool {
        guard let date = cure.terminationDate else { return false }
        return date >= noticeDate.adding(years: -2) && date < noticeDate
    }
}
