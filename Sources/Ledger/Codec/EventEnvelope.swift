/// The envelope fields of a stored event that a projection replay reads,
/// decoded without building an `Event`: no `String` for the case id or the
/// actor, the case id left as the stored bytes. Promises: it accepts and
/// refuses exactly the envelopes `EventBinaryCodec.decode` does (except the
/// case id, which the caller checks with `CaseID` once per distinct id), and
/// leaves the reader at the payload.
struct EventEnvelope {
    var type: EventType
    var version: UInt32
    /// The case id's stored bytes; valid as long as the stored value is.
    var caseBytes: UnsafeRawBufferPointer
    var occurredAt: Timestamp
    var recordedAt: Timestamp

    init(_ r: inout ByteReader) throws(CodecError) {
        let format = try r.u8()
        guard format == EventBinaryCodec.formatVersion else { throw .unknownFormat(format) }
        guard let type = EventType.fromCode(try r.u8()) else { throw .malformed("unknown event type code") }
        self.type = type
        _ = try r.u8()  // schema
        let version = try r.varint()
        guard version > 0, version <= UInt64(UInt32.max) else { throw .malformed("version out of range") }
        self.version = UInt32(version)
        caseBytes = try r.bytes(try r.int())
        occurredAt = try EventBinaryCodec.timestamp(&r)
        recordedAt = try EventBinaryCodec.timestamp(&r)
        try r.skipBlob()  // actor
        _ = try r.bytes(32)  // hash
    }
}
