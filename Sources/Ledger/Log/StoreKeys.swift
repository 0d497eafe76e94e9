/// Key layouts of the ledger's LMDB databases (Docs/STORAGE.md).
enum StoreKeys {
    /// `episodes`: case id bytes, then the episode number as 2 bytes big-endian.
    static func episode(_ id: CaseID, _ number: Int) -> [UInt8] {
        var bytes = Array(id.rawValue.utf8)
        bytes.append(UInt8(truncatingIfNeeded: number >> 8))
        bytes.append(UInt8(truncatingIfNeeded: number))
        return bytes
    }

    /// Splits an `episodes` key back into case id and number.
    static func splitEpisode(_ key: UnsafeRawBufferPointer) -> (CaseID, Int)? {
        guard key.count > 2, let id = CaseID(String(decoding: key[0..<(key.count - 2)], as: UTF8.self)) else { return nil }
        return (id, Int(key[key.count - 2]) << 8 | Int(key[key.count - 1]))
    }

    static let format: [UInt8] = Array("format".utf8)
    static let config: [UInt8] = Array("config".utf8)
    static let head: [UInt8] = Array("head".utf8)
    static func sequence(prefix: Substring, year: Int) -> [UInt8] { Array("seq/\(prefix)-\(year)".utf8) }
    static let sequencePrefix: [UInt8] = Array("seq/".utf8)
    static func pendingErasure(_ id: CaseID) -> [UInt8] { Array("erase-pending/\(id.rawValue)".utf8) }
    static let pendingErasurePrefix: [UInt8] = Array("erase-pending/".utf8)
}
