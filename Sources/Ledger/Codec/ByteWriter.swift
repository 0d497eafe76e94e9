/// Appends the primitives of the ledger's binary formats to a byte buffer:
/// LEB128 varints (zig-zag for signed values), length-prefixed UTF-8 strings
/// and raw bytes. Promises: whatever it writes, `ByteReader` reads back.
public struct ByteWriter {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always)
    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    @inline(__always)
    public mutating func varint(_ v: UInt64) {
        // Most numbers written (codes, counts, versions) fit one byte: that case inline.
        if v < 0x80 {
            bytes.append(UInt8(v))
        } else {
            longVarint(v)
        }
    }

    private mutating func longVarint(_ v: UInt64) {
        var value = v
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func varint(_ v: Int) { varint(UInt64(v)) }

    public mutating func signed(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buffer in
            varint(UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    public mutating func blob(_ b: [UInt8]) {
        varint(UInt64(b.count))
        bytes.append(contentsOf: b)
    }

    public mutating func raw(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }

    public mutating func u64BE(_ v: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    public mutating func u32BE(_ v: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    public mutating func hash(_ h: ChainHash) { u64BE(h.a); u64BE(h.b); u64BE(h.c); u64BE(h.d) }

    public mutating func date(_ d: LocalDate) { signed(Int64(d.daysSinceEpoch)) }
}

/// Big-endian integer keys, so that LMDB's byte order is number order.
public enum KeyBytes {
    public static func u64(_ v: UInt64) -> [UInt8] {
        var w = ByteWriter(capacity: 8)
        w.u64BE(v)
        return w.bytes
    }

    public static func readU64(_ b: UnsafeRawBufferPointer) -> UInt64? {
        guard b.count == 8 else { return nil }
        var v: UInt64 = 0
        for byte in b { v = v << 8 | UInt64(byte) }
        return v
    }
}
