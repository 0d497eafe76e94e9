import Crypto

/// SHA-256 into a `ChainHash`.
enum ChainHashing {
    static func sha256(_ bytes: [UInt8]) -> ChainHash {
        let digest = SHA256.hash(data: bytes)
        return digest.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            return (try? r.hash()) ?? .zero
        }
    }
}
