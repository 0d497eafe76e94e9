import ArgumentParser
import Foundation
import Ledger

struct VerifyChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every hash, the chain, the case index, every projection and the access log; exit 65 naming the first problem.",
        discussion: "Progress goes to standard error. --against checks that the log still extends a checkpoint published earlier: POSITION:HASH from 'ledger seal', or a file holding that or a signed checkpoint from 'ledger checkpoint' (its signature is checked with the ledger's verifier keys, or those in --verifier-key FILE; exit 65 when it does not match).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A published checkpoint the log must still extend: POSITION:HASH, or a file holding it or a signed checkpoint.") var against: String?
    @Option(help: "With a signed checkpoint: a file of the verifier keys to trust (default: the ledger's own).") var verifierKey: String?

    func run() throws {
        try runLedger {
            let published = try against.map { value throws(LedgerError) in try PublishedCheckpoint.read(value) }
            let trusted = try verifierKey.map { file throws(LedgerError) in try PublishedCheckpoint.verifierKeys(file: file) }
            var options = global.options()
            options.progress = TerminalProgress.ifTerminal() ?? LineProgress()
            let ledger = try Ledger.open(options)
            defer { ledger.close() }
            var checkpoint: Checkpoint? = nil
            var treeHead: TreeHead? = nil
            switch published {
            case .sealed(let sealed): checkpoint = sealed
            case .signed(let note): treeHead = try ledger.checkSignedCheckpoint(note, trusting: trusted)
            case nil: break
            }
            let report = try ledger.verify(against: checkpoint, treeHead: treeHead)
            let extends = checkpoint.map { "; extends checkpoint \($0.position)" }
                ?? treeHead.map { "; extends the signed checkpoint of \($0.size) events (root \($0.root.hex))" } ?? ""
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
