import Crypto
import LMDB

/// One write transaction's worth of appends: a single command or a whole
/// import. It checks each event's rules against the case's state as it
/// evolves inside the transaction, assigns the envelope (position, version,
/// prev, hash, recorded_at), seals personal fields, writes the event, the
/// case index and every projection, and at `finish` the head and counters.
/// The hash chain is the `ChainAppender`'s, the clock rule the `RecordedAtRule`'s,
/// the case keys and sealing the `CaseKeyring`'s.
/// Promises: either `finish` runs and the caller's transaction commits all of
/// it, or a thrown error aborts the transaction and nothing is written (a case
/// key stored for it is taken back, at the latest by the next writer: see
/// `PendingKeys`); after an error the session is not used again.
final class AppendSession {
    let store: LedgerStore
    let txn: WriteTransaction
    let config: LedgerConfig
    let zone: LedgerTimeZone
    let now: Int64

    /// The log's head and the hash chain this write extends.
    private var chain: ChainAppender
    /// Assigns recorded_at.
    private let clock: RecordedAtRule
    /// Finds and makes case keys and seals personal fields under them.
    private let keyring: CaseKeyring
    private var records: [CaseID: CaseRecord] = [:]
    private var dirtyFrom: [CaseID: Int] = [:]
    private var sequences: [String: Int] = [:]
    private var binary = ByteWriter(capacity: 512)
    private(set) var erasedCases: [CaseID] = []

    init(store: LedgerStore, txn: WriteTransaction, config: LedgerConfig, zone: LedgerTimeZone, vault: @escaping () throws -> Vault,
         knownKeys: SealingKeyCache? = nil, random: RandomSource, now: Int64) throws {
        self.store = store
        self.txn = txn
        self.config = config
        self.zone = zone
        self.now = now
        chain = ChainAppender(head: try store.head(txn))
        clock = RecordedAtRule(now: now)
        keyring = CaseKeyring(vault: vault, knownKeys: knownKeys, random: random)
    }

    /// The head of the log as it stands in this write.
    var head: LogHead { chain.head }

    /// The case's record as it stands in this transaction.
    func record(_ id: CaseID) throws -> CaseRecord? {
        if let cached = records[id] { return cached }
        let stored = try store.record(of: id, txn)
        if let stored { records[id] = stored }
        return stored
    }

    /// The id for a case opened at `occurredAt`: `PREFIX-YEAR-NEXT`.
    func nextCaseID(openedAt occurredAt: Timestamp) throws -> CaseID {
        let year = zone.date(of: occurredAt).components.year
        let prefix = Substring(config.prefix)
        let current = try sequence(prefix: prefix, year: year)
        var id = CaseID(prefix: config.prefix, year: year, sequence: current + 1)
        var n = current + 1
        while try record(id) != nil {
            n += 1
            id = CaseID(prefix: config.prefix, year: year, sequence: n)
        }
        return id
    }

    private func sequence(prefix: Substring, year: Int) throws -> Int {
        let key = "\(prefix)-\(year)"
        if let known = sequences[key] { return known }
        let stored = try store.sequence(txn, prefix: prefix, year: year)
        sequences[key] = stored
        return stored
    }

    /// Checks, seals, chains and writes one event. `presealed`: the payload an
    /// import's `PreSealer` sealed ahead (the rules still check the plain
    /// `incoming`); the key it made for an opening line becomes the new case's key.
    @discardableResult
    func append(_ incoming: IncomingEvent, expectVersion: UInt32? = nil, presealed: PresealedPayload? = nil) throws -> Event {
        let id = incoming.caseID
        let (decided, currentVersion, isNew, recordedAt) = try decide(incoming, expectVersion: expectVersion)
        let version = currentVersion + 1
        if let given = incoming.version, given != version {
            throw LedgerError.invalidInput("version \(given) differs from the one the ledger assigns (\(version)) for \(id)")
        }
        try chain.checkPlace(position: incoming.position, prev: incoming.prev)
        let payload = try keyring.seal(decided, of: id, opening: isNew, presealed: presealed)
        var event = Event(position: 0, caseID: id, version: version, schema: incoming.schema,
                          occurredAt: incoming.occurredAt, recordedAt: recordedAt, actor: incoming.actor,
                          payload: payload, prev: .zero, hash: .zero)
        try chain.append(&event, claimedHash: incoming.hash)
        binary.reset()
        try EventBinaryCodec.encode(event, into: &binary)
        try store.putEvent(binary.bytes, position: event.position, caseID: id, version: version, txn)
        try project(event)
        return event
    }

