/// `household` of `case.opened`.
public struct Household: Equatable, Sendable {
    public var adults: Int
    public var children: Int
    public init(adults: Int, children: Int) { self.adults = adults; self.children = children }
}

/// `case.opened`: starts the case and its first episode.
public struct CaseOpened: Equatable, Sendable {
    public var district: String
    public var source: Source
    public var household: Household
    public var caseworker: String
    public var person: PersonalField
    public init(district: String, source: Source, household: Household, caseworker: String, person: PersonalField) {
        self.district = district; self.source = source; self.household = household
        self.caseworker = caseworker; self.person = person
    }
}

/// `contact.recorded`.
public struct ContactRecorded: Equatable, Sendable {
    public var channel: Channel
    public var note: PersonalField?
    public init(channel: Channel, note: PersonalField?) { self.channel = channel; self.note = note }
}

/// `situation.analysed`: the latest standing analysis is the case's current
/// one. Schema 2 adds the tenancy-law dates (`noticeDate`, `noticeKind`,
/// `suitDate`); a schema 1 analysis is read with them absent (see `Upcast`).
public struct SituationAnalysed: Equatable, Sendable {
    public var causes: [Cause]
    public var risk: Risk
    public var evictionDate: LocalDate?
    public var arrearsCents: Int64?
    public var note: PersonalField?
    /// Schema 2: when the landlord's termination notice reached the household.
    public var noticeDate: LocalDate?
    /// Schema 2: which termination; present exactly when `noticeDate` is.
    public var noticeKind: NoticeKind?
    /// Schema 2: when the eviction suit was served.
    public var suitDate: LocalDate?
    public init(causes: [Cause], risk: Risk, evictionDate: LocalDate?, arrearsCents: Int64?, note: PersonalField?,
                noticeDate: LocalDate? = nil, noticeKind: NoticeKind? = nil, suitDate: LocalDate? = nil) {
        self.causes = causes; self.risk = risk; self.evictionDate = evictionDate
        self.arrearsCents = arrearsCents; self.note = note
        self.noticeDate = noticeDate; self.noticeKind = noticeKind; self.suitDate = suitDate
    }

    /// Whether any schema 2 field is present.
    public var hasSchema2Fields: Bool { noticeDate != nil || noticeKind != nil || suitDate != nil }

    /// What tenancy law reads of this analysis.
    public var dates: AnalysisDates {
        AnalysisDates(causes: causes, evictionDate: evictionDate, noticeDate: noticeDate, noticeKind: noticeKind,
                      suitDate: suitDate)
    }
}

/// `mediation.recorded`.
public struct MediationRecorded: Equatable, Sendable {
    public var party: Party
    public var outcome: MediationOutcome
    public var amountCents: Int64?
    public var note: PersonalField?
    public init(party: Party, outcome: MediationOutcome, amountCents: Int64?, note: PersonalField?) {
        self.party = party; self.outcome = outcome; self.amountCents = amountCents; self.note = note
    }
}

/// `referral.made`; `referral` numbers the case's referrals from 1.
public struct ReferralMade: Equatable, Sendable {
    public var referral: Int
    public var agency: Agency
    public var note: PersonalField?
    public init(referral: Int, agency: Agency, note: PersonalField?) {
        self.referral = referral; self.agency = agency; self.note = note
    }
}

/// `referral.concluded`.
public struct ReferralConcluded: Equatable, Sendable {
    public var referral: Int
    public var result: ReferralResult
    public init(referral: Int, result: ReferralResult) { self.referral = referral; self.result = result }
}

/// `follow_up.scheduled`; `purpose` is not personal.
public struct FollowUpScheduled: Equatable, Sendable {
    public var due: LocalDate
    public var purpose: String
    public init(due: LocalDate, purpose: String) { self.due = due; self.purpose = purpose }
}

/// `housing.secured`.
public struct HousingSecured: Equatable, Sendable {
    public var kind: HousingKind
    public var effective: LocalDate
    public init(kind: HousingKind, effective: LocalDate) { self.kind = kind; self.effective = effective }
}

/// `emergency.accommodated`: the household lost its home and was placed in shelter.
public struct EmergencyAccommodated: Equatable, Sendable {
    public var effective: LocalDate
    public var place: PersonalField
    public init(effective: LocalDate, place: PersonalField) { self.effective = effective; self.place = place }
}

/// `case.reassigned`.
public struct CaseReassigned: Equatable, Sendable {
    public var caseworker: String
    public init(caseworker: String) { self.caseworker = caseworker }
}

