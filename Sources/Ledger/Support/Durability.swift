import Foundation

/// fsync helpers for the few places that replace files by rename.
enum Durability {
    static func fsyncFile(_ path: String) throws(LedgerError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }

    static func fsyncDirectory(_ path: String) throws(LedgerError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }
}
