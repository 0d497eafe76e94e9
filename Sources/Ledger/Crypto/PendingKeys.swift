import Foundation

/// The marker file `keys.pending` in the ledger folder. It says: case keys
/// were stored in the vault for an append that has not committed yet. The
/// vault is written before the log (a key must be durable before anything
/// sealed under it), so a writer killed between the two, or one whose commit
/// failed and that could not take its keys back (a full disk), leaves keys of
/// cases the log never got. The next writer finds the marker and removes
/// those keys. Promises: the marker exists whenever the vault may hold such
/// a key (it is made before the keys are stored; it is not flushed, since a
/// leftover key after a power cut is harmless: nothing is sealed under it).
enum PendingKeys {
    static let fileName = "keys.pending"

    static func path(_ directory: String) -> String { directory + "/" + fileName }

    static func isMarked(_ directory: String) -> Bool {
        access(path(directory), F_OK) == 0
    }

    static func mark(_ directory: String) throws(LedgerError) {
        let fd = open(path(directory), O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .io("cannot write \(path(directory)): \(String(cString: strerror(errno)))")
        }
        close(fd)
    }

    static func clear(_ directory: String) {
        unlink(path(directory))
    }
}
