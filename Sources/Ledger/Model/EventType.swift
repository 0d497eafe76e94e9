/// The event types of DOMAIN.md. Promises: `rawValue` is the wire name,
/// `code` is the type's permanent binary code (`StableCode`), and
/// `currentSchema` is the payload schema version the ledger writes (older
/// ones stay readable).
public enum EventType: String, StableCode, Hashable, Sendable {
    case caseOpened = "case.opened"
    case contactRecorded = "contact.recorded"
    case situationAnalysed = "situation.analysed"
    case mediationRecorded = "mediation.recorded"
    case referralMade = "referral.made"
    case referralConcluded = "referral.concluded"
    case followUpScheduled = "follow_up.scheduled"
    case housingSecured = "housing.secured"
    case emergencyAccommodated = "emergency.accommodated"
    case caseReassigned = "case.reassigned"
    case caseClosed = "case.closed"
    case caseReopened = "case.reopened"
    case entryCorrected = "entry.corrected"
    case caseErased = "case.erased"
    case tenancyChecked = "tenancy.checked"
    case caseRestricted = "case.restricted"
    case caseRestrictionLifted = "case.restriction_lifted"

    /// The schema versions this build can read, per type.
    public var supportedSchemas: ClosedRange<Int> { 1...currentSchema }
    /// Schema 2 of `situation.analysed` adds the tenancy-law dates (DOMAIN.md); older schemas are read through `Upcast`.
    public var currentSchema: Int { self == .situationAnalysed ? 2 : 1 }

    /// Types that a closed case still accepts (DOMAIN.md).
    public var allowedWhileClosed: Bool {
        switch self {
        case .caseReopened, .entryCorrected, .caseErased, .tenancyChecked, .caseRestricted, .caseRestrictionLifted: return true
        default: return false
        }
    }

    /// Types that a restricted case still accepts (DOMAIN.md: rectification
    /// stays possible, casework waits).
    public var allowedWhileRestricted: Bool {
        self == .entryCorrected || self == .caseRestrictionLifted || self == .caseErased
    }

    /// The stored code: permanent, never reused (`StableCode`). A new type takes the next unused number.
    public var code: UInt8 {
        switch self {
        case .caseOpened: 0
        case .contactRecorded: 1
        case .situationAnalysed: 2
        case .mediationRecorded: 3
        case .referralMade: 4
        case .referralConcluded: 5
        case .followUpScheduled: 6
        case .housingSecured: 7
        case .emergencyAccommodated: 8
        case .caseReassigned: 9
        case .caseClosed: 10
        case .caseReopened: 11
        case .entryCorrected: 12
        case .caseErased: 13
        case .tenancyChecked: 14
        case .caseRestricted: 15
        case .caseRestrictionLifted: 16
        }
    }
}
