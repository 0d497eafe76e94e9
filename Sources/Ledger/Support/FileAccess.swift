import Foundation

/// Who else may read the ledger's files, checked before they are used, as
/// ssh checks a private key (Docs/THREAT_MODEL.md "File permissions").
///
/// Promises:
/// - a key file (the master key, the checkpoint signing key) is refused (exit 77) when it belongs to the account
///   running the ledger and its group or others have any access (mode & 077):
///   that is ssh's rule for private keys, and a key file owned by another
///   account (root, handing it to a service group) is that account's choice;
/// - `data.mdb` and `vault.mdb` are refused (exit 74) when every account of
///   the computer may read or write them (mode & 007); a group may share them
///   (an office's service account and its auditors), since without the key
///   they hold pseudonymous data and ciphertext only.
/// The messages give the `chmod` that mends it, and nothing is read first.
enum FileAccess {
    /// Refuses a key file others can get at (see the type); `what` names the key in the message.
    static func checkKeyFile(_ path: String, what: String = "master key") throws(LedgerError) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 else { return }
        throw .key("the \(what) file \(path) is open to other accounts (mode \(octal(info.st_mode))); it is not used: chmod 600 \(path)")
    }

    /// Refuses a data or vault file every account may read or write (see the type).
    static func checkDataFile(_ path: String) throws(LedgerError) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o007 != 0 else { return }
        throw .io("\(path) can be read or written by every account of this computer (mode \(octal(info.st_mode))); it is not used: chmod o-rwx \(path)")
    }

    private static func octal(_ mode: mode_t) -> String {
        "0" + String(mode & 0o777, radix: 8)
    }
}
