/// A published checkpoint of the log, `POSITION:HASH` (the hash of the event
/// at that position, 64 hex digits), as `ledger seal` prints it. Whoever keeps
/// a copy (an auditor, a letter to the supervisory authority) can later check
/// with `ledger verify --against` or `tools/verify-export` that the log still
/// extends it: nothing up to that position was altered, removed or reordered.
/// `ledger seal` now also prints the access log's head,
/// `POSITION:HASH:ACCESSCOUNT:ACCESSHASH`, so that a wiped or shortened access
/// log fails `verify --against` too; the older two-part form still reads (it
/// carries no access-log head, and `accessLog` is nil).
/// Promises: `description` is the text `init?(_:)` reads back; position 0
/// stands for the empty log and pairs only with 64 zeros, and so does an
/// access count of 0.
public struct Checkpoint: Equatable, Sendable, CustomStringConvertible {
    public var position: UInt64
    public var hash: ChainHash
    /// The access log's head when sealed; nil for a checkpoint of the older `POSITION:HASH` form.
    public var accessLog: AccessLogHead?

    public init(position: UInt64, hash: ChainHash, accessLog: AccessLogHead? = nil) {
        self.position = position
        self.hash = hash
        self.accessLog = accessLog
    }

    /// The checkpoint of a log head (and of the access log's head, when given).
    public init(_ head: LogHead, accessLog: AccessLogHead? = nil) {
        self.init(position: head.position, hash: head.hash, accessLog: accessLog)
    }

    /// Parses `POSITION:HASH` or `POSITION:HASH:ACCESSCOUNT:ACCESSHASH`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 4, let position = Checkpoint.number(parts[0]),
              let hash = ChainHash(hex: String(parts[1]).lowercased()) else { return nil }
        var accessLog: AccessLogHead? = nil
        if parts.count == 4 {
            guard let count = Checkpoint.number(parts[2]), let accessHash = ChainHash(hex: String(parts[3]).lowercased()) else { return nil }
            let head = AccessLogHead(count: count, hash: accessHash)
            guard head.isWellFormed else { return nil }
            accessLog = head
        }
        self.init(position: position, hash: hash, accessLog: accessLog)
    }

    private static func number(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(text)
    }

    public var description: String {
        let log = "\(position):\(hash.hex)"
        guard let accessLog else { return log }
        return log + ":\(accessLog.count):\(accessLog.hash.hex)"
    }
}
