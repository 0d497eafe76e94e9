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

/// Limits and checks for free-text fields.
public enum TextField {
    /// Checks a free text: present, at most `maxLength` characters, no control
    /// characters but line breaks and tabs (when `multiline`). For personal
    /// fields the message never repeats the value.
    public static func check(_ text: String, field: String, maxLength: Int = 1000, multiline: Bool = false,
                             allowEmpty: Bool = false) throws(LedgerError) {
        if !allowEmpty && text.allSatisfy({ $0.isWhitespace }) {
            throw .invalidInput("\(field) is missing or empty")
        }
        if text.count > maxLength {
            throw .invalidInput("\(field) is longer than \(maxLength) characters")
        }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7f {
            if multiline && (scalar == "\n" || scalar == "\t" || scalar == "\r") { continue }
            throw .invalidInput("\(field) contains a control character")
        }
    }

    /// A name of an account or caseworker: 1 to 64 characters, no spaces or controls.
    public static func checkName(_ text: String, field: String) throws(LedgerError) {
        guard !text.isEmpty, text.count <= 64,
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7f }) else {
            throw .invalidInput("\(field) must be 1 to 64 characters without spaces (got '\(text.prefix(64))')")
        }
    }
}
