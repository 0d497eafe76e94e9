import Ledger

/// The catalogue's words for the ledger's vocabularies, months and
/// horizons (long German words carry soft hyphens, U+00AD, where a narrow
/// column may break them). Promises: every value has a German and an English label (the
/// switches have no default, so a new vocabulary value does not build
/// until it is named here).
extension Catalogue {
    public static func cause(_ c: Cause, _ l: ReportLanguage) -> String {
        let (de, en): (String, String)
        switch c {
        case .rentArrears: (de, en) = ("Mietschulden", "Rent arrears")
        case .utilityArrears: (de, en) = ("Energieschulden", "Utility arrears")
        case .terminationNotice: (de, en) = ("Kündigung", "Termination notice")
        case .evictionLawsuit: (de, en) = ("Räumungsklage", "Eviction lawsuit")
        case .evictionScheduled: (de, en) = ("Räumungstermin", "Eviction scheduled")
        case .landlordConflict: (de, en) = ("Konflikt mit Vermieter", "Conflict with the landlord")
        case .incomeLoss: (de, en) = ("Einkommensverlust", "Loss of income")
        case .health: (de, en) = ("Gesundheit", "Health")
        case .familyBreakup: (de, en) = ("Trennung, Scheidung", "Family breakup")
        case .uninhabitable: (de, en) = ("Wohnung unbewohnbar", "Home uninhabitable")
        case .other: (de, en) = ("Sonstiges", "Other")
        }
        return l == .de ? de : en
    }

    public static func stage(_ s: Stage, _ l: ReportLanguage) -> String {
        let (de, en): (String, String)
        switch s {
        case .beforeNotice: (de, en) = ("Vor der Kündigung", "Before notice")
        case .notice: (de, en) = ("Kündigung", "Notice served")
        case .suit: (de, en) = ("Räumungsklage", "Eviction suit")
        case .evictionSet: (de, en) = ("Räumungstermin", "Eviction date set")
        case .unknown: (de, en) = ("Unbekannt (keine Analyse)", "Unknown (no analysis)")
        }
        return l == .de ? de : en
    }

    public static func agency(_ a: Agency, _ l: ReportLanguage) -> String {
        let (de, en): (String, String)
        switch a {
        case .jobcenter: (de, en) = ("Jobcenter", "Jobcenter")
        case .youthWelfare: (de, en) = ("Jugendamt", "Youth welfare office")
        case .integrationAssistance: (de, en) = ("Eingliederungs\u{AD}hilfe", "Integration assistance")
        case .specialCircumstances: (de, en) = ("Hilfe in besonderen Lebenslagen", "Help in special circumstances")
        case .debtCounselling: (de, en) = ("Schuldner\u{AD}beratung", "Debt counselling")
        case .socialWelfare: (de, en) = ("Sozialamt", "Social welfare office")
        case .healthServices: (de, en) = ("Gesundheits\u{AD}dienste", "Health services")
        case .housingCompany: (de, en) = ("Wohnungs\u{AD}unternehmen", "Housing company")
        case .legalAid: (de, en) = ("Rechts\u{AD}beratung", "Legal aid")
        case .other: (de, en) = ("Sonstige", "Other")
        }
        return l == .de ? de : en
    }

    public static func result(_ r: ReferralResult, _ l: ReportLanguage) -> String {
        let (de, en): (String, String)
        switch r {
        case .helpGranted: (de, en) = ("Hilfe gewährt", "help granted")
        case .accepted: (de, en) = ("an\u{AD}genommen", "accepted")
        case .declined: (de, en) = ("ab\u{AD}gelehnt", "declined")
        case .noShow: (de, en) = ("nicht erschienen", "no show")
        case .withdrawn: (de, en) = ("zurück\u{AD}gezogen", "withdrawn")
        }
        return l == .de ? de : en
    }

    public static func horizon(_ h: Horizon, _ l: ReportLanguage) -> String {
        l == .de ? "\(h.months) Monate" : "\(h.months) months"
    }

    /// A month's name, in full or short (three letters).
    public static func month(_ m: Int, _ l: ReportLanguage, short: Bool = false) -> String {
        let de = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let name = (l == .de ? de : en)[max(0, min(11, m - 1))]
        return short ? String(name.prefix(3)) : name
    }
}
