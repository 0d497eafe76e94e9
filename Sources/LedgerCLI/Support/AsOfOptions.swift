import ArgumentParser
import Ledger

/// `--as-of-position` and `--known-at`: answer as the ledger stood then (by replay).
struct AsOfOptions: ParsableArguments {
    @Option(help: "Answer as the ledger stood right after this position.") var asOfPosition: UInt64?
    @Option(help: "Answer as the ledger stood at this recorded time (RFC 3339).") var knownAt: String?

    func asOf(happenedBy: String? = nil) throws -> AsOf {
        func time(_ text: String?, _ option: String) throws -> Timestamp? {
            guard let text else { return nil }
            guard let t = Timestamp(text) else {
                throw LedgerError.usage("\(option) '\(text.prefix(40))' is not a date and time like 2026-11-25T10:30:00Z")
            }
            return t
        }
        return AsOf(position: asOfPosition, knownAt: try time(knownAt, "--known-at"), happenedBy: try time(happenedBy, "--happened-by"))
    }
}
