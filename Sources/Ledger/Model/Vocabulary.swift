/// A closed list of wire values (DOMAIN.md "Vocabularies"). Promises: each
/// value is stored as its permanent `code` (`StableCode`, the tables in
/// Vocabulary+Codes.swift); parsing an unknown value names the list and the
/// closest value.
public protocol Vocabulary: RawRepresentable<String>, StableCode, Hashable, Sendable {
    /// The field's wire name, used in messages ("unknown channel 'x'").
    static var vocabularyName: String { get }
}

extension Vocabulary {
    /// The value for `text`, or an error naming the allowed values and the closest one.
    public static func parse(_ text: String) throws(VocabularyError) -> Self {
        if let value = Self(rawValue: text) { return value }
        throw VocabularyError(field: vocabularyName, value: text, allowed: allCases.map(\.rawValue))
    }
}

/// A value outside its vocabulary. Its message lists the allowed values and
/// suggests the nearest one by edit distance.
public struct VocabularyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let allowed: [String]

    public init(field: String, value: String, allowed: [String]) {
        self.field = field
        self.value = value
        self.allowed = allowed
    }

    public var suggestion: String? { ClosestMatch.closest(to: value, in: allowed) }

    public var description: String {
        var text = "unknown \(field) '\(value.prefix(40))'"
        if let s = suggestion { text += "; did you mean '\(s)'?" }
        text += " (allowed: \(allowed.joined(separator: ", ")))"
        return text
    }
}

/// Picks the allowed value nearest to a mistyped one (case-insensitive, by
/// edit distance): by default within half the value's length (at least 2),
/// or within `maxDistance` for names that share a long common part.
public enum ClosestMatch {
    public static func closest(to value: String, in allowed: [String], maxDistance: Int? = nil) -> String? {
        let v = Array(value.lowercased().unicodeScalars)
        var best: (String, Int)? = nil
        for candidate in allowed {
            let d = distance(v, Array(candidate.unicodeScalars))
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        guard let (word, d) = best, d <= maxDistance ?? max(2, word.unicodeScalars.count / 2) else { return nil }
        return word
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

public enum Source: String, Vocabulary {
    case walkIn = "walk_in", phone, landlordNotice = "landlord_notice", courtNotice = "court_notice",
         jobcenter, utilityNotice = "utility_notice", otherAgency = "other_agency", outreach
    public static let vocabularyName = "source"
}

public enum Channel: String, Vocabulary {
    case consultation, phone, homeVisit = "home_visit", letter, email, outreach
    public static let vocabularyName = "channel"
}

public enum Cause: String, Vocabulary {
    case rentArrears = "rent_arrears", utilityArrears = "utility_arrears", terminationNotice = "termination_notice",
         evictionLawsuit = "eviction_lawsuit", evictionScheduled = "eviction_scheduled",
         landlordConflict = "landlord_conflict", incomeLoss = "income_loss", health,
         familyBreakup = "family_breakup", uninhabitable, other
    public static let vocabularyName = "cause"
}

public enum Risk: String, Vocabulary {
    case low, medium, high, acute
    public static let vocabularyName = "risk"
}

public enum Party: String, Vocabulary {
    case landlord, utility, jobcenter, court, other
    public static let vocabularyName = "party"
}

public enum MediationOutcome: String, Vocabulary {
    case agreement, installmentPlan = "installment_plan", arrearsAssumed = "arrears_assumed",
         terminationWithdrawn = "termination_withdrawn", rejected, pending
    public static let vocabularyName = "outcome"
    /// The first four count as successful mediations (DOMAIN.md).
    public var isSuccessful: Bool {
        switch self {
        case .agreement, .installmentPlan, .arrearsAssumed, .terminationWithdrawn: return true
        case .rejected, .pending: return false
        }
    }
}

public enum Agency: String, Vocabulary {
    case jobcenter, youthWelfare = "youth_welfare", integrationAssistance = "integration_assistance",
         specialCircumstances = "special_circumstances", debtCounselling = "debt_counselling",
         socialWelfare = "social_welfare", healthServices = "health_services",
         housingCompany = "housing_company", legalAid = "legal_aid", other
    public static let vocabularyName = "agency"
}

public enum ReferralResult: String, Vocabulary {
    case helpGranted = "help_granted", accepted, declined, noShow = "no_show", withdrawn
    public static let vocabularyName = "result"
}

public enum HousingKind: String, Vocabulary {
    case tenancyRetained = "tenancy_retained", newTenancy = "new_tenancy",
         supportedHousing = "supported_housing", otherPermanent = "other_permanent"
    public static let vocabularyName = "kind"
}

public enum CloseReason: String, Vocabulary {
    case housingSecured = "housing_secured", housingLost = "housing_lost", resolvedOtherwise = "resolved_otherwise",
         contactLost = "contact_lost", declinedHelp = "declined_help", movedAway = "moved_away", other
    public static let vocabularyName = "reason"
}

public enum ErasureReason: String, Vocabulary {
    case retentionExpired = "retention_expired", subjectRequest = "subject_request"
    public static let vocabularyName = "reason"
}

public enum CorrectionAction: String, Vocabulary {
    case void, amend
    public static let vocabularyName = "action"
}

/// Lüneburg's districts, the default district list of a new ledger.
public enum DefaultDistricts {
    public static let luneburg = [
        "altstadt", "bockelsberg", "ebensberg", "goseburg-zeltberg", "haecklingen", "kaltenmoor",
        "kreideberg", "lune-moorfeld", "mittelfeld", "neu-hagen", "oedeme", "rettmer", "rotes-feld",
        "schuetzenplatz", "weststadt", "wilschenbruch",
    ]
}
