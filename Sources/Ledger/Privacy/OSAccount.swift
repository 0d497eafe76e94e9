import Glibc

/// The operating-system account a process runs as: the name of its real
/// user id (`getpwuid(getuid())`), not `$USER` or `$LOGNAME`, which the caller
/// sets at will. Promises: never empty; `uid N` when the id has no entry in
/// the user database. It proves
/// which account ran the program, not which person sat at it, and nothing
/// against root, who can run as any account.
public enum OSAccount {
    /// The real user id's name, or `uid N` when it has none.
    public static func current() -> String {
        let uid = getuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        let text = String(cString: name)
        return text.isEmpty ? "uid \(uid)" : text
    }
}
