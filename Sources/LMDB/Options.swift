internal import CLMDB

/// How an `Environment` is opened.
///
/// Promises: a plain value with a default for every field; nothing is validated until
/// `Environment.init`, which clamps `mapSize` to `maxMapSize` when both are given.
public struct EnvironmentOptions: Sendable {
    /// Initial map size in bytes (default 64 MiB). The map grows on demand in `Environment.write`.
    public var mapSize: Int
    /// Growth cap in bytes; `nil` grows without a cap (until the disk says no).
    public var maxMapSize: Int?
    /// Maximum number of named databases (default 16).
    public var maxDatabases: UInt32
    /// Maximum number of concurrent read transactions across all processes (default 126).
    public var maxReaders: UInt32
    /// `MDB_NOSUBDIR`: `path` is the data file itself (the lock file is `path-lock`).
    public var noSubdirectory: Bool
    /// `MDB_NOLOCK`: LMDB does no locking; the caller guarantees exclusive access.
    public var noLock: Bool
    /// `MDB_RDONLY`: no writes possible.
    public var readOnly: Bool
    /// Default true. False sets `MDB_NOSYNC`: commits are not flushed (benchmarks and tests only).
    public var durable: Bool
    /// Permission bits of newly created files (default `0o600`).
    public var fileMode: UInt32

    public init(
        mapSize: Int = 64 << 20,
        maxMapSize: Int? = nil,
        maxDatabases: UInt32 = 16,
        maxReaders: UInt32 = 126,
        noSubdirectory: Bool = false,
        noLock: Bool = false,
        readOnly: Bool = false,
        durable: Bool = true,
        fileMode: UInt32 = 0o600
    ) {
        self.mapSize = mapSize
        self.maxMapSize = maxMapSize
        self.maxDatabases = maxDatabases
        self.maxReaders = maxReaders
        self.noSubdirectory = noSubdirectory
        self.noLock = noLock
        self.readOnly = readOnly
        self.durable = durable
        self.fileMode = fileMode
    }

    /// The `mdb_env_open` flags these options stand for (always including `MDB_NOTLS`).
    var environmentFlags: UInt32 {
        var flags = UInt32(MDB_NOTLS)
        if noSubdirectory { flags |= UInt32(MDB_NOSUBDIR) }
        if noLock { flags |= UInt32(MDB_NOLOCK) }
        if readOnly { flags |= UInt32(MDB_RDONLY) }
        if !durable { flags |= UInt32(MDB_NOSYNC) }
        return flags
    }
}

/// Flags for `WriteTransaction.put`.
///
/// Promises: `.noOverwrite` makes a put of an existing key throw `LMDBError.keyExist` and leave the
/// old value; `.append` stores at the end of the database cheaply and throws `LMDBError.keyExist`
/// when the key is not greater than the current last key.
public struct PutFlags: OptionSet, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `MDB_NOOVERWRITE`: refuse to replace an existing key.
    public static let noOverwrite = PutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// `MDB_APPEND`: the key must sort after every existing key (fast bulk append).
    public static let append = PutFlags(rawValue: UInt32(MDB_APPEND))
}
