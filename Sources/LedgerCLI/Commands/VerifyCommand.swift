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
            var accessLog: AccessLogHead? = nil
            switch published {
            case .sealed(let sealed): checkpoint = sealed
            case .signed(let note):
                let signed = try ledger.checkedSignedCheckpoint(note, trusting: trusted)
                treeHead = signed.head
                accessLog = signed.accessLog
            case nil: break
            }
            let report = try ledger.verify(against: checkpoint, treeHead: treeHead, accessLog: accessLog)
            var extends = checkpoint.map { "; extends checkpoint \($0.position)" }
                ?? treeHead.map { "; extends the signed checkpoint of \($0.size) events (root \($0.root.hex))" } ?? ""
            if published != nil {
                extends += (checkpoint?.accessLog ?? accessLog).map { " and its access log of \(counted(Int($0.count), "entry", "entries"))" }
                    ?? " (the checkpoint carries no access-log head, an older form: the access log was not checked against it)"
            }
            print("verified \(counted(report.events, "event")) of \(counted(report.cases, "case")) and \(counted(report.accessLogEntries, "access-log entry", "access-log entries")); head \(Checkpoint(report.head))\(extends)")
        }
    }
}

struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Print the log's head and the access log's head as POSITION:HASH:ACCESSCOUNT:ACCESSHASH, a checkpoint to publish (appends nothing).",
        discussion: "Keep the line outside the office (a letter, the minutes of a meeting). Later 'ledger verify --against CHECKPOINT' shows that nothing up to that position was changed and that the access log still holds every entry up to ACCESSCOUNT; 'tools/verify-export FILE --against CHECKPOINT' checks the log part (an export carries no access log). A checkpoint of the older form POSITION:HASH still verifies, without its access log.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            print(try ledger.sealedCheckpoint().description)
        }
    }
}
