import ArgumentParser
import Foundation
import Ledger

/// The `ledger` executable: parses, calls the Ledger library, formats.
@main
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "The case ledger of a homelessness-prevention office.",
        discussion: """
        Caseworkers:  open, contact, analyse, mediate, refer, conclude-referral,
                      follow-up, secure, accommodate, reassign, close, reopen,
                      correct, erase, show, caseload, caseworkers, check,
                      checks-due, restrict, lift
        Auditors:     history, show --known-at, export, verify, seal,
                      checkpoint, prove, access-log, rebuild
        Privacy:      find, subject-access, restrict, lift, erase
        Analysts:     metrics, episodes, report, export --pseudonymous
        The office:   init, import, retention, backup, follow, keygen

        show and history open personal fields and record that in the access
        log first (--no-personal opens nothing); see Docs/THREAT_MODEL.md.
        find and subject-access are recorded too (Docs/DATA_PROTECTION.md).

        Global options, before or after the command:
          --ledger DIR   the ledger (default $LEDGER_DIR, else ./ledger)
          --actor NAME   who records (default $LEDGER_ACTOR, else the login name)
          --lang en|de   language of tables and messages (default from LANG)
          --wide         never shorten or leave out table columns

        Dates: 2026-11-30 or 30.11.2026; times: 2026-11-30 10:00 or
        30.11.2026 10:00 in the ledger's time zone, or RFC 3339. Case ids in
        any case: lg-2026-42 is LG-2026-000042.

        Exit codes:
          0 done             64 usage (a wrong or missing option or value)
          65 data (a rule broken, a bad file)    66 no such case or ledger
          74 I/O (disk full, permissions)        75 conflict or busy: retry
          77 master key missing or wrong
        """,
        subcommands: [
            InitCommand.self, ImportCommand.self, ExportCommand.self,
            OpenCommand.self, ContactCommand.self, AnalyseCommand.self, MediateCommand.self, ReferCommand.self,
            ConcludeReferralCommand.self, FollowUpCommand.self, SecureCommand.self, AccommodateCommand.self,
            ReassignCommand.self, CloseCommand.self, ReopenCommand.self, CorrectCommand.self, EraseCommand.self,
            CheckCommand.self, ChecksDueCommand.self, RestrictCommand.self, LiftCommand.self,
            ShowCommand.self, HistoryCommand.self, CaseloadCommand.self, CaseworkersCommand.self, MetricsCommand.self,
            EpisodesCommand.self, ReportCommand.self,
            RebuildCommand.self, VerifyChainCommand.self,
            SealCommand.self, AccessLogCommand.self, RetentionCommand.self, BackupCommand.self,
            FindCommand.self, SubjectAccessCommand.self, FollowCommand.self,
            CheckpointCommand.self, ProveCommand.self, KeygenCommand.self,
        ]
    )

    /// ArgumentParser's `main(_:)`, but every error it would print is one
    /// line `ledger: error: ...` with exit 64 (the closest command, option or
    /// vocabulary value named), `ledger` alone prints the overview and exits
    /// 64, and `--version` prints the version.
    static func main() {
        FaultSignals.install()  // a damaged file's SIGBUS: one line and exit 65, no crash report of memory
        let environment = ProcessInfo.processInfo.environment
        let given = Array(CommandLine.arguments.dropFirst())
        let words = Words(language: Language.choose(option: GlobalArgumentReorder.language(in: given), environment: environment))
        let arguments = GlobalArgumentReorder.reorder(given)
        if arguments.isEmpty {
            print(helpMessage())
            fail(.noCommand, words)
        }
        if arguments.first == "--version" {
            print(LedgerVersion.text)
            return
        }
        let rejected = RejectedValue()
        var command: ParsableCommand
        do {
            command = try RejectedValue.$current.withValue(rejected) { try parseAsRoot(arguments) }
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            if let vocabulary = rejected.error { fail(.vocabulary(vocabulary), words) }
            fail(ArgumentDiagnosis.ofLedger().diagnose(arguments, error), words)
        }
        do {
            try command.run()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            if let desk = DeskError(error) { fail(desk, words) }
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(ArgumentDiagnosis.ofLedger().diagnose(arguments, error), words)
        }
    }

    /// Prints the error as one line in `words` and exits with its code.
    static func fail(_ error: DeskError, _ words: Words) -> Never {
        printError(words(.error(error)))
        exit(withError: ExitCode(error.exitCode))
    }
}

/// Lets the global options come before the subcommand (`ledger --ledger DIR init`)
/// by moving them after it, where each subcommand declares them.
enum GlobalArgumentReorder {
    /// The global options and whether each takes a value.
    static let globals: [String: Bool] = ["--ledger": true, "--actor": true, "--lang": true, "--wide": false]

    static func reorder(_ args: [String]) -> [String] {
        var moved: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if let takesValue = globals[a], !takesValue {
                moved.append(a)
                i += 1
            } else if globals[a] == true, i + 1 < args.count {
                moved += [a, args[i + 1]]
                i += 2
            } else if let eq = a.firstIndex(of: "="), globals[String(a[..<eq])] == true {
                moved.append(a)
                i += 1
            } else {
                break
            }
        }
        guard !moved.isEmpty, i < args.count else { return args }
        return [args[i]] + moved + Array(args[(i + 1)...])
    }

    /// The language `--lang` names anywhere on the line (for errors found before the command is parsed).
    static func language(in args: [String]) -> Language? {
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count { return Language(rawValue: args[i + 1]) }
            if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst(7))) }
        }
        return nil
    }
}
