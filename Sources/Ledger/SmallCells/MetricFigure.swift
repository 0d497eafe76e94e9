/// One published figure of a metrics group, by its place in the JSON
/// (`causes.rent_arrears` is `.cause(.rentArrears)`): what small-cell
/// suppression marks as withheld and the outputs look up. Promises: every
/// figure of `Metrics.json` has exactly one case; a median, p90 and mean of
/// the same episodes are one figure (they are withheld together); two
/// figures are equal exactly when their paths are.
public enum MetricFigure: Hashable, Sendable {
    case episodesStarted
    case episodesClosed(CloseReason)
    /// The sum of `episodes_closed`: no figure of `metrics`, but a report
    /// that prints it needs it judged as a count of its own.
    case episodesClosedTotal
    case successRate
    case knownOutcomeSuccessRate
    /// `days_to_secured`: its median, p90 and mean.
    case daysToSecured
    /// `days_to_analysis`: its median.
    case daysToAnalysis
    case emergencyAccommodations
    case returns12m
    case cause(Cause)
    case mediationCount(Party)
    case mediationShare(Party)
    case referralsMade(Agency)
    case referralsConcluded(Agency, ReferralResult)
    case referralsOpenAtEnd(Agency)
    case openAtEnd
    case stageAtIntake(Stage)
    case stageClosed(Stage)
    case stageSecured(Stage)
    case stageSuccessRate(Stage)
    case held(Horizon, Sustainability)
    case heldRate(Horizon)
    case schonfristEpisodes
    case schonfristSecured
    case schonfristBlocked

    /// One number per figure (the case, then the codes of its vocabulary
    /// values), which hashing and equality use: a suppression over
    /// thousands of groups looks figures up millions of times.
    var number: Int {
        func n(_ k: Int, _ a: UInt8 = 0, _ b: UInt8 = 0) -> Int { k << 16 | Int(a) << 8 | Int(b) }
        switch self {
        case .episodesStarted: return n(0)
        case .episodesClosed(let r): return n(1, r.code)
        case .episodesClosedTotal: return n(2)
        case .successRate: return n(3)
        case .knownOutcomeSuccessRate: return n(4)
        case .daysToSecured: return n(5)
        case .daysToAnalysis: return n(6)
        case .emergencyAccommodations: return n(7)
        case .returns12m: return n(8)
        case .cause(let c): return n(9, c.code)
        case .mediationCount(let p): return n(10, p.code)
        case .mediationShare(let p): return n(11, p.code)
        case .referralsMade(let a): return n(12, a.code)
        case .referralsConcluded(let a, let r): return n(13, a.code, r.code)
        case .referralsOpenAtEnd(let a): return n(14, a.code)
        case .openAtEnd: return n(15)
        case .stageAtIntake(let s): return n(16, s.code)
        case .stageClosed(let s): return n(17, s.code)
        case .stageSecured(let s): return n(18, s.code)
        case .stageSuccessRate(let s): return n(19, s.code)
        case .held(let h, let s):
            let status: UInt8 = s == .held ? 0 : s == .lost ? 1 : 2
            return n(20, h.code, status)
        case .heldRate(let h): return n(21, h.code)
        case .schonfristEpisodes: return n(22)
        case .schonfristSecured: return n(23)
        case .schonfristBlocked: return n(24)
        }
    }

    public static func == (a: MetricFigure, b: MetricFigure) -> Bool { a.number == b.number }
    public func hash(into hasher: inout Hasher) { hasher.combine(number) }

    /// The figure's path in the JSON, keys joined by dots (`referrals.jobcenter.concluded.accepted`).
    public var path: String {
        switch self {
        case .episodesStarted: return "episodes_started"
        case .episodesClosed(let r): return "episodes_closed." + r.rawValue
        case .episodesClosedTotal: return "episodes_closed"
        case .successRate: return "success_rate"
        case .knownOutcomeSuccessRate: return "known_outcome_success_rate"
        case .daysToSecured: return "days_to_secured"
        case .daysToAnalysis: return "days_to_analysis"
        case .emergencyAccommodations: return "emergency_accommodations"
        case .returns12m: return "returns_12m"
        case .cause(let c): return "causes." + c.rawValue
        case .mediationCount(let p): return "mediations." + p.rawValue + ".count"
        case .mediationShare(let p): return "mediations." + p.rawValue + ".successful_share"
        case .referralsMade(let a): return "referrals." + a.rawValue + ".made"
        case .referralsConcluded(let a, let r): return "referrals." + a.rawValue + ".concluded." + r.rawValue
        case .referralsOpenAtEnd(let a): return "referrals." + a.rawValue + ".open_at_end"
        case .openAtEnd: return "open_at_end"
        case .stageAtIntake(let s): return "stage_at_intake." + s.rawValue
        case .stageClosed(let s): return "success_by_stage." + s.rawValue + ".closed"
        case .stageSecured(let s): return "success_by_stage." + s.rawValue + ".secured"
        case .stageSuccessRate(let s): return "success_by_stage." + s.rawValue + ".success_rate"
        case .held(let h, let s): return "tenancy_held." + h.rawValue + "." + s.rawValue
        case .heldRate(let h): return "tenancy_held." + h.rawValue + ".rate"
        case .schonfristEpisodes: return "schonfrist.episodes"
        case .schonfristSecured: return "schonfrist.secured"
        case .schonfristBlocked: return "schonfrist.blocked"
        }
    }
}
