import Foundation

/// A request to stop a feed, raised from any thread (the CLI raises it from
/// its SIGINT/SIGTERM handlers) and noticed by a `poll(2)` on `descriptor`
/// beside the descriptors a feed waits on, so that a feed waiting for the
/// next commit or for room in its output pipe ends at once. Promises:
/// raising never blocks and may be repeated; once raised it stays raised.
public final class StopRequest: @unchecked Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    public init() throws(LedgerError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .io("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for fd in ends {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Asks the feed to stop (one byte into the pipe; a full pipe means it was asked already).
    public func raise() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Readable once the stop was raised (the byte is never taken out).
    var descriptor: Int32 { readEnd }

    /// Whether the stop was raised.
    public var isRaised: Bool {
        var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0 && entry.revents & Int16(POLLIN) != 0
    }
}
