import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe that a thread of its own fills with bytes and then closes, so that
/// whoever reads the other end (a child process, or this one through
/// `/dev/fd/N`) never waits on a writer that is itself waiting. Both ends
/// close on `exec`: a child gets the read end only by `dup2`, and never
/// inherits the write end (it would then never see the end of its input).
/// The writer ignores SIGPIPE: a reader that stops early ends the writing.
public final class PipeFeeder: Sendable {
    /// The end to read from; `closeReadEnd()` closes it in this process.
    public let readEnd: Int32
    private let fed = DispatchSemaphore(value: 0)

    /// Makes the pipe and starts writing `bytes` into it. With `release`, the write end stays open
    /// after the last byte (`waitUntilFed` returns then) until `release` is signalled: the reader is
    /// still reading, with all of the bytes in hand and no end of input yet.
    public init(_ bytes: [UInt8], holdOpenUntil release: DispatchSemaphore? = nil) throws(ChildProcessError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ChildProcessError("pipe failed: \(String(cString: strerror(errno)))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        readEnd = ends[0]
        let writeEnd = ends[1], fed = self.fed
        Thread.detachNewThread {
            Self.ignoreBrokenPipe()
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count, let base = raw.baseAddress {
                    let n = write(writeEnd, base + offset, raw.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            if let release {
                fed.signal()
                release.wait()
                close(writeEnd)
            } else {
                close(writeEnd)
                fed.signal()
            }
        }
    }

    /// Closes the read end in this process (a child that got it keeps its own).
    public func closeReadEnd() {
        close(readEnd)
    }

    /// Waits until every byte is written or the reader has gone, at most `timeout` seconds.
    public func waitUntilFed(timeout: Double) {
        _ = fed.wait(timeout: .now() + timeout)
    }

    /// Blocks SIGPIPE for the calling thread only: a write to a pipe nobody
    /// reads then fails with EPIPE instead of ending the whole process.
    private static func ignoreBrokenPipe() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }
}
