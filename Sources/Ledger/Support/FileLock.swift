import Foundation

/// An advisory `flock(2)` lock on a file, released when the holder closes it
/// or dies (so a killed writer never leaves the ledger locked). Promises: an
/// exclusive holder excludes every other holder, shared holders only
/// exclusive ones; waiting is bounded by the given timeout.
public final class FileLock {
    public enum Mode { case shared, exclusive }

    private var fd: Int32 = -1
    public let path: String

    public init(path: String) { self.path = path }

    deinit { unlock() }

    /// Takes the lock, retrying until `timeout` seconds have passed; throws `.busy` after that.
    public func lock(_ mode: Mode, timeout: Double, what: String) throws(LedgerError) {
        if fd < 0 {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw .io("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            }
        }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 1_000
        while flock(fd, operation) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .io("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                throw .busy("\(what) is busy: another process is writing to it; try again in a moment")
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    public func unlock() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }
}
