/// The index arithmetic that RFC 9162's two verification algorithms share
/// (sections 2.1.3.2 and 2.1.4.2): `fn` is the node's index on its level,
/// `sn` the index of the level's last node; each path hash is the node's
/// sibling, on the left when the node is a right child or the last of its
/// level. Promises: `climb` moves up as the RFC says (past the levels where
/// a last node has no sibling), and `pastRoot` is the RFC's `sn == 0`.
struct ProofWalk {
    private(set) var fn: UInt64
    private(set) var sn: UInt64

    init(index: UInt64, last: UInt64) {
        fn = index
        sn = last
    }

    /// Whether the walk has reached the root: a further path hash is one too many, and a proof must end here.
    var pastRoot: Bool { sn == 0 }

    /// Whether the next path hash is the left sibling.
    var hashGoesLeft: Bool { fn & 1 == 1 || fn == sn }

    /// Moves up one level after a path hash that went on the left (`left`) or the right.
    mutating func climb(afterLeft left: Bool) {
        if left && fn & 1 == 0 {
            while fn & 1 == 0 && fn != 0 { halve() }
        }
        halve()
    }

    /// Moves up past the levels where the node is a right child (a consistency proof's start).
    mutating func skipRightChildren() {
        while fn & 1 == 1 { halve() }
    }

    private mutating func halve() {
        fn >>= 1
        sn >>= 1
    }
}
