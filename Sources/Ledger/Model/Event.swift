/// One recorded event: its envelope and payload (DOMAIN.md "Events").
/// Promises: once appended, every field is fixed forever; `hash` covers the
/// canonical form of everything else, including `prev`.
public struct Event: Equatable, Sendable {
    public var position: UInt64
    public var caseID: CaseID
    public var version: UInt32
    public var schema: Int
    public var occurredAt: Timestamp
    public var recordedAt: Timestamp
    public var actor: String
    public var payload: Payload
    public var prev: ChainHash
    public var hash: ChainHash

    public init(position: UInt64, caseID: CaseID, version: UInt32, schema: Int, occurredAt: Timestamp,
                recordedAt: Timestamp, actor: String, payload: Payload, prev: ChainHash, hash: ChainHash) {
        self.position = position; self.caseID = caseID; self.version = version; self.schema = schema
        self.occurredAt = occurredAt; self.recordedAt = recordedAt; self.actor = actor
        self.payload = payload; self.prev = prev; self.hash = hash
    }

    public var type: EventType { payload.type }
}
