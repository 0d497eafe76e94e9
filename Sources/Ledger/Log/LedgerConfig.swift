import Foundation

/// A ledger's configuration, fixed at `init` and kept in its `meta`
/// database: the office's case-id prefix, its districts, its time zone and
/// its retention period. Promises: every value is valid (checked at `init`).
public struct LedgerConfig: Codable, Equatable, Sendable {
    public var prefix: String
    public var districts: [String]
    public var timeZone: String
    /// Years after closing that `retention` proposes a case for erasure.
    public var retentionYears: Int

    public static let defaultRetentionYears = 10

    public init(prefix: String = "LG", districts: [String] = DefaultDistricts.luneburg,
                timeZone: String = LedgerTimeZone.defaultIdentifier, retentionYears: Int = defaultRetentionYears) {
        self.prefix = prefix
        self.districts = districts
        self.timeZone = timeZone
        self.retentionYears = retentionYears
    }

    enum CodingKeys: String, CodingKey {
        case prefix, districts, timeZone = "time_zone", retentionYears = "retention_years"
    }

    /// Checks the values an office chose at `init`.
    public func validate() throws(LedgerError) {
        guard CaseID(prefix + "-2000-000001") != nil else {
            throw .usage("prefix '\(prefix.prefix(20))' must be 1 to 10 capital letters or digits, starting with a letter")
        }
        guard !districts.isEmpty, Set(districts).count == districts.count else {
            throw .usage("districts must be a non-empty list without repeats")
        }
        for d in districts { try TextField.checkName(d, field: "district") }
        guard LedgerTimeZone(identifier: timeZone) != nil else { throw .usage("unknown time zone '\(timeZone)'") }
        guard (1...100).contains(retentionYears) else { throw .usage("retention must be 1 to 100 years") }
    }

    /// The zone named by `timeZone`.
    public func resolvedZone() throws(LedgerError) -> LedgerTimeZone {
        guard let zone = LedgerTimeZone(identifier: timeZone) else {
            throw .incompatible("the ledger's time zone '\(timeZone)' is unknown on this machine (install tzdata)")
        }
        return zone
    }
}
