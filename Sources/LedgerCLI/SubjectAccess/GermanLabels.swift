import Ledger

/// German words for the ledger's codes, for the subject-access page a person
/// is handed (`ledger subject-access`). Every switch names every value, so a
/// new event type or vocabulary value does not compile without its German.
enum German {
    static func label(_ t: EventType) -> String {
        switch t {
        case .caseOpened: "Fall eröffnet"
        case .contactRecorded: "Kontakt"
        case .situationAnalysed: "Situation eingeschätzt"
        case .mediationRecorded: "Vermittlung"
        case .referralMade: "Weitervermittlung"
        case .referralConcluded: "Weitervermittlung abgeschlossen"
        case .followUpScheduled: "Wiedervorlage"
        case .housingSecured: "Wohnung gesichert"
        case .emergencyAccommodated: "Notunterbringung"
        case .caseReassigned: "Zuständigkeit gewechselt"
        case .caseClosed: "Fall abgeschlossen"
        case .caseReopened: "Fall wieder aufgenommen"
        case .entryCorrected: "Berichtigung"
        case .caseErased: "Daten gelöscht"
        case .tenancyChecked: "Nachfrage zum Wohnverhältnis"
        case .caseRestricted: "Verarbeitung eingeschränkt"
        case .caseRestrictionLifted: "Einschränkung aufgehoben"
        }
    }

    static func label(_ a: Agency) -> String {
        switch a {
        case .jobcenter: "Jobcenter"
        case .youthWelfare: "Jugendamt"
        case .integrationAssistance: "Eingliederungshilfe"
        case .specialCircumstances: "Hilfe in besonderen Lebenslagen"
        case .debtCounselling: "Schuldnerberatung"
        case .socialWelfare: "Sozialamt"
        case .healthServices: "Gesundheitsdienste"
        case .housingCompany: "Wohnungsunternehmen"
        case .legalAid: "Rechtsberatung"
        case .other: "andere Stelle"
        }
    }

    static func label(_ r: ReferralResult) -> String {
        switch r {
        case .helpGranted: "Hilfe bewilligt"
        case .accepted: "angenommen"
        case .declined: "abgelehnt"
        case .noShow: "nicht wahrgenommen"
        case .withdrawn: "zurückgezogen"
        }
    }

    static func label(_ r: CloseReason) -> String {
        switch r {
        case .housingSecured: "Wohnung gesichert"
        case .housingLost: "Wohnung verloren"
        case .resolvedOtherwise: "anders gelöst"
        case .contactLost: "Kontakt abgebrochen"
        case .declinedHelp: "Hilfe abgelehnt"
        case .movedAway: "weggezogen"
        case .other: "sonstiger Grund"
        }
    }

    static func label(_ c: Channel) -> String {
        switch c {
        case .consultation: "Sprechstunde"
        case .phone: "Telefon"
        case .homeVisit: "Hausbesuch"
        case .letter: "Brief"
        case .email: "E-Mail"
        case .outreach: "aufsuchende Arbeit"
        }
    }

    static func label(_ c: Cause) -> String {
        switch c {
        case .rentArrears: "Mietschulden"
        case .utilityArrears: "Energieschulden"
        case .terminationNotice: "Kündigung"
        case .evictionLawsuit: "Räumungsklage"
        case .evictionScheduled: "Räumungstermin"
        case .landlordConflict: "Konflikt mit dem Vermieter"
        case .incomeLoss: "Einkommensverlust"
        case .health: "Gesundheit"
        case .familyBreakup: "Trennung"
        case .uninhabitable: "Wohnung unbewohnbar"
        case .other: "sonstige Ursache"
        }
    }

    static func label(_ r: Risk) -> String {
        switch r {
        case .low: "gering"
        case .medium: "mittel"
        case .high: "hoch"
        case .acute: "akut"
        }
    }

    static func label(_ p: Party) -> String {
        switch p {
        case .landlord: "Vermieter"
        case .utility: "Energieversorger"
        case .jobcenter: "Jobcenter"
        case .court: "Gericht"
        case .other: "andere Stelle"
        }
    }

