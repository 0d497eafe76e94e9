import LMDB

/// Where an export or a feed starts: after a position of the log, and
/// optionally the hash the reader holds at that position (a checkpoint as
/// `ledger seal` prints it, `POSITION:HASH`), so that a standby's head can be
/// checked to be a prefix of this log before anything is sent. Promises: the
/// first event written after it is the one at `position + 1`, whose `prev`
/// links it to the event at `position`; `check` refuses a start beyond the
/// head, or a hash that is not the one held here.
public struct FeedStart: Equatable, Sendable, CustomStringConvertible {
    public var position: UInt64
    public var hash: ChainHash?

    /// The whole log.
    public static let beginning = FeedStart(position: 0)

    public init(position: UInt64, hash: ChainHash? = nil) {
        self.position = position
        self.hash = hash
    }

    /// Reads `POSITION` or `POSITION:HASH`; nil for anything else.
    public init?(_ text: String) {
        if let checkpoint = Checkpoint(text) {
            self.init(position: checkpoint.position, hash: checkpoint.hash)
        } else if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let position = UInt64(text) {
            self.init(position: position)
        } else {
            return nil
        }
    }

    public var description: String { hash.map { "\(position):\($0.hex)" } ?? "\(position)" }

    /// Refuses a start this log cannot continue from: beyond its head, or
    /// with a hash that differs from the one held at that position.
    func check(_ store: LedgerStore, _ txn: ReadTransaction) throws {
        let head = try store.head(txn)
        guard position <= head.position else {
            throw LedgerError.invalidInput("position \(position) lies beyond the end of this log (position \(head.position)): the other ledger holds events this one does not")
        }
        guard let hash else { return }
        let held = position == 0
            ? ChainHash.zero
            : try txn.withValue(store.events, key: KeyBytes.u64(position)) { try EventBinaryCodec.storedHash($0) }
        guard held == hash else {
            throw LedgerError.invalidInput("position \(position) holds hash \(held?.hex.prefix(12) ?? "nothing")… here, not \(hash.hex.prefix(12))…: the other ledger's log is not a prefix of this one")
        }
    }
}
