/// `notice_kind` of a schema 2 analysis: which termination the landlord gave
/// (DOMAIN.md "Tenancy law").
public enum NoticeKind: String, Vocabulary {
    /// fristlos, §543 II Nr. 3 BGB.
    case extraordinary
    /// fristgemäß, §573 BGB.
    case ordinary
    /// fristlos, hilfsweise fristgemäß: a Schonfrist cure leaves the ordinary one standing.
    case extraordinaryAndOrdinary = "extraordinary_and_ordinary"
    public static let vocabularyName = "notice_kind"

    /// Whether the notice includes a termination without notice, the one a
    /// Schonfrist payment can cure.
    public var isExtraordinary: Bool { self != .ordinary }
}

/// `status` of `tenancy.checked`: what a check on a household after the close found.
public enum TenancyStatus: String, Vocabulary {
    case stillHoused = "still_housed", movedToHousing = "moved_to_housing", housingLost = "housing_lost",
         noContact = "no_contact"
    public static let vocabularyName = "status"

    /// The household still has a home (the one kept or a new one).
    public var meansHeld: Bool { self == .stillHoused || self == .movedToHousing }
}

/// `reason` of `case.restricted` (Art. 18 GDPR, §84 SGB X).
public enum RestrictionReason: String, Vocabulary {
    case accuracyDisputed = "accuracy_disputed", objection, legalClaims = "legal_claims"
    public static let vocabularyName = "restriction reason"
}

/// The stage an episode had reached when the office came in (DOMAIN.md
/// "Stage"), in the order of escalation; `unknown` when the episode has no
/// standing analysis.
public enum Stage: String, Vocabulary {
    case beforeNotice = "before_notice", notice, suit, evictionSet = "eviction_set", unknown
    public static let vocabularyName = "stage"
}

/// A sustainability horizon: 3, 6 or 12 months after a close with housing secured.
public enum Horizon: String, Vocabulary {
    case threeMonths = "3m", sixMonths = "6m", twelveMonths = "12m"
    public static let vocabularyName = "horizon"

    public var months: Int {
        switch self {
        case .threeMonths: return 3
        case .sixMonths: return 6
        case .twelveMonths: return 12
        }
    }
}

/// Whether a secured home held over a horizon (DOMAIN.md "Sustainability").
public enum Sustainability: String, Sendable, CaseIterable {
    case held, lost, unknown
}
