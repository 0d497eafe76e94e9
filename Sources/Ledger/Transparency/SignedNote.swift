/// One signature line of a signed note: `— <name> <base64(key ID || signature)>`.
public struct NoteSignature: Equatable, Sendable {
    public var name: String
    public var keyID: UInt32
    public var signature: [UInt8]

    /// The line without its newline.
    var line: String {
        let id = (0..<4).map { UInt8(truncatingIfNeeded: keyID >> (24 - 8 * $0)) }
        return "\u{2014} \(name) \(Base64.encode(id + signature))"
    }
}

/// A signed note (C2SP signed-note): a text ending in a newline, a blank
/// line, and one or more signature lines. Promises: `init(parsing:)` accepts
/// exactly the notes the format allows (UTF-8, no control character but the
/// newline, the text split from the signatures at the last blank line, at
/// most 100 signatures) and `encoded` writes them back byte for byte;
/// `verify` accepts a note only when a trusted key's signature verifies and
/// no trusted key's signature fails, ignoring signatures of other keys (a
/// witness's cosignature, a former key's).
public struct SignedNote: Equatable, Sendable {
    public static let maxSignatures = 100

    /// The signed text, with its final newline.
    public var text: String
    public var signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    public init(parsing note: String) throws(NoteError) {
        let bytes = Array(note.utf8)
        guard bytes.allSatisfy({ $0 >= 0x20 || $0 == 0x0a }) else {
            throw .malformedNote("it holds a control character other than the newline")
        }
        guard let split = SignedNote.lastBlankLine(bytes) else {
            throw .malformedNote("no blank line separates the text from the signatures")
        }
        text = String(decoding: bytes[..<(split + 1)], as: UTF8.self)
        let block = bytes[(split + 2)...]
        guard block.last == 0x0a else { throw .malformedNote("the last signature line does not end with a newline") }
        let lines = block.dropLast().split(separator: 0x0a, omittingEmptySubsequences: false)
        guard lines.count <= SignedNote.maxSignatures else { throw .malformedNote("more than \(SignedNote.maxSignatures) signatures") }
        signatures = try lines.map { line throws(NoteError) in try SignedNote.signature(String(decoding: line, as: UTF8.self)) }
    }

    /// The offset of the newline ending the text: the one before the last "\n\n".
    private static func lastBlankLine(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for i in stride(from: bytes.count - 2, through: 0, by: -1) where bytes[i] == 0x0a && bytes[i + 1] == 0x0a { return i }
        return nil
    }

    private static func signature(_ line: String) throws(NoteError) -> NoteSignature {
        let dash = "\u{2014} "
        guard line.hasPrefix(dash) else { throw .malformedNote("a signature line must begin with an em dash and a space") }
        let parts = line.dropFirst(dash.count).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformedNote("a signature line is '\u{2014} NAME SIGNATURE'") }
        do { try NoteName.check(String(parts[0]), what: "a signer's name") } catch { throw .malformedNote(error.description) }
        guard let bytes = Base64.decode(String(parts[1])), bytes.count > 4 else {
            throw .malformedNote("the signature of \(parts[0]) is not base64 of a key ID and a signature")
        }
        let keyID = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(name: String(parts[0]), keyID: keyID, signature: Array(bytes.dropFirst(4)))
    }

    /// A note of `text` (ending in a newline, no blank line at its end) signed by `key`.
    static func sign(_ text: String, with key: NoteSigningKey) throws(NoteError) -> SignedNote {
        guard text.hasSuffix("\n"), !text.hasSuffix("\n\n"), text.utf8.allSatisfy({ $0 >= 0x20 || $0 == 0x0a }) else {
            throw .malformedNote("a note's text ends in one newline and holds no control character")
        }
        return SignedNote(text: text, signatures: [try key.sign(Array(text.utf8))])
    }

    /// The note as text: the text, a blank line, a line per signature.
    public var encoded: String {
        text + "\n" + signatures.map { $0.line + "\n" }.joined()
    }

    /// The trusted keys whose signatures verify. Throws `.badSignature` if a trusted key's signature
    /// fails (the text was altered), `.noTrustedSignature` if no trusted key signed it.
    @discardableResult
    public func verify(trusting keys: [NoteVerifierKey]) throws(NoteError) -> [NoteVerifierKey] {
        let message = Array(text.utf8)
        var verified: [NoteVerifierKey] = []
        for signature in signatures {
            guard let key = keys.first(where: { $0.name == signature.name && $0.keyID == signature.keyID }) else { continue }
            guard key.isValidSignature(signature.signature, of: message) else { throw .badSignature(name: signature.name) }
            if !verified.contains(key) { verified.append(key) }
        }
        guard !verified.isEmpty else {
            throw .noTrustedSignature(names: signatures.map { "\($0.name)+\(NoteVerifierKey.hex($0.keyID))" },
                                      trusted: keys.map { "\($0.name)+\(NoteVerifierKey.hex($0.keyID))" })
        }
        return verified
    }
}
