import Foundation
import Ledger

/// The purpose every reveal must state: `--purpose`, else the session's
/// `$LEDGER_PURPOSE`. Promises: returns a non-blank purpose or throws a usage
/// error (exit 64) saying how to give one; `--no-personal` needs none.
enum RevealPurpose {
    static let environmentVariable = "LEDGER_PURPOSE"

    static func required(_ option: String?,
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws(LedgerError) -> String {
        let given = option ?? environment[environmentVariable]
        guard let given, !given.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .usage("a reveal needs --purpose (why the personal data is opened: a file number, not a name), or $\(environmentVariable) for the session; --no-personal opens nothing and needs none")
        }
        return given
    }
}
