import Foundation

/// Reads a file (or standard input) line by line in large blocks, handing out
/// each line's bytes without copying. Promises: every line, including a last
/// one without a newline, is seen exactly once per pass with its 1-based
/// number; a line longer than `maxLineBytes` is an error naming its number;
/// `rewind` starts a new pass from the first line (standard input that is not
/// a regular file is first copied into a `SealedSpool`, so that a write
/// transaction that must run again sees the same input again, and no plain
/// text of it lands on the disk).
public final class LineReader {
    /// Where the bytes come from: a regular file (read again from where it began), or the spool.
    private enum Source {
        case file(Int32, owned: Bool, origin: off_t)
        case spool(SealedSpool)
    }

    private let source: Source
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    public let maxLineBytes: Int
    public private(set) var bytesRead = 0
    public let name: String

    public convenience init(path: String, maxLineBytes: Int = 1 << 20) throws(LedgerError) {
        if path == "-" {
            try self.init(descriptor: STDIN_FILENO, owned: false, name: "<stdin>", maxLineBytes: maxLineBytes)
            return
        }
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw errno == ENOENT ? .noInput("no such file: \(path)") : .io("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        try self.init(descriptor: fd, owned: true, name: path, maxLineBytes: maxLineBytes)
    }

    /// Reads `descriptor` (closed at the end when `owned`): a regular file in place, anything else spooled first.
    init(descriptor fd: Int32, owned: Bool, name: String, maxLineBytes: Int = 1 << 20) throws(LedgerError) {
        var info = stat()
        let kind = fstat(fd, &info) == 0 ? info.st_mode & S_IFMT : 0
        if kind == S_IFDIR {
            if owned { close(fd) }
            throw .usage("\(name) is a folder, not an NDJSON file")
        }
        if kind == S_IFREG {
            source = .file(fd, owned: owned, origin: max(0, lseek(fd, 0, SEEK_CUR)))
        } else {
            defer { if owned { close(fd) } }
            source = .spool(try SealedSpool(copying: fd, name: name))
        }
        self.name = name
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(4 << 20, maxLineBytes * 2 + 2))
    }

    deinit {
        if case .file(let fd, owned: true, _) = source { close(fd) }
    }

    /// Goes back to the first line.
    public func rewind() throws(LedgerError) {
        switch source {
        case .file(let fd, _, let origin):
            guard lseek(fd, origin, SEEK_SET) >= 0 else {
                throw .io("cannot read \(name) again: \(String(cString: strerror(errno)))")
            }
        case .spool(let spool):
            spool.rewind()
        }
        start = 0
        end = 0
        scanFrom = 0
        eof = false
        bytesRead = 0
    }

    /// The spool standard input was copied into (nil for a regular file).
    var spool: SealedSpool? {
        if case .spool(let spool) = source { return spool }
        return nil
    }

    /// Total size of a regular file from where it began, or of what was spooled (for progress and the map's reservation).
    public var totalBytes: Int {
        switch source {
        case .file(let fd, _, let origin):
            var info = stat()
            return fstat(fd, &info) == 0 ? max(0, Int(info.st_size) - Int(origin)) : 0
        case .spool(let spool):
            return spool.byteCount
        }
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
        let n = try buffer.withUnsafeMutableBytes { raw throws(LedgerError) -> Int in
            let free = UnsafeMutableRawBufferPointer(rebasing: raw[end...])
            switch source {
            case .file(let fd, _, _):
                let n = read(fd, free.baseAddress, free.count)
                if n < 0 { throw LedgerError.io("cannot read \(name): \(String(cString: strerror(errno)))") }
                return n
            case .spool(let spool):
                return try spool.read(into: free)
            }
        }
        if n == 0 { eof = true }
        end += n
        bytesRead += n
    }
}
