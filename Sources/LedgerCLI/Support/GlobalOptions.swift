import ArgumentParser
import Foundation
import Ledger

/// Options every command takes: which ledger, and who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger folder (default: $LEDGER_DIR, else ./ledger).")
    var ledger: String?

    @Option(name: .long, help: "Who records this (default: $LEDGER_ACTOR, else the login name).")
    var actor: String?

    @Option(name: .long, help: "Language of tables and messages: en or de (default: from LC_ALL, LC_MESSAGES, LANG).")
    var lang: Language?

    @Flag(name: .long, help: "Never shorten or leave out table columns, whatever the terminal's width.")
    var wide = false

    /// The desk this command prints on: read once, here, from the options, the environment and the terminal.
    func desk() -> Desk {
        Desk.detect(wide: wide, language: lang, environment: ProcessInfo.processInfo.environment,
                    terminal: .standardOutput())
    }

    var directory: String { GlobalOptions.directory(ledger) }

    /// The ledger folder given by `--ledger`, else `$LEDGER_DIR`, else `./ledger`.
    static func directory(_ ledger: String?) -> String {
        if let ledger { return ledger }
        if let env = ProcessInfo.processInfo.environment["LEDGER_DIR"], !env.isEmpty { return env }
        return "./ledger"
    }

    var actorName: String {
        if let actor { return actor }
        let env = ProcessInfo.processInfo.environment
        if let a = env["LEDGER_ACTOR"], !a.isEmpty { return a }
        if let u = env["USER"] ?? env["LOGNAME"], !u.isEmpty { return u }
        return "unknown"
    }

    func options() -> LedgerOptions { GlobalOptions.options(directory) }

    /// Ledger options for a folder, with the environment's busy timeout, size limit and initial map size.
    static func options(_ directory: String) -> LedgerOptions {
        var options = LedgerOptions(directory: directory)
        options.progress = TerminalProgress.ifTerminal()
        if let timeout = ProcessInfo.processInfo.environment["LEDGER_BUSY_TIMEOUT"], let seconds = Double(timeout) {
            options.lockTimeout = seconds
        }
        if let max = ProcessInfo.processInfo.environment["LEDGER_MAX_SIZE_MB"], let mb = Int(max), mb > 0 {
            options.maxSize = mb << 20
        }
        if let initial = ProcessInfo.processInfo.environment["LEDGER_INITIAL_MAP_MB"], let mb = Int(initial), mb > 0 {
            options.initialMapSize = mb << 20
        }
        return options
    }

    func open() throws(LedgerError) -> Ledger { try Ledger.open(options()) }
}

/// Options of every action on a case.
struct ActionOptions: ParsableArguments {
    @Option(name: .long, help: "When it happened: 2026-11-25 10:30, 25.11.2026 10:30 (the ledger's time zone), a date alone (its end, or now if today), or RFC 3339 (default: now).")
    var occurredAt: String?

    @Option(name: .long, parsing: .unconditional, help: "Fail with exit 75 unless the case is at this version (optimistic concurrency).")
    var expectVersion: UInt32?

    /// Who, when (typed as people type it, in the ledger's time zone) and the version expected.
    func context(_ global: GlobalOptions, in ledger: Ledger) throws -> CommandContext {
        CommandContext(actor: global.actorName, occurredAt: try occurredAt.map { try time($0, "--occurred-at", in: ledger) },
                       expectVersion: expectVersion)
    }

    /// The same with `--occurred-at` in RFC 3339 only (before the ledger, and so its zone, is open).
    func context(_ global: GlobalOptions) throws(LedgerError) -> CommandContext {
        var occurred: Timestamp? = nil
        if let text = occurredAt {
            guard let t = Timestamp(text) else {
                throw .usage("--occurred-at '\(text)' is not a date and time like 2026-11-25T10:30:00Z or 2026-11-25T10:30:00+01:00")
            }
            occurred = t
        }
        return CommandContext(actor: global.actorName, occurredAt: occurred, expectVersion: expectVersion)
    }
}

/// How read commands print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// How commands whose output is a list print: as `OutputFormat`, or as
/// NDJSON (one compact JSON object per line, the same objects as `json`'s array).
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, ndjson
}
