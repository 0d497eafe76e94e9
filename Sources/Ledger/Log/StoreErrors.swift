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
        if error == .corrupted || error == .pageNotFound || error == .panic {
            return DamagedFile.error(kind, "\(what): \(error.description)")
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
        } catch let error as CodecError {
            throw .corrupted("\(what): \(error.description)")
        } catch {
            throw .io("\(what): \(error)")
        }
    }
}
