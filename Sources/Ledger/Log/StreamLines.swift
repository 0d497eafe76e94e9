import Foundation

/// Complete lines of a stream that arrived since the last batch was taken:
/// their bytes, one after another, and where each begins and ends.
struct StreamBatch {
    var bytes: [UInt8] = []
    /// Each line's number in the whole stream (1-based, blank lines counted) and its bytes' range.
    var lines: [(number: Int, range: Range<Int>)] = []
    /// Whether the last line ended with the input instead of a newline (its sender may have stopped mid-line).
    var lastIsUnterminated = false

    var isEmpty: Bool { lines.isEmpty }
}

/// Reads an input that may never end (a pipe from `ledger follow`, over
/// `ssh`) without blocking past a deadline, and cuts it into numbered lines.
/// Promises: every byte read belongs to exactly one line handed out once, in
/// order, numbered across the whole stream; a line is handed out only once
/// its newline has arrived, except a last line without one at the end of
/// input; a line longer than `maxLineBytes` is an error naming its number;
/// `read` returns when input arrived, the wait ran out, the input ended or
/// the stop was raised, whichever comes first.
final class StreamLines {
    enum Arrival: Equatable {
        case data
        case timedOut
        case endOfInput
        case stopped
    }

    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let maxLineBytes: Int
    /// Bytes read and not yet handed out: whole lines, then the start of the next.
    private var pending: [UInt8] = []
    /// Where the unfinished line starts in `pending`.
    private var lineStart = 0
    private var ready = StreamBatch()
    private var lineNumber = 0
    private var block = [UInt8](repeating: 0, count: 1 << 20)

    init(path: String, maxLineBytes: Int = 1 << 20) throws(LedgerError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            name = "<stdin>"
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw errno == ENOENT ? .usage("no such file: \(path)") : .io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            ownsDescriptor = true
            name = path
        }
        self.maxLineBytes = maxLineBytes
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Complete lines waiting to be taken, and their bytes.
    var waitingLines: Int { ready.lines.count }
    var waitingBytes: Int { lineStart }

    /// Waits up to `seconds` (nil: as long as it takes) for input, and reads what has come.
    func read(waiting seconds: Double?, stop: StopRequest?) throws(LedgerError) -> Arrival {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        if let stop { fds.append(pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = seconds.map { Int32(min($0 * 1000, Double(Int32.max)).rounded(.up)) } ?? -1
        let count = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), milliseconds) }
        if count < 0 {
            if errno == EINTR { return .timedOut }
            throw .io("cannot wait for \(name): \(String(cString: strerror(errno)))")
        }
        if fds.count > 1 && fds[1].revents != 0 { return .stopped }
        guard count > 0, fds[0].revents != 0 else { return .timedOut }
        let n = block.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { return .timedOut }
            throw .io("cannot read \(name): \(String(cString: strerror(errno)))")
        }
        if n == 0 {
            finishLastLine()
            return .endOfInput
        }
        try cut(block[0..<n])
        return .data
    }

    /// The complete lines read so far (a last line without newline only after the end of input).
    func take() -> StreamBatch {
        var batch = StreamBatch()
        swap(&batch, &ready)
        batch.bytes = Array(pending[0..<lineStart])
        pending.removeFirst(lineStart)
        lineStart = 0
        return batch
    }

    private func cut(_ bytes: ArraySlice<UInt8>) throws(LedgerError) {
        var from = pending.count
        pending.append(contentsOf: bytes)
        while let newline = pending[from...].firstIndex(of: 10) {
            if newline - lineStart > maxLineBytes { throw tooLong() }
            endLine(at: newline)
            lineStart = newline + 1
            from = lineStart
        }
        if pending.count - lineStart > maxLineBytes { throw tooLong() }
    }

    private func tooLong() -> LedgerError {
        .atLine(file: name, line: lineNumber + 1, .invalidInput("line is longer than \(maxLineBytes) bytes"))
    }

    private func endLine(at end: Int) {
        lineNumber += 1
        ready.lines.append((lineNumber, lineStart..<end))
    }

    private func finishLastLine() {
        guard pending.count > lineStart else { return }
        endLine(at: pending.count)
        ready.lastIsUnterminated = true
        lineStart = pending.count
    }
}
