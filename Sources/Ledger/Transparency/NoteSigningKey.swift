import SystemCrypto

/// An Ed25519 note signer key (C2SP signed-note): the private key a ledger
/// signs its checkpoints with, named after their origin. Its text form, as
/// Go's `golang.org/x/mod/sumdb/note` writes it, is `PRIVATE+KEY+<name>+<key
/// ID>+<base64 of 0x01 || the 32-byte seed>`. Promises: the seed is never
/// printed (`description` shows the verifier key only); a signature is
/// RFC 8032's (deterministic), so the same key and text give the same note
/// as any other implementation.
public struct NoteSigningKey: CustomStringConvertible {
    static let prefix = "PRIVATE+KEY+"

    public let verifier: NoteVerifierKey
    private let privateKey: Ed25519PrivateKey
    /// Kept for the key file's text (`encoded`); wiped when the key goes.
    private let seed: SecretBytes

    /// A key named `name` from a 32-byte seed (from the ledger's `RandomSource`).
    init(name: String, seed: [UInt8]) throws(NoteError) {
        guard seed.count == 32, let key = try? Ed25519PrivateKey(seed: seed) else {
            throw .malformedKey("an Ed25519 seed is 32 bytes")
        }
        privateKey = key
        self.seed = SecretBytes(seed)
        verifier = try NoteVerifierKey(name: name, publicKey: key.publicKey)
    }

    /// Reads `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>`.
    init(parsing text: String) throws(NoteError) {
        let text = text.trimmingWhitespace()
        guard text.hasPrefix(NoteSigningKey.prefix) else { throw .malformedKey("a signing key begins with PRIVATE+KEY+") }
        let parts = text.dropFirst(NoteSigningKey.prefix.count).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("a signing key is PRIVATE+KEY+NAME+KEYID+KEY") }
        try self.init(name: String(parts[0]), seed: try NoteVerifierKey.material(String(parts[2]), hexID: String(parts[1])))
        try NoteVerifierKey.checkID(String(parts[1]), verifier.keyID)
    }

    public var name: String { verifier.name }

    /// The key file's text (secret: written only to a file of mode 0600).
    var encoded: String {
        "\(NoteSigningKey.prefix)\(name)+\(NoteVerifierKey.hex(verifier.keyID))+\(Base64.encode([NoteVerifierKey.ed25519] + seed.withUnsafeBytes { Array($0) }))"
    }

    /// The signature line's bytes for `text`: the key ID, then the Ed25519 signature.
    func sign(_ text: [UInt8]) throws(NoteError) -> NoteSignature {
        do {
            return NoteSignature(name: name, keyID: verifier.keyID, signature: try privateKey.signature(for: text))
        } catch {
            throw .malformedKey("Ed25519 signing failed: \(error)")
        }
    }

    public var description: String { "signing key of \(verifier)" }
}