/// `case.closed`: ends the episode.
public struct CaseClosed: Equatable, Sendable {
    public var reason: CloseReason
    public init(reason: CloseReason) { self.reason = reason }
}

/// `case.reopened`: starts a new episode; `reason` is free text, not personal.
public struct CaseReopened: Equatable, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// `entry.corrected`: voids or amends an earlier event of the same case.
public struct EntryCorrected: Equatable, Sendable {
    public var target: Int
    public var action: CorrectionAction
    /// The replacement payload (its target's type) for `amend`; nil for `void`.
    public var replacement: Replacement?
    public var reason: String

    /// A correction whose replacement (if any) is read.
    public init(target: Int, action: CorrectionAction, replacement: Payload?, reason: String) {
        self.init(target: target, action: action, replacement: replacement.map(Replacement.read), reason: reason)
    }

    /// A correction as given, its replacement (if any) not yet read: see `Replacement`.
    init(target: Int, action: CorrectionAction, unreadReplacement: JSONObject?, reason: String) {
        self.init(target: target, action: action, replacement: unreadReplacement.map(Replacement.unread), reason: reason)
    }

    private init(target: Int, action: CorrectionAction, replacement: Replacement?, reason: String) {
        self.target = target; self.action = action; self.replacement = replacement; self.reason = reason
    }
}

/// An amendment's replacement payload. Its type is its target's, which only
/// the case's history knows, so an import line's (or a command's edited)
/// replacement stays the JSON object it was given until the rules read it
/// once, with the target's type and schema. Promises: a replacement in the
/// log is always `.read` (the binary codec refuses `.unread`).
public enum Replacement: Equatable, Sendable {
    /// As given: not yet checked against any payload's fields.
    case unread(JSONObject)
    /// Read as its target's type.
    case read(Payload)

    /// The payload once read; nil while unread.
    public var payload: Payload? {
        if case .read(let payload) = self { return payload }
        return nil
    }
}

/// `case.erased`: the case's key is destroyed.
public struct CaseErased: Equatable, Sendable {
    public var reason: ErasureReason
    public init(reason: ErasureReason) { self.reason = reason }
}

/// `tenancy.checked`: a check on the household after the office closed its case with housing secured.
public struct TenancyChecked: Equatable, Sendable {
    public var status: TenancyStatus
    public init(status: TenancyStatus) { self.status = status }
}

/// `case.restricted`: processing restricted (Art. 18 GDPR, §84 SGB X) until lifted.
public struct CaseRestricted: Equatable, Sendable {
    public var reason: RestrictionReason
    public init(reason: RestrictionReason) { self.reason = reason }
}

/// `case.restriction_lifted`; `reason` is free text, not personal.
public struct CaseRestrictionLifted: Equatable, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// The payload of an event, one case per event type.
public enum Payload: Equatable, Sendable {
    case caseOpened(CaseOpened)
    case contactRecorded(ContactRecorded)
    case situationAnalysed(SituationAnalysed)
    case mediationRecorded(MediationRecorded)
    case referralMade(ReferralMade)
    case referralConcluded(ReferralConcluded)
    case followUpScheduled(FollowUpScheduled)
    case housingSecured(HousingSecured)
    case emergencyAccommodated(EmergencyAccommodated)
    case caseReassigned(CaseReassigned)
    case caseClosed(CaseClosed)
    case caseReopened(CaseReopened)
    indirect case entryCorrected(EntryCorrected)
    case caseErased(CaseErased)
    case tenancyChecked(TenancyChecked)
    case caseRestricted(CaseRestricted)
    case caseRestrictionLifted(CaseRestrictionLifted)

    public var type: EventType {
        switch self {
        case .caseOpened: return .caseOpened
        case .contactRecorded: return .contactRecorded
        case .situationAnalysed: return .situationAnalysed
        case .mediationRecorded: return .mediationRecorded
        case .referralMade: return .referralMade
        case .referralConcluded: return .referralConcluded
        case .followUpScheduled: return .followUpScheduled
        case .housingSecured: return .housingSecured
        case .emergencyAccommodated: return .emergencyAccommodated
        case .caseReassigned: return .caseReassigned
        case .caseClosed: return .caseClosed
        case .caseReopened: return .caseReopened
        case .entryCorrected: return .entryCorrected
        case .caseErased: return .caseErased
        case .tenancyChecked: return .tenancyChecked
        case .caseRestricted: return .caseRestricted
        case .caseRestrictionLifted: return .caseRestrictionLifted
        }
    }
}
