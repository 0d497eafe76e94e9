import CCrypto

/// An Ed25519 private key (RFC 8032) made from its 32-byte seed. Signing is
/// deterministic: the same seed and message give the same 64 bytes as any
/// other implementation of RFC 8032 (its vectors pin it). Promises: the
/// seed is read back only through `seed()`; the key is never changed after
/// init, and each signature uses a context of its own, so one key may be
/// shared by threads.
public final class Ed25519PrivateKey: @unchecked Sendable {
    public static let seedSize = 32
    public static let signatureSize = 64

    private let key: OpaquePointer
    /// The 32-byte public key.
    public let publicKey: [UInt8]

    public init(seed: [UInt8]) throws(CryptoError) {
        guard seed.count == Ed25519PrivateKey.seedSize else {
            throw .wrongLength(what: "an Ed25519 seed", expected: Ed25519PrivateKey.seedSize, actual: seed.count)
        }
        guard let key = seed.withUnsafeBufferPointer({ EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count) }) else {
            throw CryptoError.library("load an Ed25519 key")
        }
        do {
            publicKey = try Ed25519PrivateKey.rawKey(key, EVP_PKEY_get_raw_public_key, "read an Ed25519 public key")
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    /// The 32-byte seed the key was made from.
    public func seed() throws(CryptoError) -> [UInt8] {
        try Ed25519PrivateKey.rawKey(key, EVP_PKEY_get_raw_private_key, "read an Ed25519 seed")
    }

    /// The 64-byte signature of `message`.
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.library("make an Ed25519 signing context") }
        defer { EVP_MD_CTX_free(context) }
        // Ed25519 hashes the message itself: no digest is named.
        try CryptoError.check(EVP_DigestSignInit(context, nil, nil, nil, key), "start an Ed25519 signature")
        var signature = [UInt8](repeating: 0, count: Ed25519PrivateKey.signatureSize)
        var length = signature.count
        let signed = signature.withUnsafeMutableBufferPointer { out in
            message.withUnsafeBufferPointer { EVP_DigestSign(context, out.baseAddress, &length, $0.baseAddress, $0.count) }
        }
        try CryptoError.check(signed, "make an Ed25519 signature")
        guard length == Ed25519PrivateKey.signatureSize else { throw CryptoError.library("make an Ed25519 signature") }
        return signature
    }

    private static func rawKey(_ key: OpaquePointer,
                               _ read: (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>?) -> Int32,
                               _ operation: String) throws(CryptoError) -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: 32)
        var length = raw.count
        let result = raw.withUnsafeMutableBufferPointer { read(key, $0.baseAddress, &length) }
        try CryptoError.check(result, operation)
        guard length == 32 else { throw CryptoError.library(operation) }
        return raw
    }
}

/// Ed25519 verification (RFC 8032) under a 32-byte public key.
public enum Ed25519 {
    public static let publicKeySize = 32

    /// Refuses bytes that cannot be an Ed25519 public key (their length).
    public static func checkPublicKey(_ publicKey: [UInt8]) throws(CryptoError) {
        guard publicKey.count == publicKeySize else {
            throw .wrongLength(what: "an Ed25519 public key", expected: publicKeySize, actual: publicKey.count)
        }
    }

    /// Whether `signature` is the signature of `message` under `publicKey`;
    /// false also when libcrypto cannot check it (a key that is no curve point).
    public static func isValidSignature(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard publicKey.count == publicKeySize, signature.count == Ed25519PrivateKey.signatureSize,
              let key = publicKey.withUnsafeBufferPointer({ EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count) }) else {
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else { return false }
        let verified = signature.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { EVP_DigestVerify(context, sig.baseAddress, sig.count, $0.baseAddress, $0.count) }
        }
        ERR_clear_error()
        return verified == 1
    }
}
