import ArgumentParser
import Foundation
import Ledger

struct VerifyChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every hash, the chain, the case index, every projection and the access log; exit 65 naming the first problem.",
        discussion: "Progress goes to standard error. --against checks that the log still extends a checkpoint printed earlier by 'ledger seal'.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A published checkpoint POSITION:HASH (from 'ledger seal') the log must still extend.") var against: String?

    func run() throws {
        try runLedger {
            var checkpoint: Checkpoint? = nil
            if let against {
                guard let parsed = Checkpoint(against) else {
                    throw LedgerError.usage("--against must be POSITION:HASH (a number, a colon, 64 hex digits), as 'ledger seal' prints it")
                }
                checkpoint = parsed
            }
            var options = global.options()
            options.progress = TerminalProgress.ifTerminal() ?? LineProgress()
            let ledger = try Ledger.open(options)
            defer { ledger.close() }
            let report = try ledger.verify(against: checkpoint)
            let extends = checkpoint.map { "; extends checkpoint \($0.position)" } ?? ""
            print("verified \(counted(report.events, "event")) of \(counted(report.cases, "case")) and \(counted(report.accessLogEntries, "access-log entry", "access-log entries")); head \(Checkpoint(report.head))\(extends)")
        }
    }
}

struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Print the log's head as POSITION:HASH, a checkpoint to publish (appends nothing).",
        discussion: "Keep the line outside the office (a letter, the minutes of a meeting). Later 'ledger verify --against POSITION:HASH' or 'tools/verify-export FILE --against POSITION:HASH' shows that nothing up to that position was changed.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            print(Checkpoint(try ledger.head()).description)
        }
    }
}
