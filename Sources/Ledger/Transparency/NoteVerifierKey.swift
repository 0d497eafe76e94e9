import SystemCrypto

/// An Ed25519 note verifier key (C2SP signed-note, signature type 0x01):
/// the public half of a log's signing key, as witnesses and auditors are
/// configured with it. Its text form is `<name>+<key ID, 8 hex digits>+<base64
/// of 0x01 || the 32-byte public key>`. Promises: the key ID is always
/// SHA-256(name || 0x0A || 0x01 || public key)[:4]; `init(parsing:)` reads
/// back exactly what `description` writes and refuses a text whose key ID
/// does not match its name and key.
public struct NoteVerifierKey: Equatable, Sendable, CustomStringConvertible {
    public static let ed25519: UInt8 = 0x01

    public let name: String
    public let keyID: UInt32
    /// The 32-byte Ed25519 public key.
    let publicKey: [UInt8]

    init(name: String, publicKey: [UInt8]) throws(NoteError) {
        do { try NoteName.check(name) } catch { throw .malformedKey(error.description) }
        guard (try? Ed25519.checkPublicKey(publicKey)) != nil else {
            throw .malformedKey("the verifier key does not hold an Ed25519 public key")
        }
        self.name = name
        self.publicKey = publicKey
        keyID = NoteVerifierKey.keyID(name: name, publicKey: self.publicKey)
    }

    /// Reads `<name>+<hex key ID>+<base64(0x01 || key)>`.
    public init(parsing text: String) throws(NoteError) {
        let parts = text.trimmingWhitespace().split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("a verifier key is NAME+KEYID+KEY") }
        let material = try NoteVerifierKey.material(String(parts[2]), hexID: String(parts[1]))
        try self.init(name: String(parts[0]), publicKey: material)
        try NoteVerifierKey.checkID(String(parts[1]), keyID)
    }

    /// The key bytes after the type byte of a base64 key field (a verifier's or a signer's), checked.
    static func material(_ base64: String, hexID: String) throws(NoteError) -> [UInt8] {
        guard hexID.utf8.count == 8, Hex.decode(hexID) != nil else { throw .malformedKey("the key ID must be 8 hex digits") }
        guard let bytes = Base64.decode(base64), bytes.count == 33 else {
            throw .malformedKey("the key must be the base64 of 33 bytes (a type byte and an Ed25519 key)")
        }
        guard bytes[0] == ed25519 else { throw .malformedKey("only Ed25519 keys (type 0x01) are supported, not type \(bytes[0])") }
        return Array(bytes.dropFirst())
    }

    /// Refuses a written key ID that is not the one the name and key give.
    static func checkID(_ hexID: String, _ keyID: UInt32) throws(NoteError) {
        guard hexID.lowercased() == NoteVerifierKey.hex(keyID) else {
            throw .malformedKey("the key ID \(hexID) does not match the key's name and public key")
        }
    }

    /// SHA-256(name || 0x0A || 0x01 || key)[:4], big-endian.
    static func keyID(name: String, publicKey: [UInt8]) -> UInt32 {
        UInt32(truncatingIfNeeded: ChainHashing.sha256(Array(name.utf8) + [0x0a, ed25519] + publicKey).a >> 32)
    }

    static func hex(_ keyID: UInt32) -> String {
        Hex.encode((0..<4).map { UInt8(truncatingIfNeeded: keyID >> (24 - 8 * $0)) })
    }

    public var description: String {
        "\(name)+\(NoteVerifierKey.hex(keyID))+\(Base64.encode([NoteVerifierKey.ed25519] + publicKey))"
    }

    /// Whether `signature` is this key's Ed25519 signature of `text`.
    func isValidSignature(_ signature: [UInt8], of text: [UInt8]) -> Bool {
        Ed25519.isValidSignature(signature, of: text, publicKey: publicKey)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks (a key file's final newline).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
