import ArgumentParser
import Foundation
import Ledger

/// Runs one action and prints what was recorded.
func perform(_ global: GlobalOptions, _ action: ActionOptions, _ makeCommand: () throws -> CaseCommand,
             report: (Event) -> String = { "\($0.caseID) version \($0.version): \($0.type.rawValue)" }) throws {
    try perform(global, action, checking: { _ in }, makeCommand, report: report)
}

/// Runs one action, first checking what needs the open ledger (known
/// caseworkers, the configured districts), and prints what was recorded.
func perform(_ global: GlobalOptions, _ action: ActionOptions, checking check: (Ledger) throws -> Void,
             _ makeCommand: () throws -> CaseCommand, report: (Event) -> String) throws {
    try runLedger(global) { _ in
        let command = try makeCommand()
        let ledger = try global.open()
        defer { ledger.close() }
        try check(ledger)
        let context = try action.context(global, in: ledger)
        let event = try ledger.execute(command, context: context)
        print(report(event))
    }
}

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open a new case; prints its case id.",
        discussion: """
        Districts: as configured at init (default: Lüneburg's). The caseworker must be one the ledger \
        knows ('ledger caseworkers') or the actor; --new-caseworker accepts a name new to the ledger.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Option(help: "The household's district.", completion: .custom(Completions.districts)) var district: String
    @Option(help: "How the case came to the office.") var source: Source
    @Option(parsing: .unconditional, help: "Adults in the household (1 to 30).") var adults: Int
    @Option(parsing: .unconditional, help: "Children in the household (0 to 30).") var children: Int
    @Option(help: "The caseworker in charge.", completion: .custom(Completions.caseworkers)) var caseworker: String
    @Flag(help: "The caseworker is new to this ledger (else an unknown name is refused as a typo).") var newCaseworker = false
    @Option(help: "Name (personal: sealed).") var name: String
    @Option(help: "Birth date: 1980-02-03 or 03.02.1980 (personal: sealed).") var birthDate: String
    @Option(help: "Address (personal: sealed).") var address: String
    @Option(help: "Phone (personal: sealed).") var phone: String

    func run() throws {
        try perform(global, action, checking: { ledger in
            if action.expectVersion != nil { throw DeskError.expectVersionOnOpen }
            try KnownDistricts.check(district, in: ledger)
            try KnownCaseworkers.check(caseworker, option: "--caseworker", in: ledger, actor: global.actorName,
                                       isNew: newCaseworker)
        }, {
            .open(district: district, source: source, household: Household(adults: adults, children: children),
                  caseworker: caseworker,
                  person: PersonInput(name: name, birthDate: try date(birthDate, "--birth-date"), address: address, phone: phone))
        }, report: { "\($0.caseID)" })
    }
}

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contact", abstract: "Record a contact with the household.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "How the office and the household were in touch.") var channel: Channel
    @Option(help: "A note (personal: sealed).") var note: String?

    func run() throws {
        try perform(global, action) { .contact(try ledgerCaseID(caseID), channel: channel, note: note) }
    }
}

struct AnalyseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse", abstract: "Record an analysis of the household's situation.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "What put the home at risk, comma-separated.") var causes: VocabularyList<Cause>
    @Option(help: "How near the household is to losing its home.") var risk: Risk
    @Option(help: "Date of a scheduled eviction: 2026-12-01 or 01.12.2026.") var evictionDate: String?
    @Option(help: "Arrears in euros (2400, 2400.50 or 2400,50).") var arrears: String?
    @Option(help: "A note (personal: sealed).") var note: String?
    @Option(help: "The date the landlord's termination notice reached the household: 2026-10-01 or 01.10.2026.") var noticeDate: String?
    @Option(help: "Which termination (with --notice-date).") var noticeKind: NoticeKind?
    @Option(help: "The date the eviction suit was served on the household: 2026-11-20 or 20.11.2026 (starts the two-month Schonfrist).")
    var suitDate: String?

    func run() throws {
        try perform(global, action) {
            .analyse(try ledgerCaseID(caseID), causes: causes.values, risk: risk,
                     evictionDate: try evictionDate.map { try date($0, "--eviction-date") },
                     arrearsCents: try arrears.map { try Money.cents(fromEuros: $0) }, note: note,
                     tenancy: TenancyDatesInput(noticeDate: try noticeDate.map { try date($0, "--notice-date") },
                                                noticeKind: noticeKind,
                                                suitDate: try suitDate.map { try date($0, "--suit-date") }))
        }
    }
}

struct MediateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mediate", abstract: "Record a mediation with a landlord, utility or other party.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "Who the office mediated with.") var party: Party
    @Option(help: "What the mediation came to.") var outcome: MediationOutcome
    @Option(help: "Amount in euros (2400, 2400.50 or 2400,50).") var amount: String?
    @Option(help: "A note (personal: sealed).") var note: String?

    func run() throws {
        try perform(global, action) {
            .mediate(try ledgerCaseID(caseID), party: party, outcome: outcome,
                     amountCents: try amount.map { try Money.cents(fromEuros: $0) }, note: note)
        }
    }
}

struct ReferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refer", abstract: "Refer the household to another agency; prints the referral's number.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "The agency the household is referred to.") var agency: Agency
    @Option(help: "A note (personal: sealed).") var note: String?

    func run() throws {
        try perform(global, action, { .refer(try ledgerCaseID(caseID), agency: agency, note: note) },
                    report: { event in
                        if case .referralMade(let m) = event.payload { return "referral \(m.referral)" }
                        return "\(event.caseID) version \(event.version)"
                    })
    }
}

struct ConcludeReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conclude-referral", abstract: "Record the result of a referral.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(parsing: .unconditional, help: "The referral's number.") var referral: Int
    @Option(help: "What came of the referral.") var result: ReferralResult

    func run() throws {
        try perform(global, action) { .concludeReferral(try ledgerCaseID(caseID), referral: referral, result: result) }
    }
}

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "follow-up", abstract: "Schedule a follow-up.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "Due date: 2026-12-10 or 10.12.2026.") var due: String
    @Option(help: "What it is for (not personal).") var purpose: String

    func run() throws {
        try perform(global, action) { .followUp(try ledgerCaseID(caseID), due: try date(due, "--due"), purpose: purpose) }
    }
}

struct SecureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secure", abstract: "Record that housing was secured.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "How the household is housed now.") var kind: HousingKind
    @Option(help: "Effective date: 2026-12-01 or 01.12.2026.") var effective: String

    func run() throws {
        try perform(global, action) {
            .secure(try ledgerCaseID(caseID), kind: kind, effective: try date(effective, "--effective"))
        }
    }
}

struct AccommodateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accommodate", abstract: "Record a placement in emergency accommodation (the home was lost).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "Effective date: 2026-12-01 or 01.12.2026.") var effective: String
    @Option(help: "The shelter (personal: sealed).") var place: String

    func run() throws {
        try perform(global, action) {
            .accommodate(try ledgerCaseID(caseID), effective: try date(effective, "--effective"), place: place)
        }
    }
}

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reassign", abstract: "Hand the case to another caseworker.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "The new caseworker.", completion: .custom(Completions.caseworkers)) var caseworker: String
    @Flag(help: "The caseworker is new to this ledger (else an unknown name is refused as a typo).") var newCaseworker = false

    func run() throws {
        try perform(global, action, checking: { ledger in
            try KnownCaseworkers.check(caseworker, option: "--caseworker", in: ledger, actor: global.actorName,
                                       isNew: newCaseworker)
        }, { .reassign(try ledgerCaseID(caseID), caseworker: caseworker) },
        report: { "\($0.caseID) version \($0.version): \($0.type.rawValue)" })
    }
}

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close the case's episode.",
        discussion: "housing_secured needs a recorded 'secure' in the episode.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "Why the episode ends.") var reason: CloseReason

    func run() throws {
        try perform(global, action) { .close(try ledgerCaseID(caseID), reason: reason) }
    }
}

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed case (a new episode).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "Why (free text, not personal).") var reason: String

    func run() throws {
        try perform(global, action) { .reopen(try ledgerCaseID(caseID), reason: reason) }
    }
}

struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", abstract: "Void or amend an earlier event of the case (both stay in the history).",
        discussion: "--amend takes wire field names: risk=acute, causes=rent_arrears,health, eviction_date=2026-12-01 (- removes it), arrears=2400,50, household.adults=2, person.phone=0151..., note=... A name the event's type does not have is refused with the closest one and the list.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(parsing: .unconditional, help: "The version to correct.") var version: Int
    @Flag(help: "Void the event: every projection ignores it.") var void = false
    @Option(parsing: .upToNextOption, help: "FIELD=VALUE edits; the event then counts with the amended payload.") var amend: [String] = []
    @Option(help: "Why (required).") var reason: String

    func validate() throws {
        if void == !amend.isEmpty { throw ValidationError("give exactly one of --void or --amend FIELD=VALUE ...") }
    }

    func run() throws {
        try perform(global, action) {
            let change: CorrectionChange
            if void {
                change = .void
            } else {
                change = .amend(try amend.map { edit in
                    guard let eq = edit.firstIndex(of: "=") else { throw LedgerError.usage("--amend '\(edit.prefix(40))' is not FIELD=VALUE") }
                    return (String(edit[..<eq]), String(edit[edit.index(after: eq)...]))
                })
            }
            return .correct(try ledgerCaseID(caseID), target: version, change: change, reason: reason)
        }
    }
}

struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase", abstract: "Erase a closed case's personal data for good (its key is destroyed).",
        discussion: "Statistics are unchanged.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "The case id.", completion: .custom(Completions.openCases)) var caseID: String
    @Option(help: "Why the personal data is erased.") var reason: ErasureReason

    func run() throws {
        try perform(global, action) { .erase(try ledgerCaseID(caseID), reason: reason) }
    }
}
