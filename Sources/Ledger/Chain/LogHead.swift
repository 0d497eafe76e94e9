/// The head of the log: the last position, its hash and its recorded_at.
public struct LogHead: Equatable, Sendable {
    public var position: UInt64
    public var hash: ChainHash
    public var recordedAt: Timestamp?

    public static let empty = LogHead(position: 0, hash: .zero, recordedAt: nil)

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 56)
        w.u64BE(position)
        w.hash(hash)
        if let recordedAt { EventBinaryCodec.timestamp(recordedAt, &w) }
        return w.bytes
    }

    static func decode(_ b: UnsafeRawBufferPointer) throws(CodecError) -> LogHead {
        var r = ByteReader(b)
        let position = try r.u64BE()
        let hash = try r.hash()
        let recorded = r.isAtEnd ? nil : try EventBinaryCodec.timestamp(&r)
        try r.expectEnd("the head")
        return LogHead(position: position, hash: hash, recordedAt: recorded)
    }
}
