import Ledger

/// Every word of the report, in German and English: the one catalogue the
/// page takes its labels from. Promises: each label has both languages (a
/// switch without default: a label without its translation does not
/// build); the vocabulary's labels are in `Catalogue+Vocabulary.swift`.
public enum Catalogue {
    /// The labels of the page's frame, headings, rows and definitions.
    public enum Label: CaseIterable, Sendable {
        case title, period, previousPeriod, asOf, smallCellsNote, smallCellsOff, madeBy
        case headline, figure, thisPeriod, previous
        case started, closed, closedSecured, successRate, knownOutcomeRate, daysToSecured, daysToAnalysis
        case emergencies, returns12m, openAtEnd
        case trends, chartStartedClosed, chartSuccessRate, chartOpen, periodRate, monthlyMean, withheldLegend, allWithheld
        case districts, district, noGroups, districtsNote
        case stages, stage, stageStarted, stageClosed, stageSecured
        case tenancy, horizon, held, lost, unknown, heldRate
        case schonfrist, schonfristEpisodes, schonfristSecured, schonfristBlocked
        case causes, cause, causesNote
        case referrals, agency, made, openReferrals
        case definitions, defCases, defPeriod, defSuccess, defKnownOutcome, defDays, defEmergencies, defReturns
        case defOpen, defStage, defTenancy, defSchonfrist, defCauses, defReferrals, defSmallCells
    }

    /// The label in `language`.
    public static func text(_ label: Label, _ language: ReportLanguage) -> String {
        let (de, en) = pair(label)
        return language == .de ? de : en
    }

