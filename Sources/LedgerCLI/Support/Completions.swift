import ArgumentParser
import Foundation
import Ledger

/// Shell completion (bash, zsh, fish: `ledger --generate-completion-script bash`)
/// of case ids, read from the ledger the command line names. Vocabulary values
/// complete by their type (`VocabularyArgument.defaultCompletionKind`).
enum Completions {
    @Sendable static func openCases(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        cases(words, prefix: prefix, openOnly: true)
    }

    @Sendable static func allCases(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        cases(words, prefix: prefix, openOnly: false)
    }

    static func cases(_ words: [String], prefix: String, openOnly: Bool) -> [String] {
        var directory = ProcessInfo.processInfo.environment["LEDGER_DIR"] ?? "./ledger"
        if let i = words.firstIndex(of: "--ledger"), i + 1 < words.count { directory = words[i + 1] }
        guard let ledger = try? Ledger.open(LedgerOptions(directory: directory)) else { return [] }
        defer { ledger.close() }
        let ids = (try? ledger.caseIDs(openOnly: openOnly)) ?? []
        return ids.map(\.rawValue).filter { $0.hasPrefix(prefix) }
    }
}
