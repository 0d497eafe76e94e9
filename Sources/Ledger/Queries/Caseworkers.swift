import LMDB

/// A caseworker the ledger knows: a name some episode was in the charge of.
public struct KnownCaseworker: Equatable, Sendable {
    public var name: String
    /// Episodes in their charge (at the episode's end, or now for an open one).
    public var episodes: Int
    /// Of those, the episodes open now: their open cases.
    public var openCases: Int
}

extension ProjectionCodec {
    /// The caseworker of a stored episode and whether it is still open,
    /// read from its head alone (the span, the district skipped, the source).
    static func episodeCaseworker(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> (name: String, open: Bool) {
        let open = try episodeSpan(bytes).last == nil
        var r = ByteReader(bytes)
        _ = try r.bytes(8)
        try r.skipBlob()
        _ = try r.u8()
        return (try r.string(), open)
    }
}

extension Ledger {
    /// Every caseworker some episode of this ledger was in the charge of,
    /// sorted by name, with their episodes and open cases. Promises: read
    /// from the `episodes` projection (no personal data, no replay).
    public func caseworkers() throws(LedgerError) -> [KnownCaseworker] {
        try store.read { txn -> [KnownCaseworker] in
            var known: [String: KnownCaseworker] = [:]
            try txn.forEach(store.episodes) { _, value in
                let (name, open) = try ProjectionCodec.episodeCaseworker(value)
                known[name, default: KnownCaseworker(name: name, episodes: 0, openCases: 0)].episodes += 1
                if open { known[name]?.openCases += 1 }
                return true
            }
            return known.values.sorted { $0.name < $1.name }
        }
    }
}
