internal import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ReadTransaction {
    /// Lets the kernel take back this process's mapping of the data file's
    /// pages (`madvise(MADV_DONTNEED)` over LMDB's memory map of it).
    ///
    /// Promises: no data changes and every buffer handed out stays valid. LMDB
    /// maps the file read-only and shared (its writes go through the file
    /// descriptor), so the pages stay in the page cache and the file; the next
    /// read of one faults it back in. What it changes is the resident set: a
    /// scan of the whole log otherwise ends with every page of the file
    /// counted in it. Call it every few megabytes of a long scan; the first call
    /// in a transaction reads `/proc/self/maps`. Best effort: where the map cannot be found
    /// (other systems than Linux) or the kernel refuses, nothing happens.
    public func releaseMappedPages() throws {
        let txn = try live()
        #if os(Linux)
        if mappedFileRanges == nil {
            var fd: Int32 = -1
            var file = stat()
            if let env = mdb_txn_env(txn), mdb_env_get_fd(env, &fd) == MDB_SUCCESS, fstat(fd, &file) == 0 {
                mappedFileRanges = MappedFile.readOnlySharedRanges(device: UInt64(file.st_dev), inode: UInt64(file.st_ino))
            } else {
                mappedFileRanges = []
            }
        }
        for range in mappedFileRanges ?? [] {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), Int(range.count), MADV_DONTNEED)
        }
        #else
        _ = txn
        #endif
    }
}

#if os(Linux)
/// This process's read-only shared mappings of one file, from `/proc/self/maps`.
enum MappedFile {
    /// Address ranges mapped `r--s` from the file with this device and inode.
    static func readOnlySharedRanges(device: UInt64, inode: UInt64) -> [Range<UInt>] {
        // glibc's gnu_dev_major / gnu_dev_minor
        let major = (device >> 8) & 0xfff | UInt64(UInt32(truncatingIfNeeded: device >> 32)) & ~0xfff
        let minor = device & 0xff | UInt64(UInt32(truncatingIfNeeded: device >> 12)) & ~0xff
        var out: [Range<UInt>] = []
        for line in mapsLines() {
            // start-end perms offset major:minor inode [path]
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[1] == "r--s", UInt64(fields[4]) == inode else { continue }
            let dev = fields[3].split(separator: ":")
            guard dev.count == 2, UInt64(dev[0], radix: 16) == major, UInt64(dev[1], radix: 16) == minor else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                  start < end else { continue }
            out.append(start..<end)
        }
        return out
    }

    private static func mapsLines() -> [Substring] {
        let fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    }
}
#endif
