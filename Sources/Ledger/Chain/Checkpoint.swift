/// A published checkpoint of the log, `POSITION:HASH` (the hash of the event
/// at that position, 64 hex digits), as `ledger seal` prints it. Whoever keeps
/// a copy (an auditor, a letter to the supervisory authority) can later check
/// with `ledger verify --against` or `tools/verify-export` that the log still
/// extends it: nothing up to that position was altered, removed or reordered.
/// Promises: `description` is the text `init?(_:)` reads back; position 0
/// stands for the empty log and pairs only with 64 zeros.
public struct Checkpoint: Equatable, Sendable, CustomStringConvertible {
    public var position: UInt64
    public var hash: ChainHash

    public init(position: UInt64, hash: ChainHash) {
        self.position = position
        self.hash = hash
    }

    /// The checkpoint of a log head.
    public init(_ head: LogHead) { self.init(position: head.position, hash: head.hash) }

    /// Parses `POSITION:HASH`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let position = UInt64(parts[0]), let hash = ChainHash(hex: String(parts[1]).lowercased()) else { return nil }
        self.init(position: position, hash: hash)
    }

    public var description: String { "\(position):\(hash.hex)" }
}
