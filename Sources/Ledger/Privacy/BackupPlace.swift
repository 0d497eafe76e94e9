import Foundation

/// Where a backup may go: never into the live ledger folder, where it would
/// share the ledger's disk and fate, be copied into the next backup, and
/// (with `--with-key`) put a second master key beside the data.
enum BackupPlace {
    /// Whether `path` (which need not exist yet) is `folder` or lies inside it, links resolved.
    static func lies(_ path: String, inside folder: String) -> Bool {
        guard let root = resolved(folder), let target = resolved(path) else { return false }
        return target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The real path of `path`: of the path itself if it exists, else of its nearest existing
    /// ancestor with the rest appended (a backup's destination is usually new).
    static func resolved(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardized.path
        var existing = absolute
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                return ([String(cString: real)] + rest).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
            }
            let parent = (existing as NSString).deletingLastPathComponent
            guard parent != existing, !parent.isEmpty else { return nil }
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = parent
        }
    }
}
