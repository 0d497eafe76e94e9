/// The end of the hash chain that one write extends. It holds the log's head
/// and gives each appended event its place in the chain: the next position,
/// `prev` (the head's hash) and `hash` (SHA-256 of the event's canonical form,
/// which includes `prev`). Promises: a line's own position, prev or hash is
/// accepted only when it equals what the chain assigns; the head moves only
/// when an event is appended, to that event; each appended hash becomes the
/// next leaf of the log's Merkle tree (`tree`, when the chain was started
/// with the tree's frontier at the head), whose newly completed nodes the
/// caller then stores; it reads and writes no store (the caller writes the
/// event, the tree's nodes and, at the end, the head).
struct ChainAppender {
    /// The last event appended, or the head the chain was started from.
    private(set) var head: LogHead
    /// The right edge of the log's Merkle tree (RFC 9162) at `head`; nil: not kept.
    private(set) var tree: MerkleFrontier?
    /// The canonical form of the event being hashed, reused from event to event.
    private var canonical = CanonicalJSONWriter(reservingCapacity: 1024)

    /// Starts at `head`; `tree`, if given, must be the frontier of the tree of `head.position` leaves.
    init(head: LogHead, tree: MerkleFrontier? = nil) {
        self.head = head
        self.tree = tree
    }

    /// The position the next appended event takes.
    var nextPosition: UInt64 { head.position + 1 }

    /// Refuses a line whose own position or prev says it belongs elsewhere in
    /// the chain than at its end (either may be absent: the chain assigns it).
    func checkPlace(position: UInt64?, prev: ChainHash?) throws(LedgerError) {
        if let position, position != nextPosition {
            throw .invalidInput("position \(position) differs from the one the ledger assigns (\(nextPosition))")
        }
        if let prev, prev != head.hash {
            throw .invalidInput("prev differs from the hash of the ledger's last event (position \(head.position))")
        }
    }

    /// Appends the event at the end of the chain: sets its position and prev,
    /// hashes its canonical form into `hash`, refuses a `claimedHash` that
    /// differs, moves the head to it and adds it to the tree. Returns the hash appended.
    @discardableResult
    mutating func append(_ event: inout Event, claimedHash: ChainHash?) throws(LedgerError) -> ChainHash {
        event.position = nextPosition
        event.prev = head.hash
        canonical.reset()
        EventJSONWriter.write(event, includeHash: false, into: &canonical)
        event.hash = ChainHashing.sha256(canonical.bytes)
        if let claimedHash, claimedHash != event.hash {
            throw .invalidInput("hash differs from the canonical form's SHA-256 (the line was altered, or its fields differ from what the ledger assigns)")
        }
        head = LogHead(position: event.position, hash: event.hash, recordedAt: event.recordedAt)
        tree?.append(event.hash)
        return event.hash
    }
}
