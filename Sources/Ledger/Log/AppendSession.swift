import Crypto
import LMDB

/// One write transaction's worth of appends: a single command or a whole
/// import. It checks each event's rules against the case's state as it
/// evolves inside the transaction, assigns the envelope (position, version,
/// prev, hash, recorded_at), seals personal fields, writes the event, the
/// case index and every projection, and at `finish` the head and counters.
/// Promises: either `finish` runs and the caller's transaction commits all of
/// it, or a thrown error aborts the transaction and nothing is written (a case
/// key stored for it is taken back, at the latest by the next writer: see
/// `PendingKeys`).
final class AppendSession {
    let store: LedgerStore
    let txn: WriteTransaction
    let config: LedgerConfig
    let zone: LedgerTimeZone
    let vault: () throws -> Vault
    /// Keys of cases the ledger sealed with in earlier committed writes.
    let knownKeys: SealingKeyCache?
    let random: RandomSource
    let now: Int64

    private(set) var head: LogHead
    private var records: [CaseID: CaseRecord] = [:]
    private var dirtyFrom: [CaseID: Int] = [:]
    private var newKeys: [CaseID: [UInt8]] = [:]
    private var keyCache: [CaseID: SymmetricKey] = [:]
    private var sequences: [String: Int] = [:]
    private var canonical = CanonicalJSONWriter(reservingCapacity: 1024)
    private var binary = ByteWriter(capacity: 512)
    private(set) var erasedCases: [CaseID] = []

    init(store: LedgerStore, txn: WriteTransaction, config: LedgerConfig, zone: LedgerTimeZone, vault: @escaping () throws -> Vault,
         knownKeys: SealingKeyCache? = nil, random: RandomSource, now: Int64) throws {
        self.knownKeys = knownKeys
        self.store = store
        self.txn = txn
        self.config = config
        self.zone = zone
        self.vault = vault
        self.random = random
        self.now = now
        head = try store.head(txn)
    }

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
        var (payload, currentVersion, isNew, recordedAt) = try decide(incoming, expectVersion: expectVersion)
        var nonces: NonceQueue? = nil
        if let presealed, incoming.type == .entryCorrected {
            nonces = NonceQueue(presealed.nonces)
        } else if let presealed {
            if let raw = presealed.openingKey {
                guard isNew, newKeys[id] == nil, keyCache[id] == nil else {
                    throw LedgerError.corrupted("\(id): a key was made ahead for a case that is not new")
                }
                newKeys[id] = raw
                keyCache[id] = SymmetricKey(data: raw)
            }
            payload = presealed.payload
        }
        let version = currentVersion + 1
        let position = head.position + 1
        if let given = incoming.version, given != version {
            throw LedgerError.invalidInput("version \(given) differs from the one the ledger assigns (\(version)) for \(id)")
        }
        if let given = incoming.position, given != position {
            throw LedgerError.invalidInput("position \(given) differs from the one the ledger assigns (\(position))")
        }
        if let given = incoming.prev, given != head.hash {
            throw LedgerError.invalidInput("prev differs from the hash of the ledger's last event (position \(head.position))")
        }
        payload = try seal(payload, caseID: id, opening: isNew, nonces: nonces)
        var event = Event(position: position, caseID: id, version: version, schema: incoming.schema,
                          occurredAt: incoming.occurredAt, recordedAt: recordedAt, actor: incoming.actor,
                          payload: payload, prev: head.hash, hash: .zero)
        canonical.reset()
        EventJSONWriter.write(event, includeHash: false, into: &canonical)
        event.hash = ChainHashing.sha256(canonical.bytes)
        if let given = incoming.hash, given != event.hash {
            throw LedgerError.invalidInput("hash differs from the canonical form's SHA-256 (the line was altered, or its fields differ from what the ledger assigns)")
        }
        binary.reset()
        try EventBinaryCodec.encode(event, into: &binary)
        try store.putEvent(binary.bytes, position: position, caseID: id, version: version, txn)
        try project(event)
        head = LogHead(position: position, hash: event.hash, recordedAt: recordedAt)
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
        let recordedAt = try assignRecordedAt(incoming.recordedAt)
        var context = RuleContext(districts: config.districts, zone: zone, recordedAt: recordedAt)
        context.futureTolerance = 300
        return (try Rules.check(incoming, record: existing, context: context), currentVersion, existing == nil, recordedAt)
    }

    private func assignRecordedAt(_ given: Timestamp?) throws -> Timestamp {
        guard let given else {
            let last = head.recordedAt?.epochSeconds ?? .min
            return Timestamp.utc(epochSeconds: max(now, last))
        }
        if given.epochSeconds > now {
            throw LedgerError.invalidInput("recorded_at \(given) lies in the future")
        }
        if let last = head.recordedAt, given.isBefore(last) {
            throw LedgerError.invalidInput("recorded_at \(given) goes back before the ledger's last recorded_at \(last)")
        }
        return given
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

    /// Seals every plain personal field of the payload under the case's key,
    /// taking nonces an import drew ahead first (see `PreSealer`).
    private func seal(_ payload: Payload, caseID: CaseID, opening: Bool, nonces: NonceQueue?) throws -> Payload {
        let sealer = FieldSealer(caseID: caseID) { () throws -> SymmetricKey in
            try self.key(for: caseID, opening: opening)
        } nonce: {
            nonces?.next() ?? self.random.bytes(SealedBox.nonceSize)
        }
        return try sealer.seal(payload)
    }

    private func key(for caseID: CaseID, opening: Bool) throws -> SymmetricKey {
        if let key = keyCache[caseID] { return key }
        if opening || newKeys[caseID] != nil {
            let raw = newKeys[caseID] ?? random.bytes(32)
            newKeys[caseID] = raw
            let key = SymmetricKey(data: raw)
            keyCache[caseID] = key
            return key
        }
        if let key = knownKeys?.key(for: caseID) {
            keyCache[caseID] = key
            return key
        }
        guard let key = try vault().keys(for: [caseID])[caseID] else {
            throw LedgerError.invalidInput("\(caseID): the case's key is not in this ledger's vault (erased, or imported sealed without its key), so new personal fields cannot be sealed")
        }
        keyCache[caseID] = key
        return key
    }

    /// Writes projections, head, checkpoints and counters; stores new case keys durably.
    func finish() throws {
        for (id, from) in dirtyFrom {
            guard let record = records[id] else { continue }
            try store.putRecord(record, episodesFrom: from, txn)
        }
        try store.putHead(head, txn)
        try ProjectionCheckpoint(version: ProjectionCodec.version, position: head.position).write(store, txn)
        for (key, value) in sequences {
            let parts = key.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[1]) else { continue }
            try store.putSequence(txn, prefix: parts[0], year: year, value)
        }
        for id in erasedCases { try txn.put(store.meta, key: StoreKeys.pendingErasure(id), value: []) }
        if !newKeys.isEmpty {
            try PendingKeys.mark(store.directory)
            try vault().store(newKeys)
        }
    }

    var createdKeys: [CaseID] { Array(newKeys.keys) }

    /// The keys this session sealed with (read from the vault or new), for the ledger's cache once committed.
    var usedKeys: [CaseID: SymmetricKey] { keyCache }
}
