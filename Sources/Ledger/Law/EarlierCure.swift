/// An earlier episode of the same case as the two-year block of the
/// Schonfrist sees it (§569 III Nr. 2 sentence 2 BGB): whether the office
/// cured a termination there by having the arrears assumed, and the date of
/// that termination.
public struct EarlierCure: Equatable, Sendable {
    /// The date of the earlier termination that counts for the block, or nil
    /// when the episode cured none: the notice date of its latest standing
    /// analysis (only an extraordinary notice counts), or, where that analysis
    /// has no notice date (schema 1, or no analysis), the date of its latest
    /// standing `arrears_assumed` mediation.
    public var terminationDate: LocalDate?

    public init(terminationDate: LocalDate?) { self.terminationDate = terminationDate }

    /// The cure of an episode from its latest standing analysis (if any) and
    /// the date of its latest (by version) standing `arrears_assumed` mediation
    /// (nil when it has none: nothing was cured).
    public init(latestAnalysis: AnalysisDates?, lastArrearsAssumed: LocalDate?) {
        guard let lastArrearsAssumed else { self.init(terminationDate: nil); return }
        if let analysis = latestAnalysis, let notice = analysis.noticeDate {
            self.init(terminationDate: (analysis.noticeKind?.isExtraordinary ?? false) ? notice : nil)
        } else {
            self.init(terminationDate: lastArrearsAssumed)
        }
    }
}
