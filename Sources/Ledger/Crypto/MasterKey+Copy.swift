import Foundation

extension MasterKey {
    /// Copies a master key file (checked to hold a key) to a new file of mode
    /// 0600, flushed to disk; refuses to overwrite. Used by `backup --with-key`.
    static func copy(from source: String, to destination: String) throws(LedgerError) {
        _ = try load(from: source)
        guard let data = FileManager.default.contents(atPath: source) else {
            throw .key("no master key at \(source): set \(environmentVariable) to the key file")
        }
        let fd = Foundation.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot create \(destination): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { raw in raw.baseAddress.map { write(fd, $0, raw.count) } ?? 0 }
        guard written == data.count, fsync(fd) == 0 else {
            throw .io("cannot write \(destination): \(String(cString: strerror(errno)))")
        }
    }
}
