import Ledger

/// Every way the `ledger` command line itself refuses what was typed, before
/// or around the library: each says what was wrong in words a caseworker
/// understands (`Catalogue`), and has the exit code of README.md's table
/// (sysexits: 64 usage, or the library error's own code).
enum DeskError: Error, Sendable {
    /// An error of the library, said as it words it (or in German, for the common ones).
    case ledger(LedgerError)
    /// A value outside its vocabulary (also districts, phases, the formats), with the closest one.
    case vocabulary(VocabularyError)
    /// `ledger` alone.
    case noCommand
    /// `ledger shwo`.
    case unknownCommand(String, suggestion: String?)
    /// `ledger contact --chanel`.
    case unknownOption(String, command: String, suggestion: String?)
    /// Any other complaint of the argument parser, on one line, with the option's help when it has one.
    case argument(String, help: String?, command: String?)
    /// A date or time that is not written as people write them.
    case notADate(option: String, text: String, withTime: Bool)
    /// A date written right that does not exist (31.02.2026).
    case notARealDate(option: String, text: String)
    /// A wall-clock time the ledger's zone skips (the hour the clocks go forward).
    case skippedTime(option: String, text: String, zone: String)
    /// A caseworker this ledger does not know, with the closest known one.
    case unknownCaseworker(String, option: String, suggestion: String?, mayBeNew: Bool)
    /// `open --expect-version N`: a new case has no version to expect.
    case expectVersionOnOpen
    /// `--limit 0` or below.
    case badLimit(String)

    var exitCode: Int32 {
        switch self {
        case .ledger(let error): return error.exitCode
        case .vocabulary, .noCommand, .unknownCommand, .unknownOption, .argument, .notADate, .notARealDate, .skippedTime,
             .unknownCaseworker, .expectVersionOnOpen, .badLimit:
            return 64
        }
    }
}
