internal import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The page numbers on an environment's free list, read from the data file with `pread`, never
/// through the memory map.
///
/// Why not through LMDB: this is asked only of a file that ends before the last page its meta page
/// counts, and there a page of the free list itself may lie past the end; touching it through the
/// map is a SIGBUS. Reading with `pread`, a page past the end is a short read and the answer is
/// "not whole". Promises: reads the two meta pages and the free list's own pages (its B-tree and
/// overflow pages), each checked against the file's size; any page that is missing, out of range
/// or not shaped as LMDB 0.9 writes it makes the read throw `LMDBError.corrupted`.
struct FreeListPages {
    private let fd: Int32
    private let pageSize: Int
    private let filePages: Int

    // LMDB 0.9's on-disk layout (mdb.c): a 16-byte page header, flags at 10, lower bound at 12.
    private static let headerBytes = 16
    private static let branch: UInt16 = 0x01, leaf: UInt16 = 0x02, overflow: UInt16 = 0x04
    private static let bigData: UInt16 = 0x01
    // In a meta page: the free database's record at 40 (its root at +40, its depth at +6), the txnid at 144.
    private static let freeRootOffset = 80, freeDepthOffset = 46, txnidOffset = 144

    init(fd: Int32, pageSize: Int, fileBytes: Int) {
        self.fd = fd
        self.pageSize = pageSize
        self.filePages = fileBytes / pageSize
    }

    /// Every page number on the free list of the newer meta page.
    func all() throws -> Set<Int> {
        let metas = try [page(0), page(1)]
        let txnids = metas.map { $0.load(Self.txnidOffset, as: UInt64.self) }
        let meta = txnids[1] > txnids[0] ? metas[1] : metas[0]
        let root = meta.load(Self.freeRootOffset, as: UInt64.self)
        var free = Set<Int>()
        // An empty free list has no root (LMDB's P_INVALID, all ones).
        guard root != UInt64.max else { return free }
        let depth = Int(meta.load(Self.freeDepthOffset, as: UInt16.self))
        try walk(Int(root), levelsLeft: depth, into: &free)
        return free
    }

    private func walk(_ number: Int, levelsLeft: Int, into free: inout Set<Int>) throws {
        guard levelsLeft > 0 else { throw LMDBError.corrupted }
        let p = try page(number)
        let flags = p.load(10, as: UInt16.self)
        let lower = Int(p.load(12, as: UInt16.self))
        guard lower >= Self.headerBytes, lower <= pageSize else { throw LMDBError.corrupted }
        for slot in 0..<(lower - Self.headerBytes) / 2 {
            let node = Int(p.load(Self.headerBytes + 2 * slot, as: UInt16.self))
            guard node + 8 <= pageSize else { throw LMDBError.corrupted }
            let lo = UInt64(p.load(node, as: UInt16.self)), hi = UInt64(p.load(node + 2, as: UInt16.self))
            let nodeFlags = p.load(node + 4, as: UInt16.self)
            let keyBytes = Int(p.load(node + 6, as: UInt16.self))
            if flags & Self.branch != 0 {
                let child = lo | hi << 16 | UInt64(nodeFlags) << 32
                try walk(Int(child), levelsLeft: levelsLeft - 1, into: &free)
            } else if flags & Self.leaf != 0 {
                let dataBytes = Int(lo | hi << 16)
                let dataAt = node + 8 + keyBytes
                if nodeFlags & Self.bigData != 0 {
                    guard dataAt + 8 <= pageSize else { throw LMDBError.corrupted }
                    let first = Int(p.load(dataAt, as: UInt64.self))
                    let pages = (Self.headerBytes + dataBytes + pageSize - 1) / pageSize
                    let bytes = try read(pages: first..<(first + pages))
                    guard bytes.load(10, as: UInt16.self) & Self.overflow != 0 else { throw LMDBError.corrupted }
                    try addList(bytes, at: Self.headerBytes, count: dataBytes, into: &free)
                } else {
                    guard dataAt + dataBytes <= pageSize else { throw LMDBError.corrupted }
                    try addList(p, at: dataAt, count: dataBytes, into: &free)
                }
            } else {
                throw LMDBError.corrupted
            }
        }
    }

    /// A free-list entry's value: a count, then that many page numbers (native `size_t`s).
    private func addList(_ bytes: Bytes, at offset: Int, count dataBytes: Int, into free: inout Set<Int>) throws {
        let width = MemoryLayout<Int>.size
        guard dataBytes >= width else { throw LMDBError.corrupted }
        let n = bytes.load(offset, as: Int.self)
        guard n >= 0, n <= dataBytes / width - 1 else { throw LMDBError.corrupted }
        for i in stride(from: 1, through: n, by: 1) {
            free.insert(bytes.load(offset + i * width, as: Int.self))
        }
    }

    private func page(_ number: Int) throws -> Bytes { try read(pages: number..<(number + 1)) }

    private func read(pages: Range<Int>) throws -> Bytes {
        guard pages.lowerBound >= 0, pages.upperBound <= filePages, pages.count <= 1 << 20 else { throw LMDBError.corrupted }
        let count = pages.count * pageSize
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(pages.lowerBound * pageSize)) }
        guard got == count else { throw LMDBError.corrupted }
        return Bytes(storage: buffer)
    }

    /// Bytes read from the file, with bounds-checked unaligned loads.
    struct Bytes {
        let storage: [UInt8]
        func load<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
            guard offset >= 0, offset + MemoryLayout<T>.size <= storage.count else { return T.max }
            return storage.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
    }
}
