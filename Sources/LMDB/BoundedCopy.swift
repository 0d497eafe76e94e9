internal import CLMDB
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Environment {
    /// Copies the environment to `path` as `copy(to:compact:)` does (one
    /// consistent snapshot, `mdb_env_copy2`), while a helper thread hands
    /// this process's mapping of the data file's pages back every
    /// `releaseInterval` seconds (`madvise(MADV_DONTNEED)` over LMDB's
    /// read-only shared map, as `ReadTransaction.releaseMappedPages` does).
    ///
    /// Promises: the copy is byte for byte what `copy(to:compact:)` writes;
    /// the data stays in the page cache and the file, only the resident set
    /// changes: LMDB reads every page of the snapshot through the map, and
    /// without the hand-back the whole file stays counted in the resident
    /// set until the environment closes. The map cannot move meanwhile (a
    /// resize waits for the shared lock held here). Best effort: where the
    /// map cannot be found (other systems than Linux), it copies as
    /// `copy(to:compact:)` does.
    public func copyReleasingMappedPages(to path: String, compact: Bool, releaseInterval: TimeInterval = 0.02) throws {
        try withShared { env in
            let ranges = Environment.mappedDataFileRanges(env)
            let releaser = MappedPageReleaser(ranges: ranges, interval: releaseInterval)
            releaser.start()
            defer { releaser.stop() }
            try lmdbCheck(mdb_env_copy2(env, path, compact ? UInt32(MDB_CP_COMPACT) : 0))
        }
    }

    /// Hands back this process's mapped pages of the data file now (see
    /// `copyReleasingMappedPages`). Best effort, as there.
    public func releaseMappedPages() throws {
        try withShared { env in
            MappedPageReleaser.release(Environment.mappedDataFileRanges(env))
        }
    }

    /// Where the data file of `env` is mapped (read-only, shared); empty where unknown.
    static func mappedDataFileRanges(_ env: OpaquePointer) -> [Range<UInt>] {
        #if os(Linux)
        var fd: Int32 = -1
        var file = stat()
        guard mdb_env_get_fd(env, &fd) == MDB_SUCCESS, fstat(fd, &file) == 0 else { return [] }
        return MappedFile.readOnlySharedRanges(device: UInt64(file.st_dev), inode: UInt64(file.st_ino))
        #else
        return []
        #endif
    }
}

/// A thread that hands mapped pages back at an interval until stopped.
/// Promises: after `stop` returns, the thread has ended and the pages were
/// handed back once more.
final class MappedPageReleaser: @unchecked Sendable {
    private let ranges: [Range<UInt>]
    private let interval: TimeInterval
    private let condition = NSCondition()
    private var stopping = false
    private var running = false

    init(ranges: [Range<UInt>], interval: TimeInterval) {
        self.ranges = ranges
        self.interval = interval
    }

    func start() {
        guard !ranges.isEmpty else { return }
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { [self] in self.run() }
        thread.start()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
        MappedPageReleaser.release(ranges)
    }

    private func run() {
        condition.lock()
        while !stopping {
            _ = condition.wait(until: Date(timeIntervalSinceNow: interval))
            if !stopping { MappedPageReleaser.release(ranges) }
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }

    static func release(_ ranges: [Range<UInt>]) {
        for range in ranges {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), Int(range.count), MADV_DONTNEED)
        }
    }
}
