// The permanent stored code of every vocabulary value (`StableCode`): the
// numbers every ledger holds, equal to the values' order in DOMAIN.md's lists
// when this table was made. Never change or reuse one; a new value takes the
// next unused number of its vocabulary.

extension Source {
    public var code: UInt8 {
        switch self {
        case .walkIn: 0
        case .phone: 1
        case .landlordNotice: 2
        case .courtNotice: 3
        case .jobcenter: 4
        case .utilityNotice: 5
        case .otherAgency: 6
        case .outreach: 7
        }
    }
}

extension Channel {
    public var code: UInt8 {
        switch self {
        case .consultation: 0
        case .phone: 1
        case .homeVisit: 2
        case .letter: 3
        case .email: 4
        case .outreach: 5
        }
    }
}

extension Cause {
    public var code: UInt8 {
        switch self {
        case .rentArrears: 0
        case .utilityArrears: 1
        case .terminationNotice: 2
        case .evictionLawsuit: 3
        case .evictionScheduled: 4
        case .landlordConflict: 5
        case .incomeLoss: 6
        case .health: 7
        case .familyBreakup: 8
        case .uninhabitable: 9
        case .other: 10
        }
    }
}

extension Risk {
    public var code: UInt8 {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .acute: 3
        }
    }
}

extension Party {
    public var code: UInt8 {
        switch self {
        case .landlord: 0
        case .utility: 1
        case .jobcenter: 2
        case .court: 3
        case .other: 4
        }
    }
}

extension MediationOutcome {
    public var code: UInt8 {
        switch self {
        case .agreement: 0
        case .installmentPlan: 1
        case .arrearsAssumed: 2
        case .terminationWithdrawn: 3
        case .rejected: 4
        case .pending: 5
        }
    }
}

extension Agency {
    public var code: UInt8 {
        switch self {
        case .jobcenter: 0
        case .youthWelfare: 1
        case .integrationAssistance: 2
        case .specialCircumstances: 3
        case .debtCounselling: 4
        case .socialWelfare: 5
        case .healthServices: 6
        case .housingCompany: 7
        case .legalAid: 8
        case .other: 9
        }
    }
}

extension ReferralResult {
    public var code: UInt8 {
        switch self {
        case .helpGranted: 0
        case .accepted: 1
        case .declined: 2
        case .noShow: 3
        case .withdrawn: 4
        }
    }
}

extension HousingKind {
    public var code: UInt8 {
        switch self {
        case .tenancyRetained: 0
        case .newTenancy: 1
        case .supportedHousing: 2
        case .otherPermanent: 3
        }
    }
}

extension CloseReason {
    public var code: UInt8 {
        switch self {
        case .housingSecured: 0
        case .housingLost: 1
        case .resolvedOtherwise: 2
        case .contactLost: 3
        case .declinedHelp: 4
        case .movedAway: 5
        case .other: 6
        }
    }
}

extension ErasureReason {
    public var code: UInt8 {
        switch self {
        case .retentionExpired: 0
        case .subjectRequest: 1
        }
    }
}

extension CorrectionAction {
    public var code: UInt8 {
        switch self {
        case .void: 0
        case .amend: 1
        }
    }
}

extension NoticeKind {
    public var code: UInt8 {
        switch self {
        case .extraordinary: 0
        case .ordinary: 1
        case .extraordinaryAndOrdinary: 2
        }
    }
}

extension TenancyStatus {
    public var code: UInt8 {
        switch self {
        case .stillHoused: 0
        case .movedToHousing: 1
        case .housingLost: 2
        case .noContact: 3
        }
    }
}

extension RestrictionReason {
    public var code: UInt8 {
        switch self {
        case .accuracyDisputed: 0
        case .objection: 1
        case .legalClaims: 2
        }
    }
}

extension Stage {
    public var code: UInt8 {
        switch self {
        case .beforeNotice: 0
        case .notice: 1
        case .suit: 2
        case .evictionSet: 3
        case .unknown: 4
        }
    }
}

extension Horizon {
    public var code: UInt8 {
        switch self {
        case .threeMonths: 0
        case .sixMonths: 1
        case .twelveMonths: 2
        }
    }
}
