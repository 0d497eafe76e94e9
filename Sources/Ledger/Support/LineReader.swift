import Foundation

/// Reads a file (or standard input) line by line in large blocks, handing out
/// each line's bytes without copying. Promises: every line, including a last
/// one without a newline, is seen exactly once with its 1-based number; a line
/// longer than `maxLineBytes` is an error naming its number.
public final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    public let maxLineBytes: Int
    public private(set) var bytesRead = 0
    public let name: String

    public init(path: String, maxLineBytes: Int = 1 << 20) throws(LedgerError) {
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
            name = "<stdin>"
        } else {
            fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw errno == ENOENT ? .usage("no such file: \(path)") : .io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            ownsDescriptor = true
            name = path
        }
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(4 << 20, maxLineBytes * 2 + 2))
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Total size when reading a regular file (for progress), else 0.
    public var totalBytes: Int {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    }

    /// Calls `body` with each line (without its newline) and its number.
    public func forEachLine(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        var number = 0
        while true {
            if let newline = findNewline() {
                number += 1
                let lineEnd = newline
                try buffer.withUnsafeBytes { raw in
                    try body(UnsafeRawBufferPointer(rebasing: raw[start..<lineEnd]), number)
                }
                start = newline + 1
                continue
            }
            if end - start > maxLineBytes {
                throw LedgerError.atLine(file: name, line: number + 1, .invalidInput("line is longer than \(maxLineBytes) bytes"))
            }
            if eof {
                if end > start {
                    number += 1
                    let lineEnd = end
                    try buffer.withUnsafeBytes { raw in
                        try body(UnsafeRawBufferPointer(rebasing: raw[start..<lineEnd]), number)
                    }
                }
                return
            }
            try fill()
        }
    }

    private var scanFrom = 0

    private func findNewline() -> Int? {
        var i = max(start, scanFrom)
        while i < end {
            if buffer[i] == 10 { scanFrom = i + 1; return i }
            i += 1
        }
        scanFrom = end
        return nil
    }

    private func fill() throws {
        if start > 0 {
            let count = end - start
            buffer.withUnsafeMutableBytes { raw in
                if count > 0, let base = raw.baseAddress { memmove(base, base + start, count) }
            }
            scanFrom -= start
            end = count
            start = 0
        }
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return read(fd, base + end, raw.count - end)
        }
        if n < 0 { throw LedgerError.io("cannot read \(name): \(String(cString: strerror(errno)))") }
        if n == 0 { eof = true }
        end += n
        bytesRead += n
    }
}
