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
/// it is written; `Words` falls back to English.
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

    static func englishLabel(_ label: Label) -> String {
        switch label {
        case .caseID: return "case"
        case .phase: return "phase"
        case .stage: return "stage"
        case .district: return "district"
        case .caseworker: return "caseworker"
        case .opened: return "opened"
        case .lastContact: return "last contact"
        case .days: return "days"
        case .nextFollowUp: return "next follow-up"
        case .nextDeadline: return "next deadline"
        case .flags: return "flags"
        case .version: return "version"
        case .versionShort: return "v"
        case .position: return "position"
        case .occurred: return "occurred"
        case .type: return "type"
        case .actor: return "actor"
        case .details: return "details"
        case .corrected: return "corrected"
        case .personal: return "personal"
        case .openCases: return "open cases"
        case .urgent: return "urgent"
        case .overdue: return "overdue"
        case .episodes: return "episodes"
        case .closed: return "closed"
        case .horizon: return "horizon"
        case .due: return "due"
        case .reason: return "reason"
        case .source: return "source"
        case .household: return "household"
        case .episode: return "episode"
        case .episodeStart: return "episode start"
        case .analysis: return "analysis"
        case .schonfrist: return "schonfrist"
        case .restricted: return "restricted"
        case .housingSecured: return "housing secured"
        case .openReferrals: return "open referrals"
        case .openFollowUps: return "open follow-ups"
        case .name: return "name"
        case .birthDate: return "birth date"
        case .address: return "address"
        case .phone: return "phone"
        case .at: return "at"
        case .command: return "command"
        case .cases: return "cases"
        case .fields: return "fields"
        case .purpose: return "purpose"
        }
    }

    static func germanLabel(_ label: Label) -> String {
        switch label {
        case .caseID: return "Fall"
        case .phase: return "Phase"
        case .stage: return "Stufe"
        case .district: return "Stadtteil"
        case .caseworker: return "Fachkraft"
        case .opened: return "eröffnet"
        case .lastContact: return "letzter Kontakt"
        case .days: return "Tage"
        case .nextFollowUp: return "Wiedervorlage"
        case .nextDeadline: return "nächste Frist"
        case .flags: return "Hinweise"
        case .version: return "Version"
        case .versionShort: return "V"
        case .position: return "Position"
        case .occurred: return "geschehen"
        case .type: return "Art"
        case .actor: return "erfasst von"
        case .details: return "Einzelheiten"
        case .corrected: return "korrigiert"
        case .personal: return "persönlich"
        case .openCases: return "offene Fälle"
        case .urgent: return "dringend"
        case .overdue: return "überfällig"
        case .episodes: return "Episoden"
        case .closed: return "abgeschlossen"
        case .horizon: return "Zeitpunkt"
        case .due: return "fällig"
        case .reason: return "Grund"
        case .source: return "Zugang"
        case .household: return "Haushalt"
        case .episode: return "Episode"
        case .episodeStart: return "Episodenbeginn"
        case .analysis: return "Analyse"
        case .schonfrist: return "Schonfrist"
        case .restricted: return "eingeschränkt"
        case .housingSecured: return "Wohnung gesichert"
        case .openReferrals: return "offene Vermittlungen"
        case .openFollowUps: return "offene Wiedervorlagen"
        case .name: return "Name"
        case .birthDate: return "Geburtsdatum"
        case .address: return "Anschrift"
        case .phone: return "Telefon"
        case .at: return "am"
        case .command: return "Befehl"
        case .cases: return "Fälle"
        case .fields: return "Felder"
        case .purpose: return "Zweck"
        }
    }

    static func englishError(_ error: DeskError) -> String {
        switch error {
        case .ledger(let e): return e.description
        case .vocabulary(let e): return e.description
        case .noCommand: return "no command given; 'ledger --help' lists every command"
        case .unknownCommand(let word, let suggestion):
            return "unknown command '\(word.prefix(40))'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " ('ledger --help' lists every command)"
        case .unknownOption(let option, let command, let suggestion):
            return "unknown option '\(option.prefix(40))' for '\(command)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " (see 'ledger \(command) --help')"
        case .argument(let message, let help, let command):
            return message + (help.map { " (\($0))" } ?? "") + "; see 'ledger \(command.map { $0 + " " } ?? "")--help'"
        case .notADate(let option, let text, let withTime):
            return "\(option) '\(text.prefix(40))' is not a date" + (withTime ? " or time" : "") + " like "
                + (withTime ? "2026-11-30, 2026-11-30 10:00, 30.11.2026 10:00 or 2026-11-30T10:00:00+01:00"
                            : "2026-11-30 or 30.11.2026")
        case .notARealDate(let option, let text):
            return "\(option) '\(text.prefix(40))' is not a real date (no such day in the calendar)"
        case .skippedTime(let option, let text, let zone):
            return "\(option) '\(text.prefix(40))' never happened in \(zone): the clocks went forward over it; type the time after the change"
        case .unknownCaseworker(let name, let option, let suggestion, let mayBeNew):
            return "\(option) '\(name.prefix(40))' is no caseworker this ledger knows"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " ('ledger caseworkers' lists them" + (mayBeNew ? "; add --new-caseworker if the name is meant" : "") + ")"
        case .expectVersionOnOpen:
            return "--expect-version goes with an existing case; 'open' makes a new one, which has no version yet"
        case .badLimit(let text): return "--limit '\(text.prefix(20))' must be a whole number from 1"
        }
    }

    static func germanError(_ error: DeskError) -> String? {
        switch error {
        case .ledger(let e): return germanLedgerError(e)
        case .vocabulary(let e):
            return "unbekannter Wert '\(e.value.prefix(40))' für \(e.field)" + (e.suggestion.map { "; meinten Sie '\($0)'?" } ?? "")
                + " (erlaubt: \(e.allowed.joined(separator: ", ")))"
        case .noCommand: return "kein Befehl angegeben; 'ledger --help' listet alle Befehle"
        case .unknownCommand(let word, let suggestion):
            return "unbekannter Befehl '\(word.prefix(40))'" + (suggestion.map { "; meinten Sie '\($0)'?" } ?? "")
                + " ('ledger --help' listet alle Befehle)"
        case .unknownOption(let option, let command, let suggestion):
            return "unbekannte Option '\(option.prefix(40))' für '\(command)'" + (suggestion.map { "; meinten Sie '\($0)'?" } ?? "")
                + " (siehe 'ledger \(command) --help')"
        case .argument: return nil
        case .notADate(let option, let text, let withTime):
            return "\(option) '\(text.prefix(40))' ist kein Datum" + (withTime ? " und keine Uhrzeit" : "") + " wie "
                + (withTime ? "30.11.2026, 30.11.2026 10:00 oder 2026-11-30 10:00" : "30.11.2026 oder 2026-11-30")
        case .notARealDate(let option, let text):
            return "\(option) '\(text.prefix(40))' ist kein gültiges Datum (diesen Tag gibt es im Kalender nicht)"
        case .skippedTime(let option, let text, let zone):
            return "\(option) '\(text.prefix(40))' gab es in \(zone) nicht: die Uhren wurden darüber vorgestellt; bitte die Zeit nach der Umstellung angeben"
        case .unknownCaseworker(let name, let option, let suggestion, let mayBeNew):
            return "\(option) '\(name.prefix(40))' ist keine Fachkraft, die dieses Ledger kennt"
                + (suggestion.map { "; meinten Sie '\($0)'?" } ?? "")
                + " ('ledger caseworkers' listet sie" + (mayBeNew ? "; --new-caseworker, wenn der Name neu ist" : "") + ")"
        case .expectVersionOnOpen:
            return "--expect-version gehört zu einem bestehenden Fall; 'open' legt einen neuen an, der noch keine Version hat"
        case .badLimit(let text): return "--limit '\(text.prefix(20))' muss eine ganze Zahl ab 1 sein"
        }
    }

    /// The library's common errors in German; the rest stay as the library words them.
    static func germanLedgerError(_ error: LedgerError) -> String? {
        switch error {
        case .unknownCase(let id): return "unbekannter Fall \(id.prefix(40)): kein Fall mit dieser Nummer in diesem Ledger"
        case .ruleBroken(let violation):
            let text: String
            switch violation.rule {
            case .caseMustBeOpen: text = "der Fall ist abgeschlossen: nur Wiederaufnahme, Korrektur, Löschung, Nachfrage und Einschränkung sind möglich"
            case .caseErased: text = "der Fall ist gelöscht: nur Korrekturen nicht persönlicher Angaben sind möglich"
            case .caseRestricted: text = "die Verarbeitung ist eingeschränkt (Art. 18 DSGVO): die Fallarbeit ruht, bis die Einschränkung aufgehoben ist"
            case .caseMustBeClosed: text = "der Fall ist offen: erst abschließen"
            case .futureTime: text = "der Zeitpunkt liegt in der Zukunft"
            default: return nil
            }
            return "\(violation.caseID): \(text) (Regel \(violation.rule.rawValue))"
        case .atLine(let file, let line, let inner): return germanLedgerError(inner).map { "\(file):\(line): \($0)" }
        default: return nil
        }
    }
}
