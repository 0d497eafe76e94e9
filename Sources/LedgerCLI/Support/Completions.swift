import ArgumentParser
import Foundation
import Ledger

/// Shell completion (bash, zsh, fish: `ledger --generate-completion-script bash`)
/// of case ids, districts and caseworkers, read from the ledger the command
/// line names (`--ledger`, else `$LEDGER_DIR`, else ./ledger). Vocabulary
/// values complete by their type (`VocabularyArgument.defaultCompletionKind`).
enum Completions {
    @Sendable static func openCases(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        fromLedger(words, prefix: prefix) { try $0.caseIDs(openOnly: true).map(\.rawValue) }
    }

    @Sendable static func allCases(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        fromLedger(words, prefix: prefix) { try $0.caseIDs(openOnly: false).map(\.rawValue) }
    }

    @Sendable static func districts(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        fromLedger(words, prefix: prefix) { $0.config.districts }
    }

    @Sendable static func caseworkers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        fromLedger(words, prefix: prefix) { try $0.caseworkers().map(\.name) }
    }

    /// The values `read` gives from the ledger on the command line that start with `prefix`.
    static func fromLedger(_ words: [String], prefix: String, _ read: (Ledger) throws -> [String]) -> [String] {
        var directory = ProcessInfo.processInfo.environment["LEDGER_DIR"] ?? "./ledger"
        if let i = words.firstIndex(of: "--ledger"), i + 1 < words.count { directory = words[i + 1] }
        guard let ledger = try? Ledger.open(LedgerOptions(directory: directory)) else { return [] }
        defer { ledger.close() }
        return ((try? read(ledger)) ?? []).filter { $0.hasPrefix(prefix) }
    }
}
