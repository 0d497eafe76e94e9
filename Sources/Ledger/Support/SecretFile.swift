import Foundation

/// Files that hold a secret (the master key, the checkpoint signing key):
/// created with mode 0600 and flushed to disk before anyone relies on them.
/// Promises: `create` never overwrites a file (an existing one is a usage
/// error naming it); a failed write leaves no partial file behind it that
/// `create` would then refuse to replace.
enum SecretFile {
    /// Writes `bytes` to a new file at `path`; `what` names the secret in messages ("a master key").
    static func create(_ path: String, _ bytes: [UInt8], what: String) throws(LedgerError) {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .usage("\(what) already exists at \(path); refusing to overwrite it") }
            throw .io("cannot create \(path) for \(what): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { raw in raw.baseAddress.map { write(fd, $0, raw.count) } ?? 0 }
        guard written == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw .io("cannot write \(what) to \(path): \(reason)")
        }
    }
}
