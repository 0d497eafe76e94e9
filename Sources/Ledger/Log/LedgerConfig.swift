import Foundation

/// Who may be named as the actor of a command or a reveal.
public enum ActorPolicy: String, Codable, Sendable, CaseIterable {
    /// Any well-formed name (`--actor`, `$LEDGER_ACTOR`, the login name): trials, migrations, shared terminals.
    case any
    /// Only the login name of the OS account running the command: nobody can act or reveal in another's name
    /// without that account (Docs/THREAT_MODEL.md).
    case login
}

/// A ledger's configuration, fixed at `init` and kept in its `meta`
/// database: the office's case-id prefix, its districts, its time zone, its
/// retention period and the origin its checkpoints name. Promises: every
/// value is valid (checked at `init`).
public struct LedgerConfig: Codable, Equatable, Sendable {
    public var prefix: String
    public var districts: [String]
    public var timeZone: String
    /// Years after closing that `retention` proposes a case for erasure.
    public var retentionYears: Int
    /// The log's name in its signed checkpoints and its signing key's name; nil: `ledger.example/PREFIX`
    /// (ledgers made before checkpoints existed have none stored).
    public var origin: String?
    /// Who may be named as actor: nil or `.any` (whatever `--actor` says, for trials and migrations),
    /// or `.login` (only the OS account's login name: the setting for production).
    public var actors: ActorPolicy?

    public static let defaultRetentionYears = 10

    public init(prefix: String = "LG", districts: [String] = DefaultDistricts.luneburg,
                timeZone: String = LedgerTimeZone.defaultIdentifier, retentionYears: Int = defaultRetentionYears,
                origin: String? = nil) {
        self.prefix = prefix
        self.districts = districts
        self.timeZone = timeZone
        self.retentionYears = retentionYears
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey {
        case prefix, districts, timeZone = "time_zone", retentionYears = "retention_years", origin, actors
    }

    /// The origin line of the ledger's checkpoints.
    public var checkpointOrigin: String { origin ?? "ledger.example/\(prefix)" }

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
        do {
            try NoteName.check(checkpointOrigin, what: "the origin")
        } catch {
            throw .usage("\(error.description) (it names the log in its checkpoints, e.g. ledger.example/\(prefix))")
        }
    }

    /// The JSON kept in `meta/config` (keys sorted; no `origin` key when none was chosen).
    func encoded() throws(LedgerError) -> [UInt8] {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return Array(try encoder.encode(self))
        } catch {
            throw .io("cannot encode the configuration: \(error)")
        }
    }

    /// The zone named by `timeZone`.
    public func resolvedZone() throws(LedgerError) -> LedgerTimeZone {
        guard let zone = LedgerTimeZone(identifier: timeZone) else {
            throw .incompatible("the ledger's time zone '\(timeZone)' is unknown on this machine (install tzdata)")
        }
        return zone
    }
}
