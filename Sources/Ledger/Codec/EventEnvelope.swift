/// The envelope fields of a stored event that a projection replay reads,
/// decoded without building an `Event`: no `String` for the case id or the
/// actor, the case id left as the stored bytes. Promises: it accepts and
/// refuses exactly the envelopes `EventBinaryCodec.decode` does (except the
/// case id, which the caller checks with `CaseID` once per distinct id), and
/// leaves the reader at the payload.
struct EventEnvelope {
    var type: EventType
    var version: UInt32
    var schema: UInt8
    /// The case id's stored bytes; valid as long as the stored value is.
    var caseBytes: UnsafeRawBufferPointer
    /// occurred_at's epoch seconds (all a projection reads of it).
    var occurredAt: Int64
    /// Read only when asked for (a replay as known at a past moment); nil otherwise.
    var recordedAt: Timestamp?

    init(_ r: inout ByteReader, readingRecordedAt: Bool = false) throws(CodecError) {
        let format = try r.u8()
        guard format == EventBinaryCodec.formatVersion else { throw .unknownFormat(format) }
        guard let type = EventType(code: try r.u8()) else { throw .malformed("unknown event type code") }
        self.type = type
        schema = try r.u8()
        let version = try r.varint()
        guard version > 0, version <= UInt64(UInt32.max) else { throw .malformed("version out of range") }
        self.version = UInt32(version)
        caseBytes = try r.bytes(try r.int())
        occurredAt = try EventEnvelope.seconds(&r)
        if readingRecordedAt {
            recordedAt = try EventBinaryCodec.timestamp(&r)
        } else {
            recordedAt = nil
            _ = try EventEnvelope.seconds(&r)
        }
        try r.skipBlob()  // actor
        _ = try r.bytes(32)  // hash
    }

    /// The case id's stored bytes alone: the fields before it are skipped unchecked (a sharded replay
    /// looks at another shard's events this far; their own shard reads the whole envelope).
    static func caseBytes(_ r: inout ByteReader) throws(CodecError) -> UnsafeRawBufferPointer {
        _ = try r.u8()  // format
        _ = try r.u8()  // type
        _ = try r.u8()  // schema
        _ = try r.varint()  // version
        return try r.bytes(try r.int())
    }

    /// A timestamp's epoch seconds, its fraction and offset checked as `EventBinaryCodec.timestamp` does and skipped.
    private static func seconds(_ r: inout ByteReader) throws(CodecError) -> Int64 {
        let seconds = try r.signed()
        let flags = try r.u8()
        guard flags & 0x0f <= 9 else { throw .malformed("timestamp fraction") }
        if flags & 0x0f > 0 { _ = try r.varint() }
        if flags & 0x10 != 0 { _ = try r.signed() }
        return seconds
    }
}
