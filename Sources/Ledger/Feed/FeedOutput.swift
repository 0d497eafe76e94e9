import Foundation

/// Where a live feed's lines go: a descriptor (standard output) that may be
/// a pipe to another program (`ssh`, `kcat`, `ledger import --stream -`).
/// Promises: `write` hands over all of its bytes, or reports why it could
/// not: the reader went away (a closed pipe: EPIPE, which the caller must not
/// let SIGPIPE turn into a kill) or the stop was raised; it never waits on a
/// pipe without also watching the stop, so a stalled reader cannot keep the
/// feed from ending (into a pipe it writes no more than the pipe has room
/// for, which never blocks). Other write errors are `.io`.
public final class FeedOutput {
    /// How a write ended.
    public enum Outcome: Equatable, Sendable {
        case written
        case readerGone
        case stopped
    }

    public let descriptor: Int32
    public let name: String
    private let stop: StopRequest?
    /// Whether the descriptor is a pipe or socket (bounded room: written in small steps).
    private let bounded: Bool

    public init(descriptor: Int32 = STDOUT_FILENO, name: String = "<stdout>", stop: StopRequest?) {
        self.descriptor = descriptor
        self.name = name
        self.stop = stop
        var info = stat()
        let kind = fstat(descriptor, &info) == 0 ? info.st_mode & S_IFMT : 0
        bounded = kind == S_IFIFO || kind == S_IFSOCK
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(LedgerError) -> Outcome {
        var offset = 0
        while offset < bytes.count {
            var step = bytes.count - offset
            if bounded {
                switch waitForRoom() {
                case .written: step = min(step, Int(PIPE_BUF))
                case let other: return other
                }
            }
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, step)
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == EPIPE || errno == ECONNRESET { return .readerGone }
                throw .io("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        return .written
    }

    /// Waits until the pipe has room (`.written`), its reader went away, or the stop was raised.
    private func waitForRoom() -> Outcome {
        while true {
            var fds = [pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)]
            if let stop { fds.append(pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), -1) }
            if ready < 0 {
                if errno == EINTR { continue }
                return .written  // poll itself failed: the write says what is wrong
            }
            if fds.count > 1 && fds[1].revents != 0 { return .stopped }
            if fds[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return .readerGone }
            if fds[0].revents & Int16(POLLOUT) != 0 { return .written }
        }
    }
}
