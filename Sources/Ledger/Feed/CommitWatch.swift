import Foundation

/// Wakes a feed when the ledger's data file is written, without a busy
/// loop: LMDB has no change notification, but every commit writes
/// `data.mdb` (its pages, then its meta page) with write(2), which inotify
/// reports as a modification (Linux); elsewhere, or where inotify cannot be
/// had, `isNotified` is false and the caller polls the head with a backoff
/// instead. A wake is a hint, not a commit: the writer announces a commit to
/// readers just after writing its meta page, and other writes (the access
/// log, a rebuild) wake too, so the caller reads the head to see what is
/// new and re-checks shortly after a wake that found nothing.
/// Promises: a write after `init` is never missed (inotify queues it until
/// the next `wait`); `wait` also returns at once when `stop` is raised or the
/// reader of `output` has gone; it never reads or writes the ledger.
final class CommitWatch {
    /// Why `wait` returned.
    enum Wake: Equatable {
        /// The data file was written (a commit, or another write).
        case written
        /// Nothing happened within the time given.
        case timedOut
        /// The stop was raised.
        case stopped
        /// The output's reader has gone (a closed pipe).
        case readerGone
        /// The data file was removed or replaced: nothing more will arrive through it.
        case fileGone
    }

    private let path: String
    /// The inotify descriptor, -1 when there is none.
    private let notifier: Int32
    /// The data file's inode when the watch began.
    private let inode: UInt64

    init(directory: String) {
        path = directory + "/" + LedgerStore.dataFile
        var info = stat()
        inode = stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
        notifier = CommitWatch.startNotifier(path)
    }

    deinit { if notifier >= 0 { close(notifier) } }

    /// Whether writes are notified (else the caller must poll).
    var isNotified: Bool { notifier >= 0 }

    /// Waits up to `seconds` for a write, the stop, or the output's reader going away.
    func wait(seconds: Double, stop: StopRequest?, output: Int32?) -> Wake {
        var fds: [pollfd] = []
        if notifier >= 0 { fds.append(pollfd(fd: notifier, events: Int16(POLLIN), revents: 0)) }
        if let stop { fds.append(pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)) }
        // Asking for no event still reports POLLERR and POLLHUP: a pipe whose reader closed.
        if let output { fds.append(pollfd(fd: output, events: 0, revents: 0)) }
        let milliseconds = Int32(max(0, min(seconds * 1000, Double(Int32.max))).rounded(.up))
        let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), milliseconds) }
        guard ready > 0 else { return .timedOut }  // EINTR too: the caller looks again
        var index = 0
        var written = false
        if notifier >= 0 {
            written = fds[index].revents != 0
            index += 1
        }
        if stop != nil {
            if fds[index].revents != 0 { return .stopped }
            index += 1
        }
        if output != nil, fds[index].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return .readerGone }
        guard written else { return .timedOut }
        return drain() ? .fileGone : .written
    }

    /// Reads every queued notification; true when one says the file went away.
    private func drain() -> Bool {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var suspicious = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(notifier, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (mask, length) = buffer.withUnsafeBytes { raw -> (UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.mask, Int(event.len))
                }
                if mask & CommitWatch.goneMask != 0 { suspicious = true }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
        return suspicious && !stillTheSameFile()
        #else
        return false
        #endif
    }

    private func stillTheSameFile() -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && UInt64(info.st_ino) == inode && info.st_nlink > 0
    }

    #if os(Linux)
    private static let goneMask = UInt32(IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)
    #endif

    private static func startNotifier(_ path: String) -> Int32 {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return -1 }
        guard inotify_add_watch(fd, path, UInt32(IN_MODIFY) | goneMask) >= 0 else {
            close(fd)
            return -1
        }
        return fd
        #else
        return -1
        #endif
    }
}
