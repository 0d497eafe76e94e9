import ArgumentParser
import Foundation
import Ledger

/// Runs a command body on the desk `global` describes (its terminal, width,
/// colour and language, read once here), turning every error into one line
/// on standard error in the desk's words and the exit code of README.md.
func runLedger(_ global: GlobalOptions, _ body: (Desk) throws -> Void) throws {
    let desk = global.desk()
    try reportingErrors(desk.words) { try body(desk) }
}

/// Runs a command body, turning errors into one line on standard error and
/// the documented exit code (for commands that print no table: the
/// language comes from the environment).
func runLedger(_ body: () throws -> Void) throws {
    let words = Words(language: Language.choose(option: nil, environment: ProcessInfo.processInfo.environment))
    try reportingErrors(words, body)
}

/// Prints a `DeskError`, `LedgerError` or `VocabularyError` as one line and
/// throws its exit code; other errors go on unchanged.
func reportingErrors(_ words: Words, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        guard let desk = DeskError(error) else { throw error }
        printError(words(.error(desk)))
        throw ExitCode(desk.exitCode)
    }
}

extension DeskError {
    /// The error as the desk reports it; nil for errors that are not the ledger's (ArgumentParser's own, ExitCode).
    init?(_ error: any Error) {
        switch error {
        case let e as DeskError: self = e
        case let e as LedgerError: self = .ledger(e)
        case let e as VocabularyError: self = .vocabulary(e)
        default: return nil
        }
    }
}

func printError(_ message: String) {
    writeStandardError("ledger: error: \(message)\n")
}

func printNote(_ message: String) {
    writeStandardError("ledger: \(message)\n")
}

/// Writes to standard error with write(2). A write that fails (standard error
/// on a full disk, say) is dropped: `FileHandle.write` would crash the process
/// instead, and the exit code must still tell what happened.
func writeStandardError(_ text: String) {
    writeAll(STDERR_FILENO, Array(text.utf8))
}

/// A date option's value as people type it (`2026-11-30` or `30.11.2026`).
func date(_ text: String, _ option: String) throws -> LocalDate {
    try TypedDate.parse(text, option: option)
}

/// A time option's value as people type it, in the ledger's time zone and by its clock (`TypedTime`).
func time(_ text: String, _ option: String, in ledger: Ledger) throws -> Timestamp {
    try TypedTime(text, option: option).resolve(in: ledger.zone, now: ledger.options.clock.now(), option: option, text: text)
}

/// Progress on standard error, only when it is a terminal.
final class TerminalProgress: ProgressReporter {
    private var last = Date.distantPast

    static func ifTerminal() -> TerminalProgress? { isatty(STDERR_FILENO) != 0 ? TerminalProgress() : nil }

    func progress(_ phase: String, done: Int, total: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) > 0.2 else { return }
        last = now
        let text = total > 0 ? "\(phase): \(done * 100 / max(total, 1))%" : "\(phase): \(done)"
        writeStandardError("\r\u{1b}[K\(text)")
    }

    func finished(_ phase: String) {
        writeStandardError("\r\u{1b}[K")
    }
}

/// Progress on standard error as plain lines, for when it is not a terminal
/// (logs of scheduled jobs): each phase's start, every tenth of the way, and its end.
final class LineProgress: ProgressReporter {
    private var started: Set<String> = []
    private var lastTenth: [String: Int] = [:]

    func progress(_ phase: String, done: Int, total: Int) {
        if started.insert(phase).inserted { printNote("\(phase) …") }
        guard total > 0 else { return }
        let tenth = done * 10 / total
        if tenth > lastTenth[phase, default: 0] {
            lastTenth[phase] = tenth
            printNote("\(phase): \(tenth * 10)%")
        }
    }

    func finished(_ phase: String) {
        printNote("\(phase): done")
    }
}
