/// The compact binary form of an access-log entry in the `access_log`
/// database (key: the sequence number, 8 bytes big-endian), documented in
/// Docs/THREAT_MODEL.md:
///
/// `format (1 byte, 2) | at (timestamp) | actor | command | scope | fields | purpose | flags | prev (32) | hash (32)`
///
/// strings as varint length + UTF-8; scope as 0 + varint count + case ids, 1 +
/// varint position, or 2 + (0: name, 1: name and birth date) + query hash
/// (32) + varint matches; fields as varint count + strings; purpose as 0, or
/// 1 + string; flags one byte (bit 0: a restricted case was opened). Format 1
/// (entries written before format 2) has no flags byte and no scope 2.
/// `hash` is the SHA-256 of the 8-byte sequence followed by every byte
/// before `hash`. Promises: `decode(encode(e))` == e; both formats decode;
/// a value that does not decode, or whose hash does not match, is reported,
/// never guessed at.
enum AccessLogCodec {
    static let format: UInt8 = 2
    /// Entries written by builds before the flags byte and the name-search scope.
    static let formatWithoutFlags: UInt8 = 1

    /// The stored value of an entry with its hash computed; returns the hash too.
    static func encode(sequence: UInt64, at: Timestamp, actor: String, command: String, scope: AccessScope,
                       fields: [String], purpose: String?, restricted: Bool = false,
                       prev: ChainHash) -> (value: [UInt8], hash: ChainHash) {
        var w = ByteWriter(capacity: 160)
        w.u8(format)
        EventBinaryCodec.timestamp(at, &w)
        w.string(actor)
        w.string(command)
        switch scope {
        case .cases(let ids):
            w.u8(0)
            w.varint(ids.count)
            for id in ids { w.string(id.rawValue) }
        case .wholeLog(let through):
            w.u8(1)
            w.varint(through)
        case .nameSearch(let search):
            w.u8(2)
            w.u8(search.withBirthDate ? 1 : 0)
            w.hash(search.query)
            w.varint(search.matches)
        }
        w.varint(fields.count)
        for f in fields { w.string(f) }
        if let purpose {
            w.u8(1)
            w.string(purpose)
        } else {
            w.u8(0)
        }
        w.u8(restricted ? 1 : 0)
        w.hash(prev)
        let hash = hashOf(sequence: sequence, body: w.bytes)
        w.hash(hash)
        return (w.bytes, hash)
    }

    static func hashOf(sequence: UInt64, body: some Collection<UInt8>) -> ChainHash {
        var input = KeyBytes.u64(sequence)
        input.append(contentsOf: body)
        return ChainHashing.sha256(input)
    }

    /// Decodes a stored value; `hashMatches` tells whether the stored hash is the one its bytes give.
    static func decode(_ b: UnsafeRawBufferPointer, sequence: UInt64) throws(CodecError) -> (entry: AccessEntry, hashMatches: Bool) {
        var r = ByteReader(b)
        let version = try r.u8()
        guard version == format || version == formatWithoutFlags else { throw .unknownFormat(version) }
        let at = try EventBinaryCodec.timestamp(&r)
        let actor = try r.string()
        let command = try r.string()
        let scope: AccessScope
        switch try r.u8() {
        case 0:
            let count = try r.int()
            var ids: [CaseID] = []
            for _ in 0..<count {
                guard let id = CaseID(try r.string()) else { throw .malformed("access log case id") }
                ids.append(id)
            }
            scope = .cases(ids)
        case 1:
            scope = .wholeLog(through: try r.varint())
        case 2 where version == format:
            let withBirthDate: Bool
            switch try r.u8() {
            case 0: withBirthDate = false
            case 1: withBirthDate = true
            default: throw .malformed("access log search kind")
            }
            let query = try r.hash()
            scope = .nameSearch(NameSearchRecord(query: query, withBirthDate: withBirthDate, matches: try r.int()))
        default:
            throw .malformed("access log scope")
        }
        let fieldCount = try r.int()
        var fields: [String] = []
        for _ in 0..<fieldCount { fields.append(try r.string()) }
        let purpose: String?
        switch try r.u8() {
        case 0: purpose = nil
        case 1: purpose = try r.string()
        default: throw .malformed("access log purpose")
        }
        var restricted = false
        if version == format {
            let flags = try r.u8()
            guard flags & ~1 == 0 else { throw .malformed("access log flags") }
            restricted = flags & 1 != 0
        }
        let prev = try r.hash()
        let bodyEnd = r.offset
        let hash = try r.hash()
        guard r.isAtEnd else { throw .malformed("access log entry has trailing bytes") }
        let entry = AccessEntry(sequence: sequence, at: at, actor: actor, command: command, scope: scope, fields: fields,
                                purpose: purpose, restricted: restricted, prev: prev, hash: hash)
        return (entry, hashOf(sequence: sequence, body: UnsafeRawBufferPointer(rebasing: b[0..<bodyEnd])) == hash)
    }
}