    static func pair(_ label: Label) -> (String, String) {
        switch label {
        case .title: return ("Wohnraumsicherung: Bericht", "Homelessness prevention: report")
        case .period: return ("Berichtszeitraum", "Period")
        case .previousPeriod: return ("Vorzeitraum", "Previous period")
        case .asOf: return ("Datenstand", "Data as of")
        case .smallCellsNote:
            return ("Zum Schutz der Haushalte sind Zahlen unter %K% nicht ausgewiesen, ebenso Werte, aus denen sie sich errechnen ließen; beides ist mit „<%K%“ gekennzeichnet.",
                    "To protect the households, counts below %K% are not shown, nor are figures from which they could be worked out; both are marked “<%K%”.")
        case .smallCellsOff:
            return ("Interne Fassung: kleine Fallzahlen sind nicht unterdrückt. Nicht zur Veröffentlichung.",
                    "Internal version: small counts are not withheld. Not for publication.")
        case .madeBy:
            return ("Erstellt aus dem Fall-Ledger der Fachstelle, ohne personenbezogene Daten.",
                    "Made from the office's case ledger, without personal data.")
        case .headline: return ("Kennzahlen", "Key figures")
        case .figure: return ("Kennzahl", "Figure")
        case .thisPeriod: return ("Zeitraum", "This period")
        case .previous: return ("Vorzeitraum", "Previous period")
        case .started: return ("Fälle begonnen", "Cases started")
        case .closed: return ("Fälle abgeschlossen", "Cases closed")
        case .closedSecured: return ("davon Wohnung gesichert", "of which housing secured")
        case .successRate: return ("Erfolgsquote", "Success rate")
        case .knownOutcomeRate: return ("Erfolgsquote bei bekanntem Ausgang", "Success rate, known outcomes")
        case .daysToSecured: return ("Tage bis zur Sicherung (Median)", "Days to housing secured (median)")
        case .daysToAnalysis: return ("Tage bis zur Analyse (Median)", "Days to analysis (median)")
        case .emergencies: return ("Notunterbringungen", "Emergency accommodations")
        case .returns12m: return ("Wiederkehr binnen 12 Monaten", "Returns within 12 months")
        case .openAtEnd: return ("Offene Fälle am Ende", "Open cases at the end")
        case .trends: return ("Entwicklung je Monat", "Month by month")
        case .chartStartedClosed: return ("Begonnene und abgeschlossene Fälle", "Cases started and closed")
        case .chartSuccessRate: return ("Erfolgsquote der abgeschlossenen Fälle", "Success rate of the cases closed")
        case .chartOpen: return ("Offene Fälle am Monatsende", "Open cases at the end of each month")
        case .periodRate: return ("Zeitraum", "Period")
        case .monthlyMean: return ("Monatsmittel", "Monthly mean")
        case .withheldLegend: return ("nicht ausgewiesen (<%K%)", "not shown (<%K%)")
        case .allWithheld:
            return ("Alle Monatswerte liegen unter der Mindestfallzahl.", "Every monthly value lies below the minimum count.")
        case .districts: return ("Stadtteile", "Districts")
        case .district: return ("Stadtteil", "District")
        case .noGroups: return ("Keine Fälle im Zeitraum.", "No cases in the period.")
        case .districtsNote: return ("Stadtteile ohne Fälle im Zeitraum sind nicht aufgeführt.", "Districts without cases in the period are left out.")
        case .stages: return ("Stadium bei Aufnahme", "Stage at intake")
        case .stage: return ("Stadium", "Stage")
        case .stageStarted: return ("begonnen", "started")
        case .stageClosed: return ("abgeschlossen", "closed")
        case .stageSecured: return ("gesichert", "secured")
        case .tenancy: return ("Wohnung gehalten nach 3, 6 und 12 Monaten", "Tenancy held after 3, 6 and 12 months")
        case .horizon: return ("Zeit nach Abschluss", "Time after the close")
        case .held: return ("gehalten", "held")
        case .lost: return ("verloren", "lost")
        case .unknown: return ("unbekannt", "unknown")
        case .heldRate: return ("Quote", "Rate")
        case .schonfrist: return ("Schonfrist (§ 569 Abs. 3 Nr. 2 BGB)", "Schonfrist (§ 569 III no. 2 BGB)")
        case .schonfristEpisodes: return ("Abgeschlossene Fälle mit Schonfrist", "Closed cases with a Schonfrist")
        case .schonfristSecured: return ("davon Wohnung gesichert", "of which housing secured")
        case .schonfristBlocked: return ("davon Schonfrist gesperrt", "of which Schonfrist blocked")
        case .causes: return ("Ursachen", "Causes")
        case .cause: return ("Ursache", "Cause")
        case .causesNote:
            return ("Abgeschlossene Fälle je Ursache; ein Fall kann mehrere Ursachen haben.",
                    "Closed cases per cause; a case may have several causes.")
        case .referrals: return ("Weitervermittlung an Stellen", "Referrals by agency")
        case .agency: return ("Stelle", "Agency")
        case .made: return ("ver\u{AD}mittelt", "made")
        case .openReferrals: return ("offen am Ende", "open at the end")
        case .definitions: return ("Begriffe", "Definitions")
        case .defCases:
            return ("Fall: ein Beratungsverlauf von der Aufnahme (oder Wiederaufnahme) bis zum Abschluss; ein wieder aufgenommener Haushalt zählt als neuer Fall.",
                    "Case: one episode of work, from the opening (or a reopening) to the close; a household taken up again counts as a new case.")
        case .defPeriod:
            return ("Zeitraum: vom ersten bis zum letzten genannten Tag; Vorzeitraum: der gleich lange Zeitraum davor. Tage nach Berliner Zeit.",
                    "Period: from the first to the last day named; previous period: the period of the same length before it. Days in Berlin time.")
        case .defSuccess:
            return ("Erfolgsquote: Anteil der im Zeitraum abgeschlossenen Fälle, in denen die Wohnung gesichert wurde.",
                    "Success rate: the share of the cases closed in the period whose housing was secured.")
        case .defKnownOutcome:
            return ("Bei bekanntem Ausgang: gesichert / (gesichert + Wohnung verloren); Abbrüche, Umzüge u. Ä. zählen nicht.",
                    "Known outcomes: secured / (secured + housing lost); contact lost, moved away and the like do not count.")
        case .defDays:
            return ("Tage bis zur Sicherung: von der Aufnahme bis zum Tag, ab dem die Wohnung gesichert war; bis zur Analyse: bis zur ersten Situationsanalyse. Median: der mittlere Wert.",
                    "Days to housing secured: from the opening to the day the housing was secured; to analysis: to the first analysis. Median: the middle value.")
        case .defEmergencies:
            return ("Notunterbringungen: Unterbringungen in einer Notunterkunft, die im Zeitraum begannen.",
                    "Emergency accommodations: placements in emergency shelter that began in the period.")
        case .defReturns:
            return ("Wiederkehr: Anteil der gesicherten Fälle, die binnen 365 Tagen wieder aufgenommen wurden; nur Abschlüsse, die mindestens ein Jahr zurückliegen.",
                    "Returns: the share of secured cases taken up again within 365 days; only closes at least a year back are judged.")
        case .defOpen:
            return ("Offene Fälle: am ersten Tag nach dem Zeitraum (oder dem Monat) noch nicht abgeschlossen.",
                    "Open cases: not closed by the first day after the period (or the month).")
        case .defStage:
            return ("Stadium bei Aufnahme: wie weit die Wohnungsnot bei der ersten Analyse fortgeschritten war (vor der Kündigung, Kündigung, Räumungsklage, Räumungstermin).",
                    "Stage at intake: how far the threat had gone at the first analysis (before notice, notice, eviction suit, eviction date).")
        case .defTenancy:
            return ("Wohnung gehalten: bei gesicherten Fällen, ob der Haushalt 3, 6 und 12 Monate nach dem Abschluss noch in einer Wohnung lebte; Quote: gehalten / (gehalten + verloren). Nur Abschlüsse, die so lange zurückliegen.",
                    "Tenancy held: for secured cases, whether the household still had a home 3, 6 and 12 months after the close; rate: held / (held + lost). Only closes that long ago.")
        case .defSchonfrist:
            return ("Schonfrist: nach fristloser Kündigung wegen Mietschulden bleibt das Mietverhältnis bestehen, wenn die Rückstände binnen zwei Monaten nach Zustellung der Räumungsklage bezahlt oder übernommen werden; gesperrt, wenn dies in den zwei Jahren davor schon einmal geschah.",
                    "Schonfrist: after a termination without notice for rent arrears, the tenancy survives if the arrears are paid or assumed within two months of the eviction suit being served; blocked when that already happened in the two years before.")
        case .defCauses:
            return ("Ursachen: aus der letzten Situationsanalyse der im Zeitraum abgeschlossenen Fälle.",
                    "Causes: from the latest analysis of the cases closed in the period.")
        case .defReferrals:
            return ("Weitervermittlung: im Zeitraum vermittelt, im Zeitraum abgeschlossen (nach Ergebnis) und am Ende noch offen.",
                    "Referrals: made in the period, concluded in the period (by result) and still open at the end.")
        case .defSmallCells:
            return ("Kleine Fallzahlen: Zahlen von 1 bis %K1% werden als „<%K%“ gezeigt; Quoten, deren Zähler oder Nenner so klein ist, und Mediane über weniger als %K% Fälle gar nicht („–“ steht für: nichts zu berechnen). Damit sich eine verdeckte Zahl nicht aus Summen errechnen lässt, wird neben ihr mindestens eine weitere verdeckt, gleich wie groß, ebenfalls als „<%K%“: in derselben Tabelle und bei derselben Zahl eines anderen Stadtteils oder Monats.",
                    "Small counts: counts from 1 to %K1% read “<%K%”; rates whose numerator or denominator is that small, and medians of fewer than %K% cases, are not shown (“–” means: nothing to compute). So that a hidden count cannot be worked out from totals, at least one more is hidden beside it, also marked “<%K%” whatever its size: in the same table, and the same figure of another district or month.")
        }
    }

    /// The label with `%K%` and `%K1%` (K − 1) filled in.
    public static func text(_ label: Label, _ language: ReportLanguage, k: Int) -> String {
        text(label, language).replacingK(k)
    }
}

extension String {
    func replacingK(_ k: Int) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: "%K") {
            out += rest[..<r.lowerBound]
            rest = rest[r.upperBound...]
            if rest.hasPrefix("1%") {
                out += String(k - 1)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("%") {
                out += String(k)
                rest = rest.dropFirst()
            } else {
                out += "%K"
            }
        }
        return out + rest
    }
}
