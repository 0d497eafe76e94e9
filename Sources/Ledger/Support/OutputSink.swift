import Foundation

/// Where exported lines go: standard output, or a file given with `--out`,
/// written in large blocks.
///
/// Promises for a file: the target is never written in place. The bytes go
/// into a new file beside it (mode 0600, created exclusively, so it is nobody
/// else's file and no link), which `finish` flushes to disk and renames over
/// the target: the target then holds the whole export with mode 0600, whatever
/// file was there before and whatever its mode, and is never seen half
/// written. A target that is a symbolic link is refused (the export would
/// otherwise replace the link, not the file it points at, and the caller
/// probably meant the latter). A sink dropped before `finish` (a failed export)
/// removes its new file and leaves the target as it was.
public final class OutputSink {
    private let fd: Int32
    /// For a file: the target and the new file beside it; nil for standard output.
    private let paths: (target: String, partial: String)?
    private var finished = false
    private var buffer: [UInt8] = []
    public let name: String

    /// Standard output.
    public init() {
        fd = STDOUT_FILENO
        paths = nil
        name = "<stdout>"
        buffer.reserveCapacity(1 << 20)
    }

    /// A file, written into a new file beside `path` and renamed over it by `finish` (see the type).
    public init(path: String) throws(LedgerError) {
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw .usage("\(path) is a symbolic link; refusing to write an export through it (name the file itself)")
            }
            if info.st_mode & S_IFMT == S_IFDIR { throw .usage("\(path) is a folder; name a file to export into") }
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array((directory + "/." + url.lastPathComponent + ".partial-XXXXXX").utf8CString)
        let (fd, partial) = template.withUnsafeMutableBufferPointer { buffer -> (Int32, String) in
            guard let base = buffer.baseAddress else { return (-1, "") }
            let fd = mkstemp(base)  // O_CREAT | O_EXCL, mode 0600
            return (fd, String(cString: base))
        }
        guard fd >= 0 else { throw .io("cannot write \(path): \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
        paths = (path, partial)
        name = path
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if let paths {
            close(fd)
            if !finished { unlink(paths.partial) }
        } else {
            try? flush()
        }
    }

    public func write(_ bytes: [UInt8]) throws(LedgerError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func write(_ text: String) throws(LedgerError) { try write(Array(text.utf8)) }

    public func flush() throws(LedgerError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                buffer.removeAll(keepingCapacity: true)
                throw .io("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, makes it durable and puts it in place of the target.
    public func finish() throws(LedgerError) {
        try flush()
        guard let paths, !finished else { return }
        if fsync(fd) != 0 { throw .io("cannot flush \(name): \(String(cString: strerror(errno)))") }
        guard rename(paths.partial, paths.target) == 0 else {
            throw .io("cannot put the export in place at \(name): \(String(cString: strerror(errno)))")
        }
        finished = true
        let directory = URL(fileURLWithPath: paths.target).deletingLastPathComponent().path
        try Durability.fsyncDirectory(directory)
    }
}
