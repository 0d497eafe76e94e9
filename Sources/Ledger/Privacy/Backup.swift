import Foundation

/// What `backup` made. Promises: `destination` is a complete ledger that
/// `verified` describes (it passed `verify`); `keyFile` is where its master
/// key is: in the backup only when `keyCopied`.
public struct BackupReport: Equatable, Sendable {
    public var destination: String
    /// What `verify` found in the copy.
    public var verified: VerificationReport
    /// Whether the master key was copied into the backup (`master.key`).
    public var keyCopied: Bool
    /// Where the master key of the copied ledger is (in the backup, or the office's key file).
    public var keyFile: String
}

extension Ledger {
    /// Makes a hot, consistent, compacted copy of the whole ledger in
    /// `destination` (a new folder, or an empty one) while other processes
    /// keep writing, and verifies it. Order matters: first `data.mdb` (log,
    /// projections, access log and configuration, one LMDB snapshot), then the
    /// vault under its shared lock, so every key of every copied event is in
    /// the copy (a case erased in between keeps no key: erasure wins). The
    /// master key and the checkpoint signing key are copied only with `withKey`. The copy is assembled in
    /// `<destination>.partial`, verified there, and renamed into place: a
    /// folder at `destination` is always a complete, verified ledger.
    /// Needs no master key unless `withKey`.
    public func backup(to destination: String, withKey: Bool) throws(LedgerError) -> BackupReport {
        let fm = FileManager.default
        if BackupPlace.lies(destination, inside: directory) {
            throw .usage("\(destination) lies inside the ledger folder \(directory); a backup must go to another place (another disk, at best)")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: destination, isDirectory: &isDirectory) {
            let empty = isDirectory.boolValue && ((try? fm.contentsOfDirectory(atPath: destination))?.isEmpty ?? false)
            guard empty else { throw .usage("\(destination) already exists and is not an empty folder; choose a new place for the backup") }
        }
        let staging = destination + ".partial"
        guard !fm.fileExists(atPath: staging) else {
            throw .usage("\(staging) exists (left by an interrupted backup?); remove it and run the backup again")
        }
        guard mkdir(staging, 0o700) == 0 else {
            throw .io("cannot create \(staging): \(String(cString: strerror(errno)))")
        }
        do throws(LedgerError) {
            // LMDB reads every page of the snapshot through its map; handing the pages back while it copies keeps
            // them out of the resident set, which the copy's verification below then needs for itself.
            try StoreErrors.run("the backup (\(staging))") { try store.env.copyReleasingMappedPages(to: staging, compact: true) }
            guard chmod(staging + "/" + LedgerStore.dataFile, 0o600) == 0 else {
                throw .io("cannot restrict access to the backup's data file: \(String(cString: strerror(errno)))")
            }
            try Durability.fsyncFile(staging + "/" + LedgerStore.dataFile)
            try VaultFile(directory: directory, lockTimeout: options.lockTimeout).copy(to: staging + "/" + VaultFile.fileName)
            if withKey {
                try MasterKey.copy(from: options.keyFile ?? directory + "/" + MasterKey.defaultFileName,
                                   to: staging + "/" + MasterKey.defaultFileName)
                if FileManager.default.fileExists(atPath: options.signingKeyFile) {
                    try SigningKeyFile.copy(from: options.signingKeyFile, to: staging + "/" + SigningKeyFile.defaultFileName)
                }
            }
            try Durability.fsyncDirectory(staging)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        let keyFile = withKey ? destination + "/" + MasterKey.defaultFileName
            : options.keyFile ?? directory + "/" + MasterKey.defaultFileName
        let signingKeyFile = withKey ? destination + "/" + SigningKeyFile.defaultFileName : options.signingKeyFile
        let verified: VerificationReport
        do {
            var copyOptions = options
            copyOptions.directory = staging
            copyOptions.keyFile = keyFile
            copyOptions.signingKeyFile = signingKeyFile
            let copy = try Ledger.open(copyOptions)
            defer { copy.close() }
            verified = try copy.verify()
        } catch {
            throw .corrupted("the backup in \(staging) failed verification (\(error.description)); it was left there for inspection")
        }
        guard rename(staging, destination) == 0 else {
            throw .io("cannot move the finished backup from \(staging) to \(destination): \(String(cString: strerror(errno)))")
        }
        try Durability.fsyncDirectory(Self.parentFolder(of: destination))
        return BackupReport(destination: destination, verified: verified, keyCopied: withKey, keyFile: keyFile)
    }

    /// The folder holding `path` ("." for a bare name, "/" for a top-level one). Plain string work: Foundation's
    /// `deletingLastPathComponent` crashed on a one-character relative path on Linux.
    static func parentFolder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
