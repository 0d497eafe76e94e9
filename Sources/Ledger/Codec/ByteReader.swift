/// Reads the primitives `ByteWriter` writes, from bytes that stay valid for
/// the reader's life (an LMDB value inside its transaction). Promises: never
/// reads past the end; truncated or malformed input throws `CodecError`.
public struct ByteReader {
    let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    public init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        self.offset = 0
    }

    public var isAtEnd: Bool { offset >= base.count }

    /// Throws unless every byte was read: a stored value ends exactly where its decoding does, so bytes
    /// appended to it (which no hash covers) are damage, not padding. `what` names the value.
    public func expectEnd(_ what: @autoclosure () -> String) throws(CodecError) {
        guard offset == base.count else { throw .malformed("trailing bytes after \(what())") }
    }

    @inline(__always)
    public mutating func u8() throws(CodecError) -> UInt8 {
        guard offset < base.count else { throw .truncated }
        let v = base[offset]
        offset += 1
        return v
    }

    @inline(__always)
    public mutating func varint() throws(CodecError) -> UInt64 {
        // Most stored numbers (types, counts, versions, codes) fit one byte: that case inline.
        if offset < base.count, base[offset] & 0x80 == 0 {
            offset += 1
            return UInt64(base[offset - 1])
        }
        return try longVarint()
    }

    private mutating func longVarint() throws(CodecError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var i = offset
        let end = base.count
        while true {
            guard i < end else { throw .truncated }
            guard shift < 64 else { throw .malformed("varint too long") }
            let byte = base[i]
            i += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 {
                offset = i
                return result
            }
            shift += 7
        }
    }

    @inline(__always)
    public mutating func int() throws(CodecError) -> Int {
        let v = try varint()
        guard v <= UInt64(Int.max) else { throw .malformed("number too large") }
        return Int(v)
    }

    @inline(__always)
    public mutating func signed() throws(CodecError) -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    public mutating func bool() throws(CodecError) -> Bool { try u8() != 0 }

    @inline(__always)
    public mutating func bytes(_ count: Int) throws(CodecError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= base.count - offset else { throw .truncated }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
        offset += count
        return slice
    }

    public mutating func string() throws(CodecError) -> String {
        let raw = try bytes(try int())
        return String(decoding: raw, as: UTF8.self)
    }

    public mutating func blob() throws(CodecError) -> [UInt8] { Array(try bytes(try int())) }

    @inline(__always)
    public mutating func skipBlob() throws(CodecError) { _ = try bytes(try int()) }

    public mutating func u64BE() throws(CodecError) -> UInt64 {
        let raw = try bytes(8)
        var v: UInt64 = 0
        for byte in raw { v = v << 8 | UInt64(byte) }
        return v
    }

    public mutating func u32BE() throws(CodecError) -> UInt32 {
        guard base.count - offset >= 4 else { throw .truncated }
        let v = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        offset += 4
        return v
    }

    public mutating func hash() throws(CodecError) -> ChainHash {
        ChainHash(a: try u64BE(), b: try u64BE(), c: try u64BE(), d: try u64BE())
    }

    public mutating func date() throws(CodecError) -> LocalDate {
        let v = try signed()
        guard v >= Int64(Int32.min), v <= Int64(Int32.max) else { throw .malformed("date out of range") }
        return LocalDate(daysSinceEpoch: Int32(v))
    }
}

/// A stored record that cannot be decoded: the ledger's files are damaged or
/// were written by an incompatible build.
public enum CodecError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated
    case malformed(String)
    case unknownFormat(UInt8)

    public var description: String {
        switch self {
        case .truncated: return "a stored record ends early (damaged data)"
        case .malformed(let what): return "a stored record is malformed: \(what)"
        case .unknownFormat(let v): return "a stored record has format version \(v), which this build cannot read"
        }
    }
}
