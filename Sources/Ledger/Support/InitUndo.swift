import Foundation

/// What a `ledger init` makes, noted before it makes it, so that a failed
/// init takes all of it back: a half-made ledger folder (or an empty one)
/// would otherwise stay behind, and the next init would refuse it or, worse,
/// a later command would treat it as a ledger.
///
/// Promises: `undo` removes the folders init created (from the topmost one
/// that did not exist), or, in a folder that existed, only the entries that
/// were not there before; and the key files init created elsewhere
/// (`LEDGER_KEY_FILE`, the signing key beside it). It never removes anything
/// that existed before.
struct InitUndo {
    let folder: String
    /// The topmost folder of the path that does not exist yet (nil: the folder exists).
    private let topCreated: String?
    /// The folder's entries before init (when it existed).
    private let entriesBefore: Set<String>
    /// Files init created that may lie outside the folder (the master and signing keys): noted right
    /// after each is made.
    var createdFiles: [String] = []

    init(folder: String) {
        self.folder = folder
        let fm = FileManager.default
        var top: String? = nil
        var path = URL(fileURLWithPath: folder).standardized.path
        while !fm.fileExists(atPath: path) {
            top = path
            let parent = (path as NSString).deletingLastPathComponent
            if parent == path || parent.isEmpty { break }
            path = parent
        }
        topCreated = top
        entriesBefore = top == nil ? Set((try? fm.contentsOfDirectory(atPath: folder)) ?? []) : []
    }

    /// Removes what init made (see the type). Best effort: init's own error is what the caller reports.
    func undo() {
        let fm = FileManager.default
        for file in createdFiles { try? fm.removeItem(atPath: file) }
        if let topCreated {
            try? fm.removeItem(atPath: topCreated)
            return
        }
        for entry in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where !entriesBefore.contains(entry) {
            try? fm.removeItem(atPath: folder + "/" + entry)
        }
    }
}
