/// Why a proof could not be made or was refused, in words an auditor
/// understands. `LedgerError(_:)` gives each its exit code: a request for a
/// position or size the log does not have is a usage error (64), a proof or
/// checkpoint that does not match is a data error (65), a tree the store
/// does not hold in full is a damaged ledger (65).
public enum ProofError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The position is not a leaf of a tree of that size.
    case positionOutsideTree(position: UInt64, size: UInt64)
    /// The tree size asked for is larger than the log.
    case sizeBeyondLog(size: UInt64, head: UInt64)
    /// A consistency proof goes from a smaller tree to a larger one.
    case firstLargerThanSecond(first: UInt64, second: UInt64)
    /// The inclusion proof does not lead from the leaf to the root.
    case inclusionRefused(position: UInt64, size: UInt64)
    /// The consistency proof does not lead to both roots.
    case consistencyRefused(first: UInt64, second: UInt64)
    /// The stored tree lacks a node (the ledger's `merkle` database is incomplete or altered).
    case missingNode(level: Int, size: UInt64)

    public var description: String {
        switch self {
        case .positionOutsideTree(let position, let size):
            return size == 0 ? "position \(position) is not in the tree: the tree is empty"
                : "position \(position) is not in the tree of \(size) events (positions run from 1 to \(size))"
        case .sizeBeyondLog(let size, let head):
            return "the log holds \(head) events; there is no tree of \(size) events yet"
        case .firstLargerThanSecond(let first, let second):
            return "a consistency proof runs from the smaller tree to the larger: \(first) is larger than \(second)"
        case .inclusionRefused(let position, let size):
            return "the inclusion proof of position \(position) in the tree of \(size) events does not lead to its root: the leaf, the path, the size or the root was altered"
        case .consistencyRefused(let first, let second):
            return "the consistency proof from the tree of \(first) events to the tree of \(second) does not lead to both roots: the path, a size or a root was altered, or the log was rewritten"
        case .missingNode(let level, let size):
            return "the ledger's Merkle tree lacks the node of level \(level) completed at size \(size); run 'ledger rebuild'"
        }
    }
}

extension LedgerError {
    /// The ledger error (and exit code) of a proof error.
    public init(_ error: ProofError) {
        switch error {
        case .positionOutsideTree, .sizeBeyondLog, .firstLargerThanSecond: self = .usage(error.description)
        case .inclusionRefused, .consistencyRefused: self = .invalidInput(error.description)
        case .missingNode: self = .corrupted(error.description)
        }
    }
}
