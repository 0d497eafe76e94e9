import ArgumentParser
import Ledger

/// `--as-of-position` and `--known-at`: answer as the ledger stood then (by replay).
struct AsOfOptions: ParsableArguments {
    @Option(help: "Answer as the ledger stood right after this position.") var asOfPosition: UInt64?
    @Option(help: "Answer as the ledger stood at this recorded time: 2026-06-30 (the end of that day), 30.06.2026 18:00 (the ledger's time zone) or RFC 3339.")
    var knownAt: String?

    /// The moment asked for, times typed as people type them (`TypedTime`) in the ledger's zone.
    func asOf(in ledger: Ledger, happenedBy: String? = nil) throws -> AsOf {
        AsOf(position: asOfPosition, knownAt: try knownAt.map { try time($0, "--known-at", in: ledger) },
             happenedBy: try happenedBy.map { try time($0, "--happened-by", in: ledger) })
    }

    /// The same with times in RFC 3339 only (before the ledger, and so its zone, is open).
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
