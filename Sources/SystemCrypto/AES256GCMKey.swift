import CCrypto

/// An AES-256 key for GCM (NIST SP 800-38D) with 12-byte nonces and 16-byte
/// tags, set into one libcrypto cipher context once: sealing and opening
/// only give that context a new nonce, so the key is expanded once per key,
/// not once per call. The key's bytes are held nowhere else; libcrypto
/// wipes the context when the key is freed.
///
/// Promises: `seal` gives `ciphertext (as long as the plain text) | tag`;
/// `open` gives back the plain text only when the tag authenticates the
/// ciphertext and the additional data under this key and nonce, else nil.
/// An instance is for one thread at a time (it is not `Sendable`): make one
/// per thread from the key's bytes.
public final class AES256GCMKey {
    public static let keySize = 32
    public static let nonceSize = 12
    public static let tagSize = 16

    private let context: OpaquePointer

    /// A key from its 32 bytes.
    public convenience init(bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        self.init(context: try AES256GCMKey.keyedContext(bytes))
    }

    /// A key from its 32 bytes.
    public convenience init(bytes: [UInt8]) throws(CryptoError) {
        let context = try bytes.withBytes { raw throws(CryptoError) in try AES256GCMKey.keyedContext(raw) }
        self.init(context: context)
    }

    private init(context: OpaquePointer) { self.context = context }

    /// A new cipher context with the key set (expanded once), for encryption until told otherwise.
    private static func keyedContext(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) -> OpaquePointer {
        guard bytes.count == keySize, let key = bytePointer(bytes) else {
            throw .wrongLength(what: "an AES-256 key", expected: keySize, actual: bytes.count)
        }
        let cipher = try Algorithm.aes256GCM.get("set an AES-256-GCM key")
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.library("make an AES-256-GCM context") }
        guard EVP_EncryptInit_ex2(context, cipher, key, nil, nil) == 1 else {
            EVP_CIPHER_CTX_free(context)
            throw CryptoError.library("set an AES-256-GCM key")
        }
        return context
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// Appends `ciphertext | tag` of `plaintext` to `out`, authenticating `aad` too.
    public func seal(_ plaintext: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
                     appendingTo out: inout [UInt8]) throws(CryptoError) {
        try checkNonce(nonce)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: plaintext.count + AES256GCMKey.tagSize))
        try out.withMutableBytes { raw throws(CryptoError) in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw CryptoError.library("seal with AES-256-GCM") }
            let cipherOut = base + start
            try CryptoError.check(EVP_EncryptInit_ex2(context, nil, nil, bytePointer(nonce), nil), "set an AES-256-GCM nonce")
            var written: Int32 = 0
            if aad.count > 0 {
                try CryptoError.check(EVP_EncryptUpdate(context, nil, &written, bytePointer(aad), try length(aad)), "seal with AES-256-GCM")
            }
            var total = 0
            if plaintext.count > 0 {
                try CryptoError.check(EVP_EncryptUpdate(context, cipherOut, &written, bytePointer(plaintext), try length(plaintext)), "seal with AES-256-GCM")
                total = Int(written)
            }
            try CryptoError.check(EVP_EncryptFinal_ex(context, cipherOut + total, &written), "seal with AES-256-GCM")
            total += Int(written)
            guard total == plaintext.count else { throw CryptoError.library("seal with AES-256-GCM") }
            try CryptoError.check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(AES256GCMKey.tagSize), cipherOut + total),
                                  "read an AES-256-GCM tag")
        }
    }

    /// The plain text of `ciphertext` under `nonce` and `tag`, authenticating
    /// `aad` too; nil when they do not authenticate (wrong key, nonce, data or tag).
    public func open(_ ciphertext: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer,
                     aad: UnsafeRawBufferPointer) -> [UInt8]? {
        guard nonce.count == AES256GCMKey.nonceSize, tag.count == AES256GCMKey.tagSize,
              ciphertext.count < Int(Int32.max), aad.count < Int(Int32.max) else { return nil }
        // One byte more than needed, so that even an empty text has an address to write to.
        var plain = [UInt8](repeating: 0, count: ciphertext.count + 1)
        let opened = plain.withUnsafeMutableBufferPointer { out -> Bool in
            guard let plainOut = out.baseAddress else { return false }
            guard EVP_DecryptInit_ex2(context, nil, nil, bytePointer(nonce), nil) == 1 else { return false }
            var written: Int32 = 0
            if aad.count > 0 {
                guard EVP_DecryptUpdate(context, nil, &written, bytePointer(aad), Int32(aad.count)) == 1 else { return false }
            }
            var total = 0
            if ciphertext.count > 0 {
                guard EVP_DecryptUpdate(context, plainOut, &written, bytePointer(ciphertext), Int32(ciphertext.count)) == 1 else { return false }
                total = Int(written)
            }
            var tagCopy = (UInt64(0), UInt64(0))
            let tagSet = withUnsafeMutableBytes(of: &tagCopy) { tagBuffer -> Int32 in
                tagBuffer.copyMemory(from: tag)
                return EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(AES256GCMKey.tagSize), tagBuffer.baseAddress)
            }
            guard tagSet == 1 else { return false }
            guard EVP_DecryptFinal_ex(context, plainOut + total, &written) == 1 else { return false }
            return total + Int(written) == ciphertext.count
        }
        guard opened else {
            plain.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            // A failed authentication may queue a reason on this thread; it is
            // no failure of the library, so it must not show in a later error.
            ERR_clear_error()
            return nil
        }
        plain.removeLast()
        return plain
    }

    private func checkNonce(_ nonce: UnsafeRawBufferPointer) throws(CryptoError) {
        guard nonce.count == AES256GCMKey.nonceSize else {
            throw .wrongLength(what: "an AES-GCM nonce", expected: AES256GCMKey.nonceSize, actual: nonce.count)
        }
    }

    private func length(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) -> Int32 {
        guard bytes.count < Int(Int32.max) else { throw .wrongLength(what: "one sealed value", expected: Int(Int32.max - 1), actual: bytes.count) }
        return Int32(bytes.count)
    }
}

/// The bytes of a raw buffer as libcrypto's `unsigned char *` (nil for an empty buffer).
func bytePointer(_ bytes: UnsafeRawBufferPointer) -> UnsafePointer<UInt8>? {
    bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
}
