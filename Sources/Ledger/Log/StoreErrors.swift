import Foundation
import LMDB

/// Translates LMDB's and the OS's errors into the ledger's, naming the ledger.
enum StoreErrors {
    /// `directory`, where given, is the folder of the files: a short write
    /// (which LMDB reports as `EIO`) on a file system that is then full is
    /// reported as the full disk it is. `kind` names the file in a message of damage.
    static func map(_ error: LMDBError, what: String, directory: String? = nil, kind: DamagedFile.Kind = .ledger) -> LedgerError {
        let full = error.isDiskFull || (error.code == EIO && directory.map(fileSystemIsFull) == true)
        if full { return .io("\(what) cannot grow: the disk is full. Nothing was written; free space and retry") }
        if error == .mapFull {
            return .io("\(what) reached its configured maximum size. Nothing was written; raise the limit or move the ledger")
        }
        if error.isPermissionDenied { return .io("\(what): permission denied (\(error.description))") }
        // Corruption LMDB names, and what a healthy file never gives: an append or a new index entry that
        // meets its key already stored (the ledger writes each key once, in order), or LMDB's internal
        // limits (a page or cursor overrun follows from a damaged page).
        // A transaction the ledger uses only inside its closure is poisoned (MDB_BAD_TXN) only by an
        // earlier failure of LMDB inside it, which a damaged page gives.
        if error == .corrupted || error == .pageNotFound || error == .panic || error == .keyExist
            || error == .pageFull || error == .cursorFull || error == .badTransaction {
            return DamagedFile.error(kind, "\(what): \(error.description)")
        }
        // LMDB sizes its lists and its map from the file: a damaged free list or page count asks for
        // more memory than there is. A machine truly out of memory is named too.
        if error.code == ENOMEM {
            return DamagedFile.error(kind, "\(what): LMDB asked for more memory than this computer can give, as a damaged page makes it do; if memory is really short, free some and retry")
        }
        if error == .versionMismatch || error == .invalid || error == .incompatible {
            return .incompatible("\(what) is not a ledger this build can open (\(error.description))")
        }
        if error == .readersFull { return .busy("\(what) has too many readers at once; try again in a moment") }
        return .io("\(what): \(error.description)")
    }

    /// Whether the file system holding `directory` has (next to) no room left.
    static func fileSystemIsFull(_ directory: String) -> Bool {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20
    }

    /// Runs LMDB work, turning every thrown error into a `LedgerError`.
    static func run<R>(_ what: String, directory: String? = nil, _ body: () throws -> R) throws(LedgerError) -> R {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch let error as LMDBError {
            throw map(error, what: what, directory: directory)
        } catch let error as ProofError {
            throw LedgerError(error)
        } catch let error as CodecError {
            throw .corrupted("\(what): \(error.description)")
        } catch {
            throw .io("\(what): \(error)")
        }
    }
}
