import SystemCrypto

/// SHA-256 into a `ChainHash`, for the chain, the Merkle tree and the access
/// log: libcrypto's one-shot digest (no Swift object per hash). Promises:
/// the SHA-256 of the bytes. A hash libcrypto cannot compute (it can fail
/// only when memory runs out or the library lacks SHA-256) stops the
/// process: no hash is ever made up.
enum ChainHashing {
    static func sha256(_ bytes: [UInt8]) -> ChainHash {
        bytes.withUnsafeBytes { sha256($0) }
    }

    static func sha256(_ bytes: UnsafeRawBufferPointer) -> ChainHash {
        do {
            return ChainHash(digest: try SHA256Hasher.hash(bytes))
        } catch {
            fatalError("\(error)")
        }
    }
}

extension ChainHash {
    /// From a SHA-256 digest.
    init(digest: SHA256Digest) {
        self.init(a: digest.a, b: digest.b, c: digest.c, d: digest.d)
    }
}
