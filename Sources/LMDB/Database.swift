/// A handle on one named database inside an environment (a cheap value).
///
/// Promises: obtained only from `Environment.openDatabase`; valid for the lifetime of that
/// environment and only with transactions of that environment. Copying it is free, and it may be
/// shared between threads.
public struct Database: Sendable, Hashable {
    /// The name it was opened with (`""` is LMDB's unnamed main database).
    public let name: String
    /// LMDB's `MDB_dbi`.
    let dbi: UInt32

    init(name: String, dbi: UInt32) {
        self.name = name
        self.dbi = dbi
    }
}
