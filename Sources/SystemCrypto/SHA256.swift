import CCrypto

/// A SHA-256 digest held inline as four big-endian 64-bit words (no allocation).
public struct SHA256Digest: Hashable, Sendable {
    public static let byteCount = 32
    public var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(loading raw: UnsafeRawBufferPointer) {
        a = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        b = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        c = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        d = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// The 32 bytes in order.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(SHA256Digest.byteCount)
        for word in [a, b, c, d] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    /// Runs `body` on a 32-byte buffer that libcrypto fills, and reads the digest from it.
    static func filling(_ body: (UnsafeMutablePointer<UInt8>) throws(CryptoError) -> Void) throws(CryptoError) -> SHA256Digest {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount) { buffer throws(CryptoError) -> SHA256Digest in
            guard let base = buffer.baseAddress else { throw CryptoError.library("hash with SHA-256") }
            try body(base)
            return SHA256Digest(loading: UnsafeRawBufferPointer(buffer))
        }
    }
}

/// SHA-256 (FIPS 180-4) through libcrypto. An instance keeps one digest
/// context and starts it afresh for every hash, so hashing allocates
/// nothing; `SHA256Hasher.hash` is the one-shot form for callers without an
/// instance (one context made and freed per call). Promises: the digest of
/// the bytes given, or an error; an instance is for one thread at a time
/// (it is not `Sendable`).
public final class SHA256Hasher {
    private let context: OpaquePointer
    private let algorithm: OpaquePointer

    public init() throws(CryptoError) {
        algorithm = try Algorithm.sha256.get("hash with SHA-256")
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.library("make a SHA-256 context") }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// The digest of `bytes`.
    public func hash(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) -> SHA256Digest {
        try SHA256Digest.filling { out throws(CryptoError) in
            try CryptoError.check(EVP_DigestInit_ex2(context, algorithm, nil), "start a SHA-256 hash")
            try CryptoError.check(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count), "hash with SHA-256")
            try CryptoError.check(EVP_DigestFinal_ex(context, out, nil), "finish a SHA-256 hash")
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) throws(CryptoError) -> SHA256Digest {
        try bytes.withBytes { raw throws(CryptoError) in try hash(raw) }
    }

    /// The digest of `bytes`, without an instance.
    public static func hash(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) -> SHA256Digest {
        let algorithm = try Algorithm.sha256.get("hash with SHA-256")
        return try SHA256Digest.filling { out throws(CryptoError) in
            try CryptoError.check(EVP_Digest(bytes.baseAddress, bytes.count, out, nil, algorithm, nil), "hash with SHA-256")
        }
    }

    /// The digest of `bytes`, without an instance.
    public static func hash(_ bytes: [UInt8]) throws(CryptoError) -> SHA256Digest {
        try bytes.withBytes { raw throws(CryptoError) in try hash(raw) }
    }
}