    /// The rules' verdict on the event against the case as it stands: the
    /// payload to append, the case's current version, whether it is new, and recorded_at.
    /// The record is only borrowed here, so that `project` then holds the
    /// one reference to it and updates its arrays in place instead of copying them.
    private func decide(_ incoming: IncomingEvent,
                        expectVersion: UInt32?) throws -> (Payload, UInt32, Bool, Timestamp) {
        let id = incoming.caseID
        let existing = try record(id)
        let currentVersion = existing?.state.version ?? 0
        if let expected = expectVersion, expected != currentVersion {
            throw LedgerError.conflict("\(id): the case is at version \(currentVersion), not \(expected) as expected; someone else changed it; look again and retry")
        }
        let recordedAt = try clock.assign(incoming.recordedAt, after: chain.head.recordedAt)
        var context = RuleContext(districts: config.districts, zone: zone, recordedAt: recordedAt)
        context.futureTolerance = 300
        return (try Rules.check(incoming, record: existing, context: context), currentVersion, existing == nil, recordedAt)
    }

    private func project(_ event: Event) throws {
        let id = event.caseID
        let from: Int
        switch event.payload {
        case .entryCorrected:
            let events = try store.events(of: id, txn, detail: .skippingPersonal)
            records[id] = CaseProjector.fold(events, zone: zone) ?? CaseRecord(caseID: id)
            from = 1
        default:
            from = AppendSession.apply(event, to: &records[id, default: CaseRecord(caseID: id)], zone: zone)
        }
        if case .caseOpened = event.payload {
            let (year, sequence) = id.yearAndSequence
            let prefix = id.prefix
            if try sequence > self.sequence(prefix: prefix, year: year) { sequences["\(prefix)-\(year)"] = sequence }
        }
        if case .caseErased = event.payload { erasedCases.append(id) }
        if let known = dirtyFrom[id], known <= from { return }
        dirtyFrom[id] = from
    }

    /// Applies the event in place; returns the first episode it changed (a
    /// conclusion or an accommodation may belong to an earlier episode than the
    /// current one), so that the episodes are written back from there.
    private static func apply(_ event: Event, to record: inout CaseRecord, zone: LedgerTimeZone) -> Int {
        let before = record.episodes
        CaseProjector.apply(event, to: &record, zone: zone)
        let changed = record.episodes.indices.first { $0 >= before.count || before[$0] != record.episodes[$0] }
        return (changed ?? record.episodes.count) + 1
    }

    /// Writes projections, head, checkpoints and counters; stores new case keys durably.
    func finish() throws {
        for (id, from) in dirtyFrom {
            guard let record = records[id] else { continue }
            try store.putRecord(record, episodesFrom: from, txn)
        }
        try store.putHead(chain.head, txn)
        try ProjectionCheckpoint(version: ProjectionCodec.version, position: chain.head.position).write(store, txn)
        for (key, value) in sequences {
            let parts = key.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[1]) else { continue }
            try store.putSequence(txn, prefix: parts[0], year: year, value)
        }
        for id in erasedCases { try txn.put(store.meta, key: StoreKeys.pendingErasure(id), value: []) }
        try keyring.storeNewKeys(pendingIn: store.directory)
    }

    /// The cases this write made a key for.
    var createdKeys: [CaseID] { keyring.createdKeys }

    /// The keys this session sealed with (read from the vault or new), for the ledger's cache once committed.
    var usedKeys: [CaseID: SymmetricKey] { keyring.usedKeys }
}
