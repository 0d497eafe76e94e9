import SystemCrypto
@testable import Ledger

/// RFC 9162's definitions (section 2.1) written out literally over an array
/// of entries, sharing no code with the ledger's tree: MTH, PATH and PROOF
/// by recursion on array slices, hashing byte arrays with SHA-256.
enum NaiveMerkleTree {
    static func sha256(_ bytes: [UInt8]) -> ChainHash {
        ChainHash(bytes: (try? SHA256Hasher.hash(bytes).bytes) ?? []) ?? .zero
    }

    /// MTH(D[n]).
    static func mth(_ d: ArraySlice<ChainHash>) -> ChainHash {
        switch d.count {
        case 0: return sha256([])
        case 1: return sha256([0x00] + d[d.startIndex].bytes)
        default:
            let k = largestPowerOfTwo(below: d.count)
            return sha256([0x01] + mth(d.prefix(k)).bytes + mth(d.dropFirst(k)).bytes)
        }
    }

    /// PATH(m, D[n]).
    static func path(_ m: Int, _ d: ArraySlice<ChainHash>) -> [ChainHash] {
        guard d.count > 1 else { return [] }
        let k = largestPowerOfTwo(below: d.count)
        return m < k ? path(m, d.prefix(k)) + [mth(d.dropFirst(k))]
                     : path(m - k, d.dropFirst(k)) + [mth(d.prefix(k))]
    }

    /// PROOF(m, D[n]) for 0 < m < n.
    static func proof(_ m: Int, _ d: ArraySlice<ChainHash>) -> [ChainHash] {
        subproof(m, d, true)
    }

    static func subproof(_ m: Int, _ d: ArraySlice<ChainHash>, _ b: Bool) -> [ChainHash] {
        if m == d.count { return b ? [] : [mth(d)] }
        let k = largestPowerOfTwo(below: d.count)
        return m <= k ? subproof(m, d.prefix(k), b) + [mth(d.dropFirst(k))]
                      : subproof(m - k, d.dropFirst(k), false) + [mth(d.prefix(k))]
    }

    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }
}

/// A Merkle tree kept in memory the way the ledger stores it: the entries,
/// and each append's completed nodes from `lowestStoredLevel` up under the
/// size it reached.
struct MemoryMerkleNodes: MerkleNodeSource {
    let lowestStoredLevel: Int
    var entries: [ChainHash] = []
    var nodes: [UInt64: [ChainHash]] = [:]
    var frontier = MerkleFrontier()

    init(lowestStoredLevel: Int = StoredMerkleTree.lowestStoredLevel) {
        self.lowestStoredLevel = lowestStoredLevel
    }

    mutating func append(_ entry: ChainHash) {
        entries.append(entry)
        frontier.append(entry)
        let kept = Array(frontier.completed.dropFirst(lowestStoredLevel - 1))
        if !kept.isEmpty { nodes[frontier.size] = kept }
    }

    func entries(from index: UInt64, count: Int) throws -> [ChainHash] {
        Array(entries[Int(index)..<(Int(index) + count)])
    }

    func completedNode(level: Int, atSize size: UInt64) throws -> ChainHash {
        let offset = level - lowestStoredLevel
        guard let kept = nodes[size], offset >= 0, kept.count > offset else { throw ProofError.missingNode(level: level, size: size) }
        return kept[offset]
    }
}
