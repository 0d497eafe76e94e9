import Crypto

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

    public static func seal(_ plaintext: [UInt8], key: SymmetricKey, aad: [UInt8], nonce: [UInt8]) throws(LedgerError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, nonce: try AES.GCM.Nonce(data: nonce), authenticating: aad)
            var out: [UInt8] = []
            out.reserveCapacity(nonce.count + plaintext.count + tagSize)
            out.append(contentsOf: nonce)
            out.append(contentsOf: box.ciphertext)
            out.append(contentsOf: box.tag)
            return out
        } catch {
            throw .corrupted("sealing failed: \(error)")
        }
    }

    /// Nil when the bytes do not open under this key (wrong key, wrong case or field, or altered bytes).
    public static func open(_ sealed: [UInt8], key: SymmetricKey, aad: [UInt8]) -> [UInt8]? {
        guard sealed.count >= overhead else { return nil }
        do {
            let nonce = try AES.GCM.Nonce(data: sealed[0..<nonceSize])
            let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: sealed[nonceSize..<(sealed.count - tagSize)],
                                            tag: sealed[(sealed.count - tagSize)...])
            return Array(try AES.GCM.open(box, using: key, authenticating: aad))
        } catch {
            return nil
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
