/// Why a signed note, a note key or a checkpoint was refused, in words an
/// auditor understands. `LedgerError(_:)` gives each its exit code: a key
/// that cannot be read is a key problem (77), anything wrong with a note or
/// a checkpoint is data that does not match (65).
public enum NoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a signed note (C2SP signed-note): why.
    case malformedNote(String)
    /// A key in the signed-note formats could not be read: why.
    case malformedKey(String)
    /// A key name or origin that the signed-note format does not allow: why.
    case badName(String)
    /// No signature of the note is by a key the check trusts.
    case noTrustedSignature(names: [String], trusted: [String])
    /// A signature by a trusted key does not verify: the note was altered after signing.
    case badSignature(name: String)
    /// The note's text is not a checkpoint (C2SP tlog-checkpoint): why.
    case malformedCheckpoint(String)
    /// The checkpoint is of another log.
    case wrongOrigin(expected: String, found: String)

    public var description: String {
        switch self {
        case .malformedNote(let why): return "not a signed note: \(why)"
        case .malformedKey(let why): return "not a note key: \(why)"
        case .badName(let why): return why
        case .noTrustedSignature(let names, let trusted):
            let signers = names.isEmpty ? "nobody" : names.joined(separator: ", ")
            return "the note is signed by \(signers), but by no key trusted here (\(trusted.joined(separator: ", ")))"
        case .badSignature(let name):
            return "the signature of \(name) does not verify: the note was altered after it was signed"
        case .malformedCheckpoint(let why): return "not a checkpoint: \(why)"
        case .wrongOrigin(let expected, let found):
            return "the checkpoint is of the log '\(found)', not of this ledger ('\(expected)')"
        }
    }
}

extension LedgerError {
    /// The ledger error (and exit code) of a note error.
    public init(_ error: NoteError) {
        switch error {
        case .malformedKey: self = .key(error.description)
        case .badName: self = .usage(error.description)
        default: self = .invalidInput(error.description)
        }
    }
}
