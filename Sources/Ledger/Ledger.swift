import SystemCrypto
import Foundation
import LMDB

/// How to open a ledger: where it is, where its master key is, and the
/// injected clock, randomness and progress reporter.
public struct LedgerOptions {
    public var directory: String
    /// The master key file; nil means `$LEDGER_KEY_FILE`, else `master.key` in the folder.
    public var keyFile: String?
    /// The checkpoint signing key file: `$LEDGER_SIGNING_KEY_FILE`, else `signing.key` beside the master key.
    public var signingKeyFile: String
    public var clock: LedgerClock
    public var random: RandomSource
    /// Seconds to wait for another writer before failing with `.busy`.
    public var lockTimeout: Double
    /// Whether every commit is flushed to disk (always true outside benchmarks and tests).
    public var durable: Bool
    /// The largest the ledger's data file may grow to, in bytes (nil: as the disk allows).
    public var maxSize: Int?
    /// The memory map's size at open, in bytes; the map doubles by itself when full (up to `maxSize`).
    public var initialMapSize: Int = LedgerStore.defaultMapSize
    public var progress: ProgressReporter?
    /// The operating-system account running the program, recorded beside the claimed actor in every
    /// access-log entry (default: the real user id's name, `OSAccount.current()`).
    public var account: String? = OSAccount.current()

    public init(directory: String, keyFile: String? = nil, clock: LedgerClock = SystemClock(),
                random: RandomSource = SystemRandomSource(), lockTimeout: Double = 10, durable: Bool = true,
                maxSize: Int? = nil, progress: ProgressReporter? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.directory = directory
        self.keyFile = keyFile ?? MasterKey.path(ledgerDirectory: directory, environment: environment)
        signingKeyFile = SigningKeyFile.path(masterKeyFile: self.keyFile ?? directory + "/" + MasterKey.defaultFileName,
                                             environment: environment)
        self.clock = clock
        self.random = random
        self.lockTimeout = lockTimeout
        self.durable = durable
        self.maxSize = maxSize
        self.progress = progress
    }
}

/// An open ledger: the event log, its projections and its vault. The one
/// entry point of the library; the CLI only parses, calls it and formats.
/// Promises: every write is all or nothing and serialized with every other
/// writer process; reads never wait for writers; nothing personal is ever
/// written in plain text.
public final class Ledger {
    public let options: LedgerOptions
    public let config: LedgerConfig
    public let zone: LedgerTimeZone
    let store: LedgerStore
    private var cachedVault: Vault?
    /// The blind name index's key, read from the vault on first use.
    private var cachedNameIndexKey: NameIndexKey?
    let sealingKeys = SealingKeyCache()
    /// Lines per batch and batches in flight of an import's reading thread (tests narrow it).
    var importPipelineShape = (batchSize: 256, capacity: 8)

    var directory: String { options.directory }

    init(options: LedgerOptions, store: LedgerStore, config: LedgerConfig) throws(LedgerError) {
        self.options = options
        self.store = store
        self.config = config
        self.zone = try config.resolvedZone()
    }

    /// Creates a new ledger in `options.directory` (made if missing; must not hold a ledger).
    /// A failure leaves nothing of it behind (`InitUndo`).
    public static func create(_ options: LedgerOptions, config: LedgerConfig = LedgerConfig()) throws(LedgerError) -> Ledger {
        try config.validate()
        let dir = options.directory
        if FileManager.default.fileExists(atPath: dir + "/" + LedgerStore.dataFile) {
            throw .usage("\(dir) already holds a ledger; refusing to initialise it again")
        }
        var undo = InitUndo(folder: dir)
        do {
            return try make(options, config: config, undo: &undo)
        } catch {
            undo.undo()
            throw error
        }
    }

