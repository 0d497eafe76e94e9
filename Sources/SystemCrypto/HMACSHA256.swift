import CCrypto

/// An HMAC-SHA-256 key (RFC 2104) keyed once: the key is hashed into a
/// libcrypto MAC context when it is made, and that context is never changed
/// afterwards, only copied (`authenticator()`), so one key may be shared by
/// threads. Promises: the tags are RFC 2104's (RFC 4231's vectors pin them).
public final class HMACSHA256Key: @unchecked Sendable {
    // Never updated after init: only `EVP_MAC_CTX_dup` reads it.
    private let keyed: OpaquePointer

    /// A key from its bytes (any length but zero).
    public convenience init(bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        self.init(keyed: try HMACSHA256Key.keyedContext(bytes))
    }

    /// A key from its bytes (any length but zero).
    public convenience init(bytes: [UInt8]) throws(CryptoError) {
        let keyed = try bytes.withBytes { raw throws(CryptoError) in try HMACSHA256Key.keyedContext(raw) }
        self.init(keyed: keyed)
    }

    private init(keyed: OpaquePointer) { self.keyed = keyed }

    private static func keyedContext(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) -> OpaquePointer {
        guard bytes.count > 0 else { throw .wrongLength(what: "an HMAC key", expected: 32, actual: 0) }
        let mac = try Algorithm.hmac.get("key an HMAC-SHA-256")
        guard let context = EVP_MAC_CTX_new(mac) else { throw CryptoError.library("make an HMAC-SHA-256 context") }
        var name = Array("digest".utf8CString)
        var digest = Array("SHA256".utf8CString)
        let keyed = name.withUnsafeMutableBufferPointer { name in
            digest.withUnsafeMutableBufferPointer { digest in
                var params = [OSSL_PARAM_construct_utf8_string(name.baseAddress, digest.baseAddress, 0), OSSL_PARAM_construct_end()]
                return EVP_MAC_init(context, bytePointer(bytes), bytes.count, &params)
            }
        }
        guard keyed == 1 else {
            EVP_MAC_CTX_free(context)
            throw CryptoError.library("key an HMAC-SHA-256")
        }
        return context
    }

    deinit { EVP_MAC_CTX_free(keyed) }

    /// A fresh computation under this key, for one thread.
    public func authenticator() throws(CryptoError) -> HMACSHA256 {
        guard let copy = EVP_MAC_CTX_dup(keyed) else { throw CryptoError.library("copy an HMAC-SHA-256 context") }
        return HMACSHA256(context: copy)
    }
}

/// One thread's HMAC-SHA-256 computation under a key: feed it with `update`,
/// take the tag with `finalize`, which also starts it afresh under the same
/// key for the next tag. Not `Sendable`.
public final class HMACSHA256 {
    private let context: OpaquePointer

    init(context: OpaquePointer) { self.context = context }

    deinit { EVP_MAC_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        guard bytes.count > 0 else { return }
        try CryptoError.check(EVP_MAC_update(context, bytePointer(bytes), bytes.count), "compute an HMAC-SHA-256")
    }

    public func update(_ bytes: [UInt8]) throws(CryptoError) {
        try bytes.withBytes { raw throws(CryptoError) in try update(raw) }
    }

    /// Feeds the UTF-8 bytes of `text`.
    public func update(utf8 text: String) throws(CryptoError) {
        var text = text
        try text.withUTF8 { bytes in Result { () throws(CryptoError) in try update(UnsafeRawBufferPointer(bytes)) } }.get()
    }

    /// The tag of everything fed since the last `finalize`.
    public func finalize() throws(CryptoError) -> SHA256Digest {
        let tag = try SHA256Digest.filling { out throws(CryptoError) in
            var length = 0
            try CryptoError.check(EVP_MAC_final(context, out, &length, SHA256Digest.byteCount), "finish an HMAC-SHA-256")
            guard length == SHA256Digest.byteCount else { throw CryptoError.library("finish an HMAC-SHA-256") }
        }
        // Without a key, init starts again from the key already hashed in.
        try CryptoError.check(EVP_MAC_init(context, nil, 0, nil), "restart an HMAC-SHA-256")
        return tag
    }
}
