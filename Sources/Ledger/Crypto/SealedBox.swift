import SystemCrypto

/// AES-256-GCM sealing of one personal field under a case key.
///
/// Byte layout (documented for auditors in Docs/SEALING.md):
/// `nonce (12 bytes) | ciphertext (as long as the plaintext) | tag (16 bytes)`,
/// where the plaintext is the RFC 8785 JSON text of the field's value and the
/// additional authenticated data is the UTF-8 text `<case id>/<field name>`
/// (for example `LG-2024-000001/person`), so a sealed field cannot be moved to
/// another case or field unnoticed. Promises: `open(seal(x))` == x; any
/// changed byte makes `open` fail.
public enum SealedBox {
    public static let nonceSize = 12
    public static let tagSize = 16
    public static let overhead = nonceSize + tagSize

    public static func seal(_ plaintext: [UInt8], key: AES256GCMKey, aad: [UInt8], nonce: [UInt8]) throws(LedgerError) -> [UInt8] {
        guard nonce.count == nonceSize else { throw .corrupted("sealing failed: a nonce is \(nonceSize) bytes, not \(nonce.count)") }
        var out: [UInt8] = []
        out.reserveCapacity(nonce.count + plaintext.count + tagSize)
        out.append(contentsOf: nonce)
        do {
            try plaintext.withUnsafeBytes { plain in
                try nonce.withUnsafeBytes { n in
                    try aad.withUnsafeBytes { a in try key.seal(plain, nonce: n, aad: a, appendingTo: &out) }
                }
            }
        } catch {
            throw .corrupted("sealing failed: \(error)")
        }
        return out
    }

    /// Nil when the bytes do not open under this key (wrong key, wrong case or field, or altered bytes).
    public static func open(_ sealed: [UInt8], key: AES256GCMKey, aad: [UInt8]) -> [UInt8]? {
        guard sealed.count >= overhead else { return nil }
        return sealed.withUnsafeBytes { raw in
            aad.withUnsafeBytes { a in
                key.open(UnsafeRawBufferPointer(rebasing: raw[nonceSize..<(raw.count - tagSize)]),
                         nonce: UnsafeRawBufferPointer(rebasing: raw[0..<nonceSize]),
                         tag: UnsafeRawBufferPointer(rebasing: raw[(raw.count - tagSize)...]), aad: a)
            }
        }
    }

    static func aad(_ caseID: CaseID, _ field: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(caseID.rawValue.utf8.count + 1 + field.utf8.count)
        out.append(contentsOf: caseID.rawValue.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: field.utf8)
        return out
    }
}
