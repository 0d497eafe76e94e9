internal import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How long an environment's data file is, against how long its newest meta
/// page says it must be.
///
/// Promises: read without touching a page of the map beyond the two meta
/// pages (LMDB read them at open, so they exist), so asking is safe on a
/// damaged file. LMDB itself does not compare the two: it maps the file and
/// follows page numbers, and a page past the end of a truncated file is a
/// SIGBUS on first touch, not an error.
public struct FileExtent: Equatable, Sendable {
    /// The data file's size in bytes (`fstat`).
    public var fileBytes: Int
    /// The bytes the pages in use need: (the last page number + 1) × the page size.
    public var neededBytes: Int

    /// The page size in bytes.
    public var pageSize: Int

    /// Whether every page the meta page counts lies inside the file.
    public var isWhole: Bool { fileBytes >= neededBytes }

    /// The page numbers the meta page counts that lie past the file's end (empty when whole).
    /// LMDB leaves such pages unwritten when a transaction made and freed them before its commit
    /// (its "loose" pages go straight onto the free list), so a healthy file can end before them;
    /// `Environment.areFree(_:)` tells that case from a file that was cut short.
    public var pagesPastEnd: Range<Int> {
        guard pageSize > 0, neededBytes != Int.max, fileBytes < neededBytes else { return 0..<0 }
        // A file cut inside a page has its last page counted as missing too.
        return fileBytes / pageSize ..< neededBytes / pageSize
    }
}

extension Environment {
    /// The data file's extent (`mdb_env_info`'s `me_last_pgno`, `mdb_env_stat`'s
    /// `ms_psize`, `fstat` of `mdb_env_get_fd`). Check it before the first
    /// transaction of a process: a file shorter than `neededBytes` was cut off.
    public func fileExtent() throws -> FileExtent {
        try withShared { env in
            var info = MDB_envinfo()
            try lmdbCheck(mdb_env_info(env, &info))
            let file = try Environment.dataFile(env)
            let (pages, overflow) = info.me_last_pgno.addingReportingOverflow(1)
            let (needed, tooBig) = pages.multipliedReportingOverflow(by: file.pageSize)
            return FileExtent(fileBytes: file.bytes, neededBytes: overflow || tooBig ? Int.max : needed,
                              pageSize: file.pageSize)
        }
    }

    /// Whether every page in `pages` is on LMDB's free list. A page on the free list is never read
    /// before a later transaction writes it, so a file that ends before such pages is whole. The
    /// free list is read from the file with `pread` (`FreeListPages`), so a file cut short inside
    /// the free list itself answers false instead of raising SIGBUS.
    public func areFree(_ pages: Range<Int>) throws -> Bool {
        if pages.isEmpty { return true }
        return try withShared { env in
            let file = try Environment.dataFile(env)
            let free = try FreeListPages(fd: file.descriptor, pageSize: file.pageSize, fileBytes: file.bytes).all()
            return pages.allSatisfy { free.contains($0) }
        }
    }

    /// The data file's descriptor, its size in bytes (`fstat`) and the environment's page size.
    private static func dataFile(_ env: OpaquePointer) throws -> (descriptor: Int32, bytes: Int, pageSize: Int) {
        var sizes = MDB_stat()
        try lmdbCheck(mdb_env_stat(env, &sizes))
        var fd: Int32 = -1
        try lmdbCheck(mdb_env_get_fd(env, &fd))
        var file = stat()
        guard fstat(fd, &file) == 0 else { throw LMDBError(code: errno) }
        return (fd, Int(file.st_size), Int(sizes.ms_psize))
    }
}
