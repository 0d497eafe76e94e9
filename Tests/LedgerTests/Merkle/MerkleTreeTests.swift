import LedgerTestSupport
import XCTest
@testable import Ledger

/// The tree against RFC 9162's definitions computed naively, for every size
/// and every index up to 64: roots, inclusion paths, consistency paths, and
/// the verification algorithms' refusal of every tampered part.
final class MerkleTreeTests: XCTestCase {
    static let maxSize = 64

    /// 64 entries, each a different hash.
    let entries: [ChainHash] = (0..<UInt64(MerkleTreeTests.maxSize)).map {
        NaiveMerkleTree.sha256(Array("event \($0)".utf8))
    }

    /// roots[n]: the naive root of the first n entries.
    lazy var roots: [ChainHash] = (0...Self.maxSize).map { NaiveMerkleTree.mth(entries.prefix($0)) }

    /// The in-memory trees of the first n entries: every inner node kept, and only the ledger's levels.
    func trees(_ n: Int) -> [MemoryMerkleNodes] {
        [1, StoredMerkleTree.lowestStoredLevel].map { lowest in
            var tree = MemoryMerkleNodes(lowestStoredLevel: lowest)
            for entry in entries.prefix(n) { tree.append(entry) }
            return tree
        }
    }

    func testTheHashesAreRFC9162s() {
        let entry = entries[0]
        XCTAssertEqual(MerkleHashing.leaf(entry), NaiveMerkleTree.sha256([0x00] + entry.bytes))
        XCTAssertEqual(MerkleHashing.node(entries[1], entries[2]), NaiveMerkleTree.sha256([0x01] + entries[1].bytes + entries[2].bytes))
        XCTAssertEqual(MerkleHashing.emptyRoot.hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testRootsOfEverySizeEqualTheNaiveOnes() throws {
        for lowest in [1, StoredMerkleTree.lowestStoredLevel] {
            var memory = MemoryMerkleNodes(lowestStoredLevel: lowest)
            for n in 0...Self.maxSize {
                let expected = roots[n]
                XCTAssertEqual(memory.frontier.root, expected, "frontier root of \(n)")
                XCTAssertEqual(try MerkleTreeReader(source: memory).root(size: UInt64(n)), expected, "stored root of \(n) from level \(lowest)")
                XCTAssertEqual(try MerkleTreeReader(source: memory).frontier(size: UInt64(n)), memory.frontier.withoutCompleted(), "frontier of \(n)")
                if n < Self.maxSize { memory.append(entries[n]) }
            }
            // Every older root stays readable from the full tree: nodes never change.
            let full = MerkleTreeReader(source: memory)
            for n in 0...Self.maxSize {
                XCTAssertEqual(try full.root(size: UInt64(n)), roots[n])
            }
        }
    }

    func testEachAppendCompletesTheNodesItsSizeCalls() {
        var frontier = MerkleFrontier()
        for n in 1...Self.maxSize {
            frontier.append(entries[n - 1])
            XCTAssertEqual(frontier.completed.count, n.trailingZeroBitCount, "size \(n)")
            XCTAssertEqual(frontier.peaks.count, n.nonzeroBitCount)
            for (i, node) in frontier.completed.enumerated() {
                let width = 1 << (i + 1)
                XCTAssertEqual(node, NaiveMerkleTree.mth(entries[(n - width)..<n]), "size \(n) level \(i + 1)")
            }
        }
    }

    func testInclusionProofsForEverySizeAndIndex() throws {
        let readers = trees(Self.maxSize).map { MerkleTreeReader(source: $0) }
        for n in 1...Self.maxSize {
            let root = roots[n]
            for m in 0..<n {
                let path = try readers[0].inclusionPath(index: UInt64(m), size: UInt64(n))
                XCTAssertEqual(path, NaiveMerkleTree.path(m, entries.prefix(n)), "PATH(\(m), D[\(n)])")
                XCTAssertEqual(try readers[1].inclusionPath(index: UInt64(m), size: UInt64(n)), path, "from the ledger's levels")
                let proof = InclusionProof(position: UInt64(m + 1), treeSize: UInt64(n), leaf: entries[m], path: path, root: root)
                XCTAssertNoThrow(try proof.verify(), "PATH(\(m), D[\(n)])")
                assertInclusionTamperingRefused(proof)
            }
        }
    }

    func testConsistencyProofsForEveryPairOfSizes() throws {
        let readers = trees(Self.maxSize).map { MerkleTreeReader(source: $0) }
        for n in 1...Self.maxSize {
            for m in 0...n {
                let path = try readers[0].consistencyPath(first: UInt64(m), second: UInt64(n))
                XCTAssertEqual(path, m > 0 && m < n ? NaiveMerkleTree.proof(m, entries.prefix(n)) : [], "PROOF(\(m), D[\(n)])")
                XCTAssertEqual(try readers[1].consistencyPath(first: UInt64(m), second: UInt64(n)), path, "from the ledger's levels")
                let proof = ConsistencyProof(first: UInt64(m), second: UInt64(n), path: path,
                                             firstRoot: roots[m], secondRoot: roots[n])
                XCTAssertNoThrow(try proof.verify(), "PROOF(\(m), D[\(n)])")
                assertConsistencyTamperingRefused(proof)
            }
        }
    }

    func testAProofAgainstAnotherLogIsRefused() throws {
        var other = entries
        other[5] = NaiveMerkleTree.sha256(Array("rewritten".utf8))
        let proof = InclusionProof(position: 3, treeSize: 10, leaf: entries[2],
                                   path: NaiveMerkleTree.path(2, entries.prefix(10)), root: NaiveMerkleTree.mth(other.prefix(10)))
        XCTAssertThrowsError(try proof.verify())
        let consistency = ConsistencyProof(first: 4, second: 10, path: NaiveMerkleTree.proof(4, other.prefix(10)),
                                           firstRoot: NaiveMerkleTree.mth(entries.prefix(4)), secondRoot: NaiveMerkleTree.mth(other.prefix(10)))
        XCTAssertNoThrow(try consistency.verify(), "a change after the first tree is what consistency allows")
        let rewritten = ConsistencyProof(first: 6, second: 10, path: NaiveMerkleTree.proof(6, other.prefix(10)),
                                         firstRoot: NaiveMerkleTree.mth(entries.prefix(6)), secondRoot: NaiveMerkleTree.mth(other.prefix(10)))
        XCTAssertThrowsError(try rewritten.verify(), "event 6 was rewritten inside the first tree")
    }

    // MARK: tampering

    private let flipped = { (h: ChainHash) in ChainHash(a: h.a ^ 1, b: h.b, c: h.c, d: h.d) }

    /// The proof with each path hash changed in turn, with a hash too many, and with one too few.
    private func pathTamperings<P: PathProof>(_ proof: P) -> [(P, String)] {
        var out: [(P, String)] = []
        for i in proof.path.indices {
            var t = proof; t.path[i] = flipped(t.path[i]); out.append((t, "path[\(i)] changed"))
        }
        var t = proof; t.path.append(flipped(proof.path.last ?? .zero)); out.append((t, "path extended"))
        if !proof.path.isEmpty { t = proof; t.path.removeLast(); out.append((t, "path shortened")) }
        return out
    }

    private func assertInclusionTamperingRefused(_ proof: InclusionProof, file: StaticString = #filePath, line: UInt = #line) {
        let what = "position \(proof.position) of \(proof.treeSize)"
        func refused(_ tampered: InclusionProof, _ how: String) {
            XCTAssertThrowsError(try tampered.verify(), "\(what): \(how) accepted", file: file, line: line)
        }
        for (t, how) in pathTamperings(proof) { refused(t, how) }
        var t = proof; t.leaf = flipped(t.leaf); refused(t, "leaf changed")
        t = proof; t.root = flipped(t.root); refused(t, "root changed")
        for other in 1...UInt64(Self.maxSize) where other != proof.position {
            t = proof; t.position = other; refused(t, "position \(other)")
        }
        for size in 1...UInt64(Self.maxSize) where size != proof.treeSize {
            // A size goes with its own root (a checkpoint states both).
            t = proof; t.treeSize = size; t.root = roots[Int(size)]; refused(t, "size \(size)")
        }
    }

    private func assertConsistencyTamperingRefused(_ proof: ConsistencyProof, file: StaticString = #filePath, line: UInt = #line) {
        let what = "\(proof.first) to \(proof.second)"
        func refused(_ tampered: ConsistencyProof, _ how: String) {
            // Every tree extends the empty one and itself: such a statement stays true whatever else changed.
            if isTrue(tampered) { return }
            XCTAssertThrowsError(try tampered.verify(), "\(what): \(how) accepted", file: file, line: line)
        }
        for (t, how) in pathTamperings(proof) { refused(t, how) }
        var t = proof; t.firstRoot = flipped(t.firstRoot); refused(t, "first root changed")
        t = proof; t.secondRoot = flipped(t.secondRoot); refused(t, "second root changed")
        // A size goes with its own root (a checkpoint states both).
        for size in 0...UInt64(Self.maxSize) where size != proof.first {
            t = proof; t.first = size; t.firstRoot = roots[Int(size)]; refused(t, "first size \(size)")
        }
        for size in 0...UInt64(Self.maxSize) where size != proof.second {
            t = proof; t.second = size; t.secondRoot = roots[Int(size)]; refused(t, "second size \(size)")
        }
    }
}

extension MerkleTreeTests {
    /// Whether the proof states something true with an empty path: that a tree extends the empty tree
    /// (true of any tree, whatever its root), or that a tree of `entries` extends itself.
    func isTrue(_ proof: ConsistencyProof) -> Bool {
        if proof.path.isEmpty, proof.first == 0, proof.firstRoot == roots[0] { return true }
        guard proof.path.isEmpty, proof.first <= proof.second, proof.second <= UInt64(Self.maxSize),
              proof.firstRoot == roots[Int(proof.first)], proof.secondRoot == roots[Int(proof.second)] else { return false }
        return proof.first == proof.second
    }
}

/// What the tampering checks change in either kind of proof.
protocol PathProof {
    var path: [ChainHash] { get set }
}

extension InclusionProof: PathProof {}
extension ConsistencyProof: PathProof {}

extension MerkleFrontier {
    /// The same frontier without the record of the last append (a frontier read from a store has none).
    func withoutCompleted() -> MerkleFrontier {
        MerkleFrontier(size: size, peaks: peaks) ?? MerkleFrontier()
    }
}