    /// The body of `create`: each thing it makes is noted in `undo` first.
    private static func make(_ options: LedgerOptions, config: LedgerConfig, undo: inout InitUndo) throws(LedgerError) -> Ledger {
        let dir = options.directory
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io("cannot create the ledger folder \(dir): \(error.localizedDescription)")
        }
        if FileManager.default.fileExists(atPath: options.signingKeyFile) {
            throw .usage("a checkpoint signing key already exists at \(options.signingKeyFile) (another ledger's?); set \(SigningKeyFile.environmentVariable) to a new file for this ledger")
        }
        let keyPath = options.keyFile ?? dir + "/" + MasterKey.defaultFileName
        let master: MasterKey
        if FileManager.default.fileExists(atPath: keyPath) {
            master = try MasterKey.load(from: keyPath)
        } else {
            master = try MasterKey.create(at: keyPath, random: options.random)
            undo.createdFiles.append(keyPath)
        }
        let vault = Vault(directory: dir, master: master, random: options.random, lockTimeout: options.lockTimeout)
        try vault.create()
        _ = try vault.makeNameIndexKeyIfMissing()
        let signing = try SigningKeyFile.create(at: options.signingKeyFile, origin: config.checkpointOrigin, random: options.random)
        undo.createdFiles.append(options.signingKeyFile)
        let configBytes = try config.encoded()
        let store = try LedgerStore(directory: dir, create: true, durable: options.durable, mapSize: options.initialMapSize,
                                    maxMapSize: options.maxSize)
        let ledger: Ledger
        do throws(LedgerError) {
            try store.write { txn in
                try store.putFormatVersion(txn)
                try txn.put(store.meta, key: StoreKeys.config, value: configBytes)
                try ProjectionCheckpoint(version: ProjectionCodec.version, position: 0).write(store, txn)
                try NameIndex(store: store).markBuilt(txn)  // an empty log: the empty index is complete
                try StoredMerkleTree.rebuild(store, txn)
                try VerifierKeys.add(signing.verifier, store, txn)
            }
            ledger = try Ledger(options: options, store: store, config: config)
        } catch {
            store.close()  // before its files are taken back
            throw error
        }
        ledger.cachedVault = vault
        return ledger
    }

    /// Opens an existing ledger; converts a ledger of an older format once (`FormatMigration`), catches up
    /// or rebuilds projections that lag or changed version, and builds the Merkle tree of a ledger written
    /// before it existed.
    public static func open(_ options: LedgerOptions) throws(LedgerError) -> Ledger {
        let store = try LedgerStore(directory: options.directory, create: false, durable: options.durable,
                                    mapSize: options.initialMapSize, maxMapSize: options.maxSize)
        let (config, format) = try store.read { txn -> (LedgerConfig, UInt32) in
            guard let format = try store.formatVersion(txn) else {
                // init writes the format with the configuration, before any event: without it a log is damage.
                if try txn.entryCount(store.events) > 0 || txn.contains(store.meta, key: StoreKeys.config) {
                    throw DamagedFile.error(.ledger, "\(options.directory)/\(LedgerStore.dataFile) has lost its format version")
                }
                throw LedgerError.noLedger("\(options.directory) is not a ledger (no format version; create one with 'ledger init')")
            }
            guard format <= LedgerStore.formatVersion else {
                throw LedgerError.incompatible("the ledger at \(options.directory) has format version \(format); this build reads up to \(LedgerStore.formatVersion): upgrade the ledger program")
            }
            return (try store.config(txn), format)
        }
        let ledger = try Ledger(options: options, store: store, config: config)
        try ledger.ensureFormatCurrent(format)
        try ledger.ensureProjectionsCurrent()
        try ledger.ensureTreeCurrent()
        try ledger.recoverInterruptedWrites()
        return ledger
    }

    public func close() { store.close() }

    /// The vault, opened with the master key on first use.
    func vault() throws(LedgerError) -> Vault {
        if let cachedVault { return cachedVault }
        let master = try MasterKey.load(from: options.keyFile ?? directory + "/" + MasterKey.defaultFileName)
        let vault = Vault(directory: directory, master: master, random: options.random, lockTimeout: options.lockTimeout)
        try vault.checkMasterKey()
        cachedVault = vault
        return vault
    }

    /// The blind name index's key as the vault holds it (nil: none yet), read once per open ledger.
    func nameIndexKey() throws(LedgerError) -> NameIndexKey? {
        if let cachedNameIndexKey { return cachedNameIndexKey }
        cachedNameIndexKey = try vault().nameIndexKey()
        return cachedNameIndexKey
    }

    /// The blind name index's key, made in the vault first when it has none.
    func makeNameIndexKey() throws(LedgerError) -> NameIndexKey {
        if let key = try nameIndexKey() { return key }
        let key = try vault().makeNameIndexKeyIfMissing()
        cachedNameIndexKey = key
        return key
    }

    /// The head of the log.
    public func head() throws(LedgerError) -> LogHead {
        try store.read { try store.head($0) }
    }

    /// Runs `body` as one all-or-nothing write under the ledger's writer lock.
    func write<R>(_ body: (AppendSession) throws -> R) throws(LedgerError) -> R {
        let lock = FileLock(path: directory + "/writer.lock")
        try lock.lock(.exclusive, timeout: options.lockTimeout, what: "the ledger at \(directory)")
        defer { lock.unlock() }
        try recoverInterruptedWritesLocked()
        var created: [CaseID] = []
        var erased: [CaseID] = []
        var usedKeys: [CaseID: AES256GCMKey] = [:]
        let result: R
        do {
            result = try store.write { txn -> R in
                let session = try AppendSession(store: store, txn: txn, config: config, zone: zone,
                                                vault: { () throws -> Vault in try self.vault() },
                                                knownKeys: sealingKeys, nameIndexKey: { try self.nameIndexKey() },
                                                random: options.random, now: options.clock.now())
                let value = try body(session)
                try session.finish()
                created = session.createdKeys
                erased = session.erasedCases
                usedKeys = session.usedKeys
                return value
            }
        } catch {
            if !created.isEmpty, let vault = cachedVault, vault.discardKeys(for: created) { PendingKeys.clear(directory) }
            throw error
        }
        // Committed: the new keys now belong to cases in the log, whatever fails below.
        if !created.isEmpty { PendingKeys.clear(directory) }
        sealingKeys.remember(usedKeys)
        try destroyKeys(of: erased, afterCommit: true)
        return result
    }

    /// Destroys erased cases' keys (one rewrite of the vault for all of them)
    /// and then clears their pending marks; a crash in between leaves the
    /// marks, and the next open destroys again. Needs no master key.
    func destroyKeys(of ids: [CaseID], afterCommit: Bool = false) throws(LedgerError) {
        guard !ids.isEmpty else { return }
        sealingKeys.forget(ids)
        do {
            try VaultFile(directory: directory, lockTimeout: options.lockTimeout).remove(ids)
            try store.write { txn in
                for id in ids { _ = try txn.delete(store.meta, key: StoreKeys.pendingErasure(id)) }
            }
        } catch {
            guard afterCommit else { throw error }
            throw .io("the erasure is recorded, but the case key could not be destroyed yet (\(error.description)); it will be destroyed the next time the ledger is opened")
        }
    }

    // MARK: reading

    /// The case's current state and episode facts (the inline projections);
    /// nil for a case the log does not hold. A case the log holds but the
    /// projection lost is damage (`.corrupted`), not an unknown case.
    public func record(of id: CaseID) throws(LedgerError) -> CaseRecord? {
        try store.read { txn in
            if let record = try store.record(of: id, txn) { return record }
            try store.refuseLostCase(id, txn)
            return nil
        }
    }

    /// Every event of the case in version order, with sealed fields, each
    /// checked against the hash chain first (`ChainCheck`): what is shown was
    /// not altered in place.
    public func events(of id: CaseID) throws(LedgerError) -> [Event] {
        try store.read { try ChainCheck.checkedEvents(of: id, store, $0) }
    }

    /// An opener for the case's sealed fields (key nil when erased), without
    /// an access-log entry: for the library's own use (amendments re-seal,
    /// nothing is shown). Reveals go through `opener(for:access:)`.
    func opener(for id: CaseID) throws(LedgerError) -> FieldOpener {
        FieldOpener(key: try vault().keys(for: [id])[id], caseID: id)
    }
}
