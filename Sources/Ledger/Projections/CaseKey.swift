/// A case id's stored bytes held inline (no `String`, no allocation), so a
/// replay can find a case's record by the bytes an event carries. Promises:
/// two keys are equal exactly when their bytes are; `<` is the byte order
/// LMDB keeps the case id keys in (memcmp, shorter first on a common prefix);
/// hashing mixes the bytes into one word before `Hasher` sees them.
struct CaseKey: Hashable, Comparable {
    /// Up to 32 bytes, big-endian in four words, zero-padded.
    private var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
    private var count: UInt8 = 0

    static let maxBytes = 32

    /// Nil for more than 32 bytes (no well-formed case id is that long).
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= CaseKey.maxBytes else { return nil }
        a = CaseKey.word(bytes, 0)
        b = CaseKey.word(bytes, 8)
        c = CaseKey.word(bytes, 16)
        d = CaseKey.word(bytes, 24)
        count = UInt8(bytes.count)
    }

    init?(_ id: CaseID) {
        var text = id.rawValue
        guard let key = text.withUTF8({ CaseKey(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = key
    }

    /// Bytes `start..<start+8` as a big-endian number, missing bytes as zeros.
    private static func word(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> UInt64 {
        let end = min(bytes.count, start + 8)
        guard start < end else { return 0 }
        if end - start == 8 { return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)) }
        let tail = UInt64(8 * (8 - (end - start)))  // the tail is zero-padded on the right
        if bytes.count >= 8 {
            // The eight bytes that end where the id ends, the ones before `start` shifted out.
            return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self)) << tail
        }
        var w: UInt64 = 0
        for i in start..<end { w = w << 8 | UInt64(bytes[i]) }
        return w << tail
    }

    /// Which of `count` shards a case id's stored bytes belong to (a parallel rebuild's split of the case
    /// space): a hash of their last eight bytes and their length, cheap enough for every event of a replay.
    static func shard(of bytes: UnsafeRawBufferPointer, count: Int) -> Int {
        var w = UInt64(bytes.count)
        if bytes.count >= 8 {
            w ^= bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        } else {
            for byte in bytes { w = w << 8 | UInt64(byte) }
        }
        return Int(truncatingIfNeeded: ((w &* 0x9E37_79B9_7F4A_7C15) >> 32) % UInt64(count))
    }

    /// The key's words mixed into one (a Fibonacci hash's input), for `CaseTable`'s own index.
    var mixed: UInt64 {
        (a ^ b.rotated(21) ^ c.rotated(42) ^ d ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ c &* 0x1656_67B1_9E37_79F9
            ^ d ^ UInt64(count))
    }

    static func < (x: CaseKey, y: CaseKey) -> Bool {
        if x.a != y.a { return x.a < y.a }
        if x.b != y.b { return x.b < y.b }
        if x.c != y.c { return x.c < y.c }
        if x.d != y.d { return x.d < y.d }
        return x.count < y.count
    }
}

private extension UInt64 {
    @inline(__always)
    func rotated(_ n: UInt64) -> UInt64 { self << n | self >> (64 - n) }
}
