/// What the rules need to know beyond the case: the ledger's configuration and the time.
public struct RuleContext: Sendable {
    public var districts: [String]
    public var zone: LedgerTimeZone
    /// recorded_at the event will carry.
    public var recordedAt: Timestamp
    /// How far occurred_at may lie after recorded_at (DOMAIN.md: 5 minutes).
    public var futureTolerance: Int64 = 300

    public init(districts: [String], zone: LedgerTimeZone, recordedAt: Timestamp) {
        self.districts = districts
        self.zone = zone
        self.recordedAt = recordedAt
    }
}
