import SystemCrypto
import LMDB

/// One write transaction's worth of appends: a single command or a whole
/// import. It coordinates the parts of the write path, each with one job:
/// the rules decide each event against the case as it evolves inside the
/// transaction (`Rules.check`, with `recorded_at` from `RecordedAtRule`), the
/// `CaseKeyring` seals personal fields, the `ChainAppender` gives the event
/// its position, prev and hash and adds it to the log's Merkle tree, the
/// session encodes and writes it with the tree's completed nodes (its place in
/// the case index is its entry in the case's state), the `ProjectionUpdater` keeps the projections current
/// and the `NameIndexUpdater` the blind name index; `finish` writes
/// projections, name index entries, head and counters.
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
    /// Finds and makes case keys and seals personal fields under them.
    private let keyring: CaseKeyring
    /// The records of the cases this write touches, and the case-id counters.
    private let projections: ProjectionUpdater
    /// Keeps the blind name index current.
    private let names: NameIndexUpdater
    /// Assigns recorded_at.
    private let clock: RecordedAtRule
    /// The binary form of the event being written, reused from event to event.
    private var binary = ByteWriter(capacity: 512)
    /// The Merkle tree's nodes an event completed, reused from event to event.
    private var treeNodes = ByteWriter(capacity: 64 * 32)

    /// `nameIndexKey`: the blind index's key (from the vault); the default, none, lets only erasures reach the index.
    init(store: LedgerStore, txn: WriteTransaction, config: LedgerConfig, zone: LedgerTimeZone, vault: @escaping () throws -> Vault,
         knownKeys: SealingKeyCache? = nil, nameIndexKey: @escaping () throws -> NameIndexKey? = { nil },
         random: RandomSource, now: Int64) throws {
        self.store = store
        self.txn = txn
        self.config = config
        self.zone = zone
        self.now = now
        let head = try store.head(txn)
        try HeadCheck.matching(head, last: try HeadCheck.lastEvent(store, txn))
        try HeadCheck.notAhead(of: now, head)
        chain = ChainAppender(head: head, tree: try StoredMerkleTree.frontier(store, txn, size: head.position))
        keyring = CaseKeyring(vault: vault, knownKeys: knownKeys, random: random)
        projections = ProjectionUpdater(store: store, txn: txn, zone: zone)
        names = NameIndexUpdater(store: store, txn: txn, indexKey: nameIndexKey)
        clock = RecordedAtRule(now: now)
    }

    /// The head of the log as it stands in this write.
    var head: LogHead { chain.head }

    /// The case's record as it stands in this transaction.
    func record(_ id: CaseID) throws -> CaseRecord? {
        try projections.record(id)
    }

    /// The case's events as they stand in this transaction (those this write appended included).
    func events(of id: CaseID) throws -> [Event] {
        try projections.events(of: id)
    }

    /// The id for a case opened at `occurredAt`: `PREFIX-YEAR-NEXT`.
    func nextCaseID(openedAt occurredAt: Timestamp) throws -> CaseID {
        try projections.nextCaseID(prefix: config.prefix, year: zone.date(of: occurredAt).components.year)
    }

    /// Checks, seals, chains, writes and projects one event. `presealed`: the
    /// payload an import's `PreSealer` sealed ahead (the rules still check the
    /// plain `incoming`); the key it made for an opening line becomes the new case's key.
    @discardableResult
    func append(_ incoming: IncomingEvent, expectVersion: UInt32? = nil, presealed: PresealedPayload? = nil) throws -> Event {
        let decision = try decide(incoming, expectVersion: expectVersion)
        try chain.checkPlace(position: incoming.position, prev: incoming.prev)
        let payload = try keyring.seal(decision.payload, of: incoming.caseID, opening: decision.opensCase, presealed: presealed)
        var event = Event(position: 0, caseID: incoming.caseID, version: decision.version, schema: incoming.schema,
                          occurredAt: incoming.occurredAt, recordedAt: decision.recordedAt, actor: incoming.actor,
                          payload: payload, prev: .zero, hash: .zero)
        try chain.append(&event, claimedHash: incoming.hash)
        try write(event)
        try projections.apply(event)
        try names.note(decision.payload, of: event.caseID, tags: presealed?.nameTags)
        return event
    }

    /// What the rules decided for an incoming event.
    private struct Decision {
        /// The payload to append (a correction's replacement read as its target's type).
        var payload: Payload
        /// The version the event takes in its case.
        var version: UInt32
        /// Whether the event opens its case.
        var opensCase: Bool
        /// The event's recorded_at.
        var recordedAt: Timestamp
    }

    /// The rules' verdict on the event against the case as it stands. The
    /// record is only borrowed here, so that `projections` then holds the one
    /// reference to it and updates its arrays in place instead of copying them.
    private func decide(_ incoming: IncomingEvent, expectVersion: UInt32?) throws -> Decision {
        let id = incoming.caseID
        let existing = try projections.record(id)
        if existing == nil, incoming.type != .caseOpened { try store.refuseLostCase(id, txn) }
        let currentVersion = existing?.state.version ?? 0
        if let expected = expectVersion, expected != currentVersion {
            throw LedgerError.conflict("\(id): the case is at version \(currentVersion), not \(expected) as expected; someone else changed it; look again and retry")
        }
        let recordedAt = try clock.assign(incoming.recordedAt, after: chain.head.recordedAt)
        var context = RuleContext(districts: config.districts, zone: zone, recordedAt: recordedAt)
        context.futureTolerance = 300
        let payload = try Rules.check(incoming, record: existing, context: context)
        if existing?.state.isErased == true, case .entryCorrected(let c) = payload, c.action == .amend,
           let replacement = c.replacement?.payload,
           let standing = ErasedCaseAmendment.standing(c.target, in: try projections.events(of: id)) {
            try ErasedCaseAmendment.check(replacement, standing: standing, target: c.target, caseID: id)
        }
        let version = currentVersion + 1
        if let given = incoming.version, given != version {
            throw LedgerError.invalidInput("version \(given) differs from the one the ledger assigns (\(version)) for \(id)")
        }
        return Decision(payload: payload, version: version, opensCase: existing == nil, recordedAt: recordedAt)
    }

    /// Encodes the event and puts it and the tree nodes it completed.
    private func write(_ event: Event) throws {
        binary.reset()
        try EventBinaryCodec.encode(event, into: &binary)
        try store.putEvent(binary.bytes, position: event.position, txn)
        if let tree = chain.tree { try StoredMerkleTree.putCompleted(tree, store, txn, buffer: &treeNodes) }
    }

    /// Writes projections, name index entries, checkpoint, counters and head; stores new case keys durably.
    func finish() throws {
        try projections.finish(through: chain.head.position)
        try names.finish(isErased: { try projections.record($0)?.state.isErased ?? false },
                         keys: { try keyring.keysAtHand(for: $0) })
        try store.putHead(chain.head, txn)
        try keyring.storeNewKeys(pendingIn: store.directory)
    }

    /// The cases this write made a key for.
    var createdKeys: [CaseID] { keyring.createdKeys }

    /// The cases erased in this write.
    var erasedCases: [CaseID] { projections.erasedCases }

    /// The keys this session sealed with (read from the vault or new), for the ledger's cache once committed.
    var usedKeys: [CaseID: AES256GCMKey] { keyring.usedKeys }
}
