import Foundation
import LMDB

/// The one way the ledger reports a damaged LMDB file (`data.mdb` or
/// `vault.mdb`): exit 65 and "the ledger file is damaged: restore from
/// backup". Promises: a file cut shorter than its newest meta page says is
/// refused before any page of it is read (LMDB would follow page numbers into
/// the missing part of its memory map and die of SIGBUS); the message names
/// the file, never a value stored in it.
enum DamagedFile {
    /// Which file: its noun in messages and its path.
    enum Kind {
        case ledger, vault
        var noun: String { self == .ledger ? "the ledger file" : "the vault file" }
    }

    /// The error for a damaged file; `detail` says what is wrong and where.
    static func error(_ kind: Kind, _ detail: String) -> LedgerError {
        .corrupted("\(kind.noun) is damaged: restore from backup (\(detail))")
    }

    /// Opens the environment of an existing file (`path` names the data file, for messages) and refuses it
    /// when it is cut short. LMDB maps at least as much as the meta page's last page number asks for: a
    /// damaged number asks for more address space than there is (`ENOMEM`), which is reported as damage.
    static func open(_ kind: Kind, at location: String, options: EnvironmentOptions, path: String, what: String,
                     directory: String) throws(LedgerError) -> Environment {
        let env: Environment
        do {
            env = try Environment(path: location, options: options)
        } catch let error as LMDBError where error.code == ENOMEM {
            throw self.error(kind, "\(path) asks for a memory map larger than this computer can give: its header names pages far past its end (or LEDGER_INITIAL_MAP_MB is set too high)")
        } catch let error as LMDBError {
            throw StoreErrors.map(error, what: what, directory: directory, kind: kind)
        } catch {
            throw .io("\(what): \(error)")
        }
        do throws(LedgerError) {
            try checkWhole(env, kind, path: path)
        } catch {
            env.close()
            throw error
        }
        return env
    }

    /// Whether the pages past the file's end are all free (LMDB never wrote them): then it is whole.
    /// A file cut inside a page is never whole: LMDB writes whole pages.
    private static func pastEndIsFree(_ env: Environment, _ extent: FileExtent) -> Bool {
        guard extent.fileBytes % extent.pageSize == 0 else { return false }
        return (try? env.areFree(extent.pagesPastEnd)) ?? false
    }

    /// Refuses an environment whose data file ends before its last page (unless the pages past
    /// the end are ones LMDB freed before ever writing them).
    static func checkWhole(_ env: Environment, _ kind: Kind, path: String) throws(LedgerError) {
        let extent: FileExtent
        do {
            extent = try env.fileExtent()
        } catch let error as LMDBError {
            throw StoreErrors.map(error, what: path, kind: kind)
        } catch {
            throw .io("\(path): \(error)")
        }
        guard extent.isWhole || pastEndIsFree(env, extent) else {
            throw self.error(kind, "\(path) is \(extent.fileBytes) bytes long, but its pages need \(extent.neededBytes): it was cut short")
        }
    }
}
