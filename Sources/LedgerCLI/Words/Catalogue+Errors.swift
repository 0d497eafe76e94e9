import Ledger

/// The catalogue's error messages: every `DeskError` in English, the common
/// ones in German (the library's own words for the rest).
extension Catalogue {
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
