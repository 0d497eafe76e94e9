import ArgumentParser
import Foundation
import Ledger

/// Runs a command body, turning ledger errors into one line on standard
/// error and the documented exit code.
func runLedger(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as LedgerError {
        printError(error.description)
        throw ExitCode(error.exitCode)
    } catch let error as VocabularyError {
        printError(error.description)
        throw ExitCode(64)
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

func caseID(_ text: String) throws -> CaseID {
    guard let id = CaseID(text) else {
        throw LedgerError.usage("'\(text.prefix(40))' is not a case id like LG-2026-000042")
    }
    return id
}

func date(_ text: String, _ option: String) throws -> LocalDate {
    guard let d = LocalDate(text) else { throw LedgerError.usage("\(option) '\(text.prefix(20))' is not a real date (YYYY-MM-DD)") }
    return d
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
