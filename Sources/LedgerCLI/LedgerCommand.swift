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
                      correct, erase, show, caseload, check, checks-due,
                      restrict, lift
        Auditors:     history, show --known-at, export, verify, seal,
                      access-log, rebuild
        Analysts:     metrics, episodes, export --pseudonymous
        The office:   init, import, retention, backup

        show and history open personal fields and record that in the access
        log first (--no-personal opens nothing); see Docs/THREAT_MODEL.md.

        Global options, before or after the command:
          --ledger DIR   the ledger (default $LEDGER_DIR, else ./ledger)
          --actor NAME   who records (default $LEDGER_ACTOR, else the login name)

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
            ShowCommand.self, HistoryCommand.self, CaseloadCommand.self, MetricsCommand.self, EpisodesCommand.self,
            RebuildCommand.self, VerifyChainCommand.self,
            SealCommand.self, AccessLogCommand.self, RetentionCommand.self, BackupCommand.self,
        ]
    )

    /// ArgumentParser's `main(_:)`, but a vocabulary value it could not
    /// parse is reported as every other usage error of `ledger` is: one
    /// line naming the allowed values and the closest one, exit 64.
    static func main() {
        FaultSignals.install()  // a damaged file's SIGBUS: one line and exit 65, no crash report of memory
        let arguments = GlobalArgumentReorder.reorder(Array(CommandLine.arguments.dropFirst()))
        if arguments.isEmpty {
            print(helpMessage())
            return
        }
        let rejected = RejectedValue()
        do {
            var command = try RejectedValue.$current.withValue(rejected) { try parseAsRoot(arguments) }
            try command.run()
        } catch {
            if let vocabulary = rejected.error, exitCode(for: error) == .validationFailure {
                printError(vocabulary.description)
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }
}

/// Lets the global options come before the subcommand (`ledger --ledger DIR init`)
/// by moving them after it, where each subcommand declares them.
enum GlobalArgumentReorder {
    static let globals: Set<String> = ["--ledger", "--actor"]

    static func reorder(_ args: [String]) -> [String] {
        var moved: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if globals.contains(a), i + 1 < args.count {
                moved += [a, args[i + 1]]
                i += 2
            } else if let eq = a.firstIndex(of: "="), globals.contains(String(a[..<eq])) {
                moved.append(a)
                i += 1
            } else {
                break
            }
        }
        guard !moved.isEmpty, i < args.count else { return args }
        return [args[i]] + moved + Array(args[(i + 1)...])
    }
}
