import Ledger

/// Everything the desk says in words: labels, vocabulary shown in tables,
/// summaries and errors. Said by `Words` in the reader's language.
enum Phrase: Sendable {
    case label(Label)
    case phase(Phase)
    case stage(Stage)
    case flag(CaseFlag)
    case deadline(DeadlineKind)
    case yes, no, nothing, restrictedWaits
    case caseloadTitle(day: LocalDate, caseworker: String?, count: Int)
    case shownOf(shown: Int, total: Int)
    case openCasesByDistrict(String)
    case openCasesByPhase(String)
    case noOpenCases
    case hiddenColumns([String])
    case household(adults: Int, children: Int)
    case historyTitle(caseID: String, events: Int, zone: String)
    case checksDueTitle(day: LocalDate, caseworker: String?, count: Int)
    case caseworkersTitle(count: Int)
    case actorIsNoFilter
    case error(DeskError)
}

/// The one catalogue of the desk's words: English for every phrase (the
/// switch is exhaustive, so a new phrase cannot lack it) and German where
/// it is written; `Words` falls back to English. Labels are in
/// Catalogue+Labels.swift, error messages in Catalogue+Errors.swift.
enum Catalogue {
    static func english(_ phrase: Phrase) -> String {
        switch phrase {
        case .label(let label): return englishLabel(label)
        case .phase(let phase): return phase.rawValue
        case .stage(let stage): return stage.rawValue
        case .flag(.urgent): return "URGENT"
        case .flag(.overdue): return "overdue"
        case .flag(.restricted): return "restricted"
        case .flag(.schonfristBlocked): return "Schonfrist-blocked"
        case .deadline(.eviction): return "eviction"
        case .deadline(.schonfrist): return "Schonfrist"
        case .yes: return "yes"
        case .no: return "no"
        case .nothing: return "none"
        case .restrictedWaits: return "yes: casework waits until the restriction is lifted"
        case .caseloadTitle(let day, let caseworker, let count):
            return "Caseload on \(day)\(caseworker.map { " for \($0)" } ?? ""): \(count) open \(count == 1 ? "case" : "cases")"
        case .shownOf(let shown, let total): return "(the first \(shown) of \(total) shown)"
        case .openCasesByDistrict(let list): return "Open cases by district: \(list)"
        case .openCasesByPhase(let list): return "Open cases by phase: \(list)"
        case .noOpenCases: return "No open cases."
        case .hiddenColumns(let names):
            return "(left out to fit the terminal: \(names.joined(separator: ", ")); --wide shows every column)"
        case .household(let adults, let children):
            return "\(adults) \(adults == 1 ? "adult" : "adults"), \(children) \(children == 1 ? "child" : "children")"
        case .historyTitle(let id, let events, let zone):
            return "History of \(id): \(events) \(events == 1 ? "event" : "events") (times in \(zone))"
        case .checksDueTitle(let day, let caseworker, let count):
            return "Checks due on \(day)\(caseworker.map { " for \($0)" } ?? ""): \(count)"
        case .caseworkersTitle(let count): return "\(count) \(count == 1 ? "caseworker" : "caseworkers") in this ledger"
        case .actorIsNoFilter:
            return "--actor names who reads, and reading the access log is not recorded; filter entries with --accessed-by NAME"
        case .error(let error): return englishError(error)
        }
    }

    static func german(_ phrase: Phrase) -> String? {
        switch phrase {
        case .label(let label): return germanLabel(label)
        case .phase(.intake): return "Aufnahme"
        case .phase(.active): return "in Arbeit"
        case .phase(.secured): return "gesichert"
        case .phase(.closed): return "abgeschlossen"
        case .phase(.erased): return "gelöscht"
        case .stage(.beforeNotice): return "vor Kündigung"
        case .stage(.notice): return "Kündigung"
        case .stage(.suit): return "Räumungsklage"
        case .stage(.evictionSet): return "Räumungstermin"
        case .stage(.unknown): return "unbekannt"
        case .flag(.urgent): return "DRINGEND"
        case .flag(.overdue): return "überfällig"
        case .flag(.restricted): return "eingeschränkt"
        case .flag(.schonfristBlocked): return "Schonfrist-gesperrt"
        case .deadline(.eviction): return "Räumung"
        case .deadline(.schonfrist): return "Schonfrist"
        case .yes: return "ja"
        case .no: return "nein"
        case .nothing: return "keine"
        case .restrictedWaits: return "ja: die Fallarbeit ruht, bis die Einschränkung aufgehoben ist"
        case .caseloadTitle(let day, let caseworker, let count):
            return "Fälle am \(germanDate(day))\(caseworker.map { " für \($0)" } ?? ""): \(count) \(count == 1 ? "offener Fall" : "offene Fälle")"
        case .shownOf(let shown, let total): return "(die ersten \(shown) von \(total))"
        case .openCasesByDistrict(let list): return "Offene Fälle nach Stadtteil: \(list)"
        case .openCasesByPhase(let list): return "Offene Fälle nach Phase: \(list)"
        case .noOpenCases: return "Keine offenen Fälle."
        case .hiddenColumns(let names):
            return "(für die Breite des Terminals ausgelassen: \(names.joined(separator: ", ")); --wide zeigt alle Spalten)"
        case .household(let adults, let children):
            return "\(adults) \(adults == 1 ? "Erwachsene(r)" : "Erwachsene"), \(children) \(children == 1 ? "Kind" : "Kinder")"
        case .historyTitle(let id, let events, let zone):
            return "Verlauf von \(id): \(events) \(events == 1 ? "Eintrag" : "Einträge") (Zeiten in \(zone))"
        case .checksDueTitle(let day, let caseworker, let count):
            return "Fällige Nachfragen am \(germanDate(day))\(caseworker.map { " für \($0)" } ?? ""): \(count)"
        case .caseworkersTitle(let count): return "\(count) \(count == 1 ? "Fachkraft" : "Fachkräfte") in diesem Ledger"
        case .actorIsNoFilter:
            return "--actor nennt, wer liest, und Lesen des Zugriffsprotokolls wird nicht protokolliert; filtern mit --accessed-by NAME"
        case .error(let error): return germanError(error)
        }
    }

    static func germanDate(_ d: LocalDate) -> String {
        let (y, m, day) = d.components
        return "\(LocalDate.pad(day, 2)).\(LocalDate.pad(m, 2)).\(LocalDate.pad(y, 4))"
    }
}
