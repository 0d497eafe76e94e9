import ArgumentParser
import Foundation
import Ledger

struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow", abstract: "Write the log as NDJSON as it grows, like tail -f (a live feed).",
        discussion: """
        Writes every event after --since (the whole log without it), then each new event as soon as it is committed, and keeps running until SIGINT or SIGTERM, or until the program reading its output goes away; then it ends after a whole line, with exit 0. It waits for commits without polling the disk in a busy loop (inotify on the data file). Personal fields stay sealed (a standby imports the stream: 'ledger follow | ssh standby ledger import --stream -'); --pseudonymous writes null for them, for a warehouse ('ledger follow --pseudonymous | kcat -P ...'). See Docs/ANALYSTS.md.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Start after this position (POSITION, or POSITION:HASH as 'ledger seal' prints it on the receiving ledger: then it must be this log's hash there).")
    var since: String?
    @Flag(help: "Write null for every sealed field and free text (no personal data; the chain cannot be checked).")
    var pseudonymous = false

    func validate() throws { _ = try feedStart(since) }

    func run() throws {
        try runLedger {
            // A closed pipe must end the feed cleanly (EPIPE), not kill it.
            signal(SIGPIPE, SIG_IGN)
            let signals = try StopOnSignals()
            let ledger = try global.open()
            defer { ledger.close() }
            let ending = try ledger.follow(pseudonymous ? .pseudonymous : .sealed, after: try feedStart(since),
                                           to: FeedOutput(stop: signals.stop), stop: signals.stop)
            let why = ending.reason == .stopped ? "stopped" : "the reader closed the pipe"
            printNote("follow ended at position \(ending.position) (\(ending.events) event\(ending.events == 1 ? "" : "s") written; \(why))")
        }
    }
}
