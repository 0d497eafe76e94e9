/// The hashes of RFC 9162's Merkle tree (section 2.1.1) with SHA-256, over
/// the log's events: the leaf for an event is its 32-byte chain `hash`.
/// Promises: `leaf(e)` is SHA-256(0x00 || e), `node(l, r)` is
/// SHA-256(0x01 || l || r), `emptyRoot` is SHA-256 of nothing (the root of
/// a tree of size 0); the input is laid out on the stack (`ChainHashing`).
public enum MerkleHashing {
    /// The leaf hash of an event whose chain hash is `entry`.
    public static func leaf(_ entry: ChainHash) -> ChainHash {
        withUnsafeTemporaryAllocation(byteCount: 33, alignment: 8) { buffer in
            buffer[0] = 0x00
            entry.store(into: buffer, at: 1)
            return ChainHashing.sha256(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The hash of an inner node with children `left` and `right`.
    public static func node(_ left: ChainHash, _ right: ChainHash) -> ChainHash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 0x01
            left.store(into: buffer, at: 1)
            right.store(into: buffer, at: 33)
            return ChainHashing.sha256(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The root of the empty tree: SHA-256 of the empty string.
    public static let emptyRoot = ChainHashing.sha256([UInt8]())
}

extension ChainHash {
    /// Writes the 32 bytes at `offset` of `buffer` (which must hold them).
    func store(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        buffer.storeBytes(of: a.bigEndian, toByteOffset: offset, as: UInt64.self)
        buffer.storeBytes(of: b.bigEndian, toByteOffset: offset + 8, as: UInt64.self)
        buffer.storeBytes(of: c.bigEndian, toByteOffset: offset + 16, as: UInt64.self)
        buffer.storeBytes(of: d.bigEndian, toByteOffset: offset + 24, as: UInt64.self)
    }

    /// From the 32 bytes at `offset` of `bytes` (which must hold them).
    init(loading bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.init(a: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                  b: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)),
                  c: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)),
                  d: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
    }
}
