/// An event as given to the ledger (by an import line or a command) before it
/// is appended: the envelope fields the ledger assigns may be missing; where
/// present they must equal what the ledger assigns. Promises: every field that
/// is present has already been checked for type, vocabulary and form.
public struct IncomingEvent: Equatable, Sendable {
    public var caseID: CaseID
    public var schema: Int
    public var occurredAt: Timestamp
    public var recordedAt: Timestamp?
    public var actor: String
    public var payload: Payload
    public var position: UInt64?
    public var version: UInt32?
    public var prev: ChainHash?
    public var hash: ChainHash?

    public init(caseID: CaseID, schema: Int? = nil, occurredAt: Timestamp, recordedAt: Timestamp? = nil, actor: String,
                payload: Payload, position: UInt64? = nil, version: UInt32? = nil, prev: ChainHash? = nil,
                hash: ChainHash? = nil) {
        self.caseID = caseID
        self.schema = schema ?? payload.type.currentSchema
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.actor = actor
        self.payload = payload
        self.position = position
        self.version = version
        self.prev = prev
        self.hash = hash
    }

    public var type: EventType { payload.type }
}

/// Limits and checks for free-text fields. Every limit counts characters
/// (what a caseworker sees) and bytes: a character may carry any number of
/// combining marks, so "a" with 60,000 accents is one character of 120 KB.
/// A text may hold `bytesPerCharacter` UTF-8 bytes per allowed character
/// (Docs/DECISIONS.md).
public enum TextField {
    /// UTF-8 bytes allowed per character of a limit: any single scalar (4 bytes at most), or a
    /// letter with a combining accent or two, fits; a pile of marks on one letter does not.
    public static let bytesPerCharacter = 4

    /// The byte limit that goes with a limit of `maxLength` characters.
    public static func maxBytes(_ maxLength: Int) -> Int { maxLength * bytesPerCharacter }

    /// Checks a free text: present, at most `maxLength` characters and
    /// `maxBytes(maxLength)` bytes, no control characters but line breaks and
    /// tabs (when `multiline`). For personal fields the message never repeats the value.
    public static func check(_ text: String, field: @autoclosure () -> String, maxLength: Int = 1000,
                             multiline: Bool = false, allowEmpty: Bool = false) throws(LedgerError) {
        let utf8 = text.utf8
        if utf8.count > maxBytes(maxLength) {
            throw .invalidInput("\(field()) is longer than \(maxBytes(maxLength)) bytes of UTF-8 (\(maxLength) characters of at most \(bytesPerCharacter) bytes each)")
        }
        // UTF-8 bytes decide most texts without walking Characters: a first byte
        // of visible ASCII is not white space, a text of at most `maxLength` bytes
        // has at most that many characters, and a scalar below 0x20 or DEL is
        // exactly such a byte (bytes of multi-byte scalars are all >= 0x80).
        if !allowEmpty {
            let first = utf8.first ?? 0
            if !(first > 0x20 && first < 0x7f) && text.allSatisfy({ $0.isWhitespace }) {
                throw .invalidInput("\(field()) is missing or empty")
            }
        }
        if utf8.count > maxLength && text.count > maxLength {
            throw .invalidInput("\(field()) is longer than \(maxLength) characters")
        }
        let control: Bool = utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b < 0x20 || b == 0x7f {
                if multiline && (b == 0x0A || b == 0x09 || b == 0x0D) { continue }
                return true
            }
            return false
        } ?? text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 || scalar.value == 0x7f) && !(multiline && (scalar == "\n" || scalar == "\t" || scalar == "\r"))
        }
        if control { throw .invalidInput("\(field()) contains a control character") }
        try refuseBidiControls(text, field: field())
    }

    /// A name of an account or caseworker: 1 to 64 characters (and `maxBytes(64)` bytes), no spaces or controls.
    public static func checkName(_ text: String, field: @autoclosure () -> String) throws(LedgerError) {
        let asciiVerdict: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.count <= 64 else { return nil }
            for b in bytes {
                if b >= 0x80 { return nil }
                if b <= 0x20 || b == 0x7f { return false }
            }
            return !bytes.isEmpty
        } ?? nil
        if let asciiVerdict {
            if asciiVerdict, isWellFormedName(text) { return }
        } else if !text.isEmpty, text.utf8.count <= maxBytes(64), text.count <= 64, isWellFormedName(text) {
            return
        }
        throw .invalidInput("\(field()) must be 1 to 64 characters (\(maxBytes(64)) bytes of UTF-8): a letter, then letters, digits, '.', '_' or '-' (got '\(text.unicodeScalars.prefix(64).map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? String($0) : "?" }.joined())')")
    }
}
