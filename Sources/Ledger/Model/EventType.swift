/// The 14 event types of DOMAIN.md. Promises: `rawValue` is the wire name,
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

    /// The schema versions this build can read, per type.
    public var supportedSchemas: ClosedRange<Int> { 1...1 }
    public var currentSchema: Int { 1 }

    /// Types that a closed case still accepts (DOMAIN.md).
    public var allowedWhileClosed: Bool {
        self == .caseReopened || self == .entryCorrected || self == .caseErased
    }

    var code: UInt8 { UInt8(EventType.allCases.firstIndex(of: self) ?? 0) }

    static func fromCode(_ code: UInt8) -> EventType? {
        Int(code) < allCases.count ? allCases[Int(code)] : nil
    }
}
