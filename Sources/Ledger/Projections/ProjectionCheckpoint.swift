import LMDB

/// Each projection's code version and last applied position, kept in `meta`
/// under `projection/NAME`. Inline appends and rebuilds advance all of them
/// together; `read` answers for the weakest, so one projection that lags or
/// changed version makes the ledger rebuild on open.
struct ProjectionCheckpoint: Equatable {
    static let names = ["case_state", "episodes", "open_cases"]

    var version: UInt32
    var position: UInt64

    static func key(_ name: String) -> [UInt8] { Array("projection/\(name)".utf8) }

    /// The weakest checkpoint: nil when any projection has none or another code version.
    static func read(_ store: LedgerStore, _ txn: ReadTransaction) throws -> ProjectionCheckpoint? {
        var weakest: ProjectionCheckpoint? = nil
        for name in names {
            guard let c = try txn.withValue(store.meta, key: key(name), { b -> ProjectionCheckpoint in
                var r = ByteReader(b)
                let checkpoint = ProjectionCheckpoint(version: try r.u32BE(), position: try r.u64BE())
                try r.expectEnd("a projection checkpoint")
                return checkpoint
            }), c.version == ProjectionCodec.version else { return nil }
            if weakest.map({ c.position < $0.position }) ?? true { weakest = c }
        }
        return weakest
    }

    /// The stored form: the code version (u32 BE), then the position (u64 BE).
    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 12)
        w.u32BE(version)
        w.u64BE(position)
        return w.bytes
    }

    func write(_ store: LedgerStore, _ txn: WriteTransaction) throws {
        let value = encoded()
        for name in ProjectionCheckpoint.names { try txn.put(store.meta, key: ProjectionCheckpoint.key(name), value: value) }
    }
}
