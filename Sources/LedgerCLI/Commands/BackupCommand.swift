import ArgumentParser
import Foundation
import Ledger

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the whole ledger, while others keep working, into a new folder and verify the copy.",
        discussion: "The copy is compacted and consistent (the log, projections, access log and configuration at one moment, then every key those events need). The master key is not copied unless --with-key: keep backups and the key apart, and restore the key from where the office keeps it ($\(MasterKey.environmentVariable)). Open the copy with 'ledger --ledger DEST ...'.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new (or empty) backup folder.") var destination: String
    @Flag(help: "Also copy the master key into the backup (then the backup alone opens personal data).") var withKey = false

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let report = try ledger.backup(to: destination, withKey: withKey)
            let v = report.verified
            print("backed up and verified \(counted(v.events, "event")) of \(counted(v.cases, "case")) and \(counted(v.accessLogEntries, "access-log entry", "access-log entries")) into \(report.destination); head \(Checkpoint(v.head))")
            if report.keyCopied {
                printNote("the master key was copied to \(report.keyFile): keep this backup as safe as the key itself")
            } else {
                printNote("the master key was not copied: to open personal data in this backup, set \(MasterKey.environmentVariable) to the office's key file (this ledger uses \(report.keyFile))")
            }
        }
    }
}
