internal import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// LMDB's and the OS's error codes as a value callers can match.
///
/// Promises: every failure thrown by the `LMDB` module is an `LMDBError`; `code` is exactly the
/// integer LMDB returned, so values compare equal to the static constants below (`catch LMDBError.mapFull`).
///
/// LMDB reports two kinds of codes:
/// - its own, negative codes (`MDB_KEYEXIST` … `MDB_BAD_DBI`), available as the static constants;
/// - plain `errno` values passed through from the operating system. The ones worth knowing:
///   - `ENOSPC` (no space left on device) and `EDQUOT` (disk quota exceeded): `isDiskFull` is true.
///     Typically thrown by a write or by the commit when the data file has to grow on disk. The
///     transaction was aborted, nothing of it was written; free space and retry.
///   - `EACCES`, `EPERM`, `EROFS`: `isPermissionDenied` is true. The files (or the directory) can't be
///     opened or written with the process's rights, or the file system is mounted read-only.
///     Also thrown by `write` on an environment opened with `readOnly`.
///   - `ENOENT`: the path (the directory in directory mode) does not exist.
///   - `EAGAIN` / `EBUSY`: the environment is locked by another process in an incompatible way.
///   - `ENOMEM`: the map could not be created (address space exhausted, map size too large).
///   - `EINVAL`: an invalid parameter (for example an unknown flag or a closed handle).
///   - `EIO`: a low-level I/O error; the disk or the file system is in trouble.
///   - `EBADF`: used by this module for "the environment has been closed".
public struct LMDBError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The raw code: an LMDB `MDB_*` code (negative) or an `errno` value (positive).
    public let code: Int32

    public init(code: Int32) {
        self.code = code
    }

    /// `MDB_KEYEXIST`: key/data pair already exists (`.noOverwrite`), or `.append` was out of order.
    public static let keyExist = LMDBError(code: MDB_KEYEXIST)
    /// `MDB_NOTFOUND`: no matching key. The module turns it into `nil`/`false` where that makes sense.
    public static let notFound = LMDBError(code: MDB_NOTFOUND)
    /// `MDB_PAGE_NOTFOUND`: a requested page was not found; usually corruption.
    public static let pageNotFound = LMDBError(code: MDB_PAGE_NOTFOUND)
    /// `MDB_CORRUPTED`: located page was the wrong type.
    public static let corrupted = LMDBError(code: MDB_CORRUPTED)
    /// `MDB_PANIC`: update of meta page failed or the environment had a fatal error.
    public static let panic = LMDBError(code: MDB_PANIC)
    /// `MDB_VERSION_MISMATCH`: the environment was written by an incompatible LMDB version.
    public static let versionMismatch = LMDBError(code: MDB_VERSION_MISMATCH)
    /// `MDB_INVALID`: the file is not an LMDB data file.
    public static let invalid = LMDBError(code: MDB_INVALID)
    /// `MDB_MAP_FULL`: the map is full. `Environment.write` grows the map itself and only throws
    /// this when `maxMapSize` has been reached.
    public static let mapFull = LMDBError(code: MDB_MAP_FULL)
    /// `MDB_DBS_FULL`: more named databases than `maxDatabases`.
    public static let dbsFull = LMDBError(code: MDB_DBS_FULL)
    /// `MDB_READERS_FULL`: all reader slots (`maxReaders`) are in use.
    public static let readersFull = LMDBError(code: MDB_READERS_FULL)
    /// `MDB_TXN_FULL`: the transaction has too many dirty pages; split it into smaller ones.
    public static let txnFull = LMDBError(code: MDB_TXN_FULL)
    /// `MDB_CURSOR_FULL`: cursor stack too deep (internal error).
    public static let cursorFull = LMDBError(code: MDB_CURSOR_FULL)
    /// `MDB_PAGE_FULL`: page has not enough space (internal error).
    public static let pageFull = LMDBError(code: MDB_PAGE_FULL)
    /// `MDB_MAP_RESIZED`: another process grew the map. Handled internally by `Environment`.
    public static let mapResized = LMDBError(code: MDB_MAP_RESIZED)
    /// `MDB_INCOMPATIBLE`: the operation or the database flags are incompatible with the existing database.
    public static let incompatible = LMDBError(code: MDB_INCOMPATIBLE)
    /// `MDB_BAD_RSLOT`: invalid reuse of a reader lock table slot.
    public static let badReaderSlot = LMDBError(code: MDB_BAD_RSLOT)
    /// `MDB_BAD_TXN`: the transaction is not usable (it has ended, or an earlier error poisoned it).
    /// Also thrown when a transaction or cursor is used after the closure that received it returned.
    public static let badTransaction = LMDBError(code: MDB_BAD_TXN)
    /// `MDB_BAD_VALSIZE`: key or value has an unsupported size (empty key, or key longer than 511 bytes).
    public static let badValueSize = LMDBError(code: MDB_BAD_VALSIZE)
    /// `MDB_BAD_DBI`: the database handle is not valid (was closed or belongs to another environment).
    public static let badDBI = LMDBError(code: MDB_BAD_DBI)

    /// The error the module throws when an `Environment` is used after `close()` (`EBADF`).
    static let environmentClosed = LMDBError(code: EBADF)
    /// `ENOMEM`, for an allocation LMDB reported as successful but did not deliver.
    static let outOfMemory = LMDBError(code: ENOMEM)

    /// Matches any thrown error against one of the constants above, so that
    /// `catch LMDBError.mapFull` (and `case LMDBError.mapFull` in a `switch`
    /// over an `Error`) catches exactly an `LMDBError` with that code.
    public static func ~= (pattern: LMDBError, error: any Error) -> Bool {
        (error as? LMDBError)?.code == pattern.code
    }

    /// True for `ENOSPC` (device full) and `EDQUOT` (quota exceeded).
    public var isDiskFull: Bool {
        code == ENOSPC || code == EDQUOT
    }

    /// True for `EACCES`, `EPERM` and `EROFS` (no rights, or read-only file system).
    public var isPermissionDenied: Bool {
        code == EACCES || code == EPERM || code == EROFS
    }

    /// `mdb_strerror(code)` followed by a plain-English hint of what it means for the caller.
    public var description: String {
        let text: String
        if let cString = mdb_strerror(code) {
            text = String(cString: cString)
        } else {
            text = "error \(code)"
        }
        return "\(text) (code \(code)): \(hint)"
    }

    private var hint: String {
        switch code {
        case MDB_KEYEXIST: return "the key already exists, or an append was not in ascending key order"
        case MDB_NOTFOUND: return "no entry with that key"
        case MDB_PAGE_NOTFOUND, MDB_CORRUPTED: return "the database file looks corrupted"
        case MDB_PANIC: return "the environment hit a fatal error and must be reopened"
        case MDB_VERSION_MISMATCH: return "the file was created by an incompatible LMDB version"
        case MDB_INVALID: return "the file is not an LMDB database"
        case MDB_MAP_FULL: return "the database reached its maximum size (maxMapSize)"
        case MDB_DBS_FULL: return "too many named databases; raise maxDatabases"
        case MDB_READERS_FULL: return "too many concurrent readers; raise maxReaders or end long-lived reads"
        case MDB_TXN_FULL: return "the transaction changed too much at once; split it into smaller ones"
        case MDB_CURSOR_FULL, MDB_PAGE_FULL: return "internal LMDB limit hit"
        case MDB_MAP_RESIZED: return "another process grew the database; retry"
        case MDB_INCOMPATIBLE: return "the database exists with incompatible settings"
        case MDB_BAD_RSLOT: return "a reader slot was reused incorrectly (transaction used across threads?)"
        case MDB_BAD_TXN: return "the transaction is no longer usable (it ended or an earlier error aborted it)"
        case MDB_BAD_VALSIZE: return "the key or value size is not allowed (empty key or key over 511 bytes)"
        case MDB_BAD_DBI: return "the database handle is not valid for this environment"
        case ENOSPC, EDQUOT: return "the disk (or quota) is full; nothing from this transaction was written"
        case EACCES, EPERM: return "permission denied on the database files or directory"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "the path (or its directory) does not exist"
        case EAGAIN, EBUSY: return "the environment is locked by another process"
        case ENOMEM: return "out of memory or address space for the map"
        case EINVAL: return "invalid argument"
        case EIO: return "low-level I/O error; the disk or file system is failing"
        case EBADF: return "the environment has been closed"
        default: return "unexpected error"
        }
    }
}

/// Throws an `LMDBError` unless `rc` is `MDB_SUCCESS`.
@inline(__always)
func lmdbCheck(_ rc: Int32) throws {
    if rc != MDB_SUCCESS {
        throw LMDBError(code: rc)
    }
}
