import ArgumentParser
import Foundation
import Ledger

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new, empty ledger, its master key and its checkpoint signing key.",
        discussion: "The master key is written to master.key (mode 0600) in the ledger folder, or to $LEDGER_KEY_FILE. Keep a copy somewhere safe: without it no personal field can be opened. The checkpoint signing key goes beside it (signing.key, or $LEDGER_SIGNING_KEY_FILE); 'ledger checkpoint --verifier-key' prints its public half.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Case id prefix of the office.") var prefix = "LG"
    @Option(help: "Comma-separated district list (default: Lüneburg's 16 districts).") var districts: String?
    @Option(help: "The ledger's time zone for day-level figures.") var timeZone = LedgerTimeZone.defaultIdentifier
    @Option(help: "Years after closing that a case is due for erasure.") var retentionYears = LedgerConfig.defaultRetentionYears
    @Option(help: "The log's name in its signed checkpoints (default ledger.example/PREFIX).") var origin: String?
    @Option(help: "Who may act: any (a name given with --actor) or login (only the account's login name: for production).")
    var actors: ActorPolicy = .any

    func run() throws {
        try runLedger {
            var config = LedgerConfig(prefix: prefix, timeZone: timeZone, retentionYears: retentionYears, origin: origin)
            if actors == .login { config.actors = .login }
            if let districts { config.districts = districts.split(separator: ",").map { String($0) } }
            let ledger = try Ledger.create(global.options(), config: config)
            defer { ledger.close() }
            print("initialised ledger at \(global.directory) (prefix \(config.prefix), \(config.districts.count) districts, \(config.timeZone))")
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Append every event of an NDJSON file, all or nothing.",
        discussion: "Reports the first bad line as FILE:LINE: reason and writes nothing. '-' reads standard input. Lines at positions this ledger already holds must be those very events (hashes checked) and are not added again. --stream reads input that does not end (ledger follow): it commits what has arrived whenever the input pauses and at least every second, each batch all or nothing; a bad line ends it with nothing of its batch written.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The NDJSON file, or - for standard input.") var file: String
    @Flag(help: "Read a stream that does not end, committing in batches until it ends or SIGINT/SIGTERM.") var stream = false

    func run() throws {
        try runLedger {
            let signals = stream ? try StopOnSignals() : nil
            let ledger = try global.open()
            defer { ledger.close() }
            let summary = try signals.map { signals throws(LedgerError) in try ledger.importStream(path: file, stop: signals.stop) }
                ?? ledger.importNDJSON(path: file)
            print(summary.line)
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the whole log as NDJSON in position order.",
        discussion: "By default personal fields stay sealed and every hash can be checked (tools/verify-export). --pseudonymous writes null for them (for analysts); --reveal opens them (auditors holding the key) and is first recorded in the access log, covering the log as it stands at that moment.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Flag(help: "Write null for every sealed field (no personal data; the chain cannot be checked).") var pseudonymous = false
    @Flag(help: "Open sealed fields in place (needs the master key; recorded in the access log).") var reveal = false
    @Option(help: "With --reveal: why (required; default: $LEDGER_PURPOSE; recorded in the access log; not personal).") var purpose: String?
    @Option(help: "Only the events after this position (POSITION, or POSITION:HASH as 'ledger seal' prints it: then it must be this log's hash there).")
    var since: String?

    func validate() throws {
        if pseudonymous && reveal { throw ValidationError("--pseudonymous and --reveal exclude each other") }
        _ = try feedStart(since)
        if purpose != nil && !reveal { throw ValidationError("--purpose goes with --reveal (only a reveal is recorded)") }
    }

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let sink = try out.map { path throws(LedgerError) in try OutputSink(path: path) } ?? OutputSink()
            let mode: ExportMode = pseudonymous ? .pseudonymous
                : reveal ? .revealed(AccessRequest(actor: global.actorName, command: "export --reveal", purpose: try RevealPurpose.required(purpose)))
                : .sealed
            let count = try ledger.export(to: sink, mode: mode, after: try feedStart(since))
            if out != nil { printNote("exported \(counted(count, "event")) to \(sink.name)") }
        }
    }
}

struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Drop every projection and rebuild it from the log alone.",
        discussion: "The blind name index of 'find' is rebuilt too, from the sealed persons whose case keys the vault holds (it needs the master key; without it the index is left as it was).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let start = Date()
            let count = try ledger.rebuildProjections()
            let seconds = Date().timeIntervalSince(start)
            print("rebuilt projections from \(counted(count, "event")) in \(String(format: "%.2f", seconds)) s")
            try NameIndexText.rebuild(ledger)
        }
    }
}

extension ActorPolicy: ExpressibleByArgument {}
