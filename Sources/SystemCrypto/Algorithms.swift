import CCrypto

/// The algorithms of libcrypto's default provider the wrappers use, fetched
/// once per process: an implicit fetch on every call (what `EVP_sha256()`
/// and friends cost under OpenSSL 3) takes a lock and a table lookup.
/// Fetched algorithms are immutable and reference-counted atomically, so one
/// is shared by all threads. Nil when the library lacks the algorithm.
struct Algorithm: @unchecked Sendable {
    let pointer: OpaquePointer?

    static let sha256 = Algorithm(pointer: EVP_MD_fetch(nil, "SHA256", nil))
    static let aes256GCM = Algorithm(pointer: EVP_CIPHER_fetch(nil, "AES-256-GCM", nil))
    static let hmac = Algorithm(pointer: EVP_MAC_fetch(nil, "HMAC", nil))

    /// The fetched algorithm, or the error naming what could not be done without it.
    func get(_ operation: String) throws(CryptoError) -> OpaquePointer {
        guard let pointer else { throw CryptoError.library(operation) }
        return pointer
    }
}
