/// What tenancy law reads from one standing `situation.analysed`: its
/// causes and the four dates of the legal clock (DOMAIN.md "Tenancy law").
/// A schema 1 analysis has no notice or suit date.
public struct AnalysisDates: Equatable, Sendable {
    public var causes: [Cause]
    public var evictionDate: LocalDate?
    public var noticeDate: LocalDate?
    public var noticeKind: NoticeKind?
    public var suitDate: LocalDate?

    public init(causes: [Cause], evictionDate: LocalDate? = nil, noticeDate: LocalDate? = nil,
                noticeKind: NoticeKind? = nil, suitDate: LocalDate? = nil) {
        self.causes = causes; self.evictionDate = evictionDate; self.noticeDate = noticeDate
        self.noticeKind = noticeKind; self.suitDate = suitDate
    }

    /// The stage the household had reached by this analysis: the furthest
    /// step that a date or a cause shows.
    public var stage: Stage {
        if evictionDate != nil || causes.contains(.evictionScheduled) { return .evictionSet }
        if suitDate != nil || causes.contains(.evictionLawsuit) { return .suit }
        if noticeDate != nil || causes.contains(.terminationNotice) { return .notice }
        return .beforeNotice
    }

    /// Whether §569 III Nr. 2 BGB can cure the termination: the suit was
    /// served, the notice was (also) without notice, and rent arrears are a cause.
    public var schonfristApplies: Bool {
        suitDate != nil && (noticeKind?.isExtraordinary ?? false) && causes.contains(.rentArrears)
    }
}