    static func label(_ o: MediationOutcome) -> String {
        switch o {
        case .agreement: "Einigung"
        case .installmentPlan: "Ratenzahlung"
        case .arrearsAssumed: "Schulden übernommen"
        case .terminationWithdrawn: "Kündigung zurückgenommen"
        case .rejected: "abgelehnt"
        case .pending: "offen"
        }
    }

    static func label(_ k: HousingKind) -> String {
        switch k {
        case .tenancyRetained: "Mietverhältnis erhalten"
        case .newTenancy: "neue Wohnung"
        case .supportedHousing: "betreutes Wohnen"
        case .otherPermanent: "andere dauerhafte Unterkunft"
        }
    }

    static func label(_ s: TenancyStatus) -> String {
        switch s {
        case .stillHoused: "wohnt weiter in der Wohnung"
        case .movedToHousing: "in eine andere Wohnung gezogen"
        case .housingLost: "Wohnung verloren"
        case .noContact: "nicht erreicht"
        }
    }

    static func label(_ r: RestrictionReason) -> String {
        switch r {
        case .accuracyDisputed: "Richtigkeit der Daten bestritten"
        case .objection: "Widerspruch"
        case .legalClaims: "Rechtsansprüche"
        }
    }

    static func label(_ r: ErasureReason) -> String {
        switch r {
        case .retentionExpired: "Aufbewahrungsfrist abgelaufen"
        case .subjectRequest: "auf Ihren Antrag"
        }
    }

    static func label(_ a: CorrectionAction) -> String {
        switch a {
        case .void: "gestrichen"
        case .amend: "berichtigt"
        }
    }

    static func label(_ p: Phase) -> String {
        switch p {
        case .intake: "Aufnahme"
        case .active: "in Bearbeitung"
        case .secured: "Wohnung gesichert"
        case .closed: "abgeschlossen"
        case .erased: "gelöscht"
        }
    }

    /// A date as Germans write it: 03.02.1980.
    static func date(_ d: LocalDate) -> String {
        let (y, m, day) = d.components
        return "\(LocalDate.pad(day, 2)).\(LocalDate.pad(m, 2)).\(y)"
    }

    /// An amount in euros with a decimal comma: 2400,50.
    static func euros(_ cents: Int64) -> String { Money.euros(cents).replacingOccurrences(of: ".", with: ",") }

    /// What an event says, in German, without its personal fields.
    static func summary(_ p: Payload) -> String {
        switch p {
        case .caseOpened(let o): "Haushalt mit \(o.household.adults) Erwachsenen und \(o.household.children) Kindern"
        case .contactRecorded(let c): label(c.channel)
        case .situationAnalysed(let a):
            "Ursachen: " + a.causes.map(label).joined(separator: ", ") + "; Risiko \(label(a.risk))"
                + (a.evictionDate.map { "; Räumungstermin \(date($0))" } ?? "")
                + (a.arrearsCents.map { "; Rückstand \(euros($0)) EUR" } ?? "")
                + (a.noticeDate.map { "; Kündigung vom \(date($0))" } ?? "")
                + (a.suitDate.map { "; Räumungsklage zugestellt am \(date($0))" } ?? "")
        case .mediationRecorded(let m):
            "mit \(label(m.party)): \(label(m.outcome))" + (m.amountCents.map { ", \(euros($0)) EUR" } ?? "")
        case .referralMade(let m): "an \(label(m.agency)) (Nr. \(m.referral))"
        case .referralConcluded(let c): "Nr. \(c.referral): \(label(c.result))"
        case .followUpScheduled(let f): "am \(date(f.due)): \(f.purpose)"
        case .housingSecured(let h): "\(label(h.kind)), ab \(date(h.effective))"
        case .emergencyAccommodated(let e): "ab \(date(e.effective))"
        case .caseReassigned(let r): "an \(r.caseworker)"
        case .caseClosed(let c): label(c.reason)
        case .caseReopened(let r): r.reason
        case .entryCorrected(let c): "Eintrag \(c.target) \(label(c.action)): \(c.reason)"
        case .caseErased(let e): label(e.reason)
        case .tenancyChecked(let c): label(c.status)
        case .caseRestricted(let r): label(r.reason)
        case .caseRestrictionLifted(let l): l.reason
        }
    }
}
