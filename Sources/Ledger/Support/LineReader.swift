import Foundation

/// Reads a file (or standard input) line by line in large blocks, handing out
/// each line's bytes without copying. Promises: every line, including a last
/// one without a newline, is seen exactly once per pass with its 1-based
/// number; a line longer than `maxLineBytes` is an error naming its number;
/// `rewind` starts a new pass from the first line (standard input that is not
/// a regular file is first copied to an unlinked temporary file, so that a
/// write transaction that must run again sees the same input again).
public final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    public let maxLineBytes: Int
    public private(set) var bytesRead = 0
    /// Where the first line starts in the file (the offset the reader found it at).
    private let origin: off_t
    public let name: String

    public init(path: String, maxLineBytes: Int = 1 << 20) throws(LedgerError) {
        let source: Int32
        let label = path == "-" ? "<stdin>" : path
        if path == "-" {
            source = STDIN_FILENO
        } else {
            source = Foundation.open(path, O_RDONLY | O_CLOEXEC)
            guard source >= 0 else {
                throw errno == ENOENT ? .noInput("no such file: \(path)") : .io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
        }
        var info = stat()
        let kind = fstat(source, &info) == 0 ? info.st_mode & S_IFMT : 0
        if kind == S_IFDIR {
            if source != STDIN_FILENO { close(source) }
            throw .usage("\(label) is a folder, not an NDJSON file")
        }
        if kind == S_IFREG {
            fd = source
            ownsDescriptor = source != STDIN_FILENO
        } else {
            defer { if source != STDIN_FILENO { close(source) } }
            fd = try LineReader.spool(source, name: label)
            ownsDescriptor = true
        }
        name = label
        self.maxLineBytes = maxLineBytes
        origin = max(0, lseek(fd, 0, SEEK_CUR))
        buffer = [UInt8](repeating: 0, count: max(4 << 20, maxLineBytes * 2 + 2))
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Goes back to the first line.
    public func rewind() throws(LedgerError) {
        guard lseek(fd, origin, SEEK_SET) >= 0 else {
            throw .io("cannot read \(name) again: \(String(cString: strerror(errno)))")
        }
        start = 0
        end = 0
        scanFrom = 0
        eof = false
        bytesRead = 0
    }

    /// Copies a pipe or terminal into an unlinked temporary file and returns it, positioned at its start.
    static func spool(_ source: Int32, name: String) throws(LedgerError) -> Int32 {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/ledger-stdin-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let fd = mkstemp(base)
            if fd >= 0 { unlink(base) }
            return fd
        }
        guard fd >= 0 else { throw .io("cannot make a temporary copy of \(name) in \(directory): \(String(cString: strerror(errno)))") }
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                close(fd)
                throw .io("cannot read \(name): \(String(cString: strerror(errno)))")
            }
            var offset = 0
            while offset < n {
                let w = block.withUnsafeBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return -1 }
                    return write(fd, base + offset, n - offset)
                }
                if w < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw .io("cannot make a temporary copy of \(name) in \(directory): \(reason)")
                }
                offset += w
            }
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else {
            close(fd)
            throw .io("cannot read back the copy of \(name): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Total size when reading a regular file (for progress), else 0.
    public var totalBytes: Int {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    }

    /// Calls `body` with each line (without its newline) and its number.
    /// Whether a line holds only spaces, tabs and carriage returns (or nothing).
    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0d { return false }
        return true
    }

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
        let from = max(start, scanFrom)
        guard from < end else { return nil }
        let found: Int? = buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base + from, 10, end - from) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        scanFrom = found.map { $0 + 1 } ?? end
        return found
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
