/// The event types of DOMAIN.md. Promises: `rawValue` is the wire name,
/// the binary code of a type never changes, and `currentSchema` is the payload
/// schema version the ledger writes (older ones stay readable).
public enum EventType: String, CaseIterable, Hashable, Sendable {
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

    /// Whether the payload of this type has a sealed (personal) field.
    public var hasPersonalFields: Bool {
        switch self {
        case .caseOpened, .contactRecorded, .situationAnalysed, .mediationRecorded, .referralMade, .emergencyAccommodated:
            return true
        default:
            return false
        }
    }

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

    var code: UInt8 { UInt8(EventType.allCases.firstIndex(of: self) ?? 0) }

    static func fromCode(_ code: UInt8) -> EventType? {
        Int(code) < allCases.count ? allCases[Int(code)] : nil
    }
}
